import PolicySiteCore

/// What the site's passes decided to change in cmark's tree before it renders, by row of the
/// `MarkdownNodeTable`. `CmarkBridge.CmarkDocument.apply` carries it out; the passes never touch
/// cmark themselves.
struct MarkdownEdits {
    /// Link and image destinations to replace (rewritten, or blanked for a disallowed scheme).
    var destinations: [(node: Int, url: String)] = []
    /// Raw HTML nodes to render as nothing (dropped by the allowlist in unsafe mode).
    var blankedHTML: [Int] = []
    /// Text nodes with cross-links to replace by one custom inline holding their HTML (the
    /// NUL-terminated bytes at `html` in `crossLinkHTML`); `pieces` (a range of `pieces`) are the
    /// links, for `split` when cmark refuses the replacement.
    var textReplacements: [(node: Int, html: Int, pieces: Range<Int>)] = []
    /// Text nodes whose linked identifiers become link nodes.
    var textSplits: [(node: Int, pieces: Range<Int>)] = []
    /// Every cross-link, by text node in document order.
    var pieces: [CrossLinkPiece] = []
    /// The replacements' HTML, one buffer for the document rather than an array per node.
    var crossLinkHTML: [UInt8] = []
    /// Headings to wrap with an id and an anchor.
    var headings: [HeadingWrapper] = []
    /// The wrappers' HTML.
    var headingHTML: [UInt8] = []

    /// The NUL-terminated string at `offset` of `buffer`, for tests and debugging.
    static func string(at offset: Int, in buffer: [UInt8]) -> String {
        let end = buffer[offset...].firstIndex(of: 0) ?? buffer.endIndex
        return String(decoding: buffer[offset..<end], as: UTF8.self)
    }
}

/// An identifier in a text node that becomes a link: its bytes in the node's literal and the URL.
struct CrossLinkPiece {
    var offset: Int
    var length: Int
    var url: String
    /// The link's HTML in `CodeMentionPass`'s buffer of them; empty when it is made as nodes.
    var link: Range<Int> = 0..<0
}

/// The HTML around a heading's inlines: `<hN id="x">` and ` <a class="anchor" ...>#</a></hN>`,
/// each NUL-terminated, by their start in `MarkdownEdits.headingHTML`.
struct HeadingWrapper {
    var node: Int
    var enter: Int
    var exit: Int
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
