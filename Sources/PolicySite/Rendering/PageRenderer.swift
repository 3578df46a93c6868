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
    let modifierUsers: [String: [GuidanceSource]]
    /// The site's modifiers, which prose mentions are matched against.
    let knownModifiers: Set<String>
    /// Pages whose prose names each modifier (see `ModifierMentions`), once the digests are in:
    /// guidance pages by code, then general pages by path.
    private(set) var modifierMentions: [String: [ModifierMention]] = [:]
    /// The rows of the coverage matrix and of every payer page (`SiteModel.listedGuidance`).
    let listedGuidance: [GuidanceSource]
    /// The code set's codes in code order, sorted once for every page that lists them.
    let sortedCodes: [HCPCSCode]
    /// Each content Markdown file's display path, and the page it becomes.
    let contentPagePaths: [String: SitePath]
    /// Every file the build writes or copies from the content, below `Site/`.
    private(set) var outputFiles: Set<String> = []

    init(model: SiteModel, templates: TemplateSet, revision: String?) {
        self.model = model
        self.templates = templates
        self.revision = revision
        var paths: [String: SitePath] = [:]
        // Keyed in NFC, as `LinkCheck.resolve` gives paths.
        for page in model.pages { paths[SitePath.normalized(page.file)] = page.path }
        for (code, page) in model.guidance { paths[SitePath.normalized(page.file)] = SiteModel.codePath(code) }
        contentPagePaths = paths
        modifierUsers = Self.modifierUsers(model)
        knownModifiers = Set(model.codeSet.modifiers.keys)
        listedGuidance = model.listedGuidance
        sortedCodes = model.codeSet.sortedCodes
        reservedIDs = templates.literalIDs.union(["top"]).union(model.payers.map(\.id))
        outputFiles = Set(jobs().map(outputPath(of:)) + model.staticFiles.map(\.outputPath))
    }

    /// The four sections every guidance page has, in order.
    static var guidanceSections: [String] { GuidanceSectionsCheck.required }
    /// Ids the pages use themselves, which headings in content must not take: the templates'
    /// literal ids, the fallback anchors of missing payer notes, and `top` (which browsers
    /// treat as the top of the page).
    let reservedIDs: Set<String>

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
        let sections = Set(model.codeSet.codes.values.map(\.section))
        jobs += HCPCSSection.allCases.filter { sections.contains($0) }.map { .section($0) }
        if sections.contains(nil) { jobs.append(.section(nil)) }
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
        var needed: Set<String> = []
        func addTargets(of document: MarkdownDocument, from path: SitePath) {
            for link in document.links {
                if link.href.hasPrefix("#") {
                    needed.insert(path.filePath)
                } else if let target = Self.sitePath(ofHref: link.href, from: path) {
                    needed.insert(target)
                }
            }
        }
        for (code, document) in content.guidance { addTargets(of: document, from: SiteModel.codePath(code)) }
        for (page, document) in zip(model.pages, content.pages) { addTargets(of: document, from: page.path) }
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
        if let cut = target.firstIndex(where: { $0 == "#" || $0 == "?" }) { target = String(target[..<cut]) }
        guard !target.isEmpty, !target.hasPrefix("/"), !target.contains(":") else { return nil }
        let url = ResolvedURL(target, from: path)
        guard !url.isAboveTop else { return nil }
        // A last segment without an extension is a folder.
        if !url.name.isEmpty, !url.name.contains(".") { return url.candidates.last }
        return url.candidates.first
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

    // MARK: - Shared pieces

    func layout(
        at path: SitePath, title: String, crumb: String? = nil, breadcrumbs: [LinkView],
        toc: [TOCEntryView] = [], previous: LinkView? = nil, next: LinkView? = nil
    ) -> LayoutView {
        let configuration = model.configuration
        return LayoutView(
            siteTitle: configuration.title, pageTitle: title, isSiteTitle: title == configuration.title, crumbTitle: crumb ?? title,
            homeURL: path.relativeURL(to: .root),
            stylesheetURL: path.relativeURL(toFile: "\(SiteModel.assetsFolder)/site.css"),
            modifiersURL: path.relativeURL(to: SiteModel.modifierIndexPath),
            coverageURL: path.relativeURL(to: SiteModel.coveragePath),
            searchURL: path.relativeURL(to: SiteModel.searchPath),
            navigation: navigation(at: path),
            showsHeaderSearch: path != .root && path != SiteModel.searchPath, inlineStylesheet: nil,
            breadcrumbs: breadcrumbs, hasBreadcrumbs: !breadcrumbs.isEmpty,
            toc: toc, hasTOC: !toc.isEmpty, previous: previous, next: next, hasPager: previous != nil || next != nil,
            asOf: configuration.asOf.description, codeSetRelease: model.releaseLabel, revision: revision,
            canonicalURL: configuration.baseURL.map { $0 + (path.segments.isEmpty ? "" : path.segments.joined(separator: "/") + "/") },
            recordURL: path.relativeURL(to: Self.recordPath))
    }

    /// The header's entries, relative to `path`. Sections and payers have no index page of
    /// their own: their entries open the home page's list of them.
    func navigation(at path: SitePath) -> [NavItemView] {
        let area = path.segments.first ?? ""
        func item(_ title: String, _ target: SitePath, fragment: String? = nil, areas: Set<String>) -> NavItemView {
            let current: String? = fragment == nil && path == target ? "page" : (areas.contains(area) ? "true" : nil)
            return NavItemView(title: title, url: path.relativeURL(to: target, fragment: fragment), current: current)
        }
        var items = [
            item("Home", .root, areas: []),
            item("Sections", .root, fragment: "sections-heading", areas: ["sections", "codes"]),
            item("Modifiers", SiteModel.modifierIndexPath, areas: ["modifiers"]),
            item("Payers", .root, fragment: "payers-heading", areas: ["payers"]),
            item("Coverage", SiteModel.coveragePath, areas: ["coverage"]),
            item("Checks", SiteModel.checksPath, areas: ["checks"]),
        ]
        if model.history != nil { items.append(item("Changes", SiteModel.changesIndexPath, areas: ["changes"])) }
        return items
    }

    func status(_ status: CodeStatus) -> StatusView {
        let kind: String
        switch status {
        case .active: kind = "active"
        case .terminated: kind = "terminated"
        case .notYetEffective: kind = "pending"
        }
        return StatusView(label: status.label, labelHTML: Self.datesAsTime(status.label), isActive: status == .active, isTerminated: status.isTerminated, kind: kind)
    }

    /// `text` escaped for HTML, each `YYYY-MM-DD` in it written as `<time>` (see `time` in
    /// site.css: a date never breaks across lines).
    static func datesAsTime(_ text: String) -> HTML {
        var html = ""
        let characters = Array(text)
        var index = 0
        func isDigit(_ at: Int) -> Bool { at < characters.count && characters[at].isASCII && characters[at].isNumber }
        while index < characters.count {
            let isDate = (0..<10).allSatisfy { offset in offset == 4 || offset == 7 ? index + offset < characters.count && characters[index + offset] == "-" : isDigit(index + offset) }
                && (index == 0 || !isDigit(index - 1)) && !isDigit(index + 10)
            if isDate {
                let date = String(characters[index..<index + 10])
                html += "<time datetime=\"\(date)\">\(date)</time>"
                index += 10
                continue
            }
            switch characters[index] {
            case "&": html += "&amp;"
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            case "\"": html += "&quot;"
            case let character: html.append(character)
            }
            index += 1
        }
        return HTML(html)
    }

    func codeRow(_ code: HCPCSCode, from path: SitePath) -> CodeRowView {
        CodeRowView(
            code: code.code, url: path.relativeURL(to: SiteModel.codePath(code.code)),
            shortDescriptor: code.shortDescriptor, longDescriptor: code.longDescriptor, status: status(code.status(asOf: model.configuration.asOf)),
            hasGuidance: model.guidance[code.code] != nil)
    }

    func linkResolver(from path: SitePath, sourceFile: String) -> MarkdownLinkResolver {
        let codeSet = model.codeSet
        let pageFiles = contentPagePaths
        // Kept with an empty first segment for an absolute path, so the join restores its "/".
        let sourceFolder = sourceFile.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        return MarkdownLinkResolver(
            codeURL: { code in
                guard codeSet[code: code] != nil else { return nil }
                // A code named on its own page is the page's subject, not a way elsewhere: no link
                // (a link to the page itself reads as one more place to go). Payer pages reuse a
                // note's HTML, and each of their rows links the code page already.
                let target = SiteModel.codePath(code)
                return path == target ? nil : path.relativeURL(to: target)
            },
            modifierURL: { code in codeSet[modifier: code] == nil ? nil : path.relativeURL(to: SiteModel.modifierPath(code)) },
            // The link check resolves with the same two functions (`LinkCheck.resolve` for `.md`
            // links, `ResolvedURL` for URLs), so what it passes is what readers follow.
            contentLinkURL: { destination in
                guard let target = LinkCheck.resolve(destination, in: sourceFolder), let sitePath = pageFiles[target] else { return nil }
                return path.relativeURL(to: sitePath)
            },
            siteLinkURL: { [outputFiles] destination in
                // A site path names the file from the top of the site; any other path, from this
                // page's folder. Either becomes a relative link to the file that serves it.
                let url = ResolvedURL(destination, from: path)
                guard !url.isAboveTop, let file = url.candidates.first(where: { outputFiles.contains($0) }) else { return nil }
                return path.relativeURL(toFile: file)
            })
    }

    func markdown(_ body: String, file: String, lineOffset: Int, path: SitePath) -> MarkdownDocument {
        var options = MarkdownOptions()
        options.allowRawHTML = model.configuration.rawHTML
        // A site that opts in to raw HTML still publishes only allowlisted tags (a `<script>` is still dropped).
        options.rawHTMLAllowlist = true
        options.reservedIDs = reservedIDs
        var document = MarkdownRenderer.render(body, file: file, lineOffset: lineOffset, options: options, links: linkResolver(from: path, sourceFile: file))
        // Checks of the source lines themselves: what the parse hides from the document.
        document.diagnostics += HiddenCharacterCheck.markdown(body, file: file, lineOffset: lineOffset)
        document.diagnostics += CodeListMarkerCheck.check(body, file: file, lineOffset: lineOffset)
        return document
    }

    /// Renders the Markdown of every general page, on all cores. Guidance pages are many and
    /// are rendered one at a time instead (`guidanceDocument`, `digest`), so that a build
    /// never holds all their documents at once.
    func renderGeneralPages() -> [MarkdownDocument] {
        model.pages.parallelMap { page in
            markdown(page.body, file: page.file, lineOffset: page.bodyLineOffset, path: page.path)
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
        return renderer
    }

    /// This renderer with the Markdown of every general page.
    func withContent(_ pages: [MarkdownDocument]) -> PageRenderer {
        var renderer = self
        renderer.content.pages = pages
        return renderer
    }

    /// The Markdown of the guidance page for `code`, read and rendered anew (nil when there is
    /// none; a document holding only the `content-changed` finding when the file changed).
    /// A code page places the guidance section by section, so the whole-page HTML is dropped.
    func guidanceDocument(code: String) -> MarkdownDocument? {
        guard let page = model.guidance[code] else { return nil }
        let (read, finding) = page.readBody()
        guard let body = read else { return MarkdownDocument(diagnostics: finding.map { [$0] } ?? []) }
        var document = markdown(body, file: page.file, lineOffset: page.bodyLineOffset, path: SiteModel.codePath(code))
        document.html = ""
        return document
    }

    /// The text a guidance page contributes to the search index.
    static func searchText(of document: MarkdownDocument) -> String {
        SearchIndex.text(of: document)
    }

    /// What the rest of the build needs of a guidance page's Markdown: payer-note states for
    /// the payer pages and the matrix, where its search text waits, the links the link check
    /// reads, and every finding about the page itself (the Markdown layer's and those of the
    /// checks that read only this page).
    /// `searchText` is where the build set the page's search text aside (nil for `check`);
    /// `text` is that text when the caller made it already (it is made here otherwise).
    func digest(_ page: GuidanceSource, document: MarkdownDocument, searchText: Range<Int>? = nil, text: String? = nil) -> GuidanceDigest {
        // A page whose file changed under the build has no document to check: its one finding
        // says so, and the build stops on it.
        let unread = document.diagnostics.contains { $0.rule == "content-changed" }
        return GuidanceDigest(
            links: document.links,
            payerStates: computePayerNoteStates(document), searchText: searchText,
            modifierMentions: ModifierMentions.scan(text ?? Self.searchText(of: document), known: knownModifiers),
            findings: document.diagnostics + (unread ? [] : SiteValidator.checkGuidancePage(page, document: document, model: model)))
    }

    /// This renderer with every guidance page's digest, by code.
    func withDigests(_ digests: [String: GuidanceDigest]) -> PageRenderer {
        var renderer = self
        renderer.digests = digests
        renderer.content.guidance = digests.mapValues(\.linksOnly)
        var counts: [String: PayerNoteCounts] = [:]
        for page in listedGuidance {
            for (payer, state) in zip(model.payers, renderer.payerNoteStates(code: page.frontMatter.code)) { counts[payer.id, default: PayerNoteCounts()].add(state) }
        }
        renderer.payerNoteCounts = counts
        renderer.modifierMentions = renderer.proseMentions()
        return renderer
    }

    /// The general pages' Markdown findings (invalid UTF-8, dangerous URLs, raw HTML, pipe
    /// tables); a guidance page's are in its digest.
    var markdownFindings: [Diagnostic] {
        content.pages.flatMap(\.diagnostics)
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

    // MARK: - Pages

    func homePage() -> (OutputFile?, [Diagnostic]) {
        let path = SitePath.root
        var introHTML = ""
        if let index = model.pages.firstIndex(where: isHomeIntro) {
            introHTML = content.pages[index].html
        }
        let codes = sortedCodes
        // The home page lists as many codes with guidance as a page of the matrix holds; the
        // matrix lists them all.
        let guidanceCodes = listedGuidance.prefix(max(1, model.configuration.pagerSize)).compactMap { page -> CodeRowView? in
            guard let code = model.codeSet[code: page.frontMatter.code] else { return nil }
            var row = codeRow(code, from: path)
            row.shortDescriptor = page.frontMatter.title  // the guidance title reads better than CMS's abbreviation
            return row
        }
        let pages = model.pages.filter { !isHomeIntro($0) }
            .sorted { $0.path < $1.path }
            .map { LinkView(title: $0.frontMatter.title, url: path.relativeURL(to: $0.path)) }
        var counts: [HCPCSSection?: Int] = [:]
        for code in codes { counts[code.section, default: 0] += 1 }
        var sections = HCPCSSection.allCases.compactMap { section -> SectionSummaryView? in
            guard let count = counts[section] else { return nil }
            return SectionSummaryView(letter: section.letter, name: section.name, url: path.relativeURL(to: SiteModel.sectionPath(section)), count: count)
        }
        if let other = counts[nil] {
            sections.append(SectionSummaryView(letter: "Other", name: "Level I (CPT) and other codes", url: path.relativeURL(to: SiteModel.otherSectionPath), count: other))
        }
        let showsAll = codes.count <= 200
        let view = HomePageView(
            layout: layout(at: path, title: model.configuration.title, breadcrumbs: []),
            introHTML: HTML(introHTML), guidanceCodes: guidanceCodes, hasGuidanceCodes: !guidanceCodes.isEmpty,
            moreGuidanceCount: listedGuidance.count - guidanceCodes.count, hasMoreGuidance: listedGuidance.count > guidanceCodes.count,
            pages: pages, hasPages: !pages.isEmpty, sections: sections,
            siteCounts: [
                CountView(codes.count, "code", "codes"), CountView(model.codeSet.modifiers.count, "modifier", "modifiers"),
                CountView(model.guidance.count, "guidance page", "guidance pages"), CountView(payerGapCount, "payer gap", "payer gaps"),
            ],
            payers: model.payers.map { LinkView(title: $0.name, url: path.relativeURL(to: SiteModel.payerPath($0.id))) },
            changesURL: model.history == nil ? nil : path.relativeURL(to: SiteModel.changesIndexPath),
            codes: showsAll ? codes.map { codeRow($0, from: path) } : [], showsAllCodes: showsAll,
            otherCodesCount: showsAll ? 0 : codes.count, hasOtherCodes: !showsAll)
        return output(\.index, view, at: path)
    }

    /// A code's page; `document` is its guidance's Markdown when the caller has it at hand.
    func codePage(_ code: HCPCSCode, document: MarkdownDocument? = nil) -> (OutputFile?, [Diagnostic]) {
        let path = SiteModel.codePath(code.code)
        var guidanceView: GuidanceView?
        if let page = model.guidance[code.code], let document = document ?? guidanceDocument(code: code.code) {
            guidanceView = guidance(page, document: document, path: path)
        }
        var crumbs = [LinkView(title: "Home", url: path.relativeURL(to: .root))]
        if let section = code.section {
            crumbs.append(LinkView(title: "Section \(section.letter)", url: path.relativeURL(to: SiteModel.sectionPath(section))))
        } else {
            crumbs.append(LinkView(title: "Other codes", url: path.relativeURL(to: SiteModel.otherSectionPath)))
        }
        let neighbours = sectionNeighbours(of: code, from: path)
        let codeHistory = history(of: code.code, from: path)
        let view = CodePageView(
            layout: layout(
                at: path, title: "\(code.code): \(guidanceView?.title ?? code.shortDescriptor)", crumb: code.code,
                breadcrumbs: crumbs,
                toc: guidanceView.map { tableOfContents($0) + [
                    TOCEntryView(title: model.recordHeading, url: "#release-record", children: [], hasChildren: false),
                ] + (codeHistory.isEmpty ? [] : [TOCEntryView(title: "History", url: "#history", children: [], hasChildren: false)]) } ?? [],
                previous: neighbours.previous, next: neighbours.next),
            code: code.code, heading: guidanceView?.title ?? code.longDescriptor,
            longDescriptor: code.longDescriptor, shortDescriptor: code.shortDescriptor,
            status: status(code.status(asOf: model.configuration.asOf)),
            terminationDate: code.terminationDate?.description,
            recordHeading: model.recordHeading,
            recordFacts: Self.recordFacts(code, record: model.releaseRecords[code.code], notes: model.processingNotes, showsShortDescriptor: guidanceView != nil),
            hasGuidance: guidanceView != nil, guidance: guidanceView,
            history: codeHistory, hasHistory: !codeHistory.isEmpty)
        return output(\.code, view, at: path)
    }

    func guidance(_ page: GuidanceSource, document: MarkdownDocument, path: SitePath) -> GuidanceView {
        let matter = page.frontMatter
        func section(_ title: String) -> MarkdownSection? {
            document.sections.first { $0.title.equalsIgnoringCase(title) }
        }
        func view(_ section: MarkdownSection?) -> SectionView? {
            section.map { SectionView(title: $0.title, id: $0.id, headingHTML: HTML($0.headingHTML), html: HTML(Self.nowrapDates($0.html))) }
        }
        let payerSection = section("Payer notes")
        let notes = zip(model.payers, payerNoteStates(code: matter.code, document: document)).map { payer, state in
            PayerNoteView(
                payerName: payer.name, id: state.id, html: HTML(Self.nowrapDates(state.html)), hasNote: state.hasNote,
                isNoData: state.isNoData, isEmpty: state.isEmpty, isMissing: state.isMissing)
        }
        let stale = staleNotes(for: page)
        let known = Set(Self.guidanceSections.map { $0.lowercased() })
        let others = document.sections.filter { !known.contains($0.title.lowercased()) }.compactMap(view)
        let modifiers = matter.modifiers.map { usage in
            ModifierUsageView(
                code: usage.code,
                url: model.codeSet[modifier: usage.code] == nil ? nil : path.relativeURL(to: SiteModel.modifierPath(usage.code)),
                descriptor: model.codeSet[modifier: usage.code]?.descriptor ?? "", whenToUse: usage.whenToUse)
        }
        return GuidanceView(
            title: matter.title, serviceType: matter.serviceType,
            sitesOfService: matter.sitesOfService.isEmpty ? nil : matter.sitesOfService.joined(separator: "; "),
            lastReviewed: matter.lastReviewed?.description, owner: matter.owner, isHistorical: matter.historical,
            preambleHTML: HTML(Self.nowrapDates(document.preambleHTML)),
            overview: view(section("Overview")), clinicalContext: view(section("Clinical context")),
            codingSpecifications: view(section("Coding specifications")),
            modifiers: modifiers, hasModifiers: !modifiers.isEmpty,
            payerNotesID: payerSection?.id ?? "payer-notes", payerNotes: notes, otherSections: others,
            staleNotes: stale, isStale: !stale.isEmpty)
    }

    func sectionPage(_ section: HCPCSSection?) -> (OutputFile?, [Diagnostic]) {
        let path = section.map(SiteModel.sectionPath) ?? SiteModel.otherSectionPath
        var codes = sortedCodes.filter { $0.section == section }.map { codeRow($0, from: path) }
        var jumps: [LinkView] = []
        for range in Self.codeRanges(codes.map(\.code)) {
            let anchor = "code-" + codes[range.lowerBound].code
            codes[range.lowerBound].anchorID = anchor
            jumps.append(LinkView(title: "\(codes[range.lowerBound].code)–\(codes[range.upperBound - 1].code)", url: "#" + anchor))
        }
        let letter = section?.letter ?? "Other"
        let name = section?.name ?? "Level I (CPT) and other codes"
        let view = SectionPageView(
            layout: layout(at: path, title: "Section \(letter): \(name)", crumb: "Section \(letter)", breadcrumbs: [LinkView(title: "Home", url: path.relativeURL(to: .root))]),
            letter: letter, name: name, codes: codes, count: codes.count, jumps: jumps, hasJumps: !jumps.isEmpty,
            filterScriptURL: path.relativeURL(toFile: "\(SiteModel.assetsFolder)/filter.js"))
        return output(\.section, view, at: path)
    }

    /// The ranges of a section's codes (sorted) that its jump links name: codes that share
    /// their first three characters (G01: G0100 to G0199), neighbouring hundreds merged until a
    /// range holds a twentieth of the section, so a long section gets about twenty links. None
    /// for a section of 60 codes or fewer, which fits a screen or two.
    static func codeRanges(_ codes: [String]) -> [Range<Int>] {
        guard codes.count > 60 else { return [] }
        let least = (codes.count + 19) / 20
        var ranges: [Range<Int>] = []
        var start = 0
        for index in codes.indices.dropFirst() where codes[index].prefix(3) != codes[index - 1].prefix(3) && index - start >= least {
            ranges.append(start..<index)
            start = index
        }
        ranges.append(start..<codes.count)
        return ranges
    }

    /// `html` with each `YYYY-MM-DD` outside its tags wrapped in `<span class="nowrap">`, so
    /// that a date in guidance prose never breaks at its hyphens; the text itself is unchanged.
    /// Tags (and so URLs in attributes) are left alone; Markdown escapes `<` and `>` in text.
    static func nowrapDates(_ html: String) -> String {
        var utf8 = Array(html.utf8)
        guard utf8.count >= 10 else { return html }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 64)
        func isDigit(_ at: Int) -> Bool { at >= 0 && at < utf8.count && utf8[at] >= 0x30 && utf8[at] <= 0x39 }
        var index = 0
        var inTag = false
        while index < utf8.count {
            let byte = utf8[index]
            if inTag {
                if byte == UInt8(ascii: ">") { inTag = false }
            } else if byte == UInt8(ascii: "<") {
                inTag = true
            } else if isDigit(index), !isDigit(index - 1), index + 10 <= utf8.count,
                      (0..<10).allSatisfy({ $0 == 4 || $0 == 7 ? utf8[index + $0] == UInt8(ascii: "-") : isDigit(index + $0) }),
                      !isDigit(index + 10) {
                out += Array("<span class=\"nowrap\">".utf8) + utf8[index..<index + 10] + Array("</span>".utf8)
                index += 10
                continue
            }
            out.append(byte)
            index += 1
        }
        utf8 = out
        return String(decoding: utf8, as: UTF8.self)
    }

    func modifierRow(_ modifier: Modifier, from path: SitePath) -> ModifierRowView {
        ModifierRowView(
            code: modifier.code, url: path.relativeURL(to: SiteModel.modifierPath(modifier.code)),
            descriptor: modifier.descriptor, level: modifier.level.rawValue,
            status: status(modifier.status(asOf: model.configuration.asOf)))
    }

    func modifierPage(_ modifier: Modifier) -> (OutputFile?, [Diagnostic]) {
        let path = SiteModel.modifierPath(modifier.code)
        let usedBy = modifierUsers(of: modifier.code, from: path)
        let view = ModifierPageView(
            layout: layout(at: path, title: "Modifier \(modifier.code)", breadcrumbs: [
                LinkView(title: "Home", url: path.relativeURL(to: .root)),
                LinkView(title: "Modifiers", url: path.relativeURL(to: SiteModel.modifierIndexPath)),
            ]),
            code: modifier.code, descriptor: modifier.descriptor, shortDescriptor: modifier.shortDescriptor,
            status: status(modifier.status(asOf: model.configuration.asOf)),
            facts: modifierFacts(modifier), usedBy: usedBy, isUsed: !usedBy.isEmpty,
            history: history(of: modifier.code, kind: .modifier, from: path), hasHistory: model.history != nil)
        return output(\.modifier, view, at: path)
    }

    func modifierIndex() -> (OutputFile?, [Diagnostic]) {
        let path = SiteModel.modifierIndexPath
        let rows = model.codeSet.sortedModifiers.map { modifierRow($0, from: path) }
        let view = ModifierIndexView(
            layout: layout(at: path, title: "Modifiers", breadcrumbs: [LinkView(title: "Home", url: path.relativeURL(to: .root))]),
            modifiers: rows, count: rows.count)
        return output(\.modifiers, view, at: path)
    }

    func generalPage(_ page: GeneralPageSource, document: MarkdownDocument) -> (OutputFile?, [Diagnostic]) {
        let view = GeneralPageView(
            layout: layout(
                at: page.path, title: page.frontMatter.title, breadcrumbs: [LinkView(title: "Home", url: page.path.relativeURL(to: .root))],
                toc: tableOfContents(document.headings)),
            title: page.frontMatter.title,
            showsTitle: !(document.headings.first.map { $0.level == 1 && document.preambleHTML.hasPrefix("<h1") } ?? false),
            description: page.frontMatter.description, html: HTML(Self.nowrapDates(document.html)))
        return output(\.page, view, at: page.path)
    }
}

extension PageRenderer {
    /// The previous and next code of the same section, for the pager.
    func sectionNeighbours(of code: HCPCSCode, from path: SitePath) -> (previous: LinkView?, next: LinkView?) {
        let codes = model.sectionCodes[code.section.map(\.letter) ?? ""] ?? []
        guard let index = model.sectionPositions[code.code], index < codes.count, codes[index] == code.code else { return (nil, nil) }
        func link(_ other: String) -> LinkView { LinkView(title: other, url: path.relativeURL(to: SiteModel.codePath(other))) }
        return (index > 0 ? link(codes[index - 1]) : nil, index + 1 < codes.count ? link(codes[index + 1]) : nil)
    }

    /// The code's record as a coder looks it up, in the record layout's order, under the names
    /// CMS's layout gives the fields; empty fields left out. The short descriptor is in the
    /// page's header when there is no guidance (`showsShortDescriptor` false), so not repeated.
    /// A processing note is shown with CMS's text when `notes` has it ("0064: COVERAGE AND ...").
    static func recordFacts(_ code: HCPCSCode, record: HCPCSRecord?, notes: ProcessingNotes? = nil, showsShortDescriptor: Bool) -> [FactView] {
        var facts: [FactView] = []
        func add(_ label: String, _ values: [String]) {
            if !values.isEmpty { facts.append(FactView(label: label, value: values.joined(separator: "; "))) }
        }
        func addDate(_ label: String, _ date: CalendarDate?) {
            if let date { facts.append(FactView(label: label, value: date.description, isDate: true)) }
        }
        if showsShortDescriptor { add("Short descriptor", [code.shortDescriptor]) }
        add("Section", code.section.map { ["\($0.letter): \($0.name)"] } ?? [])
        addDate("Code added", code.addedDate)
        addDate("Action effective", code.actionEffectiveDate)
        addDate("Termination (last day of service)", code.terminationDate)
        add("Coverage", code.coverageCode.map { ["\($0.rawValue) (\($0.meaning))"] } ?? [])
        add("BETOS", code.betosCode.map { betos in [BETOSTable.meaning(of: betos).map { "\(betos) (\($0))" } ?? betos] } ?? [])
        guard let record else { return facts }
        add("Pricing indicator", record.pricingIndicators.map { "\($0.rawValue) (\($0.meaning))" })
        add("Multiple pricing indicator", record.multiplePricingIndicator.map { ["\($0.rawValue) (\($0.meaning))"] } ?? [])
        add("Coverage Issues Manual", record.coverageIssuesManualReferences)
        add("Carriers Manual", record.carriersManualReferences)
        add("Statute", record.statute.map { [$0] } ?? [])
        add("Lab certification", record.labCertificationCodes.map { "\($0.rawValue) (\($0.meaning))" })
        add("Cross reference", record.crossReferences)
        add("ASC payment group", record.ascPaymentGroup.map { group in [group + (record.ascPaymentGroupEffectiveDate.map { " (effective \($0))" } ?? "")] } ?? [])
        add("Processing note", record.processingNoteNumber.map { number in [notes?[number].map { "\(number): \($0)" } ?? number] } ?? [])
        add("Type of service", record.typeOfServiceCodes.map { "\($0.rawValue) (\($0.meaning))" })
        if let units = record.anesthesiaBaseUnits, units > 0 { add("Anesthesia base units", [String(units)]) }
        add("Action code", record.actionCode.map { ["\($0.rawValue) (\($0.meaning))"] } ?? [])
        return facts
    }

    /// A guidance page's contents: its sections in the order the page shows them, payers under
    /// "Payer notes".
    func tableOfContents(_ guidance: GuidanceView) -> [TOCEntryView] {
        func entry(_ title: String, _ id: String, _ children: [TOCEntryView] = []) -> TOCEntryView {
            TOCEntryView(title: title, url: "#" + id, children: children, hasChildren: !children.isEmpty)
        }
        var entries: [TOCEntryView] = []
        for section in [guidance.overview, guidance.clinicalContext, guidance.codingSpecifications].compactMap({ $0 }) {
            entries.append(entry(section.title, section.id))
        }
        if guidance.hasModifiers { entries.append(entry("Modifiers", "modifier-table")) }
        entries.append(entry("Payer notes", guidance.payerNotesID, guidance.payerNotes.map { entry($0.payerName, $0.id) }))
        entries += guidance.otherSections.map { entry($0.title, $0.id) }
        return entries
    }

    /// A general page's contents: its `##` headings, with their `###` headings under them.
    func tableOfContents(_ headings: [MarkdownHeading]) -> [TOCEntryView] {
        var entries: [TOCEntryView] = []
        for heading in headings where heading.level == 2 || heading.level == 3 {
            let item = TOCEntryView(title: heading.text, url: "#" + heading.id, children: [], hasChildren: false)
            if heading.level == 3, !entries.isEmpty {
                entries[entries.count - 1].children.append(item)
                entries[entries.count - 1].hasChildren = true
            } else {
                entries.append(item)
            }
        }
        return entries.count + entries.reduce(0) { $0 + $1.children.count } >= 2 ? entries : []
    }
}
