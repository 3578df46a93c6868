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
}
