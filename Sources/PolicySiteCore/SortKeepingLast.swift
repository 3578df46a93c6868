extension Array {
    /// Sorts bytewise by `key` and keeps, of the elements that share a key, the one that came
    /// last: the rule of lists where a later entry replaces an earlier one (a file written
    /// twice, a code given by the release and again by the team's data). The sort is stable,
    /// so "last" is the order the elements were in.
    ///
    /// Inlinable so that callers in other modules get it specialized for their element type.
    @inlinable
    public mutating func sortKeepingLastOfEachKey(_ key: (Element) -> String) {
        // `utf8Precedes`: one `memcmp` a comparison (the list of every file a build wrote is
        // sorted this way at its last step, 200,000 paths at 100,000 pages).
        sort { key($0).utf8Precedes(key($1)) }
        var kept = 0
        for index in indices {
            if kept > 0, key(self[kept - 1]) == key(self[index]) {
                self[kept - 1] = self[index]
            } else {
                swapAt(kept, index)
                kept += 1
            }
        }
        removeLast(count - kept)
    }
}
