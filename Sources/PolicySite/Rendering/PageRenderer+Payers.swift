import PolicySiteCore
import PolicySiteMarkdown

/// One payer's note on one guidance page, as the site shows it. Small on purpose: the build
/// keeps one per payer and guidance page until the payer pages and the matrix are written.
struct PayerNoteState: Sendable {
    var payer: Payer
    /// The page has a `### <payer>` subsection under "Payer notes".
    var hasSubsection: Bool
    /// The note says only that no data is available.
    var isNoData: Bool
    /// The note's HTML when it says more than that (else "").
    var html: String
    /// The anchor of the note on the code page.
    var id: String

    var isMissing: Bool { !hasSubsection }
    var hasNote: Bool { hasSubsection && !isNoData }
    var stateName: String { isMissing ? "missing" : (isNoData ? "no-data" : "note") }
}

extension PageRenderer {
    /// The site's payers, in order, with what the guidance page for `code` says about each:
    /// from the build's digest of the page once it has one, else read from `document`.
    func payerNoteStates(code: String, document: MarkdownDocument? = nil) -> [PayerNoteState] {
        if let states = digests[code]?.payerStates { return states }
        return computePayerNoteStates(document ?? guidanceDocument(code: code))
    }

    func computePayerNoteStates(_ document: MarkdownDocument?) -> [PayerNoteState] {
        let payerSection = document?.sections.first { $0.title.equalsIgnoringCase("Payer notes") }
        return model.payers.map { payer in
            let names = [payer.name] + payer.aliases
            let note = payerSection?.subsections.first { sub in names.contains { $0.equalsIgnoringCase(sub.title) } }
            let isNoData = note.map { PayerNotes.saysNoData($0.plainText) } ?? false
            return PayerNoteState(
                payer: payer, hasSubsection: note != nil, isNoData: isNoData,
                html: isNoData ? "" : (note?.html ?? ""), id: note?.id ?? "payer-\(payer.id)")
        }
    }

    func payerPage(_ payer: Payer) -> (OutputFile?, [Diagnostic]) {
        let path = SiteModel.payerPath(payer.id)
        var rows: [PayerNoteRowView] = []
        for page in model.sortedGuidance {
            let code = page.frontMatter.code
            guard let state = payerNoteStates(code: code).first(where: { $0.payer.id == payer.id }),
                  let hcpcs = model.codeSet[code: code] else { continue }
            rows.append(PayerNoteRowView(
                code: code, title: page.frontMatter.title,
                url: path.relativeURL(to: SiteModel.codePath(code), fragment: state.id),
                html: state.html, hasNote: state.hasNote, isNoData: state.isNoData, isMissing: state.isMissing,
                status: status(hcpcs.status(asOf: model.configuration.asOf))))
        }
        let view = PayerPageView(
            layout: layout(at: path, title: "\(payer.name): payer notes", crumb: payer.name, breadcrumbs: [
                LinkView(title: "Home", url: path.relativeURL(to: .root)),
                LinkView(title: "Coverage matrix", url: path.relativeURL(to: SiteModel.coveragePath)),
            ]),
            name: payer.name, aliases: payer.aliases.isEmpty ? nil : payer.aliases.joined(separator: ", "),
            notes: rows, noteCount: rows.filter(\.hasNote).count, noDataCount: rows.filter(\.isNoData).count,
            missingCount: rows.filter(\.isMissing).count)
        return output(view, template: "payer", at: path)
    }

    func coveragePage() -> (OutputFile?, [Diagnostic]) {
        let path = SiteModel.coveragePath
        var rows: [CoverageRowView] = []
        for page in model.sortedGuidance {
            let code = page.frontMatter.code
            guard let hcpcs = model.codeSet[code: code] else { continue }
            let cells = payerNoteStates(code: code).map { state in
                CoverageCellView(
                    payerName: state.payer.name,
                    url: path.relativeURL(to: SiteModel.codePath(code), fragment: state.id),
                    state: state.stateName,
                    label: state.isMissing ? "Missing" : (state.isNoData ? "No data available" : "Note"),
                    isNote: state.hasNote, isNoData: state.isNoData, isMissing: state.isMissing)
            }
            rows.append(CoverageRowView(
                code: code, url: path.relativeURL(to: SiteModel.codePath(code)), title: page.frontMatter.title,
                status: status(hcpcs.status(asOf: model.configuration.asOf)), cells: cells))
        }
        let all = rows.flatMap(\.cells)
        let view = CoverageMatrixView(
            layout: layout(at: path, title: "Coverage matrix", breadcrumbs: [LinkView(title: "Home", url: path.relativeURL(to: .root))]),
            payers: model.payers.map { LinkView(title: $0.name, url: path.relativeURL(to: SiteModel.payerPath($0.id))) },
            rows: rows, hasRows: !rows.isEmpty,
            noteCount: all.filter(\.isNote).count, noDataCount: all.filter(\.isNoData).count,
            missingCount: all.filter(\.isMissing).count)
        return output(view, template: "coverage", at: path)
    }

    /// Payer notes that are neither written nor marked "no data available", over all guidance.
    var payerGapCount: Int {
        model.guidance.keys.reduce(0) { count, code in count + payerNoteStates(code: code).filter(\.isMissing).count }
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
        return output(view, template: "search", at: path)
    }

    /// `404.html` sits at the top of the site, but a server shows it at any depth, so its
    /// links are absolute: from the base URL when there is one, else from the server's root
    /// (right for a site served at `/`; set `baseURL` for a site under a sub-path).
    func notFoundPage() -> (OutputFile?, [Diagnostic]) {
        var pageLayout = layout(at: .root, title: "Page not found", breadcrumbs: [])
        if let base = model.configuration.baseURL ?? Optional("/") {
            pageLayout.homeURL = base + "index.html"
            pageLayout.stylesheetURL = base + "\(SiteModel.assetsFolder)/site.css"
            pageLayout.modifiersURL = base + SiteModel.modifierIndexPath.filePath
            pageLayout.coverageURL = base + SiteModel.coveragePath.filePath
            pageLayout.searchURL = base + SiteModel.searchPath.filePath
        }
        pageLayout.canonicalURL = nil
        let (html, diagnostics) = templates.render(NotFoundPageView(layout: pageLayout), template: "404")
        return (OutputFile(path: "404.html", contents: Array(html.utf8)), diagnostics)
    }

    /// The checks page, rendered after validation: the warnings that did not stop the build,
    /// and every suppression with its written reason.
    func checksPage(findings: [Diagnostic], suppressions: [(file: String, rule: String, reason: String)]) -> (OutputFile?, [Diagnostic]) {
        let path = SiteModel.checksPath
        let rows = findings.sorted().map {
            FindingView(location: $0.location.description, severity: $0.severity.rawValue, rule: $0.rule, message: $0.message)
        }
        let suppressed = suppressions.map { SuppressionView(file: $0.file, rule: $0.rule, reason: $0.reason) }
        let view = ChecksPageView(
            layout: layout(at: path, title: "Checks", breadcrumbs: [LinkView(title: "Home", url: path.relativeURL(to: .root))]),
            findings: rows, hasFindings: !rows.isEmpty, suppressions: suppressed, hasSuppressions: !suppressed.isEmpty)
        return output(view, template: "checks", at: path)
    }
}
