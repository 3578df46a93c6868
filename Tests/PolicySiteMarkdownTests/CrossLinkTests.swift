import PolicySiteCore
import Testing
@testable import PolicySiteMarkdown

@Suite struct CrossLinkTests {
    /// Knows G9328, G9329 and modifiers 26 and TC.
    static let resolver = MarkdownLinkResolver(
        codeURL: { ["G9328", "G9329"].contains($0) ? "../\($0)/index.html" : nil },
        modifierURL: { ["26", "TC"].contains($0) ? "../../modifiers/\($0)/index.html" : nil },
        contentLinkURL: { _ in nil })

    func render(_ markdown: String, options: MarkdownOptions = MarkdownOptions()) -> MarkdownDocument {
        MarkdownRenderer.render(markdown, file: "codes/G9328.md", lineOffset: 3, options: options, links: Self.resolver)
    }

    func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: "codes/G9328.md", line: line, column: column) }

    @Test func knownCodesAndModifiersBecomeLinks() {
        let document = render("Bill G9328 with modifier 26, not G1234.\n")
        #expect(document.html == """
            <p>Bill <a href="../G9328/index.html">G9328</a> with modifier \
            <a href="../../modifiers/26/index.html">26</a>, not G1234.</p>

            """)
        #expect(document.mentions == [
            MarkdownMention(kind: .code, identifier: "G9328", isKnown: true, location: at(4, 6), isLinked: true),
            MarkdownMention(kind: .modifier, identifier: "26", isKnown: true, location: at(4, 26), isLinked: true),
            MarkdownMention(kind: .code, identifier: "G1234", isKnown: false, location: at(4, 34), isLinked: false),
        ])
        // Cross-links are not links the author wrote.
        #expect(document.links.isEmpty)
    }

    @Test func modifierListsAndCase() {
        let document = render("Modifiers 26 and TC; modifiers 59, XS or 26/TC; MODIFIER tc is not one.\n")
        #expect(document.mentions.map(\.identifier) == ["26", "TC", "59", "XS", "26", "TC"])
        #expect(document.mentions.map(\.location.column) == [11, 18, 32, 36, 42, 45])
        #expect(document.mentions.map(\.isLinked) == [true, true, false, false, true, true])
    }

    @Test func wholeWordsOnly() {
        let document = render("XG9328 G93281 G9328x W9328 G932 _G9328 (G9328) G9328-26 modifier 265 modifiers26\n")
        #expect(document.mentions.map(\.identifier) == ["G9328", "G9328"])
        #expect(document.mentions.map(\.location.column) == [41, 48])
    }

    @Test func notInCodeLinksImagesOrHeadings() {
        let markdown = """
            # G9328 overview

            `G9328` and [see G9328](https://cms.gov) and ![G9329 chart](c.png)

                G9328 in a code block
            """
        let document = render(markdown)
        #expect(document.html == """
            <h1 id="g9328-overview">G9328 overview <a class="anchor" href="#g9328-overview" aria-label="Link to this section">#</a></h1>
            <p><code>G9328</code> and <a href="https://cms.gov">see G9328</a> and <img src="c.png" alt="G9329 chart" /></p>
            <pre><code>G9328 in a code block
            </code></pre>

            """)
        // Still mentions (the validator checks them), but not linked.
        #expect(document.mentions == [
            MarkdownMention(kind: .code, identifier: "G9328", isKnown: true, location: at(4, 3), isLinked: false),
            MarkdownMention(kind: .code, identifier: "G9328", isKnown: true, location: at(6, 18), isLinked: false),
            MarkdownMention(kind: .code, identifier: "G9329", isKnown: true, location: at(6, 48), isLinked: false),
        ])
    }

    @Test func crossLinksOffStillCollectsMentions() {
        var options = MarkdownOptions()
        options.codeCrossLinks = false
        let document = render("Bill G9328.\n", options: options)
        #expect(document.html == "<p>Bill G9328.</p>\n")
        #expect(document.mentions == [MarkdownMention(kind: .code, identifier: "G9328", isKnown: true, location: at(4, 6))])
    }

    /// cmark 0.30 gives continuation lines the paragraph's first column and merges text across
    /// entities; the layer corrects both against the file.
    @Test func columnsOnMultiLineParagraphsAreRealFileColumns() {
        let markdown = """
            First line G9328
               indented G9329 line
            &amp;&amp; \\* G1111 after entities
            > quoted G2222
            lazy G3333 line
            - item
              continued G9328 and G9328
            """
        let document = render(markdown)
        #expect(document.mentions.map { "\($0.identifier)@\($0.location.line):\($0.location.column)" } == [
            "G9328@4:12", "G9329@5:13", "G1111@6:15", "G2222@7:10", "G3333@8:6", "G9328@10:13", "G9328@10:23",
        ])
        #expect(document.html.contains(#"<a href="../G9329/index.html">G9329</a> line"#))
    }

    @Test func headingAndParagraphLinksOnSeveralLines() {
        let markdown = """
            Setext G9328
            and more
            ===

            text [one](a.html) and
              [two](b.html)
            """
        let document = render(markdown)
        #expect(document.mentions.map(\.location) == [at(4, 8)])
        #expect(document.links.map(\.location) == [at(8, 6), at(9, 3)])
        #expect(document.headings.map(\.text) == ["Setext G9328 and more"])
    }
}
