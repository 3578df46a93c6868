import PolicySiteCore

/// What changed between two CMS HCPCS releases, procedure code by procedure code and modifier
/// by modifier.
///
/// Every change is computed from the records (presence, termination and added dates,
/// descriptors, administrative fields); the action code CMS put in the newer file is kept beside
/// it, and where it does not match the data the code also gets `actionCodeDisagrees`. See
/// `CodeChangeKind` for what each kind means, "discontinued" and "reinstated" included.
///
/// ```swift
/// let comparison = ReleaseComparison(old: release2018, new: release2019, oldLabel: "2018", newLabel: "2019")
/// for group in comparison.groups { print(group.kind.title, group.changes.count) }
/// ```
public struct ReleaseComparison: Sendable {
    /// One of the two releases compared.
    public struct Side: Sendable, Hashable {
        /// `2019`, or the file name when no label was given.
        public var label: String
        /// The release's effective date, when the caller knows it.
        public var effectiveDate: CalendarDate?
        /// The release file as diagnostics name it.
        var file: String
        var procedureCodeCount: Int
        var modifierCount: Int

        init(label: String, effectiveDate: CalendarDate?, file: String, procedureCodeCount: Int, modifierCount: Int) {
            self.label = label
            self.effectiveDate = effectiveDate
            self.file = file
            self.procedureCodeCount = procedureCodeCount
            self.modifierCount = modifierCount
        }
    }

    /// The changes of one kind, for a heading with a count and a list.
    public struct Group: Sendable, Hashable {
        public var kind: CodeChangeKind
        /// In list order: procedure codes by code (bytewise), then modifiers by code.
        public var changes: [CodeChange]

        init(kind: CodeChangeKind, changes: [CodeChange]) {
            self.kind = kind
            self.changes = changes
        }
    }

    /// The older release.
    public let old: Side
    /// The newer release.
    public let new: Side
    /// Every procedure code and modifier with at least one kind of change: procedure codes
    /// first, each list sorted by code compared as bytes.
    public let changes: [CodeChange]

    private let procedureIndex: [String: Int]
    private let modifierIndex: [String: Int]

    /// Compares two releases.
    ///
    /// - Parameters:
    ///   - old: The older release.
    ///   - new: The newer release.
    ///   - oldLabel: How lists name the older release (`2018`); its file name when nil.
    ///   - newLabel: How lists name the newer release; its file name when nil.
    ///   - oldEffectiveDate: The older release's effective date, when known.
    ///   - newEffectiveDate: The newer release's effective date, when known; each change
    ///     carries it, for the stale-guidance check.
    public init(
        old: HCPCSRelease, new: HCPCSRelease, oldLabel: String? = nil, newLabel: String? = nil,
        oldEffectiveDate: CalendarDate? = nil, newEffectiveDate: CalendarDate? = nil
    ) {
        self.old = Side(label: oldLabel ?? old.file, effectiveDate: oldEffectiveDate, file: old.file,
                        procedureCodeCount: old.procedureCodes.count, modifierCount: old.modifiers.count)
        self.new = Side(label: newLabel ?? new.file, effectiveDate: newEffectiveDate, file: new.file,
                        procedureCodeCount: new.procedureCodes.count, modifierCount: new.modifiers.count)
        var changes = ReleaseComparison.compare(old.procedureCodes, new.procedureCodes, kind: .procedure, self.old, self.new)
        let procedureCount = changes.count
        changes += ReleaseComparison.compare(old.modifiers, new.modifiers, kind: .modifier, self.old, self.new)
        self.changes = changes
        var procedureIndex: [String: Int] = [:], modifierIndex: [String: Int] = [:]
        for (index, change) in changes.enumerated() {
            if index < procedureCount { procedureIndex[change.code] = index } else { modifierIndex[change.code] = index }
        }
        self.procedureIndex = procedureIndex
        self.modifierIndex = modifierIndex
    }

    // MARK: - Queries

    /// The change to a procedure code, nil when it did not change.
    public func change(forCode code: String) -> CodeChange? { procedureIndex[code].map { changes[$0] } }

    /// The change to a modifier, nil when it did not change.
    public func change(forModifier modifier: String) -> CodeChange? { modifierIndex[modifier].map { changes[$0] } }

    /// The procedure codes and modifiers with `kind`, in list order.
    func changes(of kind: CodeChangeKind) -> [CodeChange] { changes.filter { $0.has(kind) } }

    /// How many procedure codes and modifiers have `kind`; pass `recordKind` to count only
    /// procedure codes or only modifiers.
    func count(of kind: CodeChangeKind, recordKind: HCPCSRecord.Kind? = nil) -> Int {
        changes.reduce(0) { $0 + ($1.has(kind) && (recordKind == nil || $1.recordKind == recordKind) ? 1 : 0) }
    }

    /// The count of every kind, zero included.
    var counts: [CodeChangeKind: Int] {
        var counts = Dictionary(uniqueKeysWithValues: CodeChangeKind.allCases.map { ($0, 0) })
        for change in changes { for kind in change.kinds { counts[kind, default: 0] += 1 } }
        return counts
    }

    /// The changes grouped by kind, in `CodeChangeKind` order, empty groups left out. A code
    /// with several kinds is in each of their groups.
    public var groups: [Group] {
        var byKind: [CodeChangeKind: [CodeChange]] = [:]
        for change in changes { for kind in change.kinds { byKind[kind, default: []].append(change) } }
        return CodeChangeKind.allCases.compactMap { kind in byKind[kind].map { Group(kind: kind, changes: $0) } }
    }

    // MARK: - Comparing records

    private static func compare(_ oldRecords: [HCPCSRecord], _ newRecords: [HCPCSRecord], kind: HCPCSRecord.Kind,
                                _ oldSide: Side, _ newSide: Side) -> [CodeChange] {
        // Look records up by index, not by value: a record is a large struct, and copying 6,000
        // of them into dictionaries cost more than the comparison itself. The reader drops
        // duplicate records, so codes are unique; the first is kept regardless.
        let oldIndex = Dictionary(oldRecords.indices.map { (oldRecords[$0].code, $0) }, uniquingKeysWith: { first, _ in first })
        let newIndex = Dictionary(newRecords.indices.map { (newRecords[$0].code, $0) }, uniquingKeysWith: { first, _ in first })

        var changes: [CodeChange] = []
        func record(_ kinds: Set<CodeChangeKind>, _ old: HCPCSRecord?, _ new: HCPCSRecord?,
                    _ administrative: [AdministrativeFieldChange], _ expected: [ActionCode]) {
            guard !kinds.isEmpty else { return }
            changes.append(CodeChange(
                code: (old ?? new)!.code, recordKind: kind, releaseLabel: newSide.label, previousReleaseLabel: oldSide.label,
                effectiveDate: newSide.effectiveDate, kinds: kinds.sorted(), old: old, new: new,
                administrativeChanges: administrative, expectedActionCodes: expected))
        }
        for (code, position) in oldIndex {
            if let newPosition = newIndex[code] {
                if let (kinds, administrative, expected) = classify(oldRecords[position], newRecords[newPosition]) {
                    record(kinds, oldRecords[position], newRecords[newPosition], administrative, expected)
                }
            } else {
                let (kinds, administrative, expected) = classify(old: oldRecords[position], new: nil)
                record(kinds, oldRecords[position], nil, administrative, expected)
            }
        }
        for (code, position) in newIndex where oldIndex[code] == nil {
            let (kinds, administrative, expected) = classify(old: nil, new: newRecords[position])
            record(kinds, nil, newRecords[position], administrative, expected)
        }
        changes.sort { $0.code.utf8.lexicographicallyPrecedes($1.code.utf8) }
        return changes
    }

    /// The kinds of change from `old` to `new` (either may be missing, not both), the
    /// administrative fields that differ, and the action codes that would describe it.
    static func classify(old: HCPCSRecord?, new: HCPCSRecord?)
        -> (kinds: Set<CodeChangeKind>, administrative: [AdministrativeFieldChange], expected: [ActionCode]) {
        switch (old, new) {
        case (nil, nil):
            return ([], [], [])
        case (let old?, nil):
            // Not in NEW: nothing to check an action code against.
            return (old.terminationDate == nil ? [.discontinued, .vanishedWithoutTermination] : [.droppedAfterTermination], [], [])
        case (nil, let new?):
            let (kinds, expected): (Set<CodeChangeKind>, [ActionCode]) = new.terminationDate == nil
                ? ([.added], [.add])
                : ([.addedAlreadyTerminated], [.discontinue, .add])
            return (kinds.union(actionCheck(new, expected)), [], expected)
        case (let old?, let new?):
            return classify(old, new) ?? ([], [], [])
        }
    }

    /// The changes to a code both releases list; nil when nothing changed and the action code
    /// says so, which is most codes, so that case allocates nothing.
    private static func classify(_ old: HCPCSRecord, _ new: HCPCSRecord)
        -> (kinds: Set<CodeChangeKind>, administrative: [AdministrativeFieldChange], expected: [ActionCode])? {
        let unchanged = old.terminationDate == new.terminationDate && old.addedDate == new.addedDate
            && old.longDescriptor == new.longDescriptor && old.shortDescriptor == new.shortDescriptor
            && !AdministrativeField.allCases.contains { $0.differs(old, new) }
        if unchanged, new.actionCode == nil || new.actionCode == .noMaintenance { return nil }

        var kinds: Set<CodeChangeKind> = []
        switch (old.terminationDate, new.terminationDate) {
        case (nil, .some): kinds.insert(.discontinued)
        case (.some, nil): kinds.insert(.reinstated)
        case (.some(let before), .some(let after)) where before != after: kinds.insert(.terminationDateChanged)
        default: break
        }
        if old.addedDate != new.addedDate { kinds.insert(.addedDateChanged) }
        if !DescriptorDiff.sameWords(old.longDescriptor, new.longDescriptor) { kinds.insert(.longDescriptorChanged) }
        if !DescriptorDiff.sameWords(old.shortDescriptor, new.shortDescriptor) { kinds.insert(.shortDescriptorChanged) }
        let administrative = AdministrativeField.allCases.filter { $0.differs(old, new) }.map {
            AdministrativeFieldChange(field: $0, old: $0.value(in: old), new: $0.value(in: new))
        }
        if !administrative.isEmpty { kinds.insert(.administrativeDataChanged) }

        let expected = expectedActionCodes(kinds)
        return (kinds.union(actionCheck(new, expected)), administrative, expected)
    }

    /// The action codes that describe the most significant of `kinds` for a code listed in both
    /// releases. One action code can name one change, so it is checked against the first that
    /// applies: status (discontinued, reinstated, re-added), then long descriptor, short
    /// descriptor, administrative data, and "no maintenance" when nothing changed.
    private static func expectedActionCodes(_ kinds: Set<CodeChangeKind>) -> [ActionCode] {
        if kinds.contains(.discontinued) { return [.discontinue] }
        if kinds.contains(.reinstated) { return [.reactivate, .add] }
        // A new added date means CMS added the code again, usually for a new service.
        if kinds.contains(.addedDateChanged) { return [.add] }
        if kinds.contains(.terminationDateChanged) { return [.discontinue, .administrativeChange] }
        // CMS uses C for a long descriptor change whether or not administrative data moved too.
        if kinds.contains(.longDescriptorChanged) { return [.longDescriptorChange, .administrativeAndLongDescriptorChange] }
        if kinds.contains(.shortDescriptorChanged) { return [.shortDescriptorChange] }
        if kinds.contains(.administrativeDataChanged) { return [.administrativeChange, .paymentChange, .miscellaneousChange] }
        return [.noMaintenance]
    }

    /// `[.actionCodeDisagrees]` when NEW's action code is not one of `expected`. A blank action
    /// code claims nothing, so it only disagrees when something changed.
    private static func actionCheck(_ new: HCPCSRecord, _ expected: [ActionCode]) -> Set<CodeChangeKind> {
        let action = new.actionCode ?? .noMaintenance
        return expected.contains(action) ? [] : [.actionCodeDisagrees]
    }
}
