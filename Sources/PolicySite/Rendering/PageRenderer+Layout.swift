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

    /// The bytes with dates wrapped, or nil when there is no date.
    private static func wrappingDates(_ utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard utf8.count >= 10 else { return nil }
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
            } else if isDate(in: utf8, at: index) {
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
