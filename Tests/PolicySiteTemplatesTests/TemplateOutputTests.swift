import Testing
@testable import PolicySiteTemplates

@Suite struct TemplateOutputTests {
    @Test func escapesFiveCharactersAndCopiesTheRest() {
        #expect(TemplateOutput.escaped(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(TemplateOutput.escaped("../codes/G9328/index.html#payer-aetna") == "../codes/G9328/index.html#payer-aetna")
        #expect(TemplateOutput.escaped("") == "")
        #expect(TemplateOutput.escaped("Ärzte <b>") == "Ärzte &lt;b&gt;")
    }

    /// `"` followed by a combining mark is one Character; escaping by Character would leave
    /// the quote as it is, and it would end the attribute value it is written in.
    @Test func escapesAQuoteThatACombiningMarkFollows() {
        #expect(TemplateOutput.escaped("x\"\u{301} onmouseover=\"alert(1)") == "x&quot;\u{301} onmouseover=&quot;alert(1)")
    }

    /// Escaping tests eight bytes at once; every byte value, at every position of values
    /// shorter and longer than eight bytes, is held against escaping byte by byte.
    @Test func everyByteAtEveryPositionIsEscapedAsByteByByte() {
        func reference(_ bytes: [UInt8]) -> [UInt8] {
            bytes.flatMap { byte -> [UInt8] in
                switch byte {
                case UInt8(ascii: "&"): Array("&amp;".utf8)
                case UInt8(ascii: "<"): Array("&lt;".utf8)
                case UInt8(ascii: ">"): Array("&gt;".utf8)
                case UInt8(ascii: "\""): Array("&quot;".utf8)
                case UInt8(ascii: "'"): Array("&#39;".utf8)
                default: [byte]
                }
            }
        }
        var mismatches = 0
        var escapedCount = 0
        for length in [1, 7, 8, 9, 17] {
            for position in 0..<length {
                for value in 0...255 {
                    var bytes = Array(repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = UInt8(value)
                    var escaped: [UInt8] = []
                    bytes.withUnsafeBufferPointer { TemplateOutput.appendEscaped($0, to: &escaped) }
                    if escaped != reference(bytes) { mismatches += 1 }
                    if escaped.count != length { escapedCount += 1 }
                }
            }
        }
        #expect(mismatches == 0)
        // Five byte values at each of 42 positions.
        #expect(escapedCount == 5 * 42)
        #expect(TemplateOutput.escaped("a\"b&c'd<e>f&&<<>>\"\"''\u{100}<ghijklmnop>") == "a&quot;b&amp;c&#39;d&lt;e&gt;f&amp;&amp;&lt;&lt;&gt;&gt;&quot;&quot;&#39;&#39;\u{100}&lt;ghijklmnop&gt;")
    }

    @Test func indentationGoesBeforeTemplateLinesNotInsideValues() {
        var output = TemplateOutput()
        output.appendTemplateText(Array("a\n".utf8))
        output.indented(by: Array("  ".utf8)) { inner in
            inner.appendTemplateText(Array("b\n".utf8))
            inner.appendValue("x\ny", escaped: false)
            inner.appendTemplateText(Array("\n\nc".utf8))
        }
        output.appendTemplateText(Array("d\n".utf8))
        #expect(String(decoding: output.finish(), as: UTF8.self) == "a\n  b\n  x\ny\n\n  cd\n")
    }

    @Test func growsPastItsCapacityAndEscapesInPlace() {
        var output = TemplateOutput(capacity: 1)
        for _ in 0..<100 { output.appendTemplateText(Array("<p>".utf8)) }
        output.appendValue(String(repeating: "a&b<c>'d\"", count: 10), escaped: true)
        output.appendValue("é", escaped: false)
        output.appendNumber(-6440)
        let text = String(decoding: output.finish(), as: UTF8.self)
        #expect(text == String(repeating: "<p>", count: 100) + String(repeating: "a&amp;b&lt;c&gt;&#39;d&quot;", count: 10) + "é-6440")
    }
}
