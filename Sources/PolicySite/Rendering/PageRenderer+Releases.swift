import PolicySiteCodeSets
import PolicySiteCore

/// Pages and blocks for sites with several releases (`releases:` in `site.yml`): a changes
/// page per release, the releases index, each code's History block and stale-guidance banners.
extension PageRenderer {
    /// Anchor of a code's row on a changes page: `code-G9328`, `modifier-TC`.
    static func changeAnchor(_ change: CodeChange) -> String {
        (change.recordKind == .procedure ? "code-" : "modifier-") + change.code
    }

    /// The page of a changed code or modifier, when it is still in the code set.
    func url(of change: CodeChange, from path: SitePath) -> String? {
        switch change.recordKind {
        case .procedure:
            return !model.codeSet.contains(code: change.code) ? nil : path.relativeURL(to: SiteModel.codePath(change.code))
        case .modifier:
            return model.codeSet[modifier: change.code] == nil ? nil : path.relativeURL(to: SiteModel.modifierPath(change.code))
        }
    }

    /// The page's stale-guidance banner lines (see `SiteModel.staleChanges(for:)`).
    func staleNotes(for page: GuidanceSource) -> [String] {
        model.staleChanges(for: page).map(\.sentence)
    }

    func diffWords(_ tokens: [DescriptorDiff.Token], keep: DescriptorDiff.Token.Change) -> [DiffWordView] {
        tokens.filter { $0.change == .equal || $0.change == keep }.map {
            DiffWordView(text: $0.text, isEqual: $0.change == .equal, isRemoved: $0.change == .removed, isAdded: $0.change == .added)
        }
    }

    func changeRow(_ change: CodeChange, kind: CodeChangeKind, from path: SitePath) -> ChangeRowView {
        let diff = kind == .shortDescriptorChanged ? change.shortDescriptorDiff : (kind == .longDescriptorChanged ? change.longDescriptorDiff : nil)
        return ChangeRowView(
            code: change.code, subject: change.subject, anchorID: nil, url: url(of: change, from: path), kind: kind.title,
            summary: change.summary(of: kind), summaryHTML: Self.datesAsTime(change.summary(of: kind)), actionCode: change.actionCode?.rawValue ?? "",
            oldDescriptor: diff.map { diffWords($0, keep: .removed) } ?? [],
            newDescriptor: diff.map { diffWords($0, keep: .added) } ?? [],
            hasDescriptorDiff: diff != nil,
            hasGuidance: change.recordKind == .procedure && model.guidance[change.code] != nil)
    }

    func changesPage(_ index: Int) -> (OutputFile?, [Diagnostic]) {
        let comparison = model.history!.comparisons[index]
        let label = comparison.new.label
        let path = SiteModel.changesPath(label)
        var anchored: Set<String> = []
        let groups = comparison.groups.map { group in
            ChangeGroupView(
                title: group.kind.title, id: group.kind.rawValue, count: group.changes.count,
                rows: group.changes.map { change in
                    var row = changeRow(change, kind: group.kind, from: path)
                    let anchor = Self.changeAnchor(change)
                    if anchored.insert(anchor).inserted { row.anchorID = anchor }
                    return row
                })
        }
        // The compliance team's first question: which of our guidance pages does this touch?
        let touched = comparison.changes
            .filter { $0.recordKind == .procedure && model.guidance[$0.code] != nil && $0.affectsGuidance() }
            .map { change in
                changeRow(change, kind: change.kinds.first { CodeChangeKind.guidanceAffecting.contains($0) } ?? change.kinds[0], from: path)
            }
        let changed = Self.changedCount(comparison)
        let used = Set(comparison.changes.compactMap(\.actionCode))
        let legend = ActionCode.allCases.filter(used.contains).map { FactView(label: $0.rawValue, value: $0.meaning) }
        let view = ChangesPageView(
            layout: layout(at: path, title: "Changes in \(label)", breadcrumbs: [
                LinkView(title: "Home", url: path.relativeURL(to: .root)),
                LinkView(title: "Releases", url: path.relativeURL(to: SiteModel.changesIndexPath)),
            ]),
            label: label, previousLabel: comparison.old.label,
            effectiveDate: comparison.new.effectiveDate?.description,
            changedCount: CountView(changed, "code or modifier", "codes and modifiers"),
            findingCount: CountView(Self.findingCount(comparison), "code or modifier", "codes and modifiers"),
            counts: zip(comparison.groups, groups).filter { !$0.0.kind.isFinding }.map { LinkView(title: "\($0.1.title): \($0.1.count)", url: "#" + $0.1.id) },
            findingCounts: zip(comparison.groups, groups).filter { $0.0.kind.isFinding }.map { LinkView(title: "\($0.1.title): \($0.1.count)", url: "#" + $0.1.id) },
            hasFindingCounts: comparison.groups.contains { $0.kind.isFinding }, actionCodes: legend,
            touchedGuidance: touched, hasTouchedGuidance: !touched.isEmpty, groups: groups)
        return output(\.changes, view, at: path)
    }

    /// The codes and modifiers a release changed: those with at least one kind of change that
    /// is not a finding about the data. One code can change in several ways (its long and short
    /// descriptors in one release), so the counts per kind add up to more.
    static func changedCount(_ comparison: ReleaseComparison) -> Int {
        comparison.changes.filter { $0.kinds.contains { !$0.isFinding } }.count
    }

    /// The codes and modifiers with at least one finding about CMS's data (changed or not).
    static func findingCount(_ comparison: ReleaseComparison) -> Int {
        comparison.changes.filter { $0.kinds.contains(where: \.isFinding) }.count
    }

    func releasesIndex() -> (OutputFile?, [Diagnostic]) {
        let history = model.history!
        let path = SiteModel.changesIndexPath
        var rows: [ReleaseRowView] = []
        for (index, entry) in history.entries.enumerated() {
            let comparison = index > 0 ? history.comparisons[index - 1] : nil
            rows.append(ReleaseRowView(
                label: entry.label, effectiveDate: entry.effectiveDate.description,
                url: comparison.map { _ in path.relativeURL(to: SiteModel.changesPath(entry.label)) },
                procedureCodes: CountView(entry.release.procedureCodes.count, "", "").number, modifiers: CountView(entry.release.modifiers.count, "", "").number,
                changeCount: comparison.map(Self.changedCount) ?? 0,
                findingCount: comparison.map(Self.findingCount) ?? 0))
        }
        let view = ReleasesIndexView(
            layout: layout(at: path, title: "Releases", breadcrumbs: [LinkView(title: "Home", url: path.relativeURL(to: .root))]),
            releases: rows.reversed())
        return output(\.releases, view, at: path)
    }
}
