// The property tables through which swift-mustache reads each view (see `TemplateView`).
// Every stored property of a view appears here; a property missing from its table is a key
// templates cannot see, and a template that names it fails the build with `template-key`.
// `TemplateFieldsTests` checks that each table lists exactly the view's properties.

extension FactView {
    static let templateFields: [String: @Sendable (FactView) -> Any?] = [
        "label": { TemplateText($0.label) },
        "value": { TemplateText($0.value) },
    ]
}

extension PageLinkView {
    static let templateFields: [String: @Sendable (PageLinkView) -> Any?] = [
        "title": { TemplateText($0.title) },
        "url": { TemplateText($0.url) },
        "isCurrent": { $0.isCurrent },
    ]
}

extension LinkView {
    static let templateFields: [String: @Sendable (LinkView) -> Any?] = [
        "title": { TemplateText($0.title) },
        "url": { TemplateText($0.url) },
    ]
}

extension TOCEntryView {
    static let templateFields: [String: @Sendable (TOCEntryView) -> Any?] = [
        "title": { TemplateText($0.title) },
        "url": { TemplateText($0.url) },
        "children": { $0.children.boxed },
        "hasChildren": { $0.hasChildren },
    ]
}

extension LayoutView {
    static let templateFields: [String: @Sendable (LayoutView) -> Any?] = [
        "siteTitle": { TemplateText($0.siteTitle) },
        "pageTitle": { TemplateText($0.pageTitle) },
        "crumbTitle": { TemplateText($0.crumbTitle) },
        "homeURL": { TemplateText($0.homeURL) },
        "stylesheetURL": { TemplateText($0.stylesheetURL) },
        "modifiersURL": { TemplateText($0.modifiersURL) },
        "coverageURL": { TemplateText($0.coverageURL) },
        "searchURL": { TemplateText($0.searchURL) },
        "breadcrumbs": { $0.breadcrumbs.boxed },
        "hasBreadcrumbs": { $0.hasBreadcrumbs },
        "toc": { $0.toc.boxed },
        "hasTOC": { $0.hasTOC },
        "previous": { $0.previous?.boxed },
        "next": { $0.next?.boxed },
        "hasPager": { $0.hasPager },
        "asOf": { TemplateText($0.asOf) },
        "codeSetRelease": { TemplateText($0.codeSetRelease) },
        "revision": { $0.revision.map(TemplateText.init) },
        "canonicalURL": { $0.canonicalURL.map(TemplateText.init) },
    ]
}

extension StatusView {
    static let templateFields: [String: @Sendable (StatusView) -> Any?] = [
        "label": { TemplateText($0.label) },
        "isActive": { $0.isActive },
        "isTerminated": { $0.isTerminated },
        "kind": { TemplateText($0.kind) },
    ]
}

extension CodeRowView {
    static let templateFields: [String: @Sendable (CodeRowView) -> Any?] = [
        "code": { TemplateText($0.code) },
        "url": { TemplateText($0.url) },
        "shortDescriptor": { TemplateText($0.shortDescriptor) },
        "status": { $0.status.boxed },
        "hasGuidance": { $0.hasGuidance },
    ]
}

extension ModifierUsageView {
    static let templateFields: [String: @Sendable (ModifierUsageView) -> Any?] = [
        "code": { TemplateText($0.code) },
        "url": { $0.url.map(TemplateText.init) },
        "descriptor": { TemplateText($0.descriptor) },
        "whenToUse": { TemplateText($0.whenToUse) },
    ]
}

extension PayerNoteView {
    static let templateFields: [String: @Sendable (PayerNoteView) -> Any?] = [
        "payerName": { TemplateText($0.payerName) },
        "id": { TemplateText($0.id) },
        "html": { TemplateText($0.html) },
        "hasNote": { $0.hasNote },
        "isNoData": { $0.isNoData },
        "isMissing": { $0.isMissing },
    ]
}

extension SectionView {
    static let templateFields: [String: @Sendable (SectionView) -> Any?] = [
        "title": { TemplateText($0.title) },
        "id": { TemplateText($0.id) },
        "headingHTML": { TemplateText($0.headingHTML) },
        "html": { TemplateText($0.html) },
    ]
}

extension GuidanceView {
    static let templateFields: [String: @Sendable (GuidanceView) -> Any?] = [
        "title": { TemplateText($0.title) },
        "serviceType": { $0.serviceType.map(TemplateText.init) },
        "sitesOfService": { $0.sitesOfService.map(TemplateText.init) },
        "lastReviewed": { $0.lastReviewed.map(TemplateText.init) },
        "owner": { $0.owner.map(TemplateText.init) },
        "isHistorical": { $0.isHistorical },
        "preambleHTML": { TemplateText($0.preambleHTML) },
        "overview": { $0.overview?.boxed },
        "clinicalContext": { $0.clinicalContext?.boxed },
        "codingSpecifications": { $0.codingSpecifications?.boxed },
        "modifiers": { $0.modifiers.boxed },
        "hasModifiers": { $0.hasModifiers },
        "payerNotesID": { TemplateText($0.payerNotesID) },
        "payerNotes": { $0.payerNotes.boxed },
        "otherSections": { $0.otherSections.boxed },
        "staleNotes": { $0.staleNotes },
        "isStale": { $0.isStale },
    ]
}

extension CodePageView {
    static let templateFields: [String: @Sendable (CodePageView) -> Any?] = [
        "layout": { $0.layout.boxed },
        "code": { TemplateText($0.code) },
        "heading": { TemplateText($0.heading) },
        "longDescriptor": { TemplateText($0.longDescriptor) },
        "shortDescriptor": { TemplateText($0.shortDescriptor) },
        "status": { $0.status.boxed },
        "addedDate": { $0.addedDate.map(TemplateText.init) },
        "actionEffectiveDate": { $0.actionEffectiveDate.map(TemplateText.init) },
        "terminationDate": { $0.terminationDate.map(TemplateText.init) },
        "coverage": { $0.coverage.map(TemplateText.init) },
        "betos": { $0.betos.map(TemplateText.init) },
        "releaseFacts": { $0.releaseFacts.boxed },
        "sectionName": { $0.sectionName.map(TemplateText.init) },
        "hasGuidance": { $0.hasGuidance },
        "guidance": { $0.guidance?.boxed },
        "history": { $0.history.boxed },
        "hasHistory": { $0.hasHistory },
    ]
}

extension SectionSummaryView {
    static let templateFields: [String: @Sendable (SectionSummaryView) -> Any?] = [
        "letter": { TemplateText($0.letter) },
        "name": { TemplateText($0.name) },
        "url": { TemplateText($0.url) },
        "count": { TemplateText(String($0.count)) },
    ]
}

extension HomePageView {
    static let templateFields: [String: @Sendable (HomePageView) -> Any?] = [
        "layout": { $0.layout.boxed },
        "introHTML": { TemplateText($0.introHTML) },
        "guidanceCodes": { $0.guidanceCodes.boxed },
        "hasGuidanceCodes": { $0.hasGuidanceCodes },
        "moreGuidanceCount": { TemplateText(String($0.moreGuidanceCount)) },
        "hasMoreGuidance": { $0.hasMoreGuidance },
        "pages": { $0.pages.boxed },
        "hasPages": { $0.hasPages },
        "sections": { $0.sections.boxed },
        "codeCount": { TemplateText(String($0.codeCount)) },
        "modifierCount": { TemplateText(String($0.modifierCount)) },
        "guidanceCount": { TemplateText(String($0.guidanceCount)) },
        "payerGapCount": { TemplateText(String($0.payerGapCount)) },
        "payers": { $0.payers.boxed },
        "changesURL": { $0.changesURL.map(TemplateText.init) },
        "codes": { $0.codes.boxed },
        "showsAllCodes": { $0.showsAllCodes },
        "otherCodesCount": { TemplateText(String($0.otherCodesCount)) },
        "hasOtherCodes": { $0.hasOtherCodes },
    ]
}

extension SectionPageView {
    static let templateFields: [String: @Sendable (SectionPageView) -> Any?] = [
        "layout": { $0.layout.boxed },
        "letter": { TemplateText($0.letter) },
        "name": { TemplateText($0.name) },
        "codes": { $0.codes.boxed },
        "count": { TemplateText(String($0.count)) },
    ]
}

extension ModifierRowView {
    static let templateFields: [String: @Sendable (ModifierRowView) -> Any?] = [
        "code": { TemplateText($0.code) },
        "url": { TemplateText($0.url) },
        "descriptor": { TemplateText($0.descriptor) },
        "level": { TemplateText($0.level) },
        "status": { $0.status.boxed },
    ]
}

extension ModifierPageView {
    static let templateFields: [String: @Sendable (ModifierPageView) -> Any?] = [
        "layout": { $0.layout.boxed },
        "code": { TemplateText($0.code) },
        "descriptor": { TemplateText($0.descriptor) },
        "shortDescriptor": { $0.shortDescriptor.map(TemplateText.init) },
        "level": { TemplateText($0.level) },
        "status": { $0.status.boxed },
        "usedBy": { $0.usedBy.boxed },
        "isUsed": { $0.isUsed },
    ]
}

extension ModifierIndexView {
    static let templateFields: [String: @Sendable (ModifierIndexView) -> Any?] = [
        "layout": { $0.layout.boxed },
        "modifiers": { $0.modifiers.boxed },
        "count": { TemplateText(String($0.count)) },
    ]
}

extension GeneralPageView {
    static let templateFields: [String: @Sendable (GeneralPageView) -> Any?] = [
        "layout": { $0.layout.boxed },
        "title": { TemplateText($0.title) },
        "showsTitle": { $0.showsTitle },
        "description": { $0.description.map(TemplateText.init) },
        "html": { TemplateText($0.html) },
    ]
}

extension HistoryEntryView {
    static let templateFields: [String: @Sendable (HistoryEntryView) -> Any?] = [
        "release": { TemplateText($0.release) },
        "effectiveDate": { TemplateText($0.effectiveDate) },
        "url": { TemplateText($0.url) },
        "summaries": { $0.summaries },
    ]
}

extension DiffWordView {
    static let templateFields: [String: @Sendable (DiffWordView) -> Any?] = [
        "text": { TemplateText($0.text) },
        "isEqual": { $0.isEqual },
        "isRemoved": { $0.isRemoved },
        "isAdded": { $0.isAdded },
    ]
}

extension ChangeRowView {
    static let templateFields: [String: @Sendable (ChangeRowView) -> Any?] = [
        "code": { TemplateText($0.code) },
        "subject": { TemplateText($0.subject) },
        "anchorID": { $0.anchorID.map(TemplateText.init) },
        "url": { $0.url.map(TemplateText.init) },
        "kind": { TemplateText($0.kind) },
        "summary": { TemplateText($0.summary) },
        "actionCode": { TemplateText($0.actionCode) },
        "oldDescriptor": { $0.oldDescriptor.boxed },
        "newDescriptor": { $0.newDescriptor.boxed },
        "hasDescriptorDiff": { $0.hasDescriptorDiff },
        "hasGuidance": { $0.hasGuidance },
    ]
}

extension ChangeGroupView {
    static let templateFields: [String: @Sendable (ChangeGroupView) -> Any?] = [
        "title": { TemplateText($0.title) },
        "id": { TemplateText($0.id) },
        "count": { TemplateText(String($0.count)) },
        "rows": { $0.rows.boxed },
    ]
}

extension ChangesPageView {
    static let templateFields: [String: @Sendable (ChangesPageView) -> Any?] = [
        "layout": { $0.layout.boxed },
        "label": { TemplateText($0.label) },
        "previousLabel": { TemplateText($0.previousLabel) },
        "effectiveDate": { TemplateText($0.effectiveDate) },
        "counts": { $0.counts.boxed },
        "touchedGuidance": { $0.touchedGuidance.boxed },
        "hasTouchedGuidance": { $0.hasTouchedGuidance },
        "groups": { $0.groups.boxed },
    ]
}

extension ReleaseRowView {
    static let templateFields: [String: @Sendable (ReleaseRowView) -> Any?] = [
        "label": { TemplateText($0.label) },
        "effectiveDate": { TemplateText($0.effectiveDate) },
        "url": { $0.url.map(TemplateText.init) },
        "procedureCodes": { TemplateText(String($0.procedureCodes)) },
        "modifiers": { TemplateText(String($0.modifiers)) },
        "changeCount": { TemplateText(String($0.changeCount)) },
    ]
}

extension ReleasesIndexView {
    static let templateFields: [String: @Sendable (ReleasesIndexView) -> Any?] = [
        "layout": { $0.layout.boxed },
        "releases": { $0.releases.boxed },
    ]
}

extension PayerNoteRowView {
    static let templateFields: [String: @Sendable (PayerNoteRowView) -> Any?] = [
        "code": { TemplateText($0.code) },
        "title": { TemplateText($0.title) },
        "url": { TemplateText($0.url) },
        "html": { TemplateText($0.html) },
        "hasNote": { $0.hasNote },
        "isNoData": { $0.isNoData },
        "isMissing": { $0.isMissing },
        "status": { $0.status.boxed },
    ]
}

extension PayerPageView {
    static let templateFields: [String: @Sendable (PayerPageView) -> Any?] = [
        "layout": { $0.layout.boxed },
        "name": { TemplateText($0.name) },
        "aliases": { $0.aliases.map(TemplateText.init) },
        "notes": { $0.notes.boxed },
        "noteCount": { TemplateText(String($0.noteCount)) },
        "noDataCount": { TemplateText(String($0.noDataCount)) },
        "missingCount": { TemplateText(String($0.missingCount)) },
        "pageLabel": { $0.pageLabel.map(TemplateText.init) },
        "pageLinks": { $0.pageLinks.boxed },
        "hasPageLinks": { $0.hasPageLinks },
    ]
}

extension CoverageCellView {
    static let templateFields: [String: @Sendable (CoverageCellView) -> Any?] = [
        "payerName": { TemplateText($0.payerName) },
        "url": { TemplateText($0.url) },
        "state": { TemplateText($0.state) },
        "label": { TemplateText($0.label) },
        "isNote": { $0.isNote },
        "isNoData": { $0.isNoData },
        "isMissing": { $0.isMissing },
    ]
}

extension CoverageRowView {
    static let templateFields: [String: @Sendable (CoverageRowView) -> Any?] = [
        "code": { TemplateText($0.code) },
        "url": { TemplateText($0.url) },
        "title": { TemplateText($0.title) },
        "status": { $0.status.boxed },
        "cells": { $0.cells.boxed },
    ]
}

extension CoverageMatrixView {
    static let templateFields: [String: @Sendable (CoverageMatrixView) -> Any?] = [
        "layout": { $0.layout.boxed },
        "payers": { $0.payers.boxed },
        "rows": { $0.rows.boxed },
        "hasRows": { $0.hasRows },
        "noteCount": { TemplateText(String($0.noteCount)) },
        "noDataCount": { TemplateText(String($0.noDataCount)) },
        "missingCount": { TemplateText(String($0.missingCount)) },
        "pageLabel": { $0.pageLabel.map(TemplateText.init) },
        "pageLinks": { $0.pageLinks.boxed },
        "hasPageLinks": { $0.hasPageLinks },
    ]
}

extension SearchPageView {
    static let templateFields: [String: @Sendable (SearchPageView) -> Any?] = [
        "layout": { $0.layout.boxed },
        "indexScriptURL": { TemplateText($0.indexScriptURL) },
        "searchScriptURL": { TemplateText($0.searchScriptURL) },
    ]
}

extension NotFoundPageView {
    static let templateFields: [String: @Sendable (NotFoundPageView) -> Any?] = [
        "layout": { $0.layout.boxed },
    ]
}

extension FindingView {
    static let templateFields: [String: @Sendable (FindingView) -> Any?] = [
        "location": { TemplateText($0.location) },
        "severity": { TemplateText($0.severity) },
        "rule": { TemplateText($0.rule) },
        "message": { TemplateText($0.message) },
    ]
}

extension SuppressionView {
    static let templateFields: [String: @Sendable (SuppressionView) -> Any?] = [
        "file": { TemplateText($0.file) },
        "rule": { TemplateText($0.rule) },
        "reason": { TemplateText($0.reason) },
    ]
}

extension ChecksPageView {
    static let templateFields: [String: @Sendable (ChecksPageView) -> Any?] = [
        "layout": { $0.layout.boxed },
        "findings": { $0.findings.boxed },
        "hasFindings": { $0.hasFindings },
        "suppressions": { $0.suppressions.boxed },
        "hasSuppressions": { $0.hasSuppressions },
    ]
}

/// Every view type, for the checks that need all of them.
enum TemplateViewTypes {
    static let all: [any TemplateView.Type] = [
        FactView.self,
        LinkView.self,
        PageLinkView.self,
        TOCEntryView.self,
        LayoutView.self,
        StatusView.self,
        CodeRowView.self,
        ModifierUsageView.self,
        PayerNoteView.self,
        SectionView.self,
        GuidanceView.self,
        CodePageView.self,
        SectionSummaryView.self,
        HomePageView.self,
        SectionPageView.self,
        ModifierRowView.self,
        ModifierPageView.self,
        ModifierIndexView.self,
        GeneralPageView.self,
        PayerNoteRowView.self,
        HistoryEntryView.self,
        DiffWordView.self,
        ChangeRowView.self,
        ChangeGroupView.self,
        ChangesPageView.self,
        ReleaseRowView.self,
        ReleasesIndexView.self,
        PayerPageView.self,
        CoverageCellView.self,
        CoverageRowView.self,
        CoverageMatrixView.self,
        SearchPageView.self,
        NotFoundPageView.self,
        FindingView.self,
        SuppressionView.self,
        ChecksPageView.self,
    ]
}
