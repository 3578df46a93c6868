import PolicySiteCore
import Testing
@testable import PolicySiteMarkdown

@Suite struct LinkTests {
    /// Content files `codes/G9329.md` and `codes/G9328.md`, seen from `codes/G9328.md`.
    static let resolver = MarkdownLinkResolver(
        codeURL: { _ in nil }, modifierURL: { _ in nil },
        contentLinkURL: { path in
            switch path {
            case "G9329.md", "../codes/G9329.md": "../G9329/index.html"
            case "G9328.md": "index.html"
            default: nil
            }
        })

    func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: "codes/G9328.md", line: line, column: column) }

    @Test func contentLinksAreRewrittenKeepingAnchorAndQuery() {
        let markdown = """
            See [G9329](G9329.md), [notes](../codes/G9329.md#payer-notes), [q](G9328.md?x=1#top),
            [missing](G0000.md), [site](https://example.com/G9329.md), [frag](#notes) and ![img](G9329.md).
            """
        let document = MarkdownRenderer.render(markdown, file: "codes/G9328.md", links: Self.resolver)
        #expect(document.html == """
            <p>See <a href="../G9329/index.html">G9329</a>, <a href="../G9329/index.html#payer-notes">notes</a>, \
            <a href="index.html?x=1#top">q</a>,
            <a href="G0000.md">missing</a>, <a href="https://example.com/G9329.md">site</a>, <a href="#notes">frag</a> \
            and <img src="G9329.md" alt="img" />.</p>

            """)
        #expect(document.links.map(\.href) == [
            "../G9329/index.html", "../G9329/index.html#payer-notes", "index.html?x=1#top",
            "G0000.md", "https://example.com/G9329.md", "#notes", "G9329.md",
        ])
        #expect(document.links[1] == MarkdownLink(
            destination: "../codes/G9329.md#payer-notes", href: "../G9329/index.html#payer-notes", title: "",
            isImage: false, location: at(1, 24), text: "notes"))
        #expect(document.links.map(\.location.column) == [5, 24, 64, 1, 22, 60, 79])
        #expect(document.links.last?.isImage == true)
    }

    @Test func rewritingOffLeavesLinksAsWritten() {
        var options = MarkdownOptions()
        options.linkRewriting = false
        let document = MarkdownRenderer.render("[x](G9329.md)", file: "codes/G9328.md", options: options, links: Self.resolver)
        #expect(document.html == "<p><a href=\"G9329.md\">x</a></p>\n")
    }

    @Test func linkTextAndTitleAreCollected() {
        let document = MarkdownRenderer.render(#"[**bold** `code` ![alt *x*](i.png)](u "Title")"#, file: "a.md")
        #expect(document.links.map(\.text) == ["bold code alt x", "alt x"])
        #expect(document.links.map(\.title) == ["Title", ""])
        #expect(document.links.map(\.location.column) == [1, 18])
    }

    /// Links with `javascript:`, `data:` and `vbscript:` schemes (cased, entity-encoded,
    /// with white space): every dangerous variant is reported and blanked, in safe and raw-HTML modes.
    static let dangerous = """
        [a](javascript:alert(1))

        [b](jAvAsCrIpT:alert(1))

        [c](javascript&#58;alert(1))

        [d](javascript&#x3A;alert(1))

        [e](vbscript:msgbox(1))

        [f](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

        [g][ref]

        <javascript:alert(1)>

        ![img](javascript:alert(1))

        ![allowed](data:image/png;base64,iVBORw0KGgo=)

        [fine](https://www.cms.gov/)

        [h]( file:///etc/passwd) [i](<java\tscript:x>)

        [ref]: javascript:alert(1)
        """

    @Test(arguments: [false, true]) func dangerousSchemesAreReportedAndNeverReachHTML(allowRawHTML: Bool) {
        var options = MarkdownOptions()
        options.allowRawHTML = allowRawHTML
        let document = MarkdownRenderer.render(Self.dangerous, file: "codes/G9328.md", lineOffset: 4, options: options)
        func error(_ line: Int, _ column: Int, _ scheme: String, image: Bool = false) -> Diagnostic {
            .error("url-scheme", "\(image ? "image" : "link") uses disallowed scheme '\(scheme)'", at: at(line, column))
        }
        #expect(document.diagnostics == [
            error(5, 1, "javascript"), error(7, 1, "javascript"), error(9, 1, "javascript"), error(11, 1, "javascript"),
            error(13, 1, "vbscript"), error(15, 1, "data"), error(17, 1, "javascript"), error(19, 1, "javascript"),
            error(21, 1, "javascript", image: true), error(27, 1, "file"), error(27, 26, "javascript"),
        ])
        #expect(document.html == """
            <p><a href="">a</a></p>
            <p><a href="">b</a></p>
            <p><a href="">c</a></p>
            <p><a href="">d</a></p>
            <p><a href="">e</a></p>
            <p><a href="">f</a></p>
            <p><a href="">g</a></p>
            <p><a href="">javascript:alert(1)</a></p>
            <p><img src="" alt="img" /></p>
            <p><img src="data:image/png;base64,iVBORw0KGgo=" alt="allowed" /></p>
            <p><a href="https://www.cms.gov/">fine</a></p>
            <p><a href="">h</a> <a href="">i</a></p>

            """)
        #expect(document.links.map(\.destination)[2] == "javascript:alert(1)")
    }

    @Test func urlSafetyRules() {
        #expect(URLSafety.disallowedScheme(in: " \u{1}JaVaScRiPt:alert(1)", isImage: false) == "javascript")
        #expect(URLSafety.disallowedScheme(in: "java\nscript:x", isImage: false) == "javascript")
        #expect(URLSafety.disallowedScheme(in: "data:image/webp;base64,AAAA", isImage: true) == nil)
        #expect(URLSafety.disallowedScheme(in: "data:image/webp;base64,AAAA", isImage: false) == "data")
        #expect(URLSafety.disallowedScheme(in: "data:image/svg+xml,<svg>", isImage: true) == "data")
        #expect(URLSafety.disallowedScheme(in: "DATA:image/pngx", isImage: true) == "data")
        #expect(URLSafety.disallowedScheme(in: "mailto:a@b.c", isImage: false) == nil)
        #expect(URLSafety.disallowedScheme(in: "../G9329.md#javascript:x", isImage: false) == nil)
        #expect(URLSafety.disallowedScheme(in: "javascript%3Aalert(1)", isImage: false) == nil)
    }
}
