import PolicySiteCore
import Testing
@testable import PolicySiteMarkdown

@Suite struct HeadingPassTests {
    @Test func idsAreUniqueAndWrappersHoldThem() {
        let run = PassFixture("# Notes\n\n## Notes\n\n> ### Q&A *x*\n")
        let rawHTML = RawHTMLPass(run.table, positions: run.positions, context: run.context)
        let pass = HeadingPass(run.table, texts: run.texts, rawHTML: rawHTML, positions: run.positions, context: run.context)
        #expect(pass.headings.map(\.id) == ["notes", "notes-1", "qa-x"])
        #expect(pass.headings.map(\.level) == [1, 2, 3])
        #expect(pass.headings[2].location == run.at(5, 3))
        #expect(pass.wrappers.count == 3)
        #expect(MarkdownEdits.string(at: pass.wrappers[1].enter, in: pass.html) == "<h2 id=\"notes-1\">")
        #expect(MarkdownEdits.string(at: pass.wrappers[1].exit, in: pass.html)
            == " <a class=\"anchor\" href=\"#notes-1\" aria-label=\"Link to this section\">#</a></h2>")
    }

    @Test func keptRawHTMLIdsAreClaimedInDocumentOrder() {
        var options = MarkdownOptions()
        options.allowRawHTML = true
        options.headingIDs = false
        let run = PassFixture("<a id=\"notes\"></a>\n\n## Notes\n\n<p id=\"notes\">x</p>\n", options: options)
        let rawHTML = RawHTMLPass(run.table, positions: run.positions, context: run.context)
        let pass = HeadingPass(run.table, texts: run.texts, rawHTML: rawHTML, positions: run.positions, context: run.context)
        #expect(pass.headings.map(\.id) == ["notes-1"])
        #expect(pass.wrappers.isEmpty)
        #expect(pass.diagnostics.map(\.rule) == ["id-duplicate"])
        #expect(pass.diagnostics.map(\.location) == [run.at(5, 1)])
    }
}
