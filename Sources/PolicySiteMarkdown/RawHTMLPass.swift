import PolicySiteCore

/// Every raw HTML block and inline: safe mode drops each and reports it (`raw-html`); with
/// `allowRawHTML` and `rawHTMLAllowlist`, a node the allowlist rejects is dropped (blanked in
/// cmark's tree) and reported, with the end tag of an inline element whose start tag went.
struct RawHTMLPass {
    private(set) var rawHTML: [MarkdownRawHTML] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Nodes left in the page, whose ids count (see `HeadingPass`), in document order.
    private(set) var kept: [Int] = []
    /// Nodes to blank in cmark's tree.
    private(set) var blanked: [Int] = []

    init(_ table: MarkdownNodeTable, positions: InlinePositionPass, context: MarkdownPassContext) {
        let options = context.options
        /// Inline start tags the allowlist dropped, by name, so their end tags go too.
        var droppedOpenTags: [String: Int] = [:]
        guard table.counts.rawHTML > 0 else { return }
        rawHTML.reserveCapacity(table.counts.rawHTML)
        table.bytes.withUnsafeBufferPointer { bytes in
            for node in 0..<table.count {
                // Raw HTML is rare: stop at the last one.
                if rawHTML.count == table.counts.rawHTML { break }
                let kind = table.rows[node].kind
                guard kind == .htmlBlock || kind == .htmlInline else { continue }
                let isBlock = kind == .htmlBlock
                let buffer = UnsafeBufferPointer(rebasing: bytes[table.literalRange(node)])
                let where_ = context.location(line: Int(table.rows[node].line), column: positions.column(of: node, in: table))
                var dropped = !options.allowRawHTML
                if dropped, let what = RawHTMLDescription.describe(buffer) {
                    diagnostics.append(.warning("raw-html", "raw HTML \(what) omitted by Markdown safe mode", at: where_))
                } else if !dropped, options.rawHTMLAllowlist {
                    if let reason = RawHTMLAllowlist.rejection(of: buffer) {
                        dropped = true
                        diagnostics.append(.warning("raw-html", "raw HTML with \(reason) omitted: it is not on the raw HTML allowlist", at: where_))
                        if !isBlock, let name = RawHTMLAllowlist.openingTagName(buffer) { droppedOpenTags[name, default: 0] += 1 }
                    } else if !isBlock, let name = RawHTMLAllowlist.closingTagName(buffer), let open = droppedOpenTags[name], open > 0 {
                        // The end tag of an inline element whose start tag was dropped goes with it.
                        droppedOpenTags[name] = open - 1
                        dropped = true
                    }
                }
                rawHTML.append(MarkdownRawHTML(snippet: RawHTMLDescription.snippet(buffer), isBlock: isBlock, dropped: dropped, location: where_))
                if !dropped { kept.append(node) }
                if dropped, options.allowRawHTML { blanked.append(node) }
            }
        }
    }
}
