import PolicySiteCore

/// One rendered Markdown document: its HTML, split into sections, and everything the validator
/// needs (links, headings, code mentions, raw HTML, would-be tables) with real file positions.
public struct MarkdownDocument: Sendable {
    /// The whole document's HTML, as cmark renders it after our transformations. Always equal to
    /// `preambleHTML` followed by each section's `headingHTML` and `html`.
    public var html: String
    /// HTML of the blocks before the first level-2 heading (a level-1 title included).
    ///
    /// This and every section's `headingHTML` and `html` are slices of `html`, and the texts
    /// slices of one text per document: a page's parts cost no copy or allocation of their own.
    public var preambleHTML: Substring
    /// The same blocks' text without markup, trimmed (for the search index).
    public var preambleText: Substring
    /// One per top-level `##` heading, in order. A top-level `#` heading after the first section
    /// also starts a section (level 1), so no content falls between sections.
    public var sections: [MarkdownSection]
    /// Every heading, nested ones (in lists, block quotes) included, in order.
    public var headings: [MarkdownHeading]
    /// Every link and image, in order of their start.
    public var links: [MarkdownLink]
    /// Every code or modifier mention found in text, known to the resolver or not.
    public var mentions: [MarkdownMention]
    /// Where each would-be pipe table starts that renders as text (a delimiter row with another
    /// number of cells than its header, rows without a delimiter row): the `pipe-table` findings.
    var pipeTables: [SourceLocation]
    /// Every raw HTML block and inline, and whether safe mode dropped it.
    public var rawHTML: [MarkdownRawHTML]
    /// `utf8-invalid`, `url-scheme`, `raw-html`, `pipe-table`, sorted by location.
    public var diagnostics: [Diagnostic]

    public init(
        html: String = "", preambleHTML: Substring = "", preambleText: Substring = "", sections: [MarkdownSection] = [],
        headings: [MarkdownHeading] = [], links: [MarkdownLink] = [], mentions: [MarkdownMention] = [],
        pipeTables: [SourceLocation] = [], rawHTML: [MarkdownRawHTML] = [], diagnostics: [Diagnostic] = []
    ) {
        self.html = html
        self.preambleHTML = preambleHTML
        self.preambleText = preambleText
        self.sections = sections
        self.headings = headings
        self.links = links
        self.mentions = mentions
        self.pipeTables = pipeTables
        self.rawHTML = rawHTML
        self.diagnostics = diagnostics
    }
}

/// A part of the page under one heading: a `##` section, or a `###` subsection of one.
public struct MarkdownSection: Sendable, Hashable {
    /// The heading's plain text.
    public var title: String
    /// The heading's id (unique in the page).
    public var id: String
    /// 2 for `##`, 3 for `###`; 1 for a `#` heading after the first section.
    public var level: Int
    /// Where the heading starts.
    public var location: SourceLocation
    /// The rendered heading itself (with id and anchor when heading ids are on).
    public var headingHTML: Substring
    /// The body without its heading; a `##` section's body includes its `###` subsections.
    public var html: Substring
    /// The body's text without markup (for search), blocks separated by newlines.
    public var plainText: Substring
    /// The `###` subsections of a `##` section, in order; empty for a subsection.
    public var subsections: [MarkdownSection]

    public init(
        title: String, id: String, level: Int, location: SourceLocation, headingHTML: Substring = "",
        html: Substring, plainText: Substring, subsections: [MarkdownSection] = []
    ) {
        self.title = title
        self.id = id
        self.level = level
        self.location = location
        self.headingHTML = headingHTML
        self.html = html
        self.plainText = plainText
        self.subsections = subsections
    }
}

/// One heading and the id the page gives it.
public struct MarkdownHeading: Sendable, Hashable {
    public var level: Int
    /// The heading's plain text (code spans included, markup dropped).
    public var text: String
    /// Unique in the page; see `HeadingIDGenerator` for the algorithm.
    public var id: String
    public var location: SourceLocation

    public init(level: Int, text: String, id: String, location: SourceLocation) {
        self.level = level
        self.text = text
        self.id = id
        self.location = location
    }
}

/// One link or image.
public struct MarkdownLink: Sendable, Hashable {
    /// The destination as cmark parsed it: entities and backslash escapes resolved, a reference
    /// link replaced by its definition's destination.
    public var destination: String
    /// The URL given to the renderer after rewriting and sanitising (empty when blanked), before
    /// cmark's attribute escaping.
    public var href: String
    public var title: String
    public var isImage: Bool
    /// Where the link (its `[`, `![` or `<`) starts.
    public var location: SourceLocation
    /// The link text or image description, without markup.
    public var text: String

    public init(destination: String, href: String, title: String, isImage: Bool, location: SourceLocation, text: String) {
        self.destination = destination
        self.href = href
        self.title = title
        self.isImage = isImage
        self.location = location
        self.text = text
    }
}

/// A procedure code or modifier named in text.
public struct MarkdownMention: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case code, modifier }
    public var kind: Kind
    /// `G9328`, or `26` for "modifier 26".
    public var identifier: String
    /// Whether the resolver knows it.
    var isKnown: Bool
    /// Where the identifier itself starts (for "modifier 26", the `2`).
    public var location: SourceLocation
    /// Whether the layer turned it into a link (known, cross-links on, and not in a heading,
    /// link or image).
    var isLinked: Bool

    public init(kind: Kind, identifier: String, isKnown: Bool, location: SourceLocation, isLinked: Bool = false) {
        self.kind = kind
        self.identifier = identifier
        self.isKnown = isKnown
        self.location = location
        self.isLinked = isLinked
    }
}

/// A raw HTML block or inline.
public struct MarkdownRawHTML: Sendable, Hashable {
    /// The HTML as written, cut to its first 200 bytes (at a character boundary).
    var snippet: String
    var isBlock: Bool
    /// True when safe mode left it out of the page.
    public var dropped: Bool
    public var location: SourceLocation

    public init(snippet: String, isBlock: Bool, dropped: Bool, location: SourceLocation) {
        self.snippet = snippet
        self.isBlock = isBlock
        self.dropped = dropped
        self.location = location
    }
}
