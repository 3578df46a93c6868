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

    /// The comparison as JSON with stable keys, in a fixed order; absent values are `null`,
    /// never left out, so every change has the same keys:
    ///
    /// - `old`, `new`: `label`, `file`, `effectiveDate`, `procedureCodes`, `modifiers` (counts).
    /// - `counts`: every kind's raw name (`longDescriptorChanged`) with its count, zeros included.
    /// - `changes`: one object per changed code in list order: `code`, `recordKind`
    ///   (`procedure`/`modifier`), `kinds`, `actionCode`, `expectedActionCodes`, `old` and `new`
    ///   records (`line`, `longDescriptor`, `shortDescriptor`, `addedDate`, `actionEffectiveDate`,
    ///   `terminationDate`, `actionCode`; dates `YYYY-MM-DD`) and `administrativeChanges`
    ///   (`field`, `name`, `old`, `new`).
    public func jsonReport() -> String {
        func side(_ side: Side) -> JSONValue {
            .object([
                ("label", .string(side.label)), ("file", .string(side.file)),
                ("effectiveDate", .optional(side.effectiveDate?.description)),
                ("procedureCodes", .int(side.procedureCodeCount)), ("modifiers", .int(side.modifierCount)),
            ])
        }
        func record(_ record: HCPCSRecord?) -> JSONValue {
            guard let record else { return .null }
            return .object([
                ("line", .int(record.location.line)),
                ("longDescriptor", .string(record.longDescriptor)),
                ("shortDescriptor", .string(record.shortDescriptor)),
                ("addedDate", .optional(record.addedDate?.description)),
                ("actionEffectiveDate", .optional(record.actionEffectiveDate?.description)),
                ("terminationDate", .optional(record.terminationDate?.description)),
                ("actionCode", .optional(record.actionCode?.rawValue)),
            ])
        }
        let counts = self.counts
        let root = JSONValue.object([
            ("old", side(old)),
            ("new", side(new)),
            ("counts", .object(CodeChangeKind.allCases.map { ($0.rawValue, .int(counts[$0] ?? 0)) })),
            ("changes", .array(changes.map { change in
                .object([
                    ("code", .string(change.code)),
                    ("recordKind", .string(change.recordKind.rawValue)),
                    ("kinds", .array(change.kinds.map { .string($0.rawValue) })),
                    ("actionCode", .optional(change.actionCode?.rawValue)),
                    ("expectedActionCodes", .array(change.expectedActionCodes.map { .string($0.rawValue) })),
                    ("old", record(change.old)),
                    ("new", record(change.new)),
                    ("administrativeChanges", .array(change.administrativeChanges.map {
                        .object([("field", .string($0.field.rawValue)), ("name", .string($0.field.name)),
                                 ("old", .optional($0.old)), ("new", .optional($0.new))])
                    })),
                ])
            })),
        ])
        var text = ""
        root.write(to: &text, indent: 0)
        return text + "\n"
    }
}

/// Just enough JSON to write a report with keys in a chosen order (Foundation's encoders sort
/// keys or leave the order unspecified, and drop nil optionals rather than writing `null`).
enum JSONValue {
    case string(String)
    case int(Int)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// Pretty-printed, two spaces per level; empty arrays and objects on one line.
    func write(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1), closePad = String(repeating: "  ", count: indent)
        switch self {
        case .string(let text): JSONValue.writeString(text, to: &out)
        case .int(let value): out += String(value)
        case .null: out += "null"
        case .array(let values):
            guard !values.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, value) in values.enumerated() {
                out += pad
                value.write(to: &out, indent: indent + 1)
                out += index == values.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += pad
                JSONValue.writeString(key, to: &out)
                out += ": "
                value.write(to: &out, indent: indent + 1)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "}"
        }
    }

    private static func writeString(_ text: String, to out: inout String) {
        JSONText.append(text, to: &out)
    }
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
