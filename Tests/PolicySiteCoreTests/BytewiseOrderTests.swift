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
}
