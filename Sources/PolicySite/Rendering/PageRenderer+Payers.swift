import Foundation
import PolicySiteCore
import PolicySiteMarkdown
import PolicySiteTemplates

/// How many of a payer's notes are written, say there is no data, are empty, or are missing.
struct PayerNoteCounts: Sendable {
    var notes = 0
    var noData = 0
    var empty = 0
    var missing = 0

    mutating func add(_ state: PayerNoteState) {
        if state.hasNote { notes += 1 } else if state.isNoData { noData += 1 } else if state.isEmpty { empty += 1 } else { missing += 1 }
    }

    static func + (a: PayerNoteCounts, b: PayerNoteCounts) -> PayerNoteCounts {
        PayerNoteCounts(notes: a.notes + b.notes, noData: a.noData + b.noData, empty: a.empty + b.empty, missing: a.missing + b.missing)
    }
}

/// Links from one list page to the code pages it lists (`../../codes/G9328/index.html#aetna`):
/// the text `SitePath.relativeURL(to:fragment:)` gives, written after a start made once a page
/// (`../../codes/`), where that call climbs and checks every segment again for each link; a
/// coverage page links each of its thousand rows six times.
struct CodePageLinks {
    /// `../` for each folder of the page, then the code pages' folder.
    private let start: String

    init(from page: SitePath) {
        start = page.relativeURL(toFile: SiteModel.codePath("").segments[0] + "/")
    }

    /// The link to `code`'s page, at `fragment` when there is one; percent-encoded as
    /// `SitePath.relativeURL(to:fragment:)` encodes a segment and a fragment.
    func url(_ code: String, fragment: String? = nil) -> String {
        let code = SitePath.percentEncoded(code, keepingSlashes: true)
        let fragment = fragment.map { SitePath.percentEncoded($0, keepingSlashes: false) }
        let file = "/index.html"
        let length = start.utf8.count + code.utf8.count + file.utf8.count + (fragment.map { $0.utf8.count + 1 } ?? 0)
        return String(unsafeUninitializedCapacity: length) { url in
            var written = 0
            func write(_ text: String) {
                written += UnsafeMutableBufferPointer(rebasing: url[written...]).initialize(from: text.utf8).1
            }
            write(start)
            write(code)
            write(file)
            if let fragment {
                url[written] = UInt8(ascii: "#")
                written += 1
                write(fragment)
            }
            return written
        }
    }
}

extension PageRenderer {
    /// A payer's counts over every listed guidance page (each list page shows the totals).
    func counts(of payer: Payer) -> PayerNoteCounts {
        if let counts = payerNoteCounts[payer.id] { return counts }
        var counts = PayerNoteCounts()
        for page in listedGuidance {
            if let state = payerNoteState(code: page.frontMatter.code, payer: payer) { counts.add(state) }
        }
        return counts
    }

    /// The site's payers, in order, with what the guidance page for `code` says about each:
    /// from the build's digest of the page once it has one, else read from `document`.
    func payerNoteStates(code: String, document: MarkdownDocument? = nil) -> [PayerNoteState] {
        if let states = digests[code]?.payerStates { return states }
        return computePayerNoteStates(document ?? guidanceDocument(code: code))
    }

    /// The site's payers, in order, with what the guidance page of row `row` of
    /// `listedGuidance` says about each: the states kept by `withDigests` when there are any,
    /// else `payerNoteStates(code:)`.
    func payerNoteStates(listedRow row: Int) -> [PayerNoteState] {
        row < listedPayerStates.count ? listedPayerStates[row] : payerNoteStates(code: listedGuidance[row].frontMatter.code)
    }

    /// What the guidance page for `code` says about `payer`, one of the site's payers.
    func payerNoteState(code: String, payer: Payer) -> PayerNoteState? {
        guard let position = model.payers.firstIndex(where: { $0.id == payer.id }) else { return nil }
        let states = payerNoteStates(code: code)
        return position < states.count ? states[position] : nil
    }

    func computePayerNoteStates(_ document: MarkdownDocument?) -> [PayerNoteState] {
        PayerNotes.states(of: document, payers: model.payers)
    }

    /// Pages of the coverage matrix, and of each payer's notes: `pagerSize` rows each.
    var listPageCount: Int { SiteModel.listPageCount(rows: listedGuidance.count, pagerSize: model.configuration.pagerSize) }

    /// Page `number` of a list at `path`: its rows, the label saying which codes they are,
    /// every page of the list (named by its first and last code), and the previous and next
    /// pages for the layout's pager.
    func listPage(_ path: SitePath, number: Int, title: String) -> (rows: ArraySlice<GuidanceSource>, label: String?, pages: [PageLinkView], previous: LinkView?, next: LinkView?) {
        let all = listedGuidance
        let size = max(1, model.configuration.pagerSize)
        let count = listPageCount
        let rows = all.dropFirst((number - 1) * size).prefix(size)
        let here = SiteModel.listPage(path, number: number)
        guard count > 1, let first = rows.first, let last = rows.last else { return (rows, nil, [], nil, nil) }
        let pages = (1...count).map { other -> PageLinkView in
            let codes = all.dropFirst((other - 1) * size).prefix(size)
            return PageLinkView(
                title: "\(codes.first?.frontMatter.code ?? "") to \(codes.last?.frontMatter.code ?? "")",
                url: here.relativeURL(to: SiteModel.listPage(path, number: other)), isCurrent: other == number)
        }
        let label = "Page \(number) of \(count): \(first.frontMatter.code) to \(last.frontMatter.code)"
        let previous = number > 1 ? LinkView(title: "\(title), page \(number - 1)", url: here.relativeURL(to: SiteModel.listPage(path, number: number - 1))) : nil
        let next = number < count ? LinkView(title: "\(title), page \(number + 1)", url: here.relativeURL(to: SiteModel.listPage(path, number: number + 1))) : nil
        return (rows, label, pages, previous, next)
    }

    /// The status as of the site's date of each row's code (nil for a code the code set lacks),
    /// for a list page's rows (`listedGuidance` is in code order, as `sortedCodes` is). Found
    /// by walking the sorted codes beside the rows, not by a table lookup and a copy of the
    /// code's record per row: six list pages show every code, and at 100,000 codes those
    /// lookups and copies missed the caches row after row.
    func codeStatuses(of rows: ArraySlice<GuidanceSource>) -> [CodeStatus?] {
        let asOf = model.configuration.asOf
        return sortedCodes.withUnsafeBufferPointer { codes in
            guard let first = rows.first?.frontMatter.code else { return [] }
            var cursor = codes.firstIndex(notBefore: first, by: \.code)
            return rows.map { row in
                let code = row.frontMatter.code
                var at = cursor
                while at < codes.count, codes[at].code.precedesBytewise(code) { at += 1 }
                guard at < codes.count, codes[at].code == code else {
                    // Not where the order puts it: asked of the code set, as before the walk.
                    return model.codeSet[code: code]?.status(asOf: asOf)
                }
                cursor = at + 1
                return codes[at].status(asOf: asOf)
            }
        }
    }

    func payerPage(_ payer: Payer, page number: Int = 1) -> (OutputFile?, [Diagnostic]) {
        let base = SiteModel.payerPath(payer.id)
        let path = SiteModel.listPage(base, number: number)
        let title = "\(payer.name): payer notes"
        let (pages, label, pageLinks, previous, next) = listPage(base, number: number, title: title)
        var rows: [PayerNoteRowView] = []
        rows.reserveCapacity(pages.count)
        // The payer's place among the site's payers, found once for the page's thousand rows.
        let position = model.payers.firstIndex { $0.id == payer.id }
        // Every note is written for a code page, `codes/<CODE>/`.
        var rebaseMemo: LinkRebase.Memo? = LinkRebase.Memo(destination: path, sourceDepth: 2)
        let links = CodePageLinks(from: path)
        for (row, codeStatus) in zip(pages.indices, codeStatuses(of: pages)) {
            let page = pages[row]
            let code = page.frontMatter.code
            guard let position else { continue }
            let states = payerNoteStates(listedRow: row)
            guard position < states.count, let codeStatus else { continue }
            let state = states[position]
            rows.append(PayerNoteRowView(
                code: code, title: page.frontMatter.title,
                url: links.url(code, fragment: state.id),
                html: HTML(LinkRebase.rebase(state.html, from: SiteModel.codePath(code), to: path, memo: &rebaseMemo)),
                hasNote: state.hasNote, isNoData: state.isNoData, isEmpty: state.isEmpty, isMissing: state.isMissing,
                status: status(codeStatus)))
        }
        let counts = counts(of: payer)
        let view = PayerPageView(
            layout: layout(
                at: path, title: number == 1 ? title : "\(title), page \(number)", crumb: number == 1 ? payer.name : "Page \(number)",
                breadcrumbs: [
                    LinkView(title: "Home", url: path.relativeURL(to: .root)),
                    LinkView(title: "Coverage matrix", url: path.relativeURL(to: SiteModel.coveragePath)),
                ] + (number == 1 ? [] : [LinkView(title: payer.name, url: path.relativeURL(to: base))]),
                previous: previous, next: next),
            name: payer.name, aliases: payer.aliases.isEmpty ? nil : payer.aliases.joined(separator: ", "),
            pageLabel: label, pageLinks: pageLinks, hasPageLinks: !pageLinks.isEmpty, notes: rows, noteCount: counts.notes, noDataCount: counts.noData, emptyCount: counts.empty, missingCount: counts.missing)
        return output(\.payer, view, at: path)
    }

    func coveragePage(page number: Int = 1) -> (OutputFile?, [Diagnostic]) {
        let base = SiteModel.coveragePath
        let path = SiteModel.listPage(base, number: number)
        let (pages, label, pageLinks, previous, next) = listPage(base, number: number, title: "Coverage matrix")
        var rows: [CoverageRowView] = []
        let links = CodePageLinks(from: path)
        for (row, codeStatus) in zip(pages.indices, codeStatuses(of: pages)) {
            let page = pages[row]
            let code = page.frontMatter.code
            guard let codeStatus else { continue }
            // Payers and states read in place, as `computePayerNoteStates` reads the payers.
            let states = payerNoteStates(listedRow: row)
            let cells = model.payers.withUnsafeBufferPointer { payers in
                states.withUnsafeBufferPointer { states in
                    (0..<min(payers.count, states.count)).map { position in
                        CoverageCellView(
                            payerName: payers[position].name,
                            url: links.url(code, fragment: states[position].id),
                            state: states[position].stateName,
                            label: states[position].label,
                            isNote: states[position].hasNote, isNoData: states[position].isNoData, isMissing: states[position].isMissing)
                    }
                }
            }
            rows.append(CoverageRowView(
                code: code, url: links.url(code), title: page.frontMatter.title,
                status: status(codeStatus), cells: cells))
        }
        // The counts are the whole matrix's, over all pages.
        let all = model.payers.map(counts(of:)).reduce(PayerNoteCounts(), +)
        let view = CoverageMatrixView(
            layout: layout(
                at: path, title: number == 1 ? "Coverage matrix" : "Coverage matrix, page \(number)", crumb: number == 1 ? nil : "Page \(number)",
                breadcrumbs: [LinkView(title: "Home", url: path.relativeURL(to: .root))]
                    + (number == 1 ? [] : [LinkView(title: "Coverage matrix", url: path.relativeURL(to: base))]),
                previous: previous, next: next),
            payers: model.payers.map { LinkView(title: $0.name, url: path.relativeURL(to: SiteModel.payerPath($0.id))) },
            pageLabel: label, pageLinks: pageLinks, hasPageLinks: !pageLinks.isEmpty, rows: rows, hasRows: !rows.isEmpty,
            noteCount: all.notes, noDataCount: all.noData, emptyCount: all.empty, missingCount: all.missing)
        return output(\.coverage, view, at: path)
    }

    /// Payer notes that are neither written nor marked "no data available" (missing or empty),
    /// over all guidance.
    var payerGapCount: Int {
        model.guidance.keys.reduce(0) { count, code in count + payerNoteStates(code: code).filter(\.isGap).count }
    }

    /// Guidance pages by the modifiers their front matter uses, in code order.
    static func modifierUsers(_ model: SiteModel) -> [String: [GuidanceSource]] {
        var users: [String: [GuidanceSource]] = [:]
        for page in model.sortedGuidance {
            for usage in page.frontMatter.modifiers where users[usage.code]?.last?.frontMatter.code != page.frontMatter.code {
                users[usage.code, default: []].append(page)
            }
        }
        return users
    }

    func searchPage() -> (OutputFile?, [Diagnostic]) {
        let path = SiteModel.searchPath
        let view = SearchPageView(
            layout: layout(at: path, title: "Search", breadcrumbs: [LinkView(title: "Home", url: path.relativeURL(to: .root))]),
            indexScriptURL: path.relativeURL(toFile: SiteModel.searchIndexFile),
            searchScriptURL: path.relativeURL(toFile: "\(SiteModel.assetsFolder)/search.js"))
        return output(\.search, view, at: path)
    }

    /// `404.html` sits at the top of the site, but a server shows it at any depth, so its
    /// links are absolute: from the base URL when there is one, else from the server's root
    /// (right for a site served at `/`; set `baseURL` for a site under a sub-path; opened from
    /// disk, the page's script makes them relative to its own folder). The stylesheet is
    /// written into the page: no URL finds `assets/site.css` at every depth, under every base
    /// path and from `file://` alike, and a 404 page is rare enough that its extra 10 KB cost
    /// nothing. Without a readable `site.css` the page links it like the others.
    func notFoundPage() -> (OutputFile?, [Diagnostic]) {
        var pageLayout = layout(at: .root, title: "Page not found", breadcrumbs: [])
        let base = model.configuration.baseURL ?? "/"
        // The layout at the top of the site gives URLs from the top: `coverage/index.html`.
        func absolute(_ fromTop: String) -> String { base + fromTop }
        pageLayout.homeURL = absolute(pageLayout.homeURL)
        pageLayout.stylesheetURL = absolute(pageLayout.stylesheetURL)
        pageLayout.modifiersURL = absolute(pageLayout.modifiersURL)
        pageLayout.coverageURL = absolute(pageLayout.coverageURL)
        pageLayout.searchURL = absolute(pageLayout.searchURL)
        pageLayout.recordURL = absolute(pageLayout.recordURL)
        pageLayout.navigation = pageLayout.navigation.map { NavItemView(title: $0.title, url: absolute($0.url), current: nil) }
        pageLayout.canonicalURL = nil
        pageLayout.showsHeaderSearch = true
        if let css = FileManager.default.contents(atPath: templates.folder + "/\(SiteModel.assetsFolder)/site.css").flatMap({ String(validating: $0, as: UTF8.self) }),
           !css.contains("</") {
            pageLayout.inlineStylesheet = HTML(css)
        }
        return (OutputFile(path: "404.html", contents: templates.pages.notFound.render(NotFoundPageView(layout: pageLayout))), [])
    }

    /// The checks page, rendered after validation: the warnings that did not stop the build,
    /// and every suppression with its written reason.
    func checksPage(findings: [Diagnostic], suppressions: [(file: String, rule: String, reason: String)], acknowledged: [AcknowledgedFinding] = []) -> (OutputFile?, [Diagnostic]) {
        let path = SiteModel.checksPath
        let rows = findings.sorted().map { finding in
            let file = Self.normalizedDisplayPath(finding.location.file)
            return FindingView(
                location: Self.breakablePath("\(file):\(finding.location.line):\(finding.location.column)"),
                url: pageURL(about: finding.location.file, message: finding.message, from: path),
                severity: finding.severity.rawValue, rule: finding.rule, message: finding.message)
        }
        let suppressed = suppressions.map {
            SuppressionView(file: Self.breakablePath(Self.normalizedDisplayPath($0.file)), url: pageURL(about: $0.file, message: "", from: path), rule: $0.rule, reason: $0.reason)
        }
        var view = ChecksPageView(
            layout: layout(at: path, title: "Checks", breadcrumbs: [LinkView(title: "Home", url: path.relativeURL(to: .root))]),
            findings: rows, hasFindings: !rows.isEmpty, suppressions: suppressed, hasSuppressions: !suppressed.isEmpty)
        view.acknowledged = acknowledged.map {
            AcknowledgementView(location: $0.finding.location.description, rule: $0.finding.rule, message: $0.finding.message, reason: $0.acknowledgement.reason)
        }
        view.hasAcknowledged = !acknowledged.isEmpty
        return output(\.checks, view, at: path)
    }

    /// `path` escaped, with a line-break opportunity (`<wbr>`) after each `/` and before each
    /// `:`, so that a long path wraps between its folders before it wraps inside a name.
    static func breakablePath(_ path: String) -> HTML {
        HTML(HTMLEscaping.escaped(path).replacingOccurrences(of: "/", with: "/<wbr>").replacingOccurrences(of: ":", with: "<wbr>:"))
    }

    /// A display path with `.` and `name/..` folded away, as a reader would write it:
    /// `ContentMulti/../../shared/hcpcs/HCPC2019_CONTR_ANWEB.txt` is `../shared/hcpcs/HCPC2019_CONTR_ANWEB.txt`.
    /// Lexical only: the build's display paths name no symlinks to fold through.
    static func normalizedDisplayPath(_ file: String) -> String {
        let isAbsolute = file.hasPrefix("/")
        var parts: [Substring] = []
        for part in file.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() } else if !isAbsolute { parts.append(part) }
            default: parts.append(part)
            }
        }
        return (isAbsolute ? "/" : "") + parts.joined(separator: "/")
    }

    /// The page a finding is about, relative to `path`: the page a content file becomes, else
    /// the page of the first code of the code set the message names (a finding in a release
    /// file: "processing note 0127 of A4218 and 21 more codes ..."); nil when there is none.
    func pageURL(about file: String, message: String, from path: SitePath) -> String? {
        if let page = contentPagePaths[SitePath.normalized(file)] { return path.relativeURL(to: page) }
        for word in message.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) where word.count == 5 {
            let code = String(word)
            if model.codeSet[code: code] != nil { return path.relativeURL(to: SiteModel.codePath(code)) }
        }
        return nil
    }
}
