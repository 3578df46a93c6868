import PolicySiteCore
import Testing
@testable import PolicySiteMarkdown

@Suite struct CodeMentionPassTests {
    static let resolver = MarkdownLinkResolver(
        codeURL: { $0 == "G9328" ? "../G9328/index.html" : nil },
        modifierURL: { $0 == "26" ? "../../modifiers/26/index.html" : nil },
        contentLinkURL: { _ in nil })

    @Test func knownMentionsOutsideHeadingsAndLinksBecomeHTML() {
        let run = PassFixture("## G9328\n\nG9328 & modifier 26, Q1234, [G9328](x)\n", links: Self.resolver)
        let pass = CodeMentionPass(run.table, positions: run.positions, context: run.context)
        #expect(pass.mentions.map(\.identifier) == ["G9328", "G9328", "26", "Q1234", "G9328"])
        #expect(pass.mentions.map(\.isKnown) == [true, true, true, false, true])
        #expect(pass.mentions.map(\.isLinked) == [false, true, true, false, false])
        #expect(pass.splits.isEmpty)
        #expect(pass.replacements.count == 1)
        #expect(pass.replacements[0].pieces == 0..<2)
        #expect(MarkdownEdits.string(at: pass.replacements[0].html, in: pass.html) == """
            <a href="../G9328/index.html">G9328</a> &amp; modifier <a href="../../modifiers/26/index.html">26</a>, Q1234, 
            """)
    }

    @Test func nodesWhenAskedOrWhenTheURLIsNotPlain() {
        var options = MarkdownOptions()
        options.crossLinksAsNodes = true
        let run = PassFixture("G9328 and modifier 26\n", options: options, links: Self.resolver)
        let pass = CodeMentionPass(run.table, positions: run.positions, context: run.context)
        #expect(pass.replacements.isEmpty)
        #expect(pass.splits.map(\.pieces) == [0..<2])
        #expect(pass.pieces.map(\.offset) == [0, 19])
        #expect(pass.html.isEmpty)
    }

    @Test func noLinksWhenCrossLinksAreOff() {
        var options = MarkdownOptions()
        options.codeCrossLinks = false
        let run = PassFixture("G9328\n", options: options, links: Self.resolver)
        let pass = CodeMentionPass(run.table, positions: run.positions, context: run.context)
        #expect(pass.mentions.map(\.isLinked) == [false])
        #expect(pass.replacements.isEmpty && pass.splits.isEmpty)
    }
}
