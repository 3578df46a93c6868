import PolicySiteCodeSets
import PolicySiteCore
import PolicySiteTemplates

/// The History block of code and modifier pages on sites with several releases.
extension PageRenderer {
    /// What one release did to a code, before runs are joined.
    private enum Step {
        /// The code is in the site's first release.
        case listed
        case absent
        case unchanged
        case changed(CodeChange)
    }

    /// Every release of the site for one procedure code or modifier, oldest first: "Listed in
    /// 2017", then for each later release what it changed, runs of releases that changed
    /// nothing (or did not list the code) joined into one line ("Unchanged in 2018 and 2019").
    /// Empty for a site with one code set.
    func history(of code: String, kind: HCPCSRecord.Kind = .procedure, from path: SitePath) -> [HistoryEntryView] {
        guard let history = model.history, !history.entries.isEmpty else { return [] }
        let count = history.entries.count
        // Whether each release lists the code, worked back from the newest: a comparison
        // records every code that differs, so without a change both releases agree.
        var present = [Bool](repeating: false, count: count)
        var changes = [CodeChange?](repeating: nil, count: count)
        present[count - 1] = kind == .procedure ? model.releaseRecords.contains(code: code) : model.modifierRecords[code] != nil
        for index in stride(from: count - 1, through: 1, by: -1) {
            let comparison = history.comparisons[index - 1]
            let change = kind == .procedure ? comparison.change(forCode: code) : comparison.change(forModifier: code)
            changes[index] = change
            present[index - 1] = change.map { $0.old != nil } ?? present[index]
        }
        var steps: [Step] = [present[0] ? .listed : .absent]
        for index in 1..<max(1, count) {
            steps.append(changes[index].map(Step.changed) ?? (present[index] ? .unchanged : .absent))
        }

        var entries: [HistoryEntryView] = []
        var index = 0
        while index < count {
            switch steps[index] {
            case .listed:
                entries.append(HistoryEntryView(title: "Listed in \(history.entries[index].label)", url: nil, effectiveDate: nil, items: [], hasItems: false))
                index += 1
            case .changed(let change):
                entries.append(historyEntry(change, from: path))
                index += 1
            case .unchanged, .absent:
                let unchanged = if case .unchanged = steps[index] { true } else { false }
                var end = index + 1
                while end < count, Self.sameRun(steps[end], unchanged: unchanged) { end += 1 }
                let labels = history.entries[index..<end].map(\.label)
                let title = unchanged ? "Unchanged in " + Self.list(labels, "and") : "Not listed in " + Self.list(labels, "or")
                entries.append(HistoryEntryView(title: title, url: nil, effectiveDate: nil, items: [], hasItems: false))
                index = end
            }
        }
        return entries
    }

    private static func sameRun(_ step: Step, unchanged: Bool) -> Bool {
        switch step {
        case .unchanged: unchanged
        case .absent: !unchanged
        default: false
        }
    }

    /// "2018", "2018 and 2019", "2017, 2018 and 2019".
    static func list(_ items: [String], _ conjunction: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
    }

    /// One release that changed the code: titled by its most telling kind, linked to the code's
    /// row on the changes page, each changed field with its old and new value.
    func historyEntry(_ change: CodeChange, from path: SitePath) -> HistoryEntryView {
        let release = change.releaseLabel
        let title: String
        if change.has(.added) {
            title = "Added in \(release)"
        } else if change.has(.addedAlreadyTerminated) {
            title = "Added already terminated in \(release)"
        } else if change.has(.discontinued) {
            title = "Discontinued in \(release)"
        } else if change.has(.reinstated) {
            title = "Reinstated in \(release)"
        } else if change.has(.droppedAfterTermination) {
            title = "No longer listed in \(release)"
        } else {
            title = "Changed in \(release)"
        }
        let items = change.kinds.flatMap { historyItems(change, $0) }
        return HistoryEntryView(
            title: title,
            url: path.relativeURL(to: SiteModel.changesPath(release), fragment: Self.changeAnchor(change)),
            effectiveDate: change.effectiveDate?.description, items: items, hasItems: !items.isEmpty)
    }

    /// The lines of one kind of change; none for `added`, which the entry's title says.
    func historyItems(_ change: CodeChange, _ kind: CodeChangeKind) -> [HistoryItemView] {
        func item(_ label: String, _ text: String) -> HistoryItemView {
            HistoryItemView(label: label, valueHTML: Self.datesAsTime(text), oldDescriptor: [], newDescriptor: [], hasDescriptorDiff: false)
        }
        func values(_ label: String, _ old: String?, _ new: String?) -> HistoryItemView {
            item(label, "\(old ?? "(blank)") \u{2192} \(new ?? "(blank)")")
        }
        func diff(_ label: String, _ tokens: [DescriptorDiff.Token]?) -> [HistoryItemView] {
            guard let tokens else { return [] }
            return [HistoryItemView(
                label: label, valueHTML: HTML(""),
                oldDescriptor: diffWords(tokens, keep: .removed), newDescriptor: diffWords(tokens, keep: .added), hasDescriptorDiff: true)]
        }
        func terminated(_ date: CalendarDate?) -> String { "terminated (last day of service \(date?.description ?? "not given"))" }
        switch kind {
        case .added:
            return []
        case .discontinued:
            return [values("Status", "active", change.new == nil ? "no longer listed, no termination date" : terminated(change.new?.terminationDate))]
        case .reinstated:
            return [values("Status", terminated(change.old?.terminationDate), "active")]
        case .longDescriptorChanged:
            return diff("Long descriptor", change.longDescriptorDiff)
        case .shortDescriptorChanged:
            return diff("Short descriptor", change.shortDescriptorDiff)
        case .administrativeDataChanged:
            return change.administrativeChanges.map { field in
                values(field.field.name.prefix(1).uppercased() + field.field.name.dropFirst(), field.old, field.new)
            }
        case .addedDateChanged:
            return [values("Added date (code reused)", change.old?.addedDate?.description, change.new?.addedDate?.description)]
        case .terminationDateChanged:
            return [values("Termination date", change.old?.terminationDate?.description, change.new?.terminationDate?.description)]
        case .droppedAfterTermination:
            return [values("Status", terminated(change.old?.terminationDate), "no longer listed")]
        case .addedAlreadyTerminated:
            return [values("Status", "not listed", terminated(change.new?.terminationDate))]
        case .vanishedWithoutTermination, .actionCodeDisagrees:
            return [item("Finding", change.summary(of: kind))]
        }
    }
}

/// A page whose prose names a modifier (see `ModifierMentions`).
struct ModifierMention: Sendable {
    /// The guidance page's code; nil for a general page.
    var code: String?
    var title: String
    var path: SitePath
}

/// Modifier pages: the dates of the modifier's record and the pages that use it.
extension PageRenderer {
    /// Each modifier's prose mentions: guidance pages in code order (from their digests), then
    /// general pages in path order.
    func proseMentions() -> [String: [ModifierMention]] {
        var mentions: [String: [ModifierMention]] = [:]
        for page in model.sortedGuidance {
            let code = page.frontMatter.code
            for modifier in digests[code]?.modifierMentions ?? [] {
                mentions[modifier, default: []].append(ModifierMention(code: code, title: "\(code): \(page.frontMatter.title)", path: SiteModel.codePath(code)))
            }
        }
        let pages = zip(model.pages, content.pages).sorted { $0.0.path < $1.0.path }
        for (page, document) in pages {
            for modifier in ModifierMentions.scan(Self.searchText(of: document), known: knownModifiers) {
                mentions[modifier, default: []].append(ModifierMention(code: nil, title: page.frontMatter.title, path: page.path))
            }
        }
        return mentions
    }

    /// The pages that list `modifier` in their front matter or name it in their prose:
    /// guidance pages by code, then general pages by path.
    func modifierUsers(of modifier: String, from path: SitePath) -> [ModifierUserView] {
        let listing = modifierUsers[modifier] ?? []
        let mentioning = modifierMentions[modifier] ?? []
        let listed = Set(listing.map(\.frontMatter.code))
        let mentioned = Set(mentioning.compactMap(\.code))
        var rows: [(code: String, view: ModifierUserView)] = listing.map { page in
            let code = page.frontMatter.code
            return (code, ModifierUserView(
                title: "\(code): \(page.frontMatter.title)", url: path.relativeURL(to: SiteModel.codePath(code)),
                how: mentioned.contains(code) ? "lists and mentions it" : "lists it"))
        }
        for mention in mentioning {
            guard let code = mention.code, !listed.contains(code) else { continue }
            rows.append((code, ModifierUserView(title: mention.title, url: path.relativeURL(to: mention.path), how: "mentions it")))
        }
        rows.sort { $0.code.precedesBytewise($1.code) }
        return rows.map(\.view) + mentioning.filter { $0.code == nil }.map {
            ModifierUserView(title: $0.title, url: path.relativeURL(to: $0.path), how: "mentions it")
        }
    }

    /// The modifier's level, then its added, action effective and termination dates: from the
    /// newest release's record when it has the modifier, else from the team's data.
    func modifierFacts(_ modifier: Modifier) -> [FactView] {
        var facts = [FactView(label: "Level", value: modifier.level == .levelI ? "Level I (CPT)" : "Level II (HCPCS)")]
        let record = model.modifierRecords[modifier.code]
        func addDate(_ label: String, _ date: CalendarDate?) {
            if let date { facts.append(FactView(label: label, value: date.description, isDate: true)) }
        }
        addDate("Added", record?.addedDate ?? modifier.addedDate)
        addDate("Action effective", record?.actionEffectiveDate)
        addDate("Termination (last day of service)", record?.terminationDate ?? modifier.terminationDate)
        if let action = record?.actionCode { facts.append(FactView(label: "Action code", value: "\(action.rawValue) (\(action.meaning))")) }
        return facts
    }
}
