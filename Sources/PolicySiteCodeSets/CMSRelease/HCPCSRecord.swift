import PolicySiteCore

/// One record of a CMS HCPCS release file: a first line (record id 3 for a procedure code, 7 for
/// a modifier) with its continuation lines (record id 4 or 8) joined, every field typed.
///
/// Columns are those of the 2019 record layout (`HCPCS2019_recordlayout.txt`), 1-based. A blank
/// field is `nil` or an empty list; a value outside the layout's code list is left out and
/// reported by the reader (`release-unknown-value`), so a field here is always a known value.
public struct HCPCSRecord: Sendable, Hashable {
    /// Whether a record describes a procedure code or a modifier (record id, column 11).
    public enum Kind: String, Sendable, Hashable {
        /// Record id 3, continued by record id 4.
        case procedure
        /// Record id 7, continued by record id 8.
        case modifier
    }

    /// The procedure code (columns 1-5, `G9328`) or the modifier (columns 4-5, `GA`).
    public var code: String
    /// Columns 6-10 of the first line: CMS numbers a record's lines 100, 200, ...; nil when
    /// the field is not a number.
    var sequenceNumber: Int?
    var recordKind: Kind
    /// Columns 12-91 of the first line and of each continuation line, each chunk trimmed,
    /// joined with single spaces.
    var longDescriptor: String
    /// Columns 92-119, trimmed (28 characters or fewer).
    var shortDescriptor: String
    /// Columns 120-127: up to four pricing methodologies, in file order.
    public var pricingIndicators: [PricingIndicator]
    /// Column 128.
    public var multiplePricingIndicator: MultiplePricingIndicator?
    /// Columns 129-146: up to three Coverage Issues Manual sections (`60-9`), 6 columns each.
    public var coverageIssuesManualReferences: [String]
    /// Columns 147-170: up to three Medicare Carriers Manual sections, 8 columns each.
    public var carriersManualReferences: [String]
    /// Columns 171-180: the statute for coverage or non-coverage (`1833(t)`), as written.
    public var statute: String?
    /// Columns 181-204: up to eight lab certification codes, 3 columns each.
    public var labCertificationCodes: [LabCertificationCode]
    /// Columns 205-229: up to five codes a deleted or invalid code crosswalks to, 5 columns each.
    public var crossReferences: [String]
    /// Column 230.
    var coverageCode: CoverageCode?
    /// Columns 231-232: `YY` when the procedure is approved for an ambulatory surgical center.
    public var ascPaymentGroup: String?
    /// Columns 233-240 (`YYYYMMDD`).
    public var ascPaymentGroupEffectiveDate: CalendarDate?
    /// Columns 241-243: Medicare outpatient group (blank in the 2017-2019 files).
    public var mogPaymentGroup: String?
    /// Column 244: MOG payment policy indicator (blank in the 2017-2019 files).
    public var mogPaymentPolicyIndicator: String?
    /// Columns 245-252 (`YYYYMMDD`): MOG effective date (blank in the 2017-2019 files).
    public var mogEffectiveDate: CalendarDate?
    /// Columns 253-256: the processing note in Appendix A of the HCPCS manual (`0088`).
    public var processingNoteNumber: String?
    /// Columns 257-259: Berenson-Eggers Type of Service (`M5B`).
    var betosCode: String?
    /// Columns 261-265: up to five types of service, 1 column each.
    public var typeOfServiceCodes: [TypeOfService]
    /// Columns 266-268: anesthesia base units (procedures carry `0` when none apply).
    public var anesthesiaBaseUnits: Int?
    /// Columns 269-276 (`YYYYMMDD`).
    public var addedDate: CalendarDate?
    /// Columns 277-284 (`YYYYMMDD`).
    public var actionEffectiveDate: CalendarDate?
    /// Columns 285-292 (`YYYYMMDD`); CMS keeps terminated codes in the file for four years.
    public var terminationDate: CalendarDate?
    /// Column 293.
    public var actionCode: ActionCode?
    /// The first line of the record, column 1.
    public var location: SourceLocation

    /// A record; every field but the identity and location defaults to blank.
    init(
        code: String, sequenceNumber: Int? = nil, recordKind: Kind,
        longDescriptor: String = "", shortDescriptor: String = "",
        pricingIndicators: [PricingIndicator] = [], multiplePricingIndicator: MultiplePricingIndicator? = nil,
        coverageIssuesManualReferences: [String] = [], carriersManualReferences: [String] = [],
        statute: String? = nil, labCertificationCodes: [LabCertificationCode] = [],
        crossReferences: [String] = [], coverageCode: CoverageCode? = nil,
        ascPaymentGroup: String? = nil, ascPaymentGroupEffectiveDate: CalendarDate? = nil,
        mogPaymentGroup: String? = nil, mogPaymentPolicyIndicator: String? = nil, mogEffectiveDate: CalendarDate? = nil,
        processingNoteNumber: String? = nil, betosCode: String? = nil,
        typeOfServiceCodes: [TypeOfService] = [], anesthesiaBaseUnits: Int? = nil,
        addedDate: CalendarDate? = nil, actionEffectiveDate: CalendarDate? = nil,
        terminationDate: CalendarDate? = nil, actionCode: ActionCode? = nil,
        location: SourceLocation
    ) {
        self.code = code
        self.sequenceNumber = sequenceNumber
        self.recordKind = recordKind
        self.longDescriptor = longDescriptor
        self.shortDescriptor = shortDescriptor
        self.pricingIndicators = pricingIndicators
        self.multiplePricingIndicator = multiplePricingIndicator
        self.coverageIssuesManualReferences = coverageIssuesManualReferences
        self.carriersManualReferences = carriersManualReferences
        self.statute = statute
        self.labCertificationCodes = labCertificationCodes
        self.crossReferences = crossReferences
        self.coverageCode = coverageCode
        self.ascPaymentGroup = ascPaymentGroup
        self.ascPaymentGroupEffectiveDate = ascPaymentGroupEffectiveDate
        self.mogPaymentGroup = mogPaymentGroup
        self.mogPaymentPolicyIndicator = mogPaymentPolicyIndicator
        self.mogEffectiveDate = mogEffectiveDate
        self.processingNoteNumber = processingNoteNumber
        self.betosCode = betosCode
        self.typeOfServiceCodes = typeOfServiceCodes
        self.anesthesiaBaseUnits = anesthesiaBaseUnits
        self.addedDate = addedDate
        self.actionEffectiveDate = actionEffectiveDate
        self.terminationDate = terminationDate
        self.actionCode = actionCode
        self.location = location
    }
}
