import Foundation
import Synchronization
import PolicySiteCore
import PolicySiteMarkdown

/// What `serve` keeps of its last good build, so that the next rebuild re-renders only what an
/// edit touched (`SiteBuilder.incrementalBuild`). One per server; `build` and `check` have none.
///
/// The memory holds what the pages that were not rendered again would have given a cold build:
/// each output file's size and SHA-256, each page's findings, the ids of the pages links point
/// at, and what every guidance page gives the rest of the site (front matter, payer-note states,
/// modifier mentions, links, search text, findings). About the size of the site's search text.
public final class RebuildMemory: Sendable {
    private let last = Mutex<BuildSnapshot?>(nil)

    public init() {}

    /// The last good build's snapshot; nil before the first one, or after `forget`.
    var snapshot: BuildSnapshot? {
        last.withLock { $0 }
    }

    func remember(_ snapshot: BuildSnapshot) {
        last.withLock { $0 = snapshot }
    }

    /// Drops the snapshot: the next build is a full one.
    func forget() {
        last.withLock { $0 = nil }
    }
}

/// The request's settings that every page depends on: a rebuild with other settings is a full one.
struct RebuildSettings: Equatable, Sendable {
    var contentPath: String, templatesPath: String, codeSetPath: String?, revision: String?
    var contentDisplayPath: String?, templatesDisplayPath: String?, outputDisplayPath: String?
    var asOf: CalendarDate?, today: CalendarDate?, maxPageBytes: Int

    init(_ request: BuildRequest) {
        contentPath = request.contentPath
        templatesPath = request.templatesPath
        codeSetPath = request.codeSetPath
        revision = request.revision
        contentDisplayPath = request.contentDisplayPath
        templatesDisplayPath = request.templatesDisplayPath
        outputDisplayPath = request.outputDisplayPath
        asOf = request.asOf
        today = request.today
        maxPageBytes = request.maxPageBytes
    }
}

/// What one guidance page gave the rest of the site in the last good build.
struct RememberedGuidance: Sendable {
    /// The file's bytes as that build read them: equal bytes, equal page.
    var fingerprint: ContentFingerprint
    /// Read by the list, payer, modifier and home pages.
    var frontMatter: GuidanceFrontMatter
    var links: [MarkdownLink]
    var payerStates: [PayerNoteState]
    var modifierMentions: [String]
    /// What the page gives the search index.
    var searchText: String
    /// The page's own findings (its Markdown's, its checks', its code page's).
    var findings: [Diagnostic]
}

/// The last good build, as the next rebuild needs it.
struct BuildSnapshot: Sendable {
    /// The folder that holds the site (the one `serve` serves).
    var folder: String
    var settings: RebuildSettings
    /// The as-of date the model resolved (`asOf: today` moves at midnight UTC).
    var asOf: CalendarDate
    /// The renderer as the guidance pages met it: the model, the templates and the general
    /// pages' Markdown, none of which an edit to a guidance page's body changes.
    var renderer: PageRenderer
    /// The findings of the steps that made it: templates, code set, general pages' Markdown.
    var rendererFindings: [Diagnostic]
    /// Every input's SHA-256, as the publication record lists them.
    var inputs: [BuildManifest.Input]
    /// The processing notes' SHA-256 (they are not a recorded input, but pages show them).
    var processingNotes: SHA256Digest?
    var guidance: [String: RememberedGuidance]
    /// The findings of rendered pages other than guidance code pages, by output path.
    var pageFindings: [String: [Diagnostic]]
    /// The ids of each page a link points at, by output path.
    var anchors: [String: Set<String>]
    /// Every page and data file rendered (not copied, not written last), sorted.
    var renderedPaths: [String]
    /// Their bytes together.
    var renderedBytes: Int
    /// Every file of the site with its size and SHA-256, sorted by path (bytewise), the record
    /// page included, and each path's place in that list.
    var outputs: [BuildManifest.File]
    var outputIndex: [String: Int]
    var kept: [BuildManifest.File]
}
