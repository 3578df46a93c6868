import PolicySiteCore

/// The state of one pass over a release file: records so far, the record that continuation
/// lines attach to, and every diagnostic. `HCPCSReleaseReader` feeds it one line at a time.
struct ReleaseParser {
    /// Where a continuation line (record id 4 or 8) may attach.
    private enum OpenRecord {
        case none
        /// The last first line read; continuations of the same kind and code join it.
        case record(HCPCSRecord.Kind, code: String, index: Int)
        /// A duplicate first line that was reported and dropped; its continuations go with it
        /// quietly rather than being reported again as orphans.
        case dropped(HCPCSRecord.Kind, code: String)
    }

    private struct RecordKey: Hashable {
        var kind: HCPCSRecord.Kind
        var code: String
    }

    let file: String
    private(set) var procedureCodes: [HCPCSRecord] = []
    private(set) var modifiers: [HCPCSRecord] = []
    private(set) var skippedLineCount = 0
    private(set) var diagnostics: [Diagnostic] = []
    private var firstLineNumbers: [RecordKey: Int] = [:]
    private var open = OpenRecord.none

    init(file: String) {
        self.file = file
    }

    /// Makes room for `count` procedure code records at once. A record is about 750 bytes, and
    /// an array left to double as it grows held its old and new storage together: 150 MB at
    /// the peak of a 100,000-code build.
    /// The table of first lines by code is sized with them: grown record by record, it was
    /// rehashed a dozen times while a release was read.
    mutating func reserveProcedureCodes(_ count: Int) {
        procedureCodes.reserveCapacity(count)
        firstLineNumbers.reserveCapacity(count)
    }

    /// How many lines of `bytes` are the first line of a procedure code record (record id 3
    /// in column 11): what `reserveProcedureCodes` needs, counted before the records are read.
    static func procedureFirstLineCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0, start = 0
        let column = ReleaseLayout.recordID - 1
        while start < bytes.count {
            let end = ReleaseLine.end(in: bytes, from: start)
            if start + column < end, bytes[start + column] == UInt8(ascii: "3") { count += 1 }
            start = end + 1
        }
        return count
    }

    /// The release read so far. A file with no procedure code and no modifier record gets a
    /// `release-empty` error at line 1 (see `HCPCSReleaseReader`).
    var release: HCPCSRelease {
        var diagnostics = diagnostics
        if procedureCodes.isEmpty, modifiers.isEmpty {
            diagnostics.append(ReleaseParser.empty(file))
        }
        return HCPCSRelease(file: file, procedureCodes: procedureCodes, modifiers: modifiers,
                            skippedLineCount: skippedLineCount, diagnostics: diagnostics)
    }

    /// The one `release-empty` finding, named by the file's last path component:
    /// `README.md holds no HCPCS records ...`.
    static func empty(_ file: String) -> Diagnostic {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return .error(
            "release-empty",
            "\(name) holds no HCPCS records (record id 3 or 7 in column 11); is it the fixed-width ANWEB file?",
            at: SourceLocation(file: file))
    }

    /// The shortest first line (record id 3 or 7) accepted: through the termination date
    /// (column 292). Every first line of the 2017, 2018 and 2019 files has all 320 columns;
    /// continuation lines may legitimately stop early (91 columns in 2017, 316 once in 2019),
    /// as they carry only descriptor text.
    static let firstLineMinimumWidth = ReleaseLayout.terminationDate.upperBound

    // MARK: - Lines

    /// Reads one line: a first line starts a record, a continuation line extends the open one,
    /// anything else is skipped and counted.
    mutating func consume(_ line: ReleaseLine) {
        let recordID = line[ReleaseLayout.recordID]
        let kind: HCPCSRecord.Kind
        let isFirstLine: Bool
        switch recordID {
        case UInt8(ascii: "3"): (kind, isFirstLine) = (.procedure, true)
        case UInt8(ascii: "4"): (kind, isFirstLine) = (.procedure, false)
        case UInt8(ascii: "7"): (kind, isFirstLine) = (.modifier, true)
        case UInt8(ascii: "8"): (kind, isFirstLine) = (.modifier, false)
        default:
            skippedLineCount += 1
            return
        }
        guard ReleaseParser.hasCode(line, kind: kind) else {
            // A record-sized line with a record id but no code is a damaged record, not a
            // disclaimer: say so rather than dropping it in silence.
            if line.bytes.count >= ReleaseLayout.longDescriptor.upperBound {
                let codeText = ReleaseLine.latin1(line.bytes[0..<5])
                let what = kind == .procedure ? "procedure code in columns 1-5" : "modifier in columns 4-5"
                diagnostics.append(.warning(
                    "release-code-invalid",
                    "line has record id \(Character(Unicode.Scalar(recordID))) but no \(what) (\"\(codeText)\"); skipped",
                    at: location(line, column: 1)))
            }
            skippedLineCount += 1
            return
        }
        let code = kind == .procedure ? line.text(ReleaseLayout.procedureCode) : line.text(ReleaseLayout.modifierCode)
        if isFirstLine {
            readFirstLine(line, kind: kind, code: code)
        } else {
            readContinuation(line, kind: kind, code: code)
        }
    }

    /// Whether columns 1-5 hold a procedure code (Level II `G9328` or Level I `99213`) or,
    /// for a modifier, three blanks and two letters or digits (`   GA`).
    static func hasCode(_ line: ReleaseLine, kind: HCPCSRecord.Kind) -> Bool {
        switch kind {
        case .procedure:
            return HCPCSIdentifier.isProcedureCode(bytes: [line[1], line[2], line[3], line[4], line[5]])
        case .modifier:
            return line[1] == ReleaseLine.space && line[2] == ReleaseLine.space && line[3] == ReleaseLine.space
                && HCPCSIdentifier.isModifier(bytes: [line[4], line[5]])
        }
    }

    /// The file's last line had no line end. A record line shorter than a record is where the
    /// file was cut (`release-truncated`); a whole record without a line end is read as it is
    /// (a file saved by an editor that drops the final line end). Other lines are left alone.
    mutating func endedWithoutLineEnd(_ line: ReleaseLine) {
        let recordID = line[ReleaseLayout.recordID]
        guard line.bytes.count < ReleaseParser.recordWidth,
              [UInt8(ascii: "3"), UInt8(ascii: "4"), UInt8(ascii: "7"), UInt8(ascii: "8")].contains(recordID) else { return }
        let kind: HCPCSRecord.Kind = recordID == UInt8(ascii: "3") || recordID == UInt8(ascii: "4") ? .procedure : .modifier
        let subject = ReleaseParser.hasCode(line, kind: kind)
            ? ReleaseParser.subject(kind: kind, code: kind == .procedure ? line.text(ReleaseLayout.procedureCode) : line.text(ReleaseLayout.modifierCode))
            : "a record"
        var digits = String(procedureCodes.count), codes = ""
        while digits.count > 3 { codes = "," + digits.suffix(3) + codes; digits.removeLast(3) }
        codes = digits + codes + (procedureCodes.count == 1 ? " code" : " codes")
        diagnostics.append(.error(
            "release-truncated",
            "file ends inside the record of \(subject), after column \(line.bytes.count) of \(ReleaseParser.recordWidth) and without a line end: it was cut short, so the codes after it are missing (\(codes) read)",
            at: location(line, column: line.bytes.count + 1)))
    }

    /// The width of every first line CMS shipped (2017-2019): the record layout's 320 columns.
    static let recordWidth = 320

    private mutating func readFirstLine(_ line: ReleaseLine, kind: HCPCSRecord.Kind, code: String) {
        let key = RecordKey(kind: kind, code: code)
        let subject = ReleaseParser.subject(kind: kind, code: code)
        // One look-up of the code, not one to test and one to insert: a repeat puts the first
        // line's number back.
        if let earlier = firstLineNumbers.updateValue(line.number, forKey: key) {
            firstLineNumbers[key] = earlier
            diagnostics.append(.error(
                "release-duplicate-record",
                "\(subject) already has a first line (record id \(kind == .procedure ? 3 : 7)) at line \(earlier); this record is ignored",
                at: location(line, column: 1)))
            open = .dropped(kind, code: code)
            return
        }
        if line.bytes.count < ReleaseParser.firstLineMinimumWidth {
            // Cut short (a truncated download, an editor that wraps or trims lines): the fields
            // past the end read as blank, so the code would be published without its dates.
            // The record is still read with what it has, so checks of the content that
            // names it go on; the error keeps the site from being published.
            let id = kind == .procedure ? 3 : 7
            diagnostics.append(.error(
                "release-record-short",
                "\(subject) record is cut short: its first line (record id \(id)) ends after column \(line.bytes.count), before the termination date (columns \(ReleaseLayout.terminationDate.lowerBound)-\(ReleaseLayout.terminationDate.upperBound)); the missing fields are read as blank",
                at: location(line, column: line.bytes.count + 1)))
        }
        let record = readFields(line, kind: kind, code: code, subject: subject)
        switch kind {
        case .procedure:
            procedureCodes.append(record)
            open = .record(kind, code: code, index: procedureCodes.count - 1)
        case .modifier:
            modifiers.append(record)
            open = .record(kind, code: code, index: modifiers.count - 1)
        }
    }

    private mutating func readContinuation(_ line: ReleaseLine, kind: HCPCSRecord.Kind, code: String) {
        switch open {
        case .record(let openKind, let openCode, let index) where openKind == kind && openCode == code:
            let chunk = line.text(ReleaseLayout.longDescriptor)
            guard !chunk.isEmpty else { return }
            switch kind {
            case .procedure: ReleaseParser.append(chunk, to: &procedureCodes[index].longDescriptor)
            case .modifier: ReleaseParser.append(chunk, to: &modifiers[index].longDescriptor)
            }
        case .dropped(let openKind, let openCode) where openKind == kind && openCode == code:
            return
        default:
            let (own, first) = kind == .procedure ? (4, 3) : (8, 7)
            diagnostics.append(.error(
                "release-orphan-continuation",
                "continuation line (record id \(own)) for \(ReleaseParser.subject(kind: kind, code: code)) does not follow its first line (record id \(first)); its text is dropped",
                at: location(line, column: ReleaseLayout.recordID)))
        }
    }

    private static func append(_ chunk: String, to descriptor: inout String) {
        if !descriptor.isEmpty { descriptor.append(" ") }
        descriptor.append(chunk)
    }

    // MARK: - Fields

    /// Every field of a first line, in column order so diagnostics come out in column order.
    private mutating func readFields(_ line: ReleaseLine, kind: HCPCSRecord.Kind, code: String, subject: String) -> HCPCSRecord {
        // One initialiser, its arguments read in column order (Swift evaluates them left to
        // right): a blank record assigned field by field was copied twice on its way out.
        HCPCSRecord(
            code: code,
            sequenceNumber: number(line, ReleaseLayout.sequenceNumber, "sequence number", subject),
            recordKind: kind,
            longDescriptor: line.text(ReleaseLayout.longDescriptor),
            shortDescriptor: line.text(ReleaseLayout.shortDescriptor),
            pricingIndicators: list(line, ReleaseLayout.pricingIndicators, width: 2, "pricing indicator", subject),
            multiplePricingIndicator: value(line, ReleaseLayout.multiplePricingIndicator, "multiple pricing indicator", subject),
            coverageIssuesManualReferences: strings(line, ReleaseLayout.coverageIssuesManualReferences, width: 6),
            carriersManualReferences: strings(line, ReleaseLayout.carriersManualReferences, width: 8),
            statute: line.optionalText(ReleaseLayout.statute),
            labCertificationCodes: list(line, ReleaseLayout.labCertificationCodes, width: 3, "lab certification code", subject),
            crossReferences: strings(line, ReleaseLayout.crossReferences, width: 5),
            coverageCode: value(line, ReleaseLayout.coverageCode, "coverage code", subject),
            ascPaymentGroup: ascPaymentGroup(line, subject),
            ascPaymentGroupEffectiveDate: date(line, ReleaseLayout.ascPaymentGroupEffectiveDate, "ASC payment group effective date", subject, severity: .warning),
            mogPaymentGroup: line.optionalText(ReleaseLayout.mogPaymentGroup),
            mogPaymentPolicyIndicator: line.optionalText(ReleaseLayout.mogPaymentPolicyIndicator),
            mogEffectiveDate: date(line, ReleaseLayout.mogEffectiveDate, "MOG effective date", subject, severity: .warning),
            // `0000` names no note: CMS's notes (Appendix A) start at 0001, and the one record
            // that gives 0000 (V5289 in 2019) has nothing to point at.
            processingNoteNumber: line.optionalText(ReleaseLayout.processingNoteNumber).flatMap { $0 == "0000" ? nil : $0 },
            betosCode: betosCode(line, subject),
            typeOfServiceCodes: list(line, ReleaseLayout.typeOfServiceCodes, width: 1, "type of service", subject),
            anesthesiaBaseUnits: number(line, ReleaseLayout.anesthesiaBaseUnits, "anesthesia base units", subject),
            addedDate: date(line, ReleaseLayout.addedDate, "added date", subject),
            actionEffectiveDate: date(line, ReleaseLayout.actionEffectiveDate, "action effective date", subject),
            terminationDate: date(line, ReleaseLayout.terminationDate, "termination date", subject),
            actionCode: value(line, ReleaseLayout.actionCode, "action code", subject),
            location: location(line, column: 1))
    }

    /// A code-list value; blank is nil, an unknown value is a warning and nil.
    private mutating func value<Value: RawRepresentable<String>>(
        _ line: ReleaseLine, _ columns: ClosedRange<Int>, _ name: String, _ subject: String
    ) -> Value? {
        guard let text = line.optionalText(columns) else { return nil }
        if let value = Value(rawValue: text) { return value }
        diagnostics.append(unknownValue(name, text, subject, at: location(line, column: columns.lowerBound)))
        return nil
    }

    /// A repeated code-list field (`width` columns per occurrence); blanks are skipped, unknown
    /// values reported at their own column and left out.
    private mutating func list<Value: RawRepresentable<String>>(
        _ line: ReleaseLine, _ columns: ClosedRange<Int>, width: Int, _ name: String, _ subject: String
    ) -> [Value] {
        var values: [Value] = []
        for start in stride(from: columns.lowerBound, through: columns.upperBound, by: width) {
            if let value: Value = value(line, start...(start + width - 1), name, subject) {
                values.append(value)
            }
        }
        return values
    }

    /// A repeated free-text field: the non-blank occurrences, trimmed.
    private func strings(_ line: ReleaseLine, _ columns: ClosedRange<Int>, width: Int) -> [String] {
        stride(from: columns.lowerBound, through: columns.upperBound, by: width).compactMap {
            line.optionalText($0...($0 + width - 1))
        }
    }

    /// An unsigned number, blanks allowed on either side; not a number is a warning and nil.
    private mutating func number(_ line: ReleaseLine, _ columns: ClosedRange<Int>, _ name: String, _ subject: String) -> Int? {
        let field = line.trimmed(columns)
        guard !field.isEmpty else { return nil }
        var result = 0
        for byte in field {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                diagnostics.append(unknownValue(name, ReleaseLine.latin1(field), subject, at: location(line, column: columns.lowerBound)))
                return nil
            }
            result = result * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return result
    }

    /// A `YYYYMMDD` date; blank is nil, anything else that is not a real day is reported and nil.
    ///
    /// `severity` is `.error` for the dates that decide a code's status (added, action
    /// effective, termination): guessing those would misstate whether a code can be billed.
    /// Administrative dates CMS publishes with the code (ASC payment group, MOG) pass
    /// `.warning`: CMS's own 2018 file has five shifted ASC dates, and a site must still build
    /// from it; the field is left blank.
    private mutating func date(
        _ line: ReleaseLine, _ columns: ClosedRange<Int>, _ name: String, _ subject: String, severity: Severity = .error
    ) -> CalendarDate? {
        let field = line.trimmed(columns)
        guard !field.isEmpty else { return nil }
        if let date = ReleaseParser.day(field) { return date }
        let text = ReleaseLine.latin1(field)
        let blank = severity == .error ? "" : "; left blank"
        diagnostics.append(Diagnostic(
            severity, "release-date-invalid",
            "\(name) \"\(text)\" of \(subject) is not a date (YYYYMMDD)\(blank)",
            at: location(line, column: columns.lowerBound)))
        return nil
    }

    /// The day eight digits `YYYYMMDD` name, read from the line's bytes: a record has up to
    /// five dates, and making each a `String` for `CalendarDate(parsing:)` (which copies it
    /// into an array) cost a thousand instructions a date. Nil for anything else.
    static func day(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> CalendarDate? {
        guard field.count == 8 else { return nil }
        var value = 0
        for byte in field {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return CalendarDate(year: value / 10_000, month: value / 100 % 100, day: value % 100)
    }

    /// `YY` (approved for an ambulatory surgical center) or blank; the layout allows nothing else.
    private mutating func ascPaymentGroup(_ line: ReleaseLine, _ subject: String) -> String? {
        guard let text = line.optionalText(ReleaseLayout.ascPaymentGroup) else { return nil }
        if text == "YY" { return text }
        diagnostics.append(unknownValue("ASC payment group", text, subject, at: location(line, column: ReleaseLayout.ascPaymentGroup.lowerBound)))
        return nil
    }

    /// A code of the layout's BETOS table; anything else is a warning and nil.
    private mutating func betosCode(_ line: ReleaseLine, _ subject: String) -> String? {
        guard let text = line.optionalText(ReleaseLayout.betosCode) else { return nil }
        if BETOSTable.meaning(of: text) != nil { return text }
        diagnostics.append(unknownValue("BETOS code", text, subject, at: location(line, column: ReleaseLayout.betosCode.lowerBound)))
        return nil
    }

    private func unknownValue(_ name: String, _ text: String, _ subject: String, at location: SourceLocation) -> Diagnostic {
        .warning("release-unknown-value", "unknown \(name) \"\(text)\" of \(subject)", at: location)
    }

    private func location(_ line: ReleaseLine, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line.number, column: column)
    }

    /// How messages name a record: `G9328`, `modifier GA`.
    static func subject(kind: HCPCSRecord.Kind, code: String) -> String {
        kind == .procedure ? code : "modifier \(code)"
    }
}
