import PolicySiteCore
import PolicySiteMarkdown

/// Everything a check may read: the joined site model, the Markdown of every content page
/// (links, headings, sections, mentions with positions), and the HTML pages as they will be
/// published (for anchors, which must be checked against what is really on the page).
public struct ValidationContext: Sendable {
    public var model: SiteModel
    public var content: RenderedContent
    /// Every page that will be written: path below `Site/` and HTML.
    public var outputs: [OutputFile]
}

/// Runs every content-against-data and structure rule over a built (not yet written) site.
public enum SiteValidator {
    /// All findings of all rules, unsorted; the caller applies severities and suppressions.
    public static func run(_ context: ValidationContext) -> [Diagnostic] {
        []
    }
}
