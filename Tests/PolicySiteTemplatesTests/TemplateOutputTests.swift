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
