import PolicySiteCore
import PolicySiteMarkdown

/// Everything a site-wide check may read: the joined site model, the Markdown of every content
/// page (general pages whole, guidance pages' links with their positions), and the
/// HTML pages as they will be published (for anchors, which must be checked against what is
/// really on the page).
struct ValidationContext: Sendable {
    var model: SiteModel
    var content: RenderedContent
    /// Every page that will be written: path below `Site/` and HTML. A build keeps the HTML
    /// only where `anchors` lacks the page (empty contents mean "exists, ids not needed").
    var outputs: [OutputFile]
    /// The ids of pages, scanned while they were rendered, so their HTML need not be kept.
    var anchors: [String: Set<String>] = [:]
    /// Files copied as they are (static content files, `Site/assets/**`), paths below `Site/`:
    /// valid link targets with no anchors to check.
    var copiedFiles: [String] = []
    /// Files an earlier step found an error in (display paths). A page that failed to load is
    /// reported there once, not again by every link to it.
    var filesWithErrors: Set<String> = []

    init(model: SiteModel, content: RenderedContent, outputs: [OutputFile], copiedFiles: [String] = [], filesWithErrors: Set<String> = []) {
        self.model = model
        self.content = content
        self.outputs = outputs
        self.copiedFiles = copiedFiles
        self.filesWithErrors = filesWithErrors
    }
}

/// Runs every content-against-data and structure rule over a built (not yet written) site.
///
/// Each check is a small type in its own file with its own test file; this type only runs
/// them. Checks that read one guidance page's sections run while the page is rendered
/// (`checkGuidancePage`), so the build need not keep every page's Markdown; the others read
/// the whole site (`run`). Findings come back at their default severity:
/// `outcome(of:for:)` then applies `site.yml`'s `rules:` and the pages' `suppress:` entries.
enum SiteValidator {
    /// The checks that read the built site, in no particular order (findings are sorted later).
    static let siteChecks: [@Sendable (ValidationContext) -> [Diagnostic]] = [
        CodeStatusCheck.run,
        DescriptorCheck.run,
        CodeMentionCheck.run,
        ModifierCheck.run,
        ReviewDateCheck.run,
        LinkCheck.run,
        DataURLCheck.run,
        StaleGuidanceCheck.run,
        PlaceholderCheck.run,
    ]

    /// The findings of the site-wide checks, unsorted; the caller applies severities and
    /// suppressions.
    static func run(_ context: ValidationContext) -> [Diagnostic] {
        siteChecks.parallelMap { $0(context) }.flatMap { $0 }
    }

    /// The findings of the checks that read one guidance page alone: its four sections
    /// (`GuidanceSectionsCheck`), its payer notes (`PayerNotesCheck`), the codes and
    /// modifiers it names (`CodeMentionCheck`, `ModifierCheck`).
    static func checkGuidancePage(_ page: GuidanceSource, document: MarkdownDocument, model: SiteModel) -> [Diagnostic] {
        let content = ContentPage(
            file: page.file, path: SiteModel.codePath(page.frontMatter.code), document: document,
            guidance: page, suppressions: page.frontMatter.suppressions)
        return GuidanceSectionsCheck.check(page, document) + PayerNotesCheck.check(page, document, model: model)
            + CodeMentionCheck.check(content, model: model) + ModifierCheck.check(content, model: model)
            + PlaceholderCheck.check(page, document)
    }
}

/// One Markdown page of the content folder as the checks see it: where it came from, where it
/// is published and what its Markdown holds.
struct ContentPage {
    /// The display path of the source file: `Content/codes/G9328.md`.
    var file: String
    /// Where the page is published.
    var path: SitePath
    var document: MarkdownDocument
    /// Set for a guidance page (`Content/codes/<CODE>.md`).
    var guidance: GuidanceSource?
    var suppressions: [RuleSuppression]
}

extension ValidationContext {
    /// The guidance pages at `range` of the model's sorted guidance, made one at a time.
    func guidancePages(_ range: Range<Int>) -> some Sequence<ContentPage> {
        model.sortedGuidance[range].lazy.compactMap { page -> ContentPage? in
            guard let document = content.guidance[page.frontMatter.code] else { return nil }
            return ContentPage(
                file: page.file, path: SiteModel.codePath(page.frontMatter.code), document: document,
                guidance: page, suppressions: page.frontMatter.suppressions)
        }
    }

    /// The general pages (every Markdown page but guidance), in model order.
    var generalPages: [ContentPage] {
        zip(model.pages, content.pages).map { page, document in
            ContentPage(file: page.file, path: page.path, document: document, guidance: nil, suppressions: page.frontMatter.suppressions)
        }
    }

    var asOf: CalendarDate { model.configuration.asOf }
}
