import PolicySiteCore
@testable import PolicySiteMarkdown

/// Runs the bridge and the passes every other pass reads, for tests of one pass.
struct PassFixture {
    var table: MarkdownNodeTable
    var texts: SearchTextPass
    var positions: InlinePositionPass
    var context: MarkdownPassContext

    init(_ markdown: String, options: MarkdownOptions = MarkdownOptions(), links: MarkdownLinkResolver = .none, lineOffset: Int = 0) {
        var markdown = markdown
        let context = MarkdownPassContext(file: "a.md", lineOffset: lineOffset, options: options, resolver: links)
        self = markdown.withUTF8 { buffer in
            CmarkBridge.withDocument(buffer, isValidUTF8: true, tables: options.tables ? options.tableMarkup : nil) { document, source in
                PassFixture(
                    table: document.table, texts: SearchTextPass(document.table),
                    positions: InlinePositionPass(document.table, source: &source), context: context)
            }!
        }
    }

    private init(table: MarkdownNodeTable, texts: SearchTextPass, positions: InlinePositionPass, context: MarkdownPassContext) {
        self.table = table
        self.texts = texts
        self.positions = positions
        self.context = context
    }

    func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: "a.md", line: line, column: column) }
}
