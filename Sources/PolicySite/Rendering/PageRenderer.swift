import Foundation
import PolicySiteCodeSets
import PolicySiteCore
import PolicySiteMarkdown
import PolicySiteTemplates

/// Turns the site model into HTML pages: Markdown through the Markdown layer, views through
/// the templates. Pages are independent, so they render on all cores.
struct PageRenderer: Sendable {
    private(set) var model: SiteModel
    let templates: TemplateSet
    let revision: String?
    /// General pages' Markdown once the Markdown step has run (see `withContent`); guidance
    /// documents as their digests keep them (links only, see `withDigests`).
    private(set) var content = RenderedContent(guidance: [:], pages: [])
    /// What the build kept of each guidance page, by code (see `GuidanceDigest`).
    private(set) var digests: [String: GuidanceDigest] = [:]
    /// Each payer's notes over all listed guidance, by payer id, once the digests are in.
    private(set) var payerNoteCounts: [String: PayerNoteCounts] = [:]
    /// The payer states of each row of `listedGuidance`, in its order, once the digests are
    /// in (empty before, and after `withGuidanceSources`): the coverage matrix and the payer
    /// pages read a row's states here instead of copying its whole digest out of `digests`,
    /// seven times over every listed code.
    private(set) var listedPayerStates: [[PayerNoteState]] = []
    /// Each modifier's guidance pages that list it in their front matter, in code order.
    /// (Set last in `init`, made beside every page's path.)
    private(set) var modifierUsers: [String: [GuidanceSource]] = [:]
    /// The site's modifiers, which prose mentions are matched against.
    let knownModifiers: Set<String>
    /// Pages whose prose names each modifier (see `ModifierMentions`), once the digests are in:
    /// guidance pages by code, then general pages by path.
    private(set) var modifierMentions: [String: [ModifierMention]] = [:]
    /// The rows of the coverage matrix and of every payer page (`SiteModel.listedGuidance`).
    let listedGuidance: [GuidanceSource]
    /// The code set's codes in code order, sorted once for every page that lists them.
    let sortedCodes: [HCPCSCode]
    /// Each content Markdown file's display path, and the page it becomes (set last in `init`).
    private(set) var contentPagePaths: [String: SitePath] = [:]
    /// The layout's links from a page of each depth, 0 (the home page) to 5.
    let layoutLinks: [LayoutLinks]
    /// Every file the build writes or copies from the content, below `Site/`.
    private(set) var outputFiles: Set<String> = []

    init(model: SiteModel, templates: TemplateSet, revision: String?) {
        self.model = model
        self.templates = templates
        self.revision = revision
        // The content pages' paths and each modifier's users are made on another core while
        // this one makes every page's path below: the build waits for the renderer, and at
        // 100,000 guidance pages each was a serial stretch of its own.
        let byFile = BackgroundWork { () -> (paths: [String: SitePath], users: [String: [GuidanceSource]]) in
            var paths: [String: SitePath] = [:]
            paths.reserveCapacity(model.pages.count + model.guidance.count)
            // Keyed in NFC, as `LinkCheck.resolve` gives paths.
            for page in model.pages { paths[SitePath.normalized(page.file)] = page.path }
            for (code, page) in model.guidance { paths[SitePath.normalized(page.file)] = SiteModel.codePath(code) }
            return (paths, Self.modifierUsers(model))
        }
        knownModifiers = Set(model.codeSet.modifiers.keys)
        listedGuidance = model.listedGuidance
        sortedCodes = model.codeSet.sortedCodes
        reservedIDs = templates.literalIDs.union(["top"]).union(model.payers.map(\.id))
        payerNoteFragments = model.payers.map { ($0.id, "#" + $0.id) }
        payerDataFields = model.payers.map { payer in
            var json = JSONWriter(capacity: 64 + payer.id.utf8.count + payer.name.utf8.count)
            json.field("payer", payer.id)
            json.field("name", payer.name)
            return json.bytes
        }
        // Code pages are two folders down, list pages up to four; deeper pages make their own.
        let hasHistory = model.history != nil
        layoutLinks = (0...5).map { LayoutLinks(depth: $0, hasHistory: hasHistory) }
        // Every page's path, made on all cores: thousands of joined paths, while the build waits.
        let renderer = self
        outputFiles = Set(jobs().parallelMap { renderer.outputPath(of: $0) } + model.staticFiles.map(\.outputPath))
        (contentPagePaths, modifierUsers) = byFile.value()
    }

    /// The four sections every guidance page has, in order.
    static var guidanceSections: [String] { GuidanceSectionsCheck.required }
    /// Ids the pages use themselves, which headings in content must not take: the templates'
    /// literal ids, the fallback anchors of missing payer notes, and `top` (which browsers
    /// treat as the top of the page).
    let reservedIDs: Set<String>
    /// Each site payer's id and `#<id>`, in order: a code page's contents link every payer's
    /// note by its id, the same on every page, so the links are made once a build.
    let payerNoteFragments: [(id: String, url: String)]
    /// Each site payer's first two fields in a data twin's `payerNotes`, `"payer":...,"name":...`
    /// as JSON, in order: the same in every twin, so escaped once a build, not for each note.
    let payerDataFields: [[UInt8]]

    // MARK: - Jobs

    enum Job: Sendable {
        case home
        case code(String)
        case section(HCPCSSection?)
        case modifier(String)
        case modifierIndex
        case page(Int)
        /// A payer's notes (by index in the site's payers), page `page` (from 1).
        case payer(Int, page: Int)
        /// The coverage matrix, page `page` (from 1).
        case coverage(page: Int)
        case search
        case notFound
        case changes(Int)
        case releasesIndex
        /// A code page's data twin, `codes/<CODE>/index.json`.
        case codeData(String)
        /// `codes/index.json`.
        case codesIndex
    }

    func jobs() -> [Job] {
        // The pages that list every code (coverage matrix, payer pages) come first: a core
        // that took one last would finish alone while the other sat idle.
        var jobs: [Job] = (1...listPageCount).map { .coverage(page: $0) }
        for payer in model.payers.indices { jobs += (1...listPageCount).map { .payer(payer, page: $0) } }
        jobs += [.home, .modifierIndex, .search, .notFound]
        if let history = model.history {
            jobs.append(.releasesIndex)
            jobs += history.comparisons.indices.map { .changes($0) }
        }
        jobs += sortedCodes.map { .code($0.code) }
        jobs += sortedCodes.map { .codeData($0.code) }
        jobs.append(.codesIndex)
        jobs += model.codeSet.sortedModifiers.map { .modifier($0.code) }
        // The sections that have codes, from the model's per-section lists ("" for other codes):
        // reading each code's section copied every record, twice a build.
        jobs += HCPCSSection.allCases.filter { model.sectionCodes[$0.letter] != nil }.map { .section($0) }
        if model.sectionCodes[""] != nil { jobs.append(.section(nil)) }
        jobs += model.pages.indices.filter { !isHomeIntro(model.pages[$0]) }.map { .page($0) }
        return jobs
    }

    /// Where a job's page is written, below `Site/`, without rendering it.
    func outputPath(of job: Job) -> String {
        switch job {
        case .home: return SitePath.root.filePath
        case .code(let code): return SiteModel.codePath(code).filePath
        case .section(let section): return (section.map(SiteModel.sectionPath) ?? SiteModel.otherSectionPath).filePath
        case .modifier(let code): return SiteModel.modifierPath(code).filePath
        case .modifierIndex: return SiteModel.modifierIndexPath.filePath
        case .page(let index): return model.pages[index].path.filePath
        case .payer(let index, let page): return SiteModel.listPage(SiteModel.payerPath(model.payers[index].id), number: page).filePath
        case .coverage(let page): return SiteModel.listPage(SiteModel.coveragePath, number: page).filePath
        case .search: return SiteModel.searchPath.filePath
        case .notFound: return "404.html"
        case .changes(let index): return SiteModel.changesPath(model.history!.comparisons[index].new.label).filePath
        case .releasesIndex: return SiteModel.changesIndexPath.filePath
        case .codeData(let code): return Self.codeDataPath(code)
        case .codesIndex: return Self.codesIndexPath
        }
    }

    /// The pages whose ids the link checker reads: every page a content link points at, and
    /// every content page with a link to an id of its own (`#overview`). The others only need
    /// to exist.
    func linkTargets() -> Set<String> {
        let targets: @Sendable (_ document: MarkdownDocument, _ path: SitePath) -> [String] = { document, path in
            document.links.compactMap { link in
                link.href.hasPrefix("#") ? path.filePath : Self.sitePath(ofHref: link.href, from: path)
            }
        }
        // Every guidance page links codes it names: tens of thousands of links, resolved on all
        // cores (the build waits for the set before it renders the other pages), each core
        // gathering a run of pages into a set of its own. Most links name the same few pages,
        // so the runs' sets are small, and joining them is no longer a serial insert of every
        // link into one set.
        // The table's positions, not its pages: copying every page's code and document out of
        // the table (retaining each) was a serial step of its own before the runs began.
        let guidance = content.guidance
        let positions = Array(guidance.indices)
        let runLength = max(1, positions.count / 16)
        let runs = stride(from: 0, to: positions.count, by: runLength).map { $0..<min($0 + runLength, positions.count) }
        let found = runs.parallelMap { run in
            var paths: Set<String> = []
            for position in positions[run] {
                let page = guidance[position]
                paths.formUnion(targets(page.value, SiteModel.codePath(page.key)))
            }
            return paths
        }
        var needed: Set<String> = []
        for paths in found { needed.formUnion(paths) }
        for (page, document) in zip(model.pages, content.pages) { needed.formUnion(targets(document, page.path)) }
        return needed
    }

    /// The pages `check` renders: the home page, every content page, and every link target.
    func pagesToCheck() -> Set<String> {
        var needed = linkTargets()
        needed.insert(SitePath.root.filePath)
        for code in content.guidance.keys { needed.insert(SiteModel.codePath(code).filePath) }
        for page in model.pages { needed.insert(page.path.filePath) }
        return needed
    }

    /// The file below `Site/` that a relative `href` on the page at `path` names, if any: read
    /// as the link check reads it (`ResolvedURL`: percent-escapes decoded, NFC).
    static func sitePath(ofHref href: String, from path: SitePath) -> String? {
        var target = href
        // ASCII, every byte a character: the marks are found by their bytes (every link of
        // every guidance page passes here before the pages are rendered), in one pass over the
        // bytes in place: three scans through the UTF-8 view's iterator cost more than
        // resolving the link. Nil when the href is not ASCII.
        let ascii = href.utf8.withContiguousStorageIfAvailable { bytes -> (target: String, isPagePath: Bool)? in
            var cut = bytes.count, hasColon = false
            for (offset, byte) in bytes.enumerated() {
                if byte >= 0x80 { return nil }
                guard cut == bytes.count else { continue }
                if byte == UInt8(ascii: "#") || byte == UInt8(ascii: "?") {
                    cut = offset
                } else if byte == UInt8(ascii: ":") {
                    hasColon = true
                }
            }
            let target = cut == bytes.count ? href : String(decoding: UnsafeBufferPointer(rebasing: bytes[..<cut]), as: UTF8.self)
            return (target, cut > 0 && bytes[0] != UInt8(ascii: "/") && !hasColon)
        }
        if let ascii, let ascii {
            guard ascii.isPagePath else { return nil }
            target = ascii.target
        } else {
            if let cut = target.firstIndex(where: { $0 == "#" || $0 == "?" }) { target = String(target[..<cut]) }
            // Foundation's `contains` is asked only when there is a colon byte at all.
            guard !target.isEmpty, !target.hasPrefix("/"), !target.utf8.contains(UInt8(ascii: ":")) || !target.contains(":") else { return nil }
        }
        let url = ResolvedURL(target, from: path)
        guard !url.isAboveTop else { return nil }
        // A last segment without an extension is a folder.
        // Foundation's `contains` (4,600 instructions a link) is asked only of a name that
        // has a dot byte and other than ASCII: a dot is one byte, and in ASCII one character.
        let name = url.name.utf8
        let hasDot = name.contains(UInt8(ascii: ".")) && (name.allSatisfy { $0 < 0x80 } || url.name.contains("."))
        // The one candidate wanted, made alone: `candidates` makes both, in an array.
        if !hasDot, let folder = url.folderCandidate { return folder }
        return url.literalCandidate
    }

    func render(_ job: Job) -> (OutputFile?, [Diagnostic]) {
        switch job {
        case .home: return homePage()
        case .code(let code): return codePage(model.codeSet[code: code]!)
        case .section(let section): return sectionPage(section)
        case .modifier(let code): return modifierPage(model.codeSet[modifier: code]!)
        case .modifierIndex: return modifierIndex()
        case .page(let index): return generalPage(model.pages[index], document: content.pages[index])
        case .payer(let index, let page): return payerPage(model.payers[index], page: page)
        case .coverage(let page): return coveragePage(page: page)
        case .search: return searchPage()
        case .notFound: return notFoundPage()
        case .changes(let index): return changesPage(index)
        case .releasesIndex: return releasesIndex()
        case .codeData(let code): return (codeData(model.codeSet[code: code]!), [])
        case .codesIndex: return (codesIndex(), [])
        }
    }

    /// This renderer with guidance pages read again (their files changed) whose front matter
    /// is what it was: everything derived from the front matter stays as it is.
    func withGuidanceSources(_ sources: [GuidanceSource]) -> PageRenderer {
        var renderer = self
        for source in sources {
            precondition(renderer.model.guidance[source.frontMatter.code]?.frontMatter == source.frontMatter, "only a page's body may change")
            renderer.model.guidance[source.frontMatter.code] = source
        }
        // A page without a digest reads its states from its body, which may have changed.
        renderer.listedPayerStates = []
        return renderer
    }

    /// This renderer with the Markdown of every general page.
    func withContent(_ pages: [MarkdownDocument]) -> PageRenderer {
        var renderer = self
        renderer.content.pages = pages
        return renderer
    }

    /// This renderer with every guidance page's digest, by code.
    func withDigests(_ digests: [String: GuidanceDigest]) -> PageRenderer {
        var renderer = self
        renderer.digests = digests
        // The modifier mentions read the digests alone: found on another core while the links
        // and the payer counts are gathered here. Between the guidance pass and the other
        // pages nothing else runs, so each of these was a serial stretch of its own.
        let mentions = BackgroundWork { [renderer] in renderer.proseMentions() }
        let linksOnly = BackgroundWork { digests.mapValues(\.linksOnly) }
        // Counted by the payer's place among the site's payers, and summed by id once at the
        // end: keyed by id, each listed page hashed every payer's id string again.
        let payers = model.payers
        var countsByPlace = [PayerNoteCounts](repeating: PayerNoteCounts(), count: payers.count)
        var placesCounted = 0
        var listedStates: [[PayerNoteState]] = []
        listedStates.reserveCapacity(listedGuidance.count)
        for page in listedGuidance {
            let states = renderer.payerNoteStates(code: page.frontMatter.code)
            let places = min(states.count, payers.count)
            for place in 0..<places { countsByPlace[place].add(states[place]) }
            placesCounted = max(placesCounted, places)
            listedStates.append(states)
        }
        var counts: [String: PayerNoteCounts] = [:]
        for place in 0..<placesCounted { counts[payers[place].id, default: PayerNoteCounts()] = counts[payers[place].id, default: PayerNoteCounts()] + countsByPlace[place] }
        renderer.payerNoteCounts = counts
        renderer.listedPayerStates = listedStates
        renderer.content.guidance = linksOnly.value()
        renderer.modifierMentions = mentions.value()
        return renderer
    }

    /// This renderer without what the guidance pages gave the pages that list them (digests,
    /// links, modifier mentions), for the publication record written last: it reads none of
    /// it, and at 100,000 guidance pages that is over 100 MB a build would otherwise hold
    /// while it hashes every input.
    func withoutGuidanceDigests() -> PageRenderer {
        var renderer = self
        renderer.digests = [:]
        renderer.content.guidance = [:]
        renderer.modifierMentions = [:]
        renderer.listedPayerStates = []
        return renderer
    }

    /// `Content/index.md` introduces the home page. It is the only page whose path is the
    /// root: any other `index.md` sits in a folder, and a slug always adds a segment.
    func isHomeIntro(_ page: GeneralPageSource) -> Bool {
        page.path == .root
    }

    /// The page at `path`: `view` rendered by its bound template. Templates were checked when
    /// they loaded, so rendering reports nothing.
    func output<View: TemplateView>(_ template: KeyPath<PageTemplates, BoundTemplate<View>>, _ view: View, at path: SitePath) -> (OutputFile?, [Diagnostic]) {
        (OutputFile(path: path.filePath, contents: templates.pages[keyPath: template].render(view)), [])
    }
}
