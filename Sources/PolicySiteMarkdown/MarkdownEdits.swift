import PolicySiteCore

/// What the site's passes decided to change in cmark's tree before it renders, by row of the
/// `MarkdownNodeTable`. `CmarkBridge.CmarkDocument.apply` carries it out; the passes never touch
/// cmark themselves.
struct MarkdownEdits {
    /// Link and image destinations to replace (rewritten, or blanked for a disallowed scheme).
    var destinations: [(node: Int, url: String)] = []
    /// Raw HTML nodes to render as nothing (dropped by the allowlist in unsafe mode).
    var blankedHTML: [Int] = []
    /// Text nodes with cross-links to replace by one custom inline holding their HTML
    /// (NUL-terminated); `pieces` are the links, for `split` when cmark refuses the replacement.
    var textReplacements: [(node: Int, html: [UInt8], pieces: [CrossLinkPiece])] = []
    /// Text nodes whose linked identifiers become link nodes.
    var textSplits: [(node: Int, pieces: [CrossLinkPiece])] = []
    /// Headings to wrap with an id and an anchor.
    var headings: [HeadingWrapper] = []
}

/// An identifier in a text node that becomes a link: its bytes in the node's literal and the URL.
struct CrossLinkPiece {
    var offset: Int
    var length: Int
    var url: String
}

/// The HTML around a heading's inlines: `<hN id="x">` and ` <a class="anchor" ...>#</a></hN>`,
/// each NUL-terminated.
struct HeadingWrapper {
    var node: Int
    var enter: [UInt8]
    var exit: [UInt8]
}

/// What every pass needs to say where something is and how to link it.
struct MarkdownPassContext {
    let file: String
    let lineOffset: Int
    let options: MarkdownOptions
    let resolver: MarkdownLinkResolver

    /// A location in the file from a line and column of the parsed body.
    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + lineOffset, column: max(column, 1))
    }

    /// Where a node of the table starts.
    func location(of node: Int, in table: MarkdownNodeTable) -> SourceLocation {
        location(line: Int(table.rows[node].line), column: Int(table.rows[node].column))
    }
}
