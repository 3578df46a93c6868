import PolicySiteCore
import Testing
@testable import PolicySiteMarkdown

@Suite struct RawHTMLPassTests {
    @Test func safeModeDropsAndReportsEveryNode() {
        let run = PassFixture("<div>\nx\n</div>\n\nA <b>bold</b> word\n")
        let pass = RawHTMLPass(run.table, positions: run.positions, context: run.context)
        #expect(pass.rawHTML.map(\.snippet) == ["<div>\nx\n</div>", "<b>", "</b>"])
        #expect(pass.rawHTML.map(\.dropped) == [true, true, true])
        #expect(pass.kept.isEmpty)
        #expect(pass.blanked.isEmpty)
        // An end tag alone is not worth a finding.
        #expect(pass.diagnostics.map(\.location) == [run.at(1, 1), run.at(5, 3)])
    }

    @Test func allowlistBlanksRejectedNodesAndTheirEndTags() {
        var options = MarkdownOptions()
        options.allowRawHTML = true
        options.rawHTMLAllowlist = true
        let run = PassFixture("A <span onclick=\"x()\">b</span> <em>c</em>\n", options: options)
        let pass = RawHTMLPass(run.table, positions: run.positions, context: run.context)
        #expect(pass.rawHTML.map(\.dropped) == [true, true, false, false])
        #expect(pass.blanked.count == 2)
        #expect(pass.kept.count == 2)
        #expect(pass.diagnostics.count == 1)
    }
}
