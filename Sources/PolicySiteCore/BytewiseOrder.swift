#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether this text sorts before `other` compared as UTF-8 bytes (`0001U` < `00100` <
    /// `G9328`), as `utf8.lexicographicallyPrecedes` has it: the site's one order for codes and
    /// paths. Native and small strings are compared in place with `memcmp`; the generic
    /// `lexicographicallyPrecedes` walked both views a byte at a time through their indices
    /// (about 275 instructions for two five-byte codes).
    @inlinable
    public func precedesBytewise(_ other: String) -> Bool {
        let ordered: Bool?? = utf8.withContiguousStorageIfAvailable { (a: UnsafeBufferPointer<UInt8>) -> Bool? in
            other.utf8.withContiguousStorageIfAvailable { (b: UnsafeBufferPointer<UInt8>) -> Bool in
                let common = Swift.min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
        if let ordered, let ordered { return ordered }
        return utf8.lexicographicallyPrecedes(other.utf8)
    }

    /// Whether the two texts have the same UTF-8 bytes (for texts in one normalization, as
    /// codes and paths are, the same as `==`, without its Unicode fallback).
    @inlinable
    public func equalsBytewise(_ other: String) -> Bool {
        let equal: Bool?? = utf8.withContiguousStorageIfAvailable { (a: UnsafeBufferPointer<UInt8>) -> Bool? in
            other.utf8.withContiguousStorageIfAvailable { (b: UnsafeBufferPointer<UInt8>) -> Bool in
                a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
            }
        }
        if let equal, let equal { return equal }
        return utf8.elementsEqual(other.utf8)
    }
}

extension RandomAccessCollection where Index == Int {
    /// The first position whose key does not sort before `key` (bytewise, `precedesBytewise`)
    /// in a collection sorted by that key: where `key` is, or would be inserted. The one
    /// binary search for the site's sorted lists of pages, codes and records.
    @inlinable
    public func firstIndex(notBefore key: String, by keyOf: (Element) -> String) -> Int {
        var lower = startIndex, upper = endIndex
        while lower < upper {
            let middle = lower + (upper - lower) / 2
            if keyOf(self[middle]).precedesBytewise(key) { lower = middle + 1 } else { upper = middle }
        }
        return lower
    }
}
