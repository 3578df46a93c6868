import PolicySiteCore

/// cmark's node tree for one document as plain Swift values, for tests and debugging.
///
/// Flat, in document order, with parent indices rather than nested children, so a 500,000-deep
/// block quote neither overflows the stack when built nor when freed.
public struct MarkdownTree: Sendable {
    /// A cmark node type.
    public enum Kind: String, Sendable, Hashable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading, thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong, link, image
        /// A node type this layer does not know (a newer cmark); kept rather than a crash.
        case unknown

        /// Whether the node can have children (the walk sees an exit for it).
        var isContainer: Bool {
            switch self {
            case .document, .blockQuote, .list, .item, .customBlock, .paragraph, .heading,
                 .customInline, .emphasis, .strong, .link, .image:
                true
            default:
                false
            }
        }
    }

    /// One node with its source range (lines shifted by the parse's `lineOffset`; inline
    /// columns as cmark reports them).
    public struct Node: Sendable, Hashable {
        public var kind: Kind
        /// 0 for the document.
        public var depth: Int
        /// Index of the parent in `nodes`; nil for the document.
        public var parent: Int?
        public var startLine: Int
        public var startColumn: Int
        public var endLine: Int
        var endColumn: Int
        /// Text, code, code block and HTML content.
        public var literal: String = ""
        /// Link and image destination.
        public var url: String = ""
        public var title: String = ""
        /// 1-6 for headings, 0 otherwise.
        var headingLevel: Int = 0
        /// A fenced code block's info string.
        public var info: String = ""
    }

    public var nodes: [Node]

    /// Parses `source` without any transformation.
    public init(parsing source: String, lineOffset: Int = 0) {
        nodes = CmarkBridge.tree(Array(source.utf8), lineOffset: lineOffset)
    }

    /// Indices of the direct children of the node at `index`.
    public func children(of index: Int) -> [Int] {
        nodes.indices.filter { nodes[$0].parent == index }
    }

    /// One line per node, indented by depth: `paragraph @1:1-2:5`, `text @1:1-1:5 "Hello"`.
    func dump() -> String {
        var out = ""
        for node in nodes {
            out += String(repeating: "  ", count: node.depth)
            out += "\(node.kind.rawValue) @\(node.startLine):\(node.startColumn)-\(node.endLine):\(node.endColumn)"
            if node.headingLevel > 0 { out += " level=\(node.headingLevel)" }
            if !node.url.isEmpty { out += " url=\"\(node.url)\"" }
            if !node.literal.isEmpty {
                out += " \"" + node.literal.replacingNewlines + "\""
            }
            out += "\n"
        }
        return out
    }
}

extension String {
    fileprivate var replacingNewlines: String {
        var result = ""
        for character in self { result += character == "\n" ? "\\n" : String(character) }
        return result
    }
}
