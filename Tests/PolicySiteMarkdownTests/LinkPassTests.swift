import PolicySiteCore
import Testing
@testable import PolicySiteMarkdown

@Suite struct LinkPassTests {
    static let resolver = MarkdownLinkResolver(
        codeURL: { _ in nil }, modifierURL: { _ in nil },
        contentLinkURL: { $0 == "G9329.md" ? "../G9329/index.html" : nil },
        siteLinkURL: { $0 == "/modifiers/TC/" ? "../../modifiers/TC/index.html" : nil })

    @Test func rewritesBlanksAndRecords() {
        let run = PassFixture(
            "[a](G9329.md#x) [b](/modifiers/TC/?q) [c](javascript:alert(1)) ![d](G9329.md \"t\")\n", links: Self.resolver)
        let pass = LinkPass(run.table, positions: run.positions, texts: run.texts, context: run.context)
        #expect(pass.links.map(\.href) == ["../G9329/index.html#x", "../../modifiers/TC/index.html?q", "", "G9329.md"])
        #expect(pass.links.map(\.text) == ["a", "b", "c", "d"])
        #expect(pass.links[3].title == "t")
        #expect(pass.links[3].isImage)
        #expect(pass.destinations.map(\.url) == ["../G9329/index.html#x", "../../modifiers/TC/index.html?q", ""])
        #expect(pass.diagnostics == [.error("url-scheme", "link uses disallowed scheme 'javascript'", at: run.at(1, 39))])
    }

    @Test func noRewritingWhenOff() {
        var options = MarkdownOptions()
        options.linkRewriting = false
        let run = PassFixture("[a](G9329.md)\n", options: options, links: Self.resolver)
        let pass = LinkPass(run.table, positions: run.positions, texts: run.texts, context: run.context)
        #expect(pass.links.map(\.href) == ["G9329.md"])
        #expect(pass.destinations.isEmpty)
    }

    @Test func onlyLocalMarkdownPathsAreAskedForAndTheRestIsKept() {
        let resolver = MarkdownLinkResolver(
            codeURL: { _ in nil }, modifierURL: { _ in nil },
            contentLinkURL: { "content(\($0))" },
            siteLinkURL: { "site(\($0))" })
        let run = PassFixture(
            "[a](../codes/G9329.md?x=1#y) [b](//host/a.md) [c](https://x.org/a.md) [d](a.MD#z) [e](.md) [f](#top) [g](mailto:a@b)\n",
            links: resolver)
        let pass = LinkPass(run.table, positions: run.positions, texts: run.texts, context: run.context)
        #expect(pass.links.map(\.href) == [
            "content(../codes/G9329.md)?x=1#y", "//host/a.md", "https://x.org/a.md", "site(a.MD)#z", "site(.md)", "#top", "mailto:a@b",
        ])
        #expect(pass.destinations.map(\.node).count == 3)
    }
}
