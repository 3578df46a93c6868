// View models: what templates see. Templates never get the domain types; each view holds
// strings, booleans and lists already formatted for display, and URLs already relative to the
// page being rendered. Views are stored properties only, because swift-mustache reads them by
// reflection.

/// A link: text and a relative URL.
struct LinkView: Sendable {
    var title: String
    var url: String
}

/// What the base layout needs on every page.
struct LayoutView: Sendable {
    var siteTitle: String
    var pageTitle: String
    var homeURL: String
    var stylesheetURL: String
    var modifiersURL: String
    var breadcrumbs: [LinkView]
    var hasBreadcrumbs: Bool
    var asOf: String
    var codeSetRelease: String
    var revision: String?
    var canonicalURL: String?
}

/// A code's status, readable without colour: the label says it all.
struct StatusView: Sendable {
    var label: String
    var isActive: Bool
    var isTerminated: Bool
    /// `active`, `terminated` or `pending`, for the badge's style.
    var kind: String
}

/// A row of a code list: index pages, section pages, the home page.
struct CodeRowView: Sendable {
    var code: String
    var url: String
    var shortDescriptor: String
    var status: StatusView
    var hasGuidance: Bool
}

/// A row of the modifier table of a guidance page.
struct ModifierUsageView: Sendable {
    var code: String
    var url: String?
    var descriptor: String
    var whenToUse: String
}

/// One payer's note on a guidance page, in the site's payer order.
struct PayerNoteView: Sendable {
    var payerName: String
    var id: String
    /// The note's HTML; empty when there is no note or the note says no data is available.
    var html: String
    var hasNote: Bool
    var isNoData: Bool
    var isMissing: Bool
}

/// A rendered Markdown section with its heading.
struct SectionView: Sendable {
    var title: String
    var id: String
    var html: String
}

/// The guidance part of a code page.
struct GuidanceView: Sendable {
    var title: String
    var serviceType: String?
    var sitesOfService: String?
    var lastReviewed: String?
    var owner: String?
    var isHistorical: Bool
    var preambleHTML: String
    var overview: SectionView?
    var clinicalContext: SectionView?
    var codingSpecifications: SectionView?
    var modifiers: [ModifierUsageView]
    var hasModifiers: Bool
    var payerNotesID: String
    var payerNotes: [PayerNoteView]
    var otherSections: [SectionView]
}

/// `Site/codes/<CODE>/index.html`.
struct CodePageView: Sendable {
    var layout: LayoutView
    var code: String
    /// The guidance title where there is guidance (CMS short descriptors are abbreviations).
    var heading: String
    var longDescriptor: String
    var shortDescriptor: String
    var status: StatusView
    var addedDate: String?
    var actionEffectiveDate: String?
    var terminationDate: String?
    var coverage: String?
    var betos: String?
    var sectionName: String?
    var hasGuidance: Bool
    var guidance: GuidanceView?
}

/// A section of the code set on the home page.
struct SectionSummaryView: Sendable {
    var letter: String
    var name: String
    var url: String
    var count: Int
}

/// `Site/index.html`.
struct HomePageView: Sendable {
    var layout: LayoutView
    var introHTML: String
    var guidanceCodes: [CodeRowView]
    var hasGuidanceCodes: Bool
    var pages: [LinkView]
    var hasPages: Bool
    var sections: [SectionSummaryView]
    var codeCount: Int
    var modifierCount: Int
    var guidanceCount: Int
    /// The whole code list, shown on the home page only for small code sets.
    var codes: [CodeRowView]
    var showsAllCodes: Bool
    var otherCodesCount: Int
    var hasOtherCodes: Bool
}

/// `Site/codes/<LETTER>/index.html` (section pages).
struct SectionPageView: Sendable {
    var layout: LayoutView
    var letter: String
    var name: String
    var codes: [CodeRowView]
    var count: Int
}

/// A guidance page that uses a modifier.
struct ModifierRowView: Sendable {
    var code: String
    var url: String
    var descriptor: String
    var level: String
    var status: StatusView
}

/// `Site/modifiers/<MODIFIER>/index.html`.
struct ModifierPageView: Sendable {
    var layout: LayoutView
    var code: String
    var descriptor: String
    var shortDescriptor: String?
    var level: String
    var status: StatusView
    var usedBy: [LinkView]
    var isUsed: Bool
}

/// `Site/modifiers/index.html`.
struct ModifierIndexView: Sendable {
    var layout: LayoutView
    var modifiers: [ModifierRowView]
    var count: Int
}

/// A general page (policies, guides).
struct GeneralPageView: Sendable {
    var layout: LayoutView
    var title: String
    var description: String?
    var html: String
}
