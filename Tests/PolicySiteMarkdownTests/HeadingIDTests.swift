import PolicySiteCore
import Testing
@testable import PolicySiteMarkdown

@Suite struct HeadingIDTests {
    /// Repeated headings, and headings whose ids collide with generated ones, in document order.
    @Test func duplicateHeadingsGetIncrementingSuffixes() {
        let markdown = """
            Jump to [Notes 1](#notes-1) and to [26/TC](#26tc).

            ## Notes
            first
            ## Notes 1
            ## Notes 2
            ## Notes
            ## Notes
            ## 99213
            ## 26/TC
            ## 26TC
            """
        let document = MarkdownRenderer.render(markdown, file: "codes/G9328.md", lineOffset: 4)
        #expect(document.headings.map(\.id) == ["notes", "notes-1", "notes-2", "notes-3", "notes-4", "99213", "26tc", "26tc-1"])
        #expect(document.headings.map(\.text) == ["Notes", "Notes 1", "Notes 2", "Notes", "Notes", "99213", "26/TC", "26TC"])
        #expect(document.headings[1].location == SourceLocation(file: "codes/G9328.md", line: 9, column: 1))
        #expect(document.sections.map(\.id) == document.headings.map(\.id))
    }

    @Test func headingHTMLHasIDAndAnchorAfterTheText() {
        let document = MarkdownRenderer.render("## Payer *notes* & `G9328`\n", file: "a.md")
        #expect(document.html == """
            <h2 id="payer-notes--g9328">Payer <em>notes</em> &amp; <code>G9328</code> \
            <a class="anchor" href="#payer-notes--g9328" aria-label="Link to this section">#</a></h2>

            """)
        #expect(document.headings == [MarkdownHeading(level: 2, text: "Payer notes & G9328", id: "payer-notes--g9328", location: SourceLocation(file: "a.md"))])
    }

    @Test func reservedIDsAreAvoided() {
        var options = MarkdownOptions()
        options.reservedIDs = ["main", "search", "top"]
        let document = MarkdownRenderer.render("# Main\n\n## Search\n\n## Main\n", file: "a.md", options: options)
        #expect(document.headings.map(\.id) == ["main-1", "search-1", "main-2"])
    }

    @Test func slugKeepsUnicodeLettersAndDigitsAndDropsPunctuation() {
        #expect(HeadingIDGenerator.slug("Évaluation des soins — 2024") == "évaluation-des-soins--2024")
        #expect(HeadingIDGenerator.slug("Modifier_26 (TC)!") == "modifier26-tc")
        #expect(HeadingIDGenerator.slug("???") == "section")
        #expect(HeadingIDGenerator.slug("") == "section")
        #expect(HeadingIDGenerator.slug("適用範囲") == "適用範囲")
    }

    @Test func emptyHeadingGetsSectionID() {
        let document = MarkdownRenderer.render("#\n\n# !!\n", file: "a.md")
        #expect(document.headings.map(\.id) == ["section", "section-1"])
        #expect(document.html.hasPrefix(##"<h1 id="section"> <a class="anchor" href="#section""##))
    }

    @Test func headingIDsOffLeavesCmarkHeadingsButStillComputesIDs() {
        var options = MarkdownOptions()
        options.headingIDs = false
        let document = MarkdownRenderer.render("## Payer notes\n", file: "a.md", options: options)
        #expect(document.html == "<h2>Payer notes</h2>\n")
        #expect(document.headings.map(\.id) == ["payer-notes"])
    }

    @Test func nestedHeadingsGetIDsButDoNotStartSections() {
        let document = MarkdownRenderer.render("> ## Quoted\n\n- ## Listed\n", file: "a.md")
        #expect(document.headings.map(\.id) == ["quoted", "listed"])
        #expect(document.sections.isEmpty)
        #expect(document.html == """
            <blockquote>
            <h2 id="quoted">Quoted <a class="anchor" href="#quoted" aria-label="Link to this section">#</a></h2>
            </blockquote>
            <ul>
            <li>
            <h2 id="listed">Listed <a class="anchor" href="#listed" aria-label="Link to this section">#</a></h2>
            </li>
            </ul>

            """)
    }

    /// The generator before it kept its first ids in a list: one set of every id.
    static func referenceIDs(_ texts: [String], reserved: Set<String>) -> [String] {
        var used: Set<String> = []
        var next: [String: Int] = [:]
        return texts.map { text in
            let base = HeadingIDGenerator.slug(text)
            if !reserved.contains(base), used.insert(base).inserted { return base }
            var suffix = next[base] ?? 1
            var candidate = "\(base)-\(suffix)"
            while reserved.contains(candidate) || used.contains(candidate) {
                suffix += 1
                candidate = "\(base)-\(suffix)"
            }
            used.insert(candidate)
            next[base] = suffix + 1
            return candidate
        }
    }

    @Test func idsStayUniqueBeyondTheShortListOfUsedIDs() {
        let texts = (0..<40).map { $0 % 3 == 0 ? "Notes" : $0 % 5 == 0 ? "Notes 1" : "Part \($0 % 7)" }
        var generator = HeadingIDGenerator(reservedIDs: ["top", "notes-2"])
        let ids = texts.map { generator.id(for: $0) }
        #expect(ids == Self.referenceIDs(texts, reserved: ["top", "notes-2"]))
        #expect(Set(ids).count == 40)
        #expect(ids.prefix(7) == ["notes", "part-1", "part-2", "notes-1", "part-4", "notes-1-1", "notes-3"])
        #expect(generator.claim("part-4") == .content)
        #expect(generator.claim("top") == .page)
        #expect(generator.claim("fresh") == nil)
        #expect(generator.claim("fresh") == .content)
        #expect(generator.id(for: "Fresh") == "fresh-1")
    }

    @Test func manyRepeatedSlugsGetTheSuffixesOfTheSetOnlyGenerator() {
        // 30 slugs, each three times, and ids that collide with suffixed ones.
        let texts = (0..<90).map { $0 % 7 == 6 ? "Part \($0 % 30)-1" : "Part \($0 % 30)" }
        var generator = HeadingIDGenerator(reservedIDs: ["part-3-1", "top"])
        let ids = texts.map { generator.id(for: $0) }
        #expect(ids == Self.referenceIDs(texts, reserved: ["part-3-1", "top"]))
        #expect(Set(ids).count == 90)
        #expect(ids.suffix(3) == ["part-27-2", "part-28-2", "part-29-2"])
    }

    @Test func suffixedIDsWriteTheBaseAHyphenAndTheDecimalSuffix() {
        #expect(HeadingIDGenerator.suffixed("notes", 1) == "notes-1")
        #expect(HeadingIDGenerator.suffixed("notes", 9) == "notes-9")
        #expect(HeadingIDGenerator.suffixed("notes", 10) == "notes-10")
        #expect(HeadingIDGenerator.suffixed("notes", 1_203) == "notes-1203")
        #expect(HeadingIDGenerator.suffixed("documentation-requirements", 100) == "documentation-requirements-100")
        #expect(HeadingIDGenerator.suffixed("é", 12) == "é-12")
    }
}
