import PolicySiteCore

/// The contents of one CMS HCPCS release file (`HCPC2019_CONTR_ANWEB.txt`), in file order, with
/// every finding about it.
public struct HCPCSRelease: Sendable {
    /// The path used in diagnostics and sources, as the user gave it.
    public var file: String
    /// Records with id 3 (and their id 4 continuations), in file order.
    public var procedureCodes: [HCPCSRecord]
    /// Records with id 7 (and their id 8 continuations), in file order.
    public var modifiers: [HCPCSRecord]
    /// Lines that are not records: blank lines and the disclaimer lines CMS puts at the top.
    var skippedLineCount: Int
    /// Broken records (errors) and unknown code-list values (warnings), in file order.
    public var diagnostics: [Diagnostic]

    init(file: String, procedureCodes: [HCPCSRecord] = [], modifiers: [HCPCSRecord] = [],
                skippedLineCount: Int = 0, diagnostics: [Diagnostic] = []) {
        self.file = file
        self.procedureCodes = procedureCodes
        self.modifiers = modifiers
        self.skippedLineCount = skippedLineCount
        self.diagnostics = diagnostics
    }

    /// The latest added, action effective or termination date of any record: how far the
    /// release reaches (2019-01-01 for the 2019 annual file, 2018-07-01 for the 2018 file with
    /// its July update). Nil for a release without dates.
    var latestDate: CalendarDate? {
        var latest: CalendarDate?
        for record in procedureCodes + modifiers {
            for date in [record.addedDate, record.actionEffectiveDate, record.terminationDate].compactMap({ $0 }) where latest.map({ date > $0 }) ?? true {
                latest = date
            }
        }
        return latest
    }

    /// The procedure codes and modifiers as a code set labelled with the file, each sourced at
    /// its record's first line.
    public var codeSet: CodeSet {
        CodeSet(releaseLabel: file, codes: procedureCodes.map(\.hcpcsCode), modifiers: modifiers.map(\.modifier))
    }
}
