import PolicySiteCore
import Testing

@Suite struct BytewiseOrderTests {
    /// The order of UTF-8 bytes: `Z` before `a`, `10` before `9`, a prefix first, `z` before
    /// `é` (0xC3), and `é` written as NFD (`e` + U+0301) before NFC `é`: bytes, not characters.
    @Test func ordersByUTF8Bytes() {
        let sorted = ["b", "a", "Z", "", "10", "9", "ab", "é", "e\u{301}", "z", "codes/G9328/index.html", "codes/G9328/index.json", "codes/G932/index.html"]
            .sorted { $0.utf8Precedes($1) }
        #expect(sorted == ["", "10", "9", "Z", "a", "ab", "b", "codes/G932/index.html", "codes/G9328/index.html", "codes/G9328/index.json", "e\u{301}", "z", "é"])
        #expect(!"a".utf8Precedes("a"))
        #expect("a".utf8Precedes("a\u{0}"))
        #expect(!"a\u{0}".utf8Precedes("a"))
    }

    /// The same answer as the UTF-8 views' comparison for every pair of a mixed list, small
    /// (inline) and long (allocated) texts alike.
    @Test func agreesWithTheUTF8ViewsComparison() {
        let texts = ["", "a", "b", "aa", "ä", "é", "e\u{301}", "🎉", "\u{7F}", "\u{80}", String(repeating: "x", count: 40), String(repeating: "x", count: 40) + "y", "codes/A0001/index.html"]
        var pairs = 0
        for a in texts {
            for b in texts {
                #expect(a.utf8Precedes(b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) \(b)")
                pairs += 1
            }
        }
        #expect(pairs == 169)
    }
}
