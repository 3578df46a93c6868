import PolicySiteCore
import Testing

@Suite struct JSONTextTests {
    @Test func bytesEscapeExactly() {
        var bytes: [UInt8] = []
        JSONText.append("G9328 \"DICOM\" a\\b\n\r\t\u{01}\u{1F} é ☃", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #""G9328 \"DICOM\" a\\b\n\r\t\u0001\u001f é ☃""#)
    }

    /// The byte writer (search index, twins, manifest) and the string writer (reports) agree
    /// on every character below U+0080 and on text around them.
    @Test func bytesAgreeWithTheStringWriter() {
        var samples = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        samples += ["", "plain", "\"\"", "\\\\", "tail\u{7F}", "Ünïcödé \u{2028} 🎉", String(repeating: "ab\"", count: 100)]
        for sample in samples {
            var bytes: [UInt8] = []
            JSONText.append(sample, to: &bytes)
            var text = ""
            JSONText.append(sample, to: &text)
            #expect(String(decoding: bytes, as: UTF8.self) == text, "\(Array(sample.utf8))")
        }
    }

    /// Text is read eight bytes at a time where none needs an escape: an escape at any place
    /// of a word, in a short tail, or bytes next to the escaped ones (`!` 0x21, `#` 0x23,
    /// `[` 0x5B, `]` 0x5D, a space, DEL, UTF-8 above 0x80) each give exactly what the string
    /// writer gives.
    @Test func escapesAtEveryPlaceOfAWordAgreeWithTheStringWriter() {
        var checked = 0
        for special in ["\"", "\\", "\n", "\u{1F}", "\u{0}", "!", "#", "[", "]", " ", "\u{7F}", "é"] {
            for length in [1, 7, 8, 9, 15, 16, 17, 23] {
                for place in 0..<length {
                    var sample = Array(repeating: "a", count: length)
                    sample[place] = special
                    let text = sample.joined()
                    var bytes: [UInt8] = []
                    JSONText.append(text, to: &bytes)
                    var expected = ""
                    JSONText.append(text, to: &expected)
                    #expect(String(decoding: bytes, as: UTF8.self) == expected, "\(Array(text.utf8))")
                    checked += 1
                }
            }
        }
        #expect(checked == 12 * 96)
        var bytes: [UInt8] = []
        JSONText.append("0123456\"89abcdef\\hij\u{1}", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #""0123456\"89abcdef\\hij\u0001""#)
    }
}
