import Foundation
import PolicySiteCodeSets
import PolicySiteCore
import PolicySiteMarkdown
import PolicySiteTemplates

/// What every page shares: the layout (header, navigation, breadcrumbs, table of contents), statuses, dates and code rows.
extension PageRenderer {
    func layout(
        at path: SitePath, title: String, crumb: String? = nil, breadcrumbs: [LinkView],
        toc: [TOCEntryView] = [], previous: LinkView? = nil, next: LinkView? = nil
    ) -> LayoutView {
        let configuration = model.configuration
        let depth = path.segments.count
        let links = depth < layoutLinks.count ? layoutLinks[depth] : LayoutLinks(depth: depth, hasHistory: model.history != nil)
        return LayoutView(
            siteTitle: configuration.title, pageTitle: title, isSiteTitle: title == configuration.title, crumbTitle: crumb ?? title,
            homeURL: links.homeURL, stylesheetURL: links.stylesheetURL, modifiersURL: links.modifiersURL,
            coverageURL: links.coverageURL, searchURL: links.searchURL,
            navigation: links.navigation(at: path),
            showsHeaderSearch: path != .root && path != SiteModel.searchPath, inlineStylesheet: nil,
            breadcrumbs: breadcrumbs, hasBreadcrumbs: !breadcrumbs.isEmpty,
            toc: toc, hasTOC: !toc.isEmpty, previous: previous, next: next, hasPager: previous != nil || next != nil,
            asOf: configuration.asOf.description, codeSetRelease: model.releaseLabel, revision: revision,
            canonicalURL: configuration.baseURL.map { $0 + (path.segments.isEmpty ? "" : path.segments.joined(separator: "/") + "/") },
            recordURL: links.recordURL)
    }

    /// The header's entries, relative to `path`.
    func navigation(at path: SitePath) -> [NavItemView] {
        LayoutLinks(depth: path.segments.count, hasHistory: model.history != nil).navigation(at: path)
    }

    func status(_ status: CodeStatus) -> StatusView {
        // Nearly every row of every list is an active code: its view is the same each time.
        if status == .active { return Self.activeStatus }
        let kind: String
        switch status {
        case .active: kind = "active"
        case .terminated: kind = "terminated"
        case .notYetEffective: kind = "pending"
        }
        return StatusView(label: status.label, labelHTML: Self.datesAsTime(status.label), isActive: status == .active, isTerminated: status.isTerminated, kind: kind)
    }

    /// The status of an active code, as `status(_:)` makes it.
    static let activeStatus = StatusView(
        label: CodeStatus.active.label, labelHTML: datesAsTime(CodeStatus.active.label), isActive: true, isTerminated: false, kind: "active")

    /// `text` escaped for HTML, each `YYYY-MM-DD` in it written as `<time>` (see `time` in
    /// site.css: a date never breaks across lines).
    static func datesAsTime(_ text: String) -> HTML {
        var text = text
        // Read as bytes: dates and the characters escaped are ASCII, and every other byte,
        // of any character, is copied as it is.
        return text.withUTF8 { text in
            var html: [UInt8] = []
            html.reserveCapacity(text.count + 16)
            var index = 0
            while index < text.count {
                if isDate(in: text, at: index) {
                    let date = UnsafeBufferPointer(rebasing: text[index..<index + 10])
                    html.append(contentsOf: "<time datetime=\"".utf8)
                    html.append(contentsOf: date)
                    html.append(contentsOf: "\">".utf8)
                    html.append(contentsOf: date)
                    html.append(contentsOf: "</time>".utf8)
                    index += 10
                    continue
                }
                switch text[index] {
                case UInt8(ascii: "&"): html.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): html.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): html.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): html.append(contentsOf: "&quot;".utf8)
                case let byte: html.append(byte)
                }
                index += 1
            }
            return HTML(String(decoding: html, as: UTF8.self))
        }
    }

    func codeRow(_ code: HCPCSCode, from path: SitePath) -> CodeRowView {
        CodeRowView(
            code: code.code, url: path.relativeURL(to: SiteModel.codePath(code.code)),
            shortDescriptor: code.shortDescriptor, longDescriptor: code.longDescriptor, status: status(code.status(asOf: model.configuration.asOf)),
            hasGuidance: model.guidance[code.code] != nil)
    }

    /// `html` with each `YYYY-MM-DD` outside its tags wrapped in `<span class="nowrap">`, so
    /// that a date in guidance prose never breaks at its hyphens; the text itself is unchanged.
    /// Tags (and so URLs in attributes) are left alone; Markdown escapes `<` and `>` in text.
    static func nowrapDates(_ html: String) -> String {
        var html = html
        // Read in place: most notes hold no date, and then the string itself is returned,
        // with no copy of its bytes into an array and back.
        return html.withUTF8(wrappingDates).map { String(decoding: $0, as: UTF8.self) } ?? html
    }

    /// `nowrapDates` for a part of a document's HTML (a `MarkdownSection`'s is a slice of the
    /// page's); a new string either way.
    static func nowrapDates(_ html: Substring) -> String {
        var html = html
        return html.withUTF8(wrappingDates).map { String(decoding: $0, as: UTF8.self) } ?? String(html)
    }

    /// Whether a `YYYY-MM-DD` starts at `index` with no digit just before or after it.
    private static func isDate(in text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        func isDigit(_ at: Int) -> Bool { at >= 0 && at < text.count && text[at] &- 0x30 < 10 }
        guard index + 10 <= text.count, !isDigit(index - 1), !isDigit(index + 10) else { return false }
        for offset in 0..<10 {
            let matches = offset == 4 || offset == 7 ? text[index + offset] == UInt8(ascii: "-") : isDigit(index + offset)
            if !matches { return false }
        }
        return true
    }

    /// Whether a `YYYY-MM-DD` is anywhere in `utf8`, inside a tag or not: the hyphens are
    /// found with `memchr`, and only around them is a date looked for. Most sections and notes
    /// have none, and then their bytes are not read one by one as the tag-aware pass does.
    private static func hasDate(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        // A date's first hyphen is its fifth byte; the second is its eighth.
        var from = 4
        while from + 6 <= utf8.count, let found = memchr(base + from, Int32(UInt8(ascii: "-")), utf8.count - 5 - from) {
            let hyphen = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if isDate(in: utf8, at: hyphen - 4) { return true }
            from = hyphen + 1
        }
        return false
    }

    /// The bytes with dates wrapped, or nil when there is no date.
    private static func wrappingDates(_ utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard utf8.count >= 10, hasDate(utf8) else { return nil }
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        var inTag = false
        while index < utf8.count {
            let byte = utf8[index]
            if inTag {
                if byte == UInt8(ascii: ">") { inTag = false }
            } else if byte == UInt8(ascii: "<") {
                inTag = true
            } else if byte &- 0x30 < 10, isDate(in: utf8, at: index) {
                // (A date starts with a digit: most bytes are ruled out without the full test.)
                if out.isEmpty { out.reserveCapacity(utf8.count + 64) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<index]))
                out.append(contentsOf: "<span class=\"nowrap\">".utf8)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<index + 10]))
                out.append(contentsOf: "</span>".utf8)
                index += 10
                copied = index
                continue
            }
            index += 1
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied...]))
        return out
    }
}

/// What the layout links to from a page `depth` folders below the top of the site: the same
/// URLs on every page of that depth, so they are made once per depth (`PageRenderer.layoutLinks`)
/// instead of once per page.
struct LayoutLinks: Sendable {
    /// An entry of the header: where it leads, and the parts of the site (first path segment)
    /// whose pages it marks as current.
    private struct Entry {
        let title: String
        let target: SitePath
        let fragment: String?
        let areas: [String]
    }

    let homeURL: String
    let stylesheetURL: String
    let modifiersURL: String
    let coverageURL: String
    let searchURL: String
    let recordURL: String
    private let entries: [Entry]
    /// The header's entries for a page in each part of the site (`areas`), the last for a page
    /// in none of them; valid for every page but the entries' own targets.
    private let navigationByArea: [[NavItemView]]
    /// Every part of the site an entry marks as current.
    private let areas: [String]
    private let depth: Int

    init(depth: Int, hasHistory: Bool) {
        let from = SitePath(Array(repeating: "", count: depth))
        self.depth = depth
        homeURL = from.relativeURL(to: .root)
        stylesheetURL = from.relativeURL(toFile: "\(SiteModel.assetsFolder)/site.css")
        modifiersURL = from.relativeURL(to: SiteModel.modifierIndexPath)
        coverageURL = from.relativeURL(to: SiteModel.coveragePath)
        searchURL = from.relativeURL(to: SiteModel.searchPath)
        recordURL = from.relativeURL(to: PageRenderer.recordPath)
        // Sections and payers have no index page of their own: their entries open the home
        // page's list of them.
        var entries = [
            Entry(title: "Home", target: .root, fragment: nil, areas: []),
            Entry(title: "Sections", target: .root, fragment: "sections-heading", areas: ["sections", "codes"]),
            Entry(title: "Modifiers", target: SiteModel.modifierIndexPath, fragment: nil, areas: ["modifiers"]),
            Entry(title: "Payers", target: .root, fragment: "payers-heading", areas: ["payers"]),
            Entry(title: "Coverage", target: SiteModel.coveragePath, fragment: nil, areas: ["coverage"]),
            Entry(title: "Checks", target: SiteModel.checksPath, fragment: nil, areas: ["checks"]),
        ]
        if hasHistory { entries.append(Entry(title: "Changes", target: SiteModel.changesIndexPath, fragment: nil, areas: ["changes"])) }
        self.entries = entries
        let areas = entries.flatMap(\.areas)
        self.areas = areas
        navigationByArea = (areas + [""]).map { area in Self.items(entries, depth: depth, area: area, page: nil) }
    }

    /// The header's entries on the page at `path` (of this depth): an entry is `page` on the
    /// page it names, `true` on a page inside its part of the site.
    func navigation(at path: SitePath) -> [NavItemView] {
        if entries.contains(where: { $0.fragment == nil && $0.target == path }) {
            return Self.items(entries, depth: depth, area: path.segments.first ?? "", page: path)
        }
        let area = path.segments.first ?? ""
        return navigationByArea[areas.firstIndex(of: area) ?? areas.count]
    }

    private static func items(_ entries: [Entry], depth: Int, area: String, page: SitePath?) -> [NavItemView] {
        let from = SitePath(Array(repeating: "", count: depth))
        return entries.map { entry in
            let current: String? = entry.fragment == nil && page == entry.target ? "page" : (entry.areas.contains(area) ? "true" : nil)
            return NavItemView(title: entry.title, url: from.relativeURL(to: entry.target, fragment: entry.fragment), current: current)
        }
    }
}
