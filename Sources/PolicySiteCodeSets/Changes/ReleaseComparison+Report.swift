import PolicySiteCore

/// The comparison as a report for people (`policysite changes`, text) and for programs (JSON).
extension ReleaseComparison {
    // MARK: - Text

    /// The comparison as plain text: a header, a summary of counts per kind, then one section
    /// per kind with one line per code giving its old and new values and NEW's action code.
    ///
    /// ```
    /// Long descriptor changed: 114
    ///   A5513  "... durometer or higher), ..." -> "... durometer (or higher), ..."  [action C]
    /// ```
    public func textReport() -> String {
        var lines: [String] = []
        lines.append("Changes from \(old.label) to \(new.label)")
        lines.append("  old: \(describe(old))")
        lines.append("  new: \(describe(new))")
        lines.append("")
        let counts = self.counts
        let width = CodeChangeKind.allCases.map(\.title.count).max() ?? 0
        for kind in CodeChangeKind.allCases {
            let title = kind.title + ":"
            lines.append("  " + title + String(repeating: " ", count: width + 2 - title.count) + String(counts[kind] ?? 0))
        }
        for group in groups {
            lines.append("")
            lines.append("\(group.kind.title): \(group.changes.count)")
            for change in group.changes {
                lines.append("  " + ReleaseComparison.line(change, kind: group.kind))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ side: Side) -> String {
        var text = side.file == side.label ? "" : "\(side.file), "
        if let date = side.effectiveDate { text += "effective \(date), " }
        func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        return text + counted(side.procedureCodeCount, "procedure code") + ", " + counted(side.modifierCount, "modifier")
    }

    /// One code's line in the section for `kind`: the code, what changed, NEW's action code.
    static func line(_ change: CodeChange, kind: CodeChangeKind) -> String {
        // "modifier GA" is the longest subject: pad to it so the values line up.
        var line = change.subject + String(repeating: " ", count: max(0, 11 - change.subject.count)) + "  " + change.summary(of: kind)
        if change.new != nil { line += "  [action \(change.actionCode?.rawValue ?? "blank")]" }
        return line
    }

    // MARK: - JSON

    /// The comparison as JSON (`ReportJSON`: keys sorted); absent values are `null`, never
    /// left out, so every change has the same keys:
    ///
    /// - `old`, `new`: `label`, `file`, `effectiveDate`, `procedureCodes`, `modifiers` (counts).
    /// - `counts`: every kind's raw name (`longDescriptorChanged`) with its count, zeros included.
    /// - `changes`: one object per changed code in list order: `code`, `recordKind`
    ///   (`procedure`/`modifier`), `kinds`, `actionCode`, `expectedActionCodes`, `old` and `new`
    ///   records (`line`, `longDescriptor`, `shortDescriptor`, `addedDate`, `actionEffectiveDate`,
    ///   `terminationDate`, `actionCode`; dates `YYYY-MM-DD`) and `administrativeChanges`
    ///   (`field`, `name`, `old`, `new`).
    public func jsonReport() -> String {
        let counts = self.counts
        return ReportJSON.text(JSONComparison(
            old: JSONSide(old), new: JSONSide(new),
            counts: Dictionary(uniqueKeysWithValues: CodeChangeKind.allCases.map { ($0.rawValue, counts[$0] ?? 0) }),
            changes: changes.map(JSONChange.init)))
    }
}

// MARK: - The JSON report's shapes

// Every optional is `@NullWhenAbsent`: written as `null`, so every object has all its keys.

struct JSONComparison: Encodable {
    var old: JSONSide
    var new: JSONSide
    var counts: [String: Int]
    var changes: [JSONChange]
}

struct JSONSide: Encodable {
    var label: String
    var file: String
    @NullWhenAbsent var effectiveDate: String?
    var procedureCodes: Int
    var modifiers: Int

    init(_ side: ReleaseComparison.Side) {
        label = side.label
        file = side.file
        effectiveDate = side.effectiveDate?.description
        procedureCodes = side.procedureCodeCount
        modifiers = side.modifierCount
    }


}

struct JSONChange: Encodable {
    var code: String
    var recordKind: String
    var kinds: [String]
    @NullWhenAbsent var actionCode: String?
    var expectedActionCodes: [String]
    @NullWhenAbsent var old: JSONRecord?
    @NullWhenAbsent var new: JSONRecord?
    var administrativeChanges: [JSONAdministrativeChange]

    init(_ change: CodeChange) {
        code = change.code
        recordKind = change.recordKind.rawValue
        kinds = change.kinds.map(\.rawValue)
        actionCode = change.actionCode?.rawValue
        expectedActionCodes = change.expectedActionCodes.map(\.rawValue)
        old = change.old.map(JSONRecord.init)
        new = change.new.map(JSONRecord.init)
        administrativeChanges = change.administrativeChanges.map {
            JSONAdministrativeChange(field: $0.field.rawValue, name: $0.field.name, old: $0.old, new: $0.new)
        }
    }


}

struct JSONRecord: Encodable {
    var line: Int
    var longDescriptor: String
    var shortDescriptor: String
    @NullWhenAbsent var addedDate: String?
    @NullWhenAbsent var actionEffectiveDate: String?
    @NullWhenAbsent var terminationDate: String?
    @NullWhenAbsent var actionCode: String?

    init(_ record: HCPCSRecord) {
        line = record.location.line
        longDescriptor = record.longDescriptor
        shortDescriptor = record.shortDescriptor
        addedDate = record.addedDate?.description
        actionEffectiveDate = record.actionEffectiveDate?.description
        terminationDate = record.terminationDate?.description
        actionCode = record.actionCode?.rawValue
    }


}

struct JSONAdministrativeChange: Encodable {
    var field: String
    var name: String
    @NullWhenAbsent var old: String?
    @NullWhenAbsent var new: String?


}

extension CodeChange {
    /// What changed, in words, for one of `kinds`, with the old and new values: `"Mac exam
    /// perf" -> "Em bridge payment"`, `terminated, last day of service 2016-12-31 "Drug test presump optical"`,
    /// `action code N but the data shows long descriptor changed (expected C or B)`. Without the
    /// code or the action code, so a page's History block can put them where it likes.
    public func summary(of kind: CodeChangeKind) -> String {
        func date(_ value: CalendarDate?) -> String { value.map(\.description) ?? "none" }
        func quoted(_ text: String?) -> String { text.map { "\"\($0)\"" } ?? "(blank)" }
        let short = quoted((new ?? old)?.shortDescriptor)
        switch kind {
        case .added:
            return "added \(date(new?.addedDate)) \(short)"
        case .discontinued:
            return new == nil ? "no longer listed, no termination date \(short)" : "terminated, last day of service \(date(new?.terminationDate)) \(short)"
        case .reinstated:
            return "termination date \(date(old?.terminationDate)) -> none \(short)"
        case .longDescriptorChanged:
            return "\(quoted(old?.longDescriptor)) -> \(quoted(new?.longDescriptor))"
        case .shortDescriptorChanged:
            return "\(quoted(old?.shortDescriptor)) -> \(quoted(new?.shortDescriptor))"
        case .administrativeDataChanged:
            return administrativeChanges.map {
                "\($0.field.name) \($0.old ?? "(blank)") -> \($0.new ?? "(blank)")"
            }.joined(separator: "; ")
        case .addedDateChanged:
            return "added date \(date(old?.addedDate)) -> \(date(new?.addedDate)) \(short)"
        case .terminationDateChanged:
            return "termination date \(date(old?.terminationDate)) -> \(date(new?.terminationDate)) \(short)"
        case .droppedAfterTermination:
            return "terminated (last day of service \(date(old?.terminationDate))), no longer listed \(short)"
        case .vanishedWithoutTermination:
            return "in use in the older release, not listed in the newer one, no termination date \(short)"
        case .addedAlreadyTerminated:
            return "added \(date(new?.addedDate)), terminated (last day of service \(date(new?.terminationDate))) \(short)"
        case .actionCodeDisagrees:
            let shown = kinds.filter { !$0.isFinding }.map { $0.title.lowercased() }
            let expected = expectedActionCodes.map(\.rawValue).joined(separator: " or ")
            return "action code \(actionCode?.rawValue ?? "blank") but the data shows \(shown.isEmpty ? "no change" : shown.joined(separator: ", ")) (expected \(expected))"
        }
    }
}
