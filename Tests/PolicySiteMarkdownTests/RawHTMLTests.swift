import PolicySiteCore
import Testing
@testable import PolicySiteMarkdown

@Suite struct RawHTMLTests {
    /// A modifier page with inline and block HTML (a `<table>`, `<script>`, `<span onclick>`).
    static let page = """
        Modifier 26 applies to the professional component<sup>1</sup> only.

        <table>
        <tr><td>26</td><td>Professional component</td></tr>
        </table>

        <!-- internal: contracted rate 143.20, do not publish -->

        <script>alert("xss")</script>

        text <img src="x" onerror="alert(1)"> and <a href="javascript:alert(1)">click</a>
        """

    func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: "modifiers/26.md", line: line, column: column) }

    @Test func safeModeOmitsAndReportsEachPiece() {
        let document = MarkdownRenderer.render(Self.page, file: "modifiers/26.md", lineOffset: 4)
        func omitted(_ line: Int, _ column: Int, _ what: String) -> Diagnostic {
            .warning("raw-html", "raw HTML \(what) omitted by Markdown safe mode", at: at(line, column))
        }
        #expect(document.diagnostics == [
            omitted(5, 50, "<sup>"), omitted(7, 1, "<table>"), omitted(11, 1, "comment"), omitted(13, 1, "<script>"),
            omitted(15, 6, "<img>"), omitted(15, 43, "<a>"),
        ])
        #expect(document.html == """
            <p>Modifier 26 applies to the professional component<!-- raw HTML omitted -->1<!-- raw HTML omitted --> only.</p>
            <!-- raw HTML omitted -->
            <!-- raw HTML omitted -->
            <!-- raw HTML omitted -->
            <p>text <!-- raw HTML omitted --> and <!-- raw HTML omitted -->click<!-- raw HTML omitted --></p>

            """)
        #expect(document.rawHTML.count == 8)
        let allDropped = document.rawHTML.allSatisfy { $0.dropped }
        #expect(allDropped)
        #expect(document.rawHTML[1] == MarkdownRawHTML(
            snippet: "</sup>", isBlock: false, dropped: true, location: at(5, 56)))
        #expect(document.rawHTML[2].snippet == "<table>\n<tr><td>26</td><td>Professional component</td></tr>\n</table>")
        #expect(document.rawHTML[2].isBlock)
    }

    /// Raw-HTML mode passes HTML through exactly as cmark gives it (what the CommonMark spec
    /// expects); only link URLs written in Markdown are still sanitised.
    @Test func allowedRawHTMLComesThroughAsCmarkGivesIt() {
        var options = MarkdownOptions()
        options.allowRawHTML = true
        let document = MarkdownRenderer.render(Self.page, file: "modifiers/26.md", lineOffset: 4, options: options)
        #expect(document.diagnostics.isEmpty)
        #expect(document.html.contains("<script>alert(\"xss\")</script>"))
        #expect(document.html.contains("<sup>1</sup>"))
        let noneDropped = document.rawHTML.allSatisfy { !$0.dropped }
        #expect(noneDropped)
    }

    @Test func snippetIsCutAtACharacterBoundary() {
        let html = "<div>" + String(repeating: "é", count: 300) + "</div>\n"
        let document = MarkdownRenderer.render(html, file: "a.md")
        let snippet = document.rawHTML[0].snippet
        #expect(snippet.utf8.count <= 200)
        #expect(snippet.hasPrefix("<div>éé"))
        #expect(!snippet.contains("\u{FFFD}"))
    }
}

/// Ids that raw HTML brings share the page with heading ids and the template's ids.
@Suite struct RawHTMLIDTests {
    static func render(_ markdown: String, allowlist: Bool = true) -> MarkdownDocument {
        var options = MarkdownOptions()
        options.allowRawHTML = true
        options.rawHTMLAllowlist = allowlist
        options.reservedIDs = ["main", "aetna"]
        return MarkdownRenderer.render(markdown, file: "codes/G9328.md", options: options)
    }

    func duplicate(_ id: String, _ whose: String, _ line: Int, _ column: Int) -> Diagnostic {
        .error("id-duplicate", "raw HTML id '\(id)' is already the id of \(whose); a link to #\(id) lands on the first: choose another id",
               at: SourceLocation(file: "codes/G9328.md", line: line, column: column))
    }

    @Test func aRawIDThatThePageOrAHeadingHasIsAnError() {
        let document = Self.render("""
            ## Notes

            <p id="main">x</p>

            text <a id="notes"></a> and <a name="aetna">y</a>
            """)
        #expect(document.diagnostics == [
            duplicate("main", "the page around the content (its template)", 3, 1),
            duplicate("notes", "a heading or other raw HTML of this page", 5, 6),
            duplicate("aetna", "the page around the content (its template)", 5, 29),
        ])
    }

    @Test func headingsAfterARawIDAvoidIt() {
        let document = Self.render("""
            <div id="billing">x</div>

            ## Billing

            ## Billing &#58; more
            """)
        #expect(document.diagnostics == [])
        #expect(document.headings.map(\.id) == ["billing-1", "billing--more"])
    }

    @Test func idsAreReadAsTheBrowserReadsThemAndDroppedHTMLClaimsNone() {
        // `&#109;ain` is `main` to a browser; a `<script>` dropped by the allowlist publishes nothing.
        let document = Self.render("""
            <p id="&#109;ain">x</p>

            <script id="notes"></script>

            ## Notes
            """)
        #expect(document.diagnostics.map(\.rule) == ["id-duplicate", "raw-html"])
        #expect(document.headings.map(\.id) == ["notes"])
    }
}
