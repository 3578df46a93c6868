import PolicySiteCore
@testable import PolicySiteMarkdown
import Testing

/// Raw HTML in a page (tables, `<script>`, event handlers) when a site opts in to raw HTML: tags for tables and text-level
/// markup survive; comments, scripts, event handlers and dangerous URLs never do, and each
/// dropped node is reported.
@Suite struct RawHTMLAllowlistTests {
    static let source = """
    Modifier 26 applies to the professional component<sup>1</sup> only.

    <table>
    <tr><th>Modifier</th><th>Meaning</th></tr>
    <tr><td>26</td><td>Professional component</td></tr>
    </table>

    <!-- internal: contracted rate 143.20, do not publish -->

    <script>alert("xss")</script>

    <img src="x" onerror="alert(1)">

    <a href="javascript:alert(1)">click</a>

    """

    @Test func allowlistKeepsMarkupAndDropsTheRest() {
        var options = MarkdownOptions.plain
        options.allowRawHTML = true
        options.rawHTMLAllowlist = true
        let document = MarkdownRenderer.render(Self.source, file: "Content/modifiers/26.md", lineOffset: 4, options: options)
        #expect(document.html == """
        <p>Modifier 26 applies to the professional component<sup>1</sup> only.</p>
        <table>
        <tr><th>Modifier</th><th>Meaning</th></tr>
        <tr><td>26</td><td>Professional component</td></tr>
        </table>
        <p>click</p>

        """)
        #expect(document.diagnostics.map(\.description) == [
            "Content/modifiers/26.md:12:1: warning: raw HTML with comment or declaration omitted: it is not on the raw HTML allowlist [raw-html]",
            "Content/modifiers/26.md:14:1: warning: raw HTML with <script> omitted: it is not on the raw HTML allowlist [raw-html]",
            "Content/modifiers/26.md:16:1: warning: raw HTML with onerror= attribute omitted: it is not on the raw HTML allowlist [raw-html]",
            "Content/modifiers/26.md:18:1: warning: raw HTML with javascript: URL omitted: it is not on the raw HTML allowlist [raw-html]",
        ])
        // <sup>, </sup>, the table, then the comment, script, img and <a> dropped, and the </a>
        // that closed the dropped <a>.
        #expect(document.rawHTML.map(\.dropped) == [false, false, false, true, true, true, true, true])
    }

    @Test func tagShapesTheCheckDoesNotReadAreRejected() {
        func rejection(_ html: String) -> String? {
            var copy = html
            return copy.withUTF8 { RawHTMLAllowlist.rejection(of: $0) }
        }
        #expect(rejection("<sup>1</sup>") == nil)
        #expect(rejection("<a id=\"billing-rules\"></a>") == nil)
        #expect(rejection("<td colspan='2'>x</td>") == nil)
        #expect(rejection("<img src=\"data:image/png;base64,AAAA\" alt=\"x\">") == nil)
        #expect(rejection("<a href=\"https://example.org\">x</a>") == nil)
        #expect(rejection("<a href=x>") == "unquoted href= value")
        #expect(rejection("<iframe src=\"https://example.org\">") == "<iframe>")
        #expect(rejection("<p style=\"color:red\">") == "style= attribute")
        #expect(rejection("<a href=\" JaVaScRiPt:alert(1)\">") == "javascript: URL")
        #expect(rejection("<img src=\"data:text/html,x\">") == "data: URL")
        #expect(rejection("<p title=\"a<b\">") == "'<' in title= value")
        // A `<` that starts no tag is text to a browser, and to the check; `</` that starts no
        // end tag is a comment to a browser, which the check does not guess at.
        #expect(rejection("<div>a < b and 1 <2</div>") == nil)
        #expect(rejection("< p>") == nil)
        #expect(rejection("</ p>") == "unreadable tag")
        #expect(rejection("</a x>") == "unreadable tag </a")
        #expect(rejection("<a \"onclick\"=\"x\">") == "unreadable attribute in <a>")
        #expect(rejection("<a href=\"#x\"") == "unclosed tag <a")
    }
}

/// Filter evasions from the OWASP XSS cheat sheet: the allowlist judges a URL as the browser
/// will read it, after character references are decoded and the characters browsers ignore
/// are dropped.
@Suite struct RawHTMLEvasionTests {
    func rejection(_ html: String) -> String? {
        var html = html
        return html.withUTF8 { RawHTMLAllowlist.rejection(of: $0) }
    }

    @Test func characterReferencesAreDecodedBeforeTheSchemeIsJudged() {
        #expect(rejection(#"<a href="javascript&#58;alert(1)">x</a>"#) == "javascript: URL")
        #expect(rejection(#"<a href="&#106;avascript:alert(1)">x</a>"#) == "javascript: URL")
        #expect(rejection(#"<a href="&#x6A;&#x61;vascript:alert(1)">x</a>"#) == "javascript: URL")
        #expect(rejection(#"<a href="&#0000106avascript:alert(1)">x</a>"#) == "javascript: URL")
        #expect(rejection(#"<a href="jav&#x09;ascript:alert(1)">x</a>"#) == "javascript: URL")
        #expect(rejection(#"<a href="jav&#x0A;ascript:alert(1)">x</a>"#) == "javascript: URL")
        #expect(rejection(#"<a href="jav&Tab;ascript&colon;alert(1)">x</a>"#) == "javascript: URL")
        #expect(rejection(#"<a href=" &#14;  javascript:alert(1)">x</a>"#) == "javascript: URL")
        #expect(rejection(#"<a href="JaVaScRiPt:alert(1)">x</a>"#) == "javascript: URL")
        #expect(rejection(#"<img src="vbscript:msgbox(1)">"#) == "vbscript: URL")
        #expect(rejection(#"<img src="data:text/html;base64,PHNjcmlwdD4=">"#) == "data: URL")
        #expect(rejection(#"<a href="java&unknownname;script:alert(1)">x</a>"#) == "unreadable character reference in href= value")
    }

    @Test func otherShapesAreRefused() {
        #expect(rejection(#"<svg onload="alert(1)">"#) == "<svg>")
        #expect(rejection(#"<math><mi xlink:href="javascript:alert(1)">x</mi></math>"#) == "<math>")
        #expect(rejection(#"<a href=javascript:alert(1)>x</a>"#) == "unquoted href= value")
        #expect(rejection(#"<IMG SRC="x" ONERROR="alert(1)">"#) == "onerror= attribute")
    }

    @Test func ordinaryReferencesStayAllowed() {
        #expect(rejection(#"<a href="../codes/G9328/index.html?a=1&amp;b=2">x</a>"#) == nil)
        #expect(rejection(#"<a href="https://example.org/?q=a&b">x</a>"#) == nil)
        #expect(HTMLCharacterReference.decodeURLStart("a&amp;b &#x41;&#66 &colon; & c") == "a&b AB : & c")
        // After the scheme is settled, the rest is kept as written.
        #expect(HTMLCharacterReference.decodeURLStart("https&colon;//x/?a=1&b&amp;c") == "https://x/?a=1&b&amp;c")
    }
}
