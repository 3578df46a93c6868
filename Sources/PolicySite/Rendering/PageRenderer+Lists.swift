import Foundation
import PolicySiteCodeSets
import PolicySiteCore
import PolicySiteMarkdown
import PolicySiteTemplates

/// The pages that list codes, modifiers and pages: home, sections, modifiers, general pages.
extension PageRenderer {
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

    func sectionPage(_ section: HCPCSSection?) -> (OutputFile?, [Diagnostic]) {
        let path = section.map(SiteModel.sectionPath) ?? SiteModel.otherSectionPath
        // The section's own codes, in code order, as the assembler listed them once: testing
        // every code of the set for each section copied each record once per section.
        var codes = (model.sectionCodes[section?.letter ?? ""] ?? []).compactMap { code in model.codeSet[code: code].map { codeRow($0, from: path) } }
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
