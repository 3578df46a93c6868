// View models: what templates see. Templates never get the domain types; each view holds
// strings, booleans and lists already formatted for display, and URLs already relative to the
// page being rendered. Each view is declared once: the template engine learns its fields from
// the `Codable` conformance Swift derives (see `TemplateView`), so views are stored properties
// only. Markup the site made is `HTML`, which templates write raw; every `String` is escaped.

import PolicySiteTemplates

/// A labelled value: "Pricing indicator", "11 (Price established using national RVUs)".
struct FactView: TemplateView {
    var label: String
    var value: String
    /// The value is a date (`2014-01-01`), written as `<time>` so that it never breaks at a hyphen.
    var isDate: Bool = false
}

/// A number and what it counts, for the home page: "6,440" "codes".
struct CountView: TemplateView {
    /// With thousands separators, as coders read numbers.
    var number: String
    /// Singular for 1.
    var noun: String

    init(_ count: Int, _ singular: String, _ plural: String) {
        number = CountPhrase.grouped(count)
        noun = count == 1 ? singular : plural
    }
}

/// A link: text and a relative URL.
struct LinkView: TemplateView {
    var title: String
    var url: String
}

/// One page of a list that `pagerSize` splits, named by the codes it holds ("C9485 to G8431").
struct PageLinkView: TemplateView {
    var title: String
    var url: String
    var isCurrent: Bool
}

/// An entry of a page's table of contents, from the Markdown layer's heading ids.
struct TOCEntryView: TemplateView {
    var title: String
    var url: String
    var children: [TOCEntryView]
    var hasChildren: Bool
}

/// An entry of the site's header navigation.
struct NavItemView: TemplateView {
    var title: String
    var url: String
    /// `page` on the page the entry names, `true` on a page inside its part of the site (a
    /// modifier page under "Modifiers"), nil elsewhere: the value of `aria-current`.
    var current: String?
}

/// What the base layout needs on every page.
struct LayoutView: TemplateView {
    var siteTitle: String
    var pageTitle: String
    /// The page's title is the site's (the home page): the `<title>` says it once.
    var isSiteTitle: Bool
    /// The last breadcrumb: the page's short name ("G9328").
    var crumbTitle: String
    var homeURL: String
    var stylesheetURL: String
    var modifiersURL: String
    var coverageURL: String
    var searchURL: String
    /// Home, Sections, Modifiers, Payers, Coverage, Checks, and Changes on sites with releases.
    var navigation: [NavItemView]
    /// False on the pages with a search box of their own (home, search): one box a page.
    var showsHeaderSearch: Bool
    /// The whole stylesheet, written into the page instead of linked (the 404 page, which a
    /// server shows at any depth and which may be opened from disk); nil elsewhere.
    var inlineStylesheet: HTML?
    var breadcrumbs: [LinkView]
    var hasBreadcrumbs: Bool
    var toc: [TOCEntryView]
    var hasTOC: Bool
    var previous: LinkView?
    var next: LinkView?
    var hasPager: Bool
    var asOf: String
    var codeSetRelease: String
    var revision: String?
    var canonicalURL: String?
    /// The publication record page (`publication/`): what the footer's audit stamp links to.
    var recordURL: String
}

/// A code's status, readable without colour: the label says it all.
struct StatusView: TemplateView {
    var label: String
    /// The label with its date in `<time>`, which never breaks at a hyphen (pages whose status
    /// may wrap: code and modifier pages).
    var labelHTML: HTML
    var isActive: Bool
    var isTerminated: Bool
    /// `active`, `terminated` or `pending`, for the badge's style.
    var kind: String
}

/// A row of a code list: index pages, section pages, the home page.
struct CodeRowView: TemplateView {
    var code: String
    var url: String
    var shortDescriptor: String
    var longDescriptor: String
    var status: StatusView
    var hasGuidance: Bool
    /// The row's id where a section page's code-range links land (`code-G0100`), else nil.
    var anchorID: String? = nil
}

/// A row of the modifier table of a guidance page.
struct ModifierUsageView: TemplateView {
    var code: String
    var url: String?
    var descriptor: String
    var whenToUse: String
}

/// One payer's note on a guidance page, in the site's payer order.
struct PayerNoteView: TemplateView {
    var payerName: String
    var id: String
    /// The note's HTML; empty when there is no note or the note says no data is available.
    var html: HTML
    var hasNote: Bool
    var isNoData: Bool
    /// A heading with nothing under it: neither a note nor "No data available".
    var isEmpty: Bool
    var isMissing: Bool
}

/// A rendered Markdown section with its heading.
struct SectionView: TemplateView {
    var title: String
    var id: String
    /// The heading as the Markdown layer rendered it (id and anchor link).
    var headingHTML: HTML
    var html: HTML
}

/// The guidance part of a code page.
struct GuidanceView: TemplateView {
    var title: String
    var serviceType: String?
    var sitesOfService: String?
    var lastReviewed: String?
    var owner: String?
    var isHistorical: Bool
    var preambleHTML: HTML
    var overview: SectionView?
    var clinicalContext: SectionView?
    var codingSpecifications: SectionView?
    var modifiers: [ModifierUsageView]
    var hasModifiers: Bool
    var payerNotesID: String
    var payerNotes: [PayerNoteView]
    var otherSections: [SectionView]
    /// "Long descriptor changed in 2019 (effective 2019-01-01), after this guidance was last reviewed."
    var staleNotes: [String]
    var isStale: Bool
}

/// `Site/codes/<CODE>/index.html`.
struct CodePageView: TemplateView {
    var layout: LayoutView
    var code: String
    /// The guidance title where there is guidance, else the long descriptor (CMS short
    /// descriptors are abbreviations: "Hot/cold bottle/cap/col/wrap").
    var heading: String
    var longDescriptor: String
    var shortDescriptor: String
    var status: StatusView
    /// The last day of service of a terminated code, for the historical banner.
    var terminationDate: String?
    /// What the release record is headed by: "CMS HCPCS 2019 release".
    var recordHeading: String
    /// The code's record, in the record layout's order; empty fields left out.
    var recordFacts: [FactView]
    var hasGuidance: Bool
    var guidance: GuidanceView?
    /// Every release of the site, oldest first, runs of unchanged releases as one line (sites
    /// with `releases:`; empty otherwise).
    var history: [HistoryEntryView]
    var hasHistory: Bool
}

/// One line of a code's or modifier's History block: a release, or a run of consecutive
/// releases that did the same (nothing, or not list it), oldest first.
struct HistoryEntryView: TemplateView {
    /// "Listed in 2017", "Unchanged in 2018 and 2019", "Added in 2018", "Changed in 2019".
    var title: String
    /// The code's row on the release's changes page, for a release that changed it.
    var url: String?
    /// The release's effective date, for a release that changed the code.
    var effectiveDate: String?
    /// What changed, field by field.
    var items: [HistoryItemView]
    var hasItems: Bool
}

/// One field a release changed: "BETOS code: M5B → M5C", or a descriptor word by word.
struct HistoryItemView: TemplateView {
    /// "Long descriptor", "Status", "BETOS code", "Finding".
    var label: String
    /// "old → new" (dates in `<time>`), or a sentence; empty when `hasDescriptorDiff`.
    var valueHTML: HTML
    var oldDescriptor: [DiffWordView]
    var newDescriptor: [DiffWordView]
    var hasDescriptorDiff: Bool
}

/// A section of the code set on the home page.
struct SectionSummaryView: TemplateView {
    var letter: String
    var name: String
    var url: String
    var count: Int
}

/// `Site/index.html`.
struct HomePageView: TemplateView {
    var layout: LayoutView
    var introHTML: HTML
    /// The first `pagerSize` codes with guidance; `moreGuidanceCount` more are in the matrix.
    var guidanceCodes: [CodeRowView]
    var hasGuidanceCodes: Bool
    var moreGuidanceCount: Int
    var hasMoreGuidance: Bool
    var pages: [LinkView]
    var hasPages: Bool
    var sections: [SectionSummaryView]
    /// "6,440 codes", "1 guidance page", "3 payer gaps" (payer notes neither written nor
    /// marked "no data available").
    var siteCounts: [CountView]
    var payers: [LinkView]
    /// Set when the site has several releases.
    var changesURL: String?
    /// The whole code list, shown on the home page only for small code sets.
    var codes: [CodeRowView]
    var showsAllCodes: Bool
    var otherCodesCount: Int
    var hasOtherCodes: Bool
}

/// `Site/codes/<LETTER>/index.html` (section pages).
struct SectionPageView: TemplateView {
    var layout: LayoutView
    var letter: String
    var name: String
    var codes: [CodeRowView]
    var count: Int
    /// Links to the first row of each range of codes ("G0008–G0299"), on long sections.
    var jumps: [LinkView]
    var hasJumps: Bool
    /// `assets/filter.js`, which narrows the table as one types.
    var filterScriptURL: String
}

/// A guidance page that uses a modifier.
struct ModifierRowView: TemplateView {
    var code: String
    var url: String
    var descriptor: String
    var level: String
    var status: StatusView
}

/// A page that uses a modifier, on the modifier's page.
struct ModifierUserView: TemplateView {
    /// "G9328: DICOM image availability ..." for guidance, the title for a general page.
    var title: String
    var url: String
    /// "lists it", "mentions it" or "lists and mentions it": in its front matter's modifier
    /// table, in its prose (see `ModifierMentions`), or both.
    var how: String
}

/// `Site/modifiers/<MODIFIER>/index.html`.
struct ModifierPageView: TemplateView {
    var layout: LayoutView
    var code: String
    var descriptor: String
    var shortDescriptor: String?
    var status: StatusView
    /// Level, then the release record's added, action effective and termination dates.
    var facts: [FactView]
    /// Guidance pages (by code), then general pages (by path).
    var usedBy: [ModifierUserView]
    var isUsed: Bool
    /// As on code pages (sites with `releases:`).
    var history: [HistoryEntryView]
    var hasHistory: Bool
}

/// `Site/modifiers/index.html`.
struct ModifierIndexView: TemplateView {
    var layout: LayoutView
    var modifiers: [ModifierRowView]
    var count: Int
}

/// A general page (policies, guides).
struct GeneralPageView: TemplateView {
    var layout: LayoutView
    var title: String
    /// False when the Markdown starts with its own `#` heading, which then is the title.
    var showsTitle: Bool
    var description: String?
    var html: HTML
}

/// One guidance code's note of one payer, on a payer page.
struct PayerNoteRowView: TemplateView {
    var code: String
    var title: String
    var url: String
    var html: HTML
    var hasNote: Bool
    var isNoData: Bool
    /// A heading with nothing under it: neither a note nor "No data available".
    var isEmpty: Bool
    var isMissing: Bool
    var status: StatusView
}

/// `Site/payers/<id>/index.html` (and `page/<n>/` after it): every note of one payer across the
/// guidance pages, `pagerSize` codes a page.
struct PayerPageView: TemplateView {
    var layout: LayoutView
    var name: String
    var aliases: String?
    /// "Page 2 of 7: G0101 to G0296" when the notes take several pages, else nil.
    var pageLabel: String?
    /// Every page of the list, when there are several (else empty).
    var pageLinks: [PageLinkView]
    var hasPageLinks: Bool
    var notes: [PayerNoteRowView]
    var noteCount: Int
    var noDataCount: Int
    /// Notes with a heading and nothing under it.
    var emptyCount: Int
    var missingCount: Int
}

/// A cell of the coverage matrix: one payer's note state for one code.
struct CoverageCellView: TemplateView {
    var payerName: String
    var url: String
    /// `note`, `no-data`, `empty` or `missing`.
    var state: String
    var label: String
    var isNote: Bool
    var isNoData: Bool
    var isMissing: Bool
}

/// A row of the coverage matrix.
struct CoverageRowView: TemplateView {
    var code: String
    var url: String
    var title: String
    var status: StatusView
    var cells: [CoverageCellView]
}

/// `Site/coverage/index.html` (and `page/<n>/` after it): guidance codes x payers, `pagerSize`
/// codes a page.
struct CoverageMatrixView: TemplateView {
    var layout: LayoutView
    var payers: [LinkView]
    /// "Page 2 of 7: G0101 to G0296" when the matrix takes several pages, else nil.
    var pageLabel: String?
    /// Every page of the list, when there are several (else empty).
    var pageLinks: [PageLinkView]
    var hasPageLinks: Bool
    var rows: [CoverageRowView]
    var hasRows: Bool
    var noteCount: Int
    var noDataCount: Int
    /// Notes with a heading and nothing under it.
    var emptyCount: Int
    var missingCount: Int
}

/// `Site/search/index.html`.
struct SearchPageView: TemplateView {
    var layout: LayoutView
    var indexScriptURL: String
    var searchScriptURL: String
}

/// `Site/404.html`.
struct NotFoundPageView: TemplateView {
    var layout: LayoutView
}

/// A finding shown on the checks page.
struct FindingView: TemplateView {
    /// `path:line:column`, the path with `..` folded away (`../shared/hcpcs/HCPC2019_CONTR_ANWEB.txt:1884:231`),
    /// with line-break opportunities after its slashes.
    var location: HTML
    /// The page the finding is about, when the site has one.
    var url: String?
    var severity: String
    var rule: String
    var message: String
}

/// A suppression shown on the checks page.
struct SuppressionView: TemplateView {
    /// The file, as `FindingView.location` writes a path.
    var file: HTML
    /// The page the suppressing file becomes.
    var url: String?
    var rule: String
    var reason: String
}

/// A finding about a CMS release file that `site.yml` acknowledges: where, the rule, what
/// CMS's file says and the team's reason.
struct AcknowledgementView: TemplateView {
    var location: String
    var rule: String
    var message: String
    var reason: String
}

/// `Site/checks/index.html`: warnings that did not stop the build, every suppression, and the
/// release files' acknowledged defects (a section only when there are some).
struct ChecksPageView: TemplateView {
    var layout: LayoutView
    var findings: [FindingView]
    var hasFindings: Bool
    var suppressions: [SuppressionView]
    var hasSuppressions: Bool
    var acknowledged: [AcknowledgementView] = []
    var hasAcknowledged = false
}

/// A word of a descriptor diff: kept, removed (`<del>`) or added (`<ins>`).
struct DiffWordView: TemplateView {
    var text: String
    var isEqual: Bool
    var isRemoved: Bool
    var isAdded: Bool
}

/// One code's change in a release, on a changes page.
struct ChangeRowView: TemplateView {
    var code: String
    var subject: String
    /// The row's id, on a code's first row of the page: History blocks link to it.
    var anchorID: String?
    /// Nil when the code has no page (it left the code set).
    var url: String?
    /// The kind of change this row shows ("Long descriptor changed").
    var kind: String
    var summary: String
    /// The summary with its dates in `<time>` (they never break at a hyphen).
    var summaryHTML: HTML
    var actionCode: String
    var oldDescriptor: [DiffWordView]
    var newDescriptor: [DiffWordView]
    var hasDescriptorDiff: Bool
    var hasGuidance: Bool
}

/// The changes of one kind in a release.
struct ChangeGroupView: TemplateView {
    var title: String
    var id: String
    var count: Int
    var rows: [ChangeRowView]
}

/// `Site/changes/<label>/index.html`: what one release changed against the one before.
struct ChangesPageView: TemplateView {
    var layout: LayoutView
    var label: String
    var previousLabel: String
    var effectiveDate: String?
    /// Codes and modifiers with at least one change, as the releases page counts them.
    var changedCount: CountView
    /// Codes and modifiers with at least one finding about CMS's data.
    var findingCount: CountView
    /// Each kind of change with its count, linking its group; a code can be under several.
    var counts: [LinkView]
    /// Each kind of finding about the data with its count.
    var findingCounts: [LinkView]
    var hasFindingCounts: Bool
    /// The action codes the page shows, with their meaning in CMS's record layout: label "C",
    /// value "Change in long description of procedure or modifier code".
    var actionCodes: [FactView]
    var touchedGuidance: [ChangeRowView]
    var hasTouchedGuidance: Bool
    var groups: [ChangeGroupView]
}

/// A release on the changes index.
struct ReleaseRowView: TemplateView {
    var label: String
    var effectiveDate: String
    var url: String?
    /// Counts with thousands separators ("6,440").
    var procedureCodes: String
    var modifiers: String
    /// Codes and modifiers with at least one change (`PageRenderer.changedCount`).
    var changeCount: Int
    /// Codes and modifiers with at least one finding about CMS's data.
    var findingCount: Int
}

/// `Site/changes/index.html`: the releases of the site, newest first.
struct ReleasesIndexView: TemplateView {
    var layout: LayoutView
    var releases: [ReleaseRowView]
}
