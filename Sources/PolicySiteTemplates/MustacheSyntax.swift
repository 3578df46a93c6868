// The Mustache syntax tree, as the parser leaves it: the standalone-line whitespace rules already
// applied, every tag with the line and column where it is written.

/// Where a tag starts in its template file: 1-based line and column, the column counted in UTF-8
/// bytes (as `SourceLocation` counts them), with no line added or removed by the loader.
public struct TemplatePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: TemplatePosition, rhs: TemplatePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A name as a tag writes it: `code`, `status.label` (dotted: each segment looked up in the value
/// the one before found), or `.` (the implicit iterator: the top of the context stack).
struct MustacheName: Hashable, Sendable, CustomStringConvertible {
    /// The name as written, without the padding inside the tag.
    let text: String
    /// `text` split on dots; empty for `.`.
    let segments: [String]

    init(_ text: String) {
        self.text = text
        segments = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    var isImplicitIterator: Bool { segments.isEmpty }
    var description: String { text }
}

/// One node of a parsed template.
indirect enum MustacheNode: Sendable {
    /// Literal template text, as UTF-8 bytes. `startsLine` is true when its first byte begins a
    /// line of the template (what partial and block indentation need to know).
    case text([UInt8], startsLine: Bool)
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (raw).
    case variable(MustacheName, escaped: Bool, at: TemplatePosition)
    /// `{{#name}}...{{/name}}`, or `{{^name}}...{{/name}}` when `inverted`.
    case section(MustacheName, inverted: Bool, children: [MustacheNode], at: TemplatePosition)
    /// `{{>name}}`. `indentation` is the whitespace before a standalone tag, prepended to every
    /// line the partial renders; nil when the tag is not standalone.
    case partial(String, indentation: [UInt8]?, at: TemplatePosition)
    /// `{{<name}}...{{/name}}`: the template `name`, with the blocks inside overriding its own.
    case parent(String, indentation: [UInt8]?, overrides: [MustacheBlock], at: TemplatePosition)
    /// `{{$name}}default{{/name}}` outside a parent tag: a place a child template may fill.
    case block(MustacheBlock)
}

/// `{{$name}}...{{/name}}`: a block, either a place in a parent template (its content is the
/// default) or, inside a parent tag, the content that replaces the parent's block of that name.
struct MustacheBlock: Sendable {
    let name: String
    /// The content. When the block's opening tag is standalone, the indentation its lines share
    /// has been taken off (it is given again where the block is expanded).
    let children: [MustacheNode]
    /// For a standalone block: the indentation its content is expanded with (the indentation its
    /// own default content shares, else the whitespace before the tag). Nil otherwise.
    let indentation: [UInt8]?
    let position: TemplatePosition
}

/// A parsed template.
public struct MustacheTemplate: Sendable {
    /// The template's name (its file name without `.mustache`), as partial tags name it.
    let name: String
    let nodes: [MustacheNode]

    /// Parses `source`; throws `MustacheSyntaxError` with the position of the first mistake.
    public init(name: String, source: [UInt8]) throws(MustacheSyntaxError) {
        self.name = name
        nodes = try MustacheParser(source: source).parse()
    }

    /// Parses `source`; throws `MustacheSyntaxError` with the position of the first mistake.
    init(name: String, source: String) throws(MustacheSyntaxError) {
        try self.init(name: name, source: Array(source.utf8))
    }
}

/// A template that cannot be parsed: where and why, in one plain sentence.
public struct MustacheSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public let position: TemplatePosition
    public let message: String

    public var description: String { "\(position): \(message)" }
}
