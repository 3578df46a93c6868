extension String {
    /// Whether the string sorts before `other` compared as UTF-8 bytes (`0001U` < `00100` <
    /// `G9328`), the order of every list PolicySite writes: the same answer as
    /// `utf8.lexicographicallyPrecedes`, compared over each string's bytes in place, where the
    /// UTF-8 view walks them index by index (ten times the instructions for a code; sorting the
    /// guidance pages or a release's codes is thousands of comparisons).
    @inlinable
    public func precedesBytewise(_ other: String) -> Bool {
        // Read in place, without copies of the two strings (a retain and a release each).
        let answer = utf8.withContiguousStorageIfAvailable { left in
            other.utf8.withContiguousStorageIfAvailable { right in
                for index in 0..<Swift.min(left.count, right.count) where left[index] != right[index] {
                    return left[index] < right[index]
                }
                return left.count < right.count
            }
        }
        if let answer, let answer { return answer }
        // A string bridged from elsewhere, with no contiguous UTF-8 of its own.
        return utf8.lexicographicallyPrecedes(other.utf8)
    }
}
