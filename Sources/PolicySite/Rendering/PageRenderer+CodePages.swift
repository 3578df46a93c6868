import Foundation
import PolicySiteCodeSets
import PolicySiteCore
import PolicySiteMarkdown
import PolicySiteTemplates

/// A code's page: its guidance, its record and its neighbours.
extension PageRenderer {
    /// A code's page; `document` is its guidance's Markdown when the caller has it at hand,
    /// and `payerStates` what that document says of each payer when the caller worked it out
    /// already (the guidance pass does, for the page's digest).
    func codePage(_ code: HCPCSCode, document: MarkdownDocument? = nil, payerStates: [PayerNoteState]? = nil) -> (OutputFile?, [Diagnostic]) {
        let path = SiteModel.codePath(code.code)
        let guidanceView: GuidanceView? = if let page = model.guidance[code.code], let document = document ?? guidanceDocument(code: code.code) {
            guidance(page, document: document, path: path, payerStates: payerStates)
        } else {
            nil
        }
        var crumbs = [LinkView(title: "Home", url: path.relativeURL(to: .root))]
        if let section = code.section {
            crumbs.append(LinkView(title: "Section \(section.letter)", url: path.relativeURL(to: SiteModel.sectionPath(section))))
        } else {
            crumbs.append(LinkView(title: "Other codes", url: path.relativeURL(to: SiteModel.otherSectionPath)))
        }
        let neighbours = sectionNeighbours(of: code, from: path)
        let codeHistory = history(of: code.code, from: path)
        // Appended to the guidance's entries in place, not joined as three arrays.
        var toc: [TOCEntryView] = []
        if let guidanceView {
            toc = tableOfContents(guidanceView)
            toc.append(TOCEntryView(title: model.recordHeading, url: "#release-record", children: [], hasChildren: false))
            if !codeHistory.isEmpty { toc.append(TOCEntryView(title: "History", url: "#history", children: [], hasChildren: false)) }
        }
        let view = CodePageView(
            layout: layout(
                at: path, title: "\(code.code): \(guidanceView?.title ?? code.shortDescriptor)", crumb: code.code,
                breadcrumbs: crumbs,
                toc: toc,
                previous: neighbours.previous, next: neighbours.next),
            code: code.code, heading: guidanceView?.title ?? code.longDescriptor,
            longDescriptor: code.longDescriptor, shortDescriptor: code.shortDescriptor,
            status: status(code.status(asOf: model.configuration.asOf)),
            terminationDate: code.terminationDate?.description,
            recordHeading: model.recordHeading,
            recordFacts: Self.recordFacts(code, records: model.releaseRecords, notes: model.processingNotes, showsShortDescriptor: guidanceView != nil),
            hasGuidance: guidanceView != nil, guidance: guidanceView,
            history: codeHistory, hasHistory: !codeHistory.isEmpty)
        return output(\.code, view, at: path)
    }

    /// The guidance part of a code page; `payerStates` are `document`'s payer notes when the
    /// caller has them (else they are read from the digest or from `document`).
    func guidance(_ page: GuidanceSource, document: MarkdownDocument, path: SitePath, payerStates: [PayerNoteState]? = nil) -> GuidanceView {
        let matter = page.frontMatter
        // Sections are found and read by position: `first(where:)` and `filter` copied each
        // section they passed (a retain and release of every field). Each title is compared
        // with the four sections' in one pass: finding each of them anew, then sorting out the
        // others, compared every title with every one up to twice. (`guidanceSections` in
        // order: Overview, Clinical context, Coding specifications, Payer notes.)
        let sections = document.sections
        var overview: Int?, clinicalContext: Int?, codingSpecifications: Int?, payerSection: Int?
        var others: [Int] = []
        for index in sections.indices {
            let title = HeadingTitle(sections[index].title)
            let position = GuidanceSectionsCheck.requiredIndex(title)
            switch position {
            case 0: if overview == nil { overview = index }
            case 1: if clinicalContext == nil { clinicalContext = index }
            case 2: if codingSpecifications == nil { codingSpecifications = index }
            case 3: if payerSection == nil { payerSection = index }
            default: break
            }
            // An ASCII title is one of the four exactly when it matched above (the same
            // comparisons); any other is asked as `isGuidanceSection` decides.
            let isOther = title.isASCII ? position == nil : !Self.isGuidanceSection(title.text)
            if isOther { others.append(index) }
        }
        func view(_ index: Int?) -> SectionView? {
            guard let index else { return nil }
            return SectionView(
                title: sections[index].title, id: sections[index].id, headingHTML: HTML(String(sections[index].headingHTML)),
                html: HTML(Self.nowrapDates(sections[index].html)))
        }
        let states = payerStates ?? payerNoteStates(code: matter.code, document: document)
        let payers = model.payers
        let notes = states.indices.prefix(payers.count).map { index in
            let state = states[index]
            return PayerNoteView(
                payerName: payers[index].name, id: state.id, html: HTML(Self.nowrapDates(state.html)), hasNote: state.hasNote,
                isNoData: state.isNoData, isEmpty: state.isEmpty, isMissing: state.isMissing)
        }
        let stale = staleNotes(for: page)
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
            overview: view(overview), clinicalContext: view(clinicalContext),
            codingSpecifications: view(codingSpecifications),
            modifiers: modifiers, hasModifiers: !modifiers.isEmpty,
            payerNotesID: payerSection.map { sections[$0].id } ?? "payer-notes", payerNotes: notes, otherSections: others.compactMap(view),
            staleNotes: stale, isStale: !stale.isEmpty)
    }
}

extension PageRenderer {
    /// The four sections' titles, lowercased.
    private static let lowercasedGuidanceSections = Set(guidanceSections.map { $0.lowercased() })

    /// Whether `title`, lowercased, is one of the four sections' (`guidanceSections`). An ASCII
    /// title, nearly every one, is compared byte by byte, without a lowercased copy and a hash.
    static func isGuidanceSection(_ title: String) -> Bool {
        guard HeadingTitle.isASCII(title) else { return lowercasedGuidanceSections.contains(title.lowercased()) }
        return guidanceSections.contains { $0.equalsIgnoringCase(title) }
    }

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
    /// The code's release record, when `records` has one, is read where it is, not copied.
    static func recordFacts(_ code: HCPCSCode, records: ReleaseRecords, notes: ProcessingNotes? = nil, showsShortDescriptor: Bool) -> [FactView] {
        var facts: [FactView] = []
        facts.reserveCapacity(18)
        // One value is added as it is: a one-element array joined made two arrays and a
        // string for each of a page's dozen facts.
        func add(_ label: String, _ value: String?) {
            if let value { facts.append(FactView(label: label, value: value)) }
        }
        func add(_ label: String, _ values: [String]) {
            if !values.isEmpty { facts.append(FactView(label: label, value: values.count == 1 ? values[0] : values.joined(separator: "; "))) }
        }
        func addDate(_ label: String, _ date: CalendarDate?) {
            if let date { facts.append(FactView(label: label, value: date.description, isDate: true)) }
        }
        if showsShortDescriptor { add("Short descriptor", code.shortDescriptor) }
        add("Section", code.section.map { Self.sectionLabels[$0] })
        addDate("Code added", code.addedDate)
        addDate("Action effective", code.actionEffectiveDate)
        addDate("Termination (last day of service)", code.terminationDate)
        add("Coverage", code.coverageCode.map { Self.coverageLabels[$0] })
        add("BETOS", code.betosCode.map { betos in BETOSTable.meaning(of: betos).map { "\(betos) (\($0))" } ?? betos })
        // Read through a pointer: `withRecord`'s borrowed record was still copied whole (a
        // retain and release of each of its fields) for every code page.
        records.withRecordIfAny(of: code.code) { record in
            guard let record else { return }
            add("Pricing indicator", record.pointee.pricingIndicators.map { Self.pricingLabels[$0] })
            add("Multiple pricing indicator", record.pointee.multiplePricingIndicator.map { Self.multiplePricingLabels[$0] })
            add("Coverage Issues Manual", record.pointee.coverageIssuesManualReferences)
            add("Carriers Manual", record.pointee.carriersManualReferences)
            add("Statute", record.pointee.statute)
            add("Lab certification", record.pointee.labCertificationCodes.map { Self.labCertificationLabels[$0] })
            add("Cross reference", record.pointee.crossReferences)
            add("ASC payment group", record.pointee.ascPaymentGroup.map { group in group + (record.pointee.ascPaymentGroupEffectiveDate.map { " (effective \($0))" } ?? "") })
            add("Processing note", record.pointee.processingNoteNumber.map { number in notes?[number].map { "\(number): \($0)" } ?? number })
            add("Type of service", record.pointee.typeOfServiceCodes.map { Self.typeOfServiceLabels[$0] })
            if let units = record.pointee.anesthesiaBaseUnits, units > 0 { add("Anesthesia base units", String(units)) }
            add("Action code", record.pointee.actionCode.map { Self.actionLabels[$0] })
        }
        return facts
    }

    // The facts' labels for every value of each code list, made once: a code page shows up to
    // a dozen, and each interpolation ("A (Durable medical equipment)") appended five pieces.
    private static let sectionLabels = CodeLabels<HCPCSSection> { "\($0.letter): \($0.name)" }
    private static let coverageLabels = CodeLabels<CoverageCode> { "\($0.rawValue) (\($0.meaning))" }
    private static let pricingLabels = CodeLabels<PricingIndicator> { "\($0.rawValue) (\($0.meaning))" }
    private static let multiplePricingLabels = CodeLabels<MultiplePricingIndicator> { "\($0.rawValue) (\($0.meaning))" }
    private static let labCertificationLabels = CodeLabels<LabCertificationCode> { "\($0.rawValue) (\($0.meaning))" }
    private static let typeOfServiceLabels = CodeLabels<TypeOfService> { "\($0.rawValue) (\($0.meaning))" }
    private static let actionLabels = CodeLabels<ActionCode> { "\($0.rawValue) (\($0.meaning))" }

    /// A guidance page's contents: its sections in the order the page shows them, payers under
    /// "Payer notes".
    func tableOfContents(_ guidance: GuidanceView) -> [TOCEntryView] {
        func entry(_ title: String, _ id: String, _ children: [TOCEntryView] = []) -> TOCEntryView {
            TOCEntryView(title: title, url: "#" + id, children: children, hasChildren: !children.isEmpty)
        }
        // Sized once, sections read where they are: an array of the three sections copied each.
        var entries: [TOCEntryView] = []
        entries.reserveCapacity(5 + guidance.otherSections.count)
        if let section = guidance.overview { entries.append(entry(section.title, section.id)) }
        if let section = guidance.clinicalContext { entries.append(entry(section.title, section.id)) }
        if let section = guidance.codingSpecifications { entries.append(entry(section.title, section.id)) }
        if guidance.hasModifiers { entries.append(TOCEntryView(title: "Modifiers", url: "#modifier-table", children: [], hasChildren: false)) }
        // A note's anchor is its payer's id: the site's, made once, unless the note says otherwise.
        let notes = guidance.payerNotes, fragments = payerNoteFragments
        let payers = notes.indices.map { index in
            let url = index < fragments.count && fragments[index].id == notes[index].id ? fragments[index].url : "#" + notes[index].id
            return TOCEntryView(title: notes[index].payerName, url: url, children: [], hasChildren: false)
        }
        entries.append(entry("Payer notes", guidance.payerNotesID, payers))
        for section in guidance.otherSections { entries.append(entry(section.title, section.id)) }
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

/// A text for every value of a code list (`CoverageCode`, `PricingIndicator`, ...), made once.
private struct CodeLabels<Code: CaseIterable & Equatable & Sendable>: Sendable {
    /// Every value with its label, in `allCases` order. A code list has a few dozen values at
    /// most: comparing cases one by one takes less than hashing the value for a dictionary
    /// (some 300 instructions a lookup, six lookups a code page).
    private let labels: [(code: Code, label: String)]

    init(_ label: (Code) -> String) {
        labels = Code.allCases.map { ($0, label($0)) }
    }

    /// Every value has its label: the list holds all cases.
    subscript(code: Code) -> String {
        for index in labels.indices where labels[index].code == code { return labels[index].label }
        preconditionFailure("\(code) is not among its type's allCases")
    }
}
