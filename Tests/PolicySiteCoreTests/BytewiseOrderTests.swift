import Testing
@testable import PolicySiteCore

/// Codes and paths compared as UTF-8 bytes, in place.
@Suite struct BytewiseOrderTests {
    @Test func precedesAsTheUTF8BytesDo() {
        let codes = ["G9328", "0450", "00100", "0001U", "G932", "", "codes/G9328/index.html", "m\u{E9}dico", "medico"]
        for a in codes {
            for b in codes {
                #expect(a.precedesBytewise(b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) < \(b)")
                #expect(a.equalsBytewise(b) == (a == b), "\(a) == \(b)")
            }
        }
        #expect("0001U".precedesBytewise("00100"))
        #expect("G932".precedesBytewise("G9328"))
        #expect(!"G9328".precedesBytewise("G9328"))
    }

    @Test func differentNormalizationsAreDifferentBytes() {
        // "é" precomposed and decomposed: equal Strings, different bytes.
        #expect("\u{E9}" == "e\u{301}")
        #expect(!"\u{E9}".equalsBytewise("e\u{301}"))
        #expect("e\u{301}".precedesBytewise("\u{E9}"))
    }

    @Test func ordersAsUTF8Bytes() {
        let texts = ["", "0001U", "00100", "0450", "G9328", "G932", "G93280", "g9328", "É", "E\u{301}", "a", "ab", "a\u{0}", "日本", "zz"]
        for first in texts {
            for second in texts {
                #expect(first.precedesBytewise(second) == first.utf8.lexicographicallyPrecedes(second.utf8), "\(first) vs \(second)")
            }
        }
        #expect(["G9328", "0450", "00100", "0001U"].sorted { $0.precedesBytewise($1) } == ["0001U", "00100", "0450", "G9328"])
    }

    /// The order of UTF-8 bytes: `Z` before `a`, `10` before `9`, a prefix first, `z` before
    /// `é` (0xC3), and `é` written as NFD (`e` + U+0301) before NFC `é`: bytes, not characters.
    @Test func ordersByUTF8Bytes() {
        let sorted = ["b", "a", "Z", "", "10", "9", "ab", "é", "e\u{301}", "z", "codes/G9328/index.html", "codes/G9328/index.json", "codes/G932/index.html"]
            .sorted { $0.precedesBytewise($1) }
        #expect(sorted == ["", "10", "9", "Z", "a", "ab", "b", "codes/G932/index.html", "codes/G9328/index.html", "codes/G9328/index.json", "e\u{301}", "z", "é"])
        #expect(!"a".precedesBytewise("a"))
        #expect("a".precedesBytewise("a\u{0}"))
        #expect(!"a\u{0}".precedesBytewise("a"))
    }

    /// The same answer as the UTF-8 views' comparison for every pair of a mixed list, small
    /// (inline) and long (allocated) texts alike.
    @Test func agreesWithTheUTF8ViewsComparison() {
        let texts = ["", "a", "b", "aa", "ä", "é", "e\u{301}", "🎉", "\u{7F}", "\u{80}", String(repeating: "x", count: 40), String(repeating: "x", count: 40) + "y", "codes/A0001/index.html"]
        var pairs = 0
        for a in texts {
            for b in texts {
                #expect(a.precedesBytewise(b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) \(b)")
                pairs += 1
            }
        }
        #expect(pairs == 169)
    }
}

/// The one binary search over lists sorted bytewise.
@Suite struct BytewiseSearchTests {
    @Test func firstIndexNotBeforeAKeyIsWhereItIsOrWouldGo() {
        let paths = ["0001U", "00100", "G9328", "G9328", "codes/G9328/index.html"]
        #expect(paths.firstIndex(notBefore: "0001U", by: { $0 }) == 0)
        #expect(paths.firstIndex(notBefore: "0002", by: { $0 }) == 1)
        #expect(paths.firstIndex(notBefore: "G9328", by: { $0 }) == 2)
        #expect(paths.firstIndex(notBefore: "G93280", by: { $0 }) == 4)
        #expect(paths.firstIndex(notBefore: "zz", by: { $0 }) == 5)
        #expect([String]().firstIndex(notBefore: "G9328", by: { $0 }) == 0)
        #expect(paths[2...].firstIndex(notBefore: "0001U", by: { $0 }) == 2)
    }
}
