import Testing
import PolicySiteCore

@Suite struct SortKeepingLastTests {
    /// Bytewise order (`Z` before `a`, `10` before `9`), and of equal keys the later element.
    @Test func sortsBytewiseAndKeepsTheLastOfEachKey() {
        var entries = [("b", 1), ("a", 1), ("Z", 1), ("b", 2), ("9", 1), ("10", 1), ("a", 2), ("b", 3)]
        entries.sortKeepingLastOfEachKey(\.0)
        #expect(entries.map { "\($0.0)\($0.1)" } == ["101", "91", "Z1", "a2", "b3"])
        var empty: [(String, Int)] = []
        empty.sortKeepingLastOfEachKey(\.0)
        #expect(empty.isEmpty)
    }
}
