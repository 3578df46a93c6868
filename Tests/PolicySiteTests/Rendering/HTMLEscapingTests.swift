import Testing
@testable import PolicySite

@Suite struct HTMLEscapingTests {
    @Test func escapesTheFiveCharactersSwiftMustacheEscapes() {
        #expect(HTMLEscaping.escape(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(HTMLEscaping.escape("../codes/G9328/index.html#payer-aetna") == "../codes/G9328/index.html#payer-aetna")
        #expect(HTMLEscaping.escape("") == "")
        #expect(HTMLEscaping.escape("Ärzte <b>") == "Ärzte &lt;b&gt;")
    }

    /// `"` followed by a combining mark is one Character; escaping by Character would leave
    /// the quote as it is, and it would end the attribute value it is written in.
    @Test func escapesAQuoteThatACombiningMarkFollows() {
        #expect(HTMLEscaping.escape("x\"\u{301} onmouseover=\"alert(1)") == "x&quot;\u{301} onmouseover=&quot;alert(1)")
    }

    @Test func templatesEscapeThroughIt() throws {
        let (templates, findings) = TemplateSet.load(folder: "Templates", displayFolder: "Templates")
        #expect(findings.isEmpty)
        let view = NotFoundPageView(layout: LayoutView(
            siteTitle: "Tom & Jerry's \"Policies\"", pageTitle: "<Missing>", crumbTitle: "", homeURL: "index.html", stylesheetURL: "a.css",
            modifiersURL: "m", coverageURL: "c", searchURL: "s", breadcrumbs: [], hasBreadcrumbs: false, toc: [], hasTOC: false,
            previous: nil, next: nil, hasPager: false, asOf: "2019-01-01", codeSetRelease: "2019", revision: nil, canonicalURL: nil))
        let (html, problems) = try #require(templates).render(view, template: "404")
        #expect(problems.isEmpty)
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(html.contains("<title>&lt;Missing&gt; · Tom &amp; Jerry&#39;s &quot;Policies&quot;</title>"))
    }
}
