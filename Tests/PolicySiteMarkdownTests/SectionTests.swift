import PolicySiteCore
import Testing
@testable import PolicySiteMarkdown

@Suite struct SectionTests {
    static let page = """
        # G9328 Guidance

        Intro text.

        ## Coverage

        Covered when *documented*.

        ### Medicare

        Part B only.

        #### Detail

        Deep.

        ### Commercial

        Varies.

        ## Payer notes

        - one
        - two
        """

    @Test func sectionsSplitAtLevelTwoWithLevelThreeSubsections() {
        var options = MarkdownOptions()
        options.headingIDs = false
        let document = MarkdownRenderer.render(Self.page, file: "codes/G9328.md", lineOffset: 3, options: options)
        #expect(document.preambleHTML == "<h1>G9328 Guidance</h1>\n<p>Intro text.</p>\n")
        #expect(document.sections.count == 2)
        let coverage = document.sections[0]
        #expect(coverage.title == "Coverage")
        #expect(coverage.id == "coverage")
        #expect(coverage.level == 2)
        #expect(coverage.location == SourceLocation(file: "codes/G9328.md", line: 8, column: 1))
        #expect(coverage.headingHTML == "<h2>Coverage</h2>\n")
        #expect(coverage.html == """
            <p>Covered when <em>documented</em>.</p>
            <h3>Medicare</h3>
            <p>Part B only.</p>
            <h4>Detail</h4>
            <p>Deep.</p>
            <h3>Commercial</h3>
            <p>Varies.</p>

            """)
        #expect(coverage.plainText == "Covered when documented.\nMedicare\nPart B only.\nDetail\nDeep.\nCommercial\nVaries.")
        #expect(coverage.subsections.map(\.title) == ["Medicare", "Commercial"])
        #expect(coverage.subsections[0].html == "<p>Part B only.</p>\n<h4>Detail</h4>\n<p>Deep.</p>\n")
        #expect(coverage.subsections[0].plainText == "Part B only.\nDetail\nDeep.")
        #expect(coverage.subsections[0].level == 3)
        #expect(coverage.subsections[1].headingHTML == "<h3>Commercial</h3>\n")
        let notes = document.sections[1]
        #expect(notes.id == "payer-notes")
        #expect(notes.html == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n")
        #expect(notes.plainText == "one\ntwo")
        #expect(notes.subsections.isEmpty)
        let joined = document.preambleHTML + document.sections.map { $0.headingHTML + $0.html }.joined()
        #expect(joined == document.html)
    }

    @Test func sectionHeadingsCarryIDsAndAnchors() {
        let document = MarkdownRenderer.render("## Payer notes\n\nText.\n", file: "a.md")
        #expect(document.sections[0].headingHTML == """
            <h2 id="payer-notes">Payer notes <a class="anchor" href="#payer-notes" aria-label="Link to this section">#</a></h2>

            """)
        #expect(document.sections[0].html == "<p>Text.</p>\n")
        #expect(document.preambleHTML == "")
    }

    @Test func levelOneHeadingAfterSectionsStartsItsOwnSection() {
        let document = MarkdownRenderer.render("### Early\n\n## A\n\na\n\n# Appendix\n\nz\n", file: "a.md")
        #expect(document.preambleHTML.hasPrefix("<h3 id=\"early\">"))
        #expect(document.sections.map(\.title) == ["A", "Appendix"])
        #expect(document.sections.map(\.level) == [2, 1])
        #expect(document.sections[1].html == "<p>z</p>\n")
    }

    @Test func noHeadingsMeansAllPreamble() {
        let document = MarkdownRenderer.render("Just text.\n", file: "a.md")
        #expect(document.sections.isEmpty)
        #expect(document.preambleHTML == "<p>Just text.</p>\n")
        #expect(document.html == document.preambleHTML)
    }

    @Test func emptyDocument() {
        let document = MarkdownRenderer.render("", file: "a.md")
        #expect(document.html == "")
        #expect(document.sections.isEmpty)
        #expect(document.diagnostics.isEmpty)
    }
}

@Suite struct MarkdownTreeTests {
    @Test func dumpShowsKindsRangesAndLiterals() {
        let tree = MarkdownTree(parsing: "# Title\n\n> Quote *em* [l](u)\n", lineOffset: 3)
        #expect(tree.dump() == """
            document @4:1-6:19
              heading @4:1-4:7 level=1
                text @4:3-4:7 "Title"
              blockQuote @6:1-6:19
                paragraph @6:3-6:19
                  text @6:3-6:8 "Quote "
                  emphasis @6:9-6:12
                    text @6:10-6:11 "em"
                  text @6:13-6:13 " "
                  link @6:14-6:19 url="u"
                    text @6:15-6:15 "l"

            """)
        #expect(tree.children(of: 0) == [1, 3])
        #expect(tree.nodes[1].headingLevel == 1)
    }
}

/// The document is rendered in one call with markers between parts; rendering each part alone
/// must give the same bytes.
@Suite struct PartRenderingTests {
    func bothWays(_ markdown: String, options: MarkdownOptions = MarkdownOptions()) -> (MarkdownDocument, MarkdownDocument) {
        let bytes = Array(markdown.utf8)
        let (joined, separate) = bytes.withUnsafeBufferPointer { buffer in
            (MarkdownRenderer.render(buffer, isValidUTF8: false, file: "a.md", lineOffset: 0, options: options, links: .none, diagnostics: []),
             MarkdownRenderer.render(
                buffer, isValidUTF8: false, file: "a.md", lineOffset: 0, options: options, links: .none, diagnostics: [], separateParts: true))
        }
        return (joined, separate)
    }

    func html(_ document: MarkdownDocument) -> [String] {
        [document.html, String(document.preambleHTML)] + document.sections.flatMap { section in
            [String(section.headingHTML), String(section.html)] + section.subsections.flatMap { [String($0.headingHTML), String($0.html)] }
        }
    }

    @Test func markersAndSeparatePartsAgreeOnEverySpecExample() throws {
        let examples = try #require(SharedFiles.specExamples(), "../shared/commonmark/spec-0.30.txt not found beside the repository")
        var options = MarkdownOptions()
        options.allowRawHTML = true
        for markdown in examples.map(\.markdown) + [SectionTests.page, "## A\n\n## B\n\n### C\n", "## A\n"] {
            let (joined, separate) = bothWays(markdown, options: options)
            #expect(html(joined) == html(separate), "\(markdown)")
        }
    }

    /// Markers beside wrapped headings go in the wrappers' text: a heading first and last, an
    /// empty intro (two markers at one place) and an empty preamble give each part exactly.
    @Test func markersInHeadingWrappersGiveEachPartExactly() {
        let markdown = "## A\n\n### B\n\nx\n\n## C\n"
        func anchor(_ level: Int, _ id: String, _ text: String) -> String {
            "<h\(level) id=\"\(id)\">\(text) <a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a></h\(level)>\n"
        }
        let (joined, separate) = bothWays(markdown)
        #expect(html(joined) == html(separate))
        #expect(html(joined) == [
            anchor(2, "a", "A") + anchor(3, "b", "B") + "<p>x</p>\n" + anchor(2, "c", "C"), "",
            anchor(2, "a", "A"), anchor(3, "b", "B") + "<p>x</p>\n", anchor(3, "b", "B"), "<p>x</p>\n",
            anchor(2, "c", "C"), "",
        ])
        var plain = MarkdownOptions()
        plain.headingIDs = false
        let (joinedPlain, separatePlain) = bothWays(markdown, options: plain)
        #expect(html(joinedPlain) == html(separatePlain))
        #expect(html(joinedPlain) == [
            "<h2>A</h2>\n<h3>B</h3>\n<p>x</p>\n<h2>C</h2>\n", "", "<h2>A</h2>\n", "<h3>B</h3>\n<p>x</p>\n", "<h3>B</h3>\n",
            "<p>x</p>\n", "<h2>C</h2>\n", "",
        ])
    }

    /// An entity can write the marker's characters into the page; the count check notices and
    /// falls back, so the page still comes out right.
    @Test func fakeMarkerInThePageFallsBack() {
        let markdown = "Intro &#xFDD0;policysite-part&#xFDD1; text\n\n## A\n\nBody\n"
        let (joined, separate) = bothWays(markdown)
        #expect(html(joined) == html(separate))
        let marker = String(decoding: [0xEF, 0xB7, 0x90] + Array("policysite-part".utf8) + [0xEF, 0xB7, 0x91], as: UTF8.self)
        #expect(joined.preambleHTML == "<p>Intro \(marker) text</p>\n")
        #expect(joined.sections.map(\.html) == ["<p>Body</p>\n"])
    }
}
