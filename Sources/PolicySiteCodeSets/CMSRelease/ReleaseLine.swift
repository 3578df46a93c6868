#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicySiteCore

/// One line of a release file as bytes, without its line end, read by 1-based column as the
/// record layout numbers them. Columns past the end of a cut-short line read as blanks, so a
/// 91-column continuation line (2017 file) or a 316-column record (2019 file) is not an error.
///
/// Only valid inside the `withUnsafeBufferPointer` call that made it; never stored.
struct ReleaseLine {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    let bytes: UnsafeBufferPointer<UInt8>
    /// 1-based line number in the file.
    let number: Int

    /// The byte in `column` (1-based); a blank past the end of the line.
    subscript(column: Int) -> UInt8 {
        column <= bytes.count ? bytes[column - 1] : ReleaseLine.space
    }

    /// The bytes of `columns` with blanks and tabs trimmed at both ends; empty for a blank field
    /// or one past the end of the line.
    func trimmed(_ columns: ClosedRange<Int>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var lower = min(columns.lowerBound - 1, bytes.count)
        var upper = min(columns.upperBound, bytes.count)
        while lower < upper, ReleaseLine.isBlank(bytes[lower]) { lower += 1 }
        while upper > lower, ReleaseLine.isBlank(bytes[upper - 1]) { upper -= 1 }
        return bytes[lower..<upper]
    }

    /// The text of `columns`, trimmed; `""` for a blank field.
    func text(_ columns: ClosedRange<Int>) -> String {
        ReleaseLine.latin1(trimmed(columns))
    }

    /// The text of `columns`, trimmed; nil for a blank field.
    func optionalText(_ columns: ClosedRange<Int>) -> String? {
        let field = trimmed(columns)
        return field.isEmpty ? nil : ReleaseLine.latin1(field)
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// Decodes bytes as ISO-8859-1 (Latin-1): each byte is the Unicode scalar of the same number,
    /// so decoding never fails. CMS files are ASCII but for the odd no-break space (0xA0).
    static func latin1(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        if isASCII(bytes) {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return String(scalars)
    }

    /// Whether every byte is under 0x80, eight bytes at a time (`ByteLanes`): a descriptor is up
    /// to eighty bytes, tested one by one for every field of every record.
    static func isASCII(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let base = bytes.base.baseAddress else { return true }
        let start = UnsafeRawPointer(base + bytes.startIndex)
        let count = bytes.count
        var offset = 0
        while offset + 8 <= count {
            if start.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & ByteLanes.highs != 0 { return false }
            offset += 8
        }
        while offset < count {
            if start.load(fromByteOffset: offset, as: UInt8.self) >= 0x80 { return false }
            offset += 1
        }
        return true
    }

    /// Where the line that starts at `start` ends: the offset of its line feed, or the end of
    /// `bytes`. Found by `memchr`: a release is megabytes of 320-column lines, and testing every
    /// byte in turn was a fifth of reading one.
    static func end(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count,
              let found = memchr(base + start, 0x0A, bytes.count - start) else { return bytes.count }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
}
