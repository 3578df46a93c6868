import PolicySiteCore
import PolicySiteMarkdown

/// The Markdown of every content page as validation reads it.
struct RenderedContent: Sendable {
    /// Guidance documents by code. A build keeps only their links (see `GuidanceDigest`): the
    /// checks that read more of a guidance page ran while it was rendered.
    var guidance: [String: MarkdownDocument]
    /// One document per general page, in `SiteModel.pages` order.
    var pages: [MarkdownDocument]
}

/// What a build keeps of one guidance page once its code page is rendered: a few kilobytes
/// instead of its whole Markdown document (10 KB and more), so memory stays flat as the
/// content grows.
struct GuidanceDigest: Sendable {
    /// Every link written in the page (for the link check and the pages it must render).
    var links: [MarkdownLink]
    /// One per site payer, in order (for the payer pages, the matrix and the home page).
    var payerStates: [PayerNoteState]
    /// Where the page's search text (section titles and text, white space collapsed) was set
    /// aside for the search index; nil when the build writes no index (`check`).
    var searchText: Range<Int>?
    /// The site's modifiers its prose names (`ModifierMentions`), sorted.
    var modifierMentions: [String] = []
    /// The Markdown layer's findings and those of the checks of this page alone.
    var findings: [Diagnostic]

    /// A document with only the links: what the site-wide checks read of a guidance page.
    var linksOnly: MarkdownDocument {
        MarkdownDocument(links: links)
    }
}
