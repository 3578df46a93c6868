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
}
