/// Which of the site's Markdown transformations run. Each is on by default; `plain` turns all off.
public struct MarkdownOptions: Sendable {
    /// Emits an `id` and a hover anchor link on every heading. Ids are computed (for
    /// `headings` and `sections`) even when this is off; only the HTML changes.
    public var headingIDs: Bool = true
    /// Turns a Level II code (`G9328`) or a modifier (`modifier 26`) in plain text into a link to
    /// its page when the resolver knows it.
    public var codeCrossLinks: Bool = true
    /// Rewrites a relative link to a content file (`G9329.md#notes`) to the URL of its page.
    public var linkRewriting: Bool = true
    /// Lets raw HTML through as cmark gives it (cmark's unsafe mode). Off by default: raw HTML is
    /// omitted and each omission reported. Dangerous link URLs are blanked in both modes.
    public var allowRawHTML: Bool = false
    /// With `allowRawHTML`, keeps only raw HTML that `RawHTMLAllowlist` accepts (no comments,
    /// scripts, event handlers or dangerous URLs); a node with anything else is dropped and
    /// reported. Off: raw HTML passes exactly as cmark gives it (the CommonMark test suite).
    public var rawHTMLAllowlist: Bool = false
    /// Turns GitHub Flavored Markdown pipe tables (a header row, a delimiter row `| --- | :-: |`,
    /// body rows) into `<table>` HTML as GFM writes it; see `PipeTablePass`.
    public var tables: Bool = true
    /// With `tables`, wraps each table in `<div class="table-scroll">` (a wide table scrolls
    /// sideways instead of widening a phone's page) and gives header cells `scope="col"`.
    /// Off: exactly GFM's HTML (its conformance examples).
    var tableMarkup: Bool = true
    /// Ids the page templates already use (`main`, `search`, `top`); heading ids avoid them.
    public var reservedIDs: Set<String> = []
    /// Makes cross-links cmark link nodes even where the layer writes their HTML itself (see
    /// `CodeMentionPass`); for tests, which check that both give the same bytes.
    var crossLinksAsNodes: Bool = false

    public init() {}

    /// All transformations and tables off, raw HTML off: what plain cmark would give, plus URL
    /// blanking.
    public static var plain: MarkdownOptions {
        var options = MarkdownOptions()
        options.headingIDs = false
        options.codeCrossLinks = false
        options.linkRewriting = false
        options.allowRawHTML = false
        options.tables = false
        options.tableMarkup = false
        return options
    }
}

/// How the page being rendered links to other pages. Every returned href is a relative URL the
/// Markdown layer writes verbatim (cmark still escapes it for the attribute).
public struct MarkdownLinkResolver: Sendable {
    /// `"G9328"` -> `"../../codes/G9328/index.html"` when the code set knows the code, else nil.
    public var codeURL: @Sendable (String) -> String?
    /// `"26"` -> `"../../modifiers/26/index.html"`, or nil.
    public var modifierURL: @Sendable (String) -> String?
    /// A link path ending in `.md` as written, without `#fragment` or `?query` (`"G9329.md"`,
    /// `"../codes/G9329.md"`) -> the relative URL of that page, or nil when no such content file.
    public var contentLinkURL: @Sendable (String) -> String?
    /// A link path that names a page of the site as a site path (`"/modifiers/TC/"`) or a
    /// folder (`"../../modifiers/"`), without `?query` or `#fragment` -> the relative URL of the
    /// page's file, which works from `file://` and under any base path; nil leaves it as written.
    public var siteLinkURL: @Sendable (String) -> String?

    public init(
        codeURL: @escaping @Sendable (String) -> String?,
        modifierURL: @escaping @Sendable (String) -> String?,
        contentLinkURL: @escaping @Sendable (String) -> String?,
        siteLinkURL: @escaping @Sendable (String) -> String? = { _ in nil }
    ) {
        self.codeURL = codeURL
        self.modifierURL = modifierURL
        self.contentLinkURL = contentLinkURL
        self.siteLinkURL = siteLinkURL
    }

    /// Knows nothing: no cross-links, no rewriting.
    public static let none = MarkdownLinkResolver(codeURL: { _ in nil }, modifierURL: { _ in nil }, contentLinkURL: { _ in nil })
}
