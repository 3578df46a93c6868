extension String {
    /// Whether the string sorts before `other` compared as UTF-8 bytes (`0001U` < `00100` <
    /// `G9328`), the order of every list PolicySite writes: the same answer as
    /// `utf8.lexicographicallyPrecedes`, compared over each string's bytes in place, where the
    /// UTF-8 view walks them index by index (ten times the instructions for a code; sorting the
    /// guidance pages or a release's codes is thousands of comparisons).
    @inlinable
    public func precedesBytewise(_ other: String) -> Bool {
        var first = self, second = other
        return first.withUTF8 { left in
            second.withUTF8 { right in
                for index in 0..<Swift.min(left.count, right.count) where left[index] != right[index] {
                    return left[index] < right[index]
                }
                return left.count < right.count
            }
        }
    }
}
