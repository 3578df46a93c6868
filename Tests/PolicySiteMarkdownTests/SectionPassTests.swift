import Testing
@testable import PolicySiteMarkdown

@Suite struct SectionPassTests {
    func sections(_ markdown: String) -> SectionPass {
        let run = PassFixture(markdown)
        let rawHTML = RawHTMLPass(run.table, positions: run.positions, context: run.context)
        let headings = HeadingPass(run.table, texts: run.texts, rawHTML: rawHTML, positions: run.positions, context: run.context)
        return SectionPass(texts: run.texts, headings: headings)
    }

    @Test func partsCoverTheTopBlocksInOrder() {
        let pass = sections("# T\n\nIntro\n\n## A\n\na\n\n### A1\n\nx\n\n## B\n\n# C\n\nc\n")
        #expect(pass.parts == [0..<2, 2..<3, 3..<4, 4..<5, 5..<6, 6..<7, 7..<7, 7..<8, 8..<9])
        #expect(pass.sections.map(\.heading) == [1, 5, 7])
        #expect(pass.sections.map { $0.subsections.map(\.heading) } == [[3], [], []])
    }

    @Test func noSectionsBeforeTheFirstLevelTwoHeading() {
        let pass = sections("# T\n\n### Early\n\ntext\n")
        #expect(pass.parts == [0..<3])
        #expect(pass.sections.isEmpty)
    }
}
