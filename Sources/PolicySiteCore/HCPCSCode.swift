/// One procedure code of the code set: an HCPCS Level II code such as `G9328`, or a Level I
/// (CPT) code such as `99213` where the team's data carries one.
///
/// Built from `Content/data/codes.yml` or from a CMS release file; for the release, the field
/// columns are those of the 2019 record layout (`HCPCS2019_recordlayout.txt`).
public struct HCPCSCode: Hashable, Sendable {
    /// Columns 1-5. Always a string: `00100` and `0450` must never become numbers.
    public var code: String
    /// Columns 12-91, continued over record id 4 lines; chunks joined with single spaces.
    public var longDescriptor: String
    /// Columns 92-119 (28 characters or fewer).
    public var shortDescriptor: String
    /// Columns 269-276 (`YYYYMMDD`).
    public var addedDate: CalendarDate?
    /// Columns 277-284 (`YYYYMMDD`).
    public var actionEffectiveDate: CalendarDate?
    /// Columns 285-292 (`YYYYMMDD`); nil while the code is in use.
    public var terminationDate: CalendarDate?
    /// Column 230.
    public var coverageCode: CoverageCode?
    /// Columns 257-259: Berenson-Eggers Type of Service, such as `M5B`.
    public var betosCode: String?
    /// Column 293: what CMS says it changed in this release.
    public var actionCode: ActionCode?
    /// Where this code was defined (a data file line or a release file line).
    public var source: SourceLocation

    public init(
        code: String, longDescriptor: String, shortDescriptor: String,
        addedDate: CalendarDate? = nil, actionEffectiveDate: CalendarDate? = nil,
        terminationDate: CalendarDate? = nil, coverageCode: CoverageCode? = nil,
        betosCode: String? = nil, actionCode: ActionCode? = nil,
        source: SourceLocation
    ) {
        self.code = code
        self.longDescriptor = longDescriptor
        self.shortDescriptor = shortDescriptor
        self.addedDate = addedDate
        self.actionEffectiveDate = actionEffectiveDate
        self.terminationDate = terminationDate
        self.coverageCode = coverageCode
        self.betosCode = betosCode
        self.actionCode = actionCode
        self.source = source
    }

    /// The code's status on `date`: terminated after its termination date (the last day of
    /// service, record layout columns 285-292), not yet effective before its added date,
    /// active otherwise (the termination date itself included).
    public func status(asOf date: CalendarDate) -> CodeStatus {
        CodeStatus(added: addedDate, terminated: terminationDate, asOf: date)
    }

    /// The HCPCS section this code belongs to (by its first letter), nil for Level I codes.
    public var section: HCPCSSection? { HCPCSSection(code: code) }
}

/// A code's or modifier's status on the site's "as of" date.
public enum CodeStatus: Hashable, Sendable {
    case active
    /// The last day of service: the last day the code may be used, before the "as of" date.
    case terminated(CalendarDate)
    /// The day the code takes effect; after the "as of" date.
    case notYetEffective(CalendarDate)

    /// - Parameters:
    ///   - terminated: The termination date, which CMS's record layout defines as the last day
    ///     the code may be used: on that day the code is still active.
    public init(added: CalendarDate?, terminated: CalendarDate?, asOf date: CalendarDate) {
        if let terminated, terminated < date {
            self = .terminated(terminated)
        } else if let added, added > date {
            self = .notYetEffective(added)
        } else {
            self = .active
        }
    }

    /// "Active", "Terminated (last day of service: 2015-12-31)", "Effective 2020-01-01".
    public var label: String {
        switch self {
        case .active: "Active"
        case .terminated(let date): "Terminated (last day of service: \(date))"
        case .notYetEffective(let date): "Effective \(date)"
        }
    }

    public var isTerminated: Bool {
        if case .terminated = self { return true }
        return false
    }
}
