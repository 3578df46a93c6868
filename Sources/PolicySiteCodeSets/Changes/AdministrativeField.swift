/// An administrative field of a release record: everything CMS publishes about a code besides
/// its descriptors and its added, action effective and termination dates, and action code.
///
/// Cases are in the record layout's column order, which is the order changes are listed in.
public enum AdministrativeField: String, CaseIterable, Sendable, Hashable, Codable {
    case pricingIndicators
    case multiplePricingIndicator
    case coverageIssuesManualReferences
    case carriersManualReferences
    case statute
    case labCertificationCodes
    case crossReferences
    case coverageCode
    case ascPaymentGroup
    case ascPaymentGroupEffectiveDate
    case mogPaymentGroup
    case mogPaymentPolicyIndicator
    case mogEffectiveDate
    case processingNoteNumber
    case betosCode
    case typeOfService
    case anesthesiaBaseUnits

    /// The field's name as people say it: "BETOS code", "type of service".
    public var name: String {
        switch self {
        case .pricingIndicators: "pricing indicators"
        case .multiplePricingIndicator: "multiple pricing indicator"
        case .coverageIssuesManualReferences: "Coverage Issues Manual references"
        case .carriersManualReferences: "Carriers Manual references"
        case .statute: "statute"
        case .labCertificationCodes: "lab certification codes"
        case .crossReferences: "cross references"
        case .coverageCode: "coverage code"
        case .ascPaymentGroup: "ASC payment group"
        case .ascPaymentGroupEffectiveDate: "ASC payment group effective date"
        case .mogPaymentGroup: "MOG payment group"
        case .mogPaymentPolicyIndicator: "MOG payment policy indicator"
        case .mogEffectiveDate: "MOG effective date"
        case .processingNoteNumber: "processing note number"
        case .betosCode: "BETOS code"
        case .typeOfService: "type of service"
        case .anesthesiaBaseUnits: "anesthesia base units"
        }
    }

    /// The field's value in `record` as the file writes it, repeated values separated by single
    /// spaces (`11 51`); nil when blank. Values are text so that a change list, JSON and a
    /// template can show any field the same way.
    func value(in record: HCPCSRecord) -> String? {
        func list(_ values: [String]) -> String? { values.isEmpty ? nil : values.joined(separator: " ") }
        switch self {
        case .pricingIndicators: return list(record.pricingIndicators.map(\.rawValue))
        case .multiplePricingIndicator: return record.multiplePricingIndicator?.rawValue
        case .coverageIssuesManualReferences: return list(record.coverageIssuesManualReferences)
        case .carriersManualReferences: return list(record.carriersManualReferences)
        case .statute: return record.statute
        case .labCertificationCodes: return list(record.labCertificationCodes.map(\.rawValue))
        case .crossReferences: return list(record.crossReferences)
        case .coverageCode: return record.coverageCode?.rawValue
        case .ascPaymentGroup: return record.ascPaymentGroup
        case .ascPaymentGroupEffectiveDate: return record.ascPaymentGroupEffectiveDate?.description
        case .mogPaymentGroup: return record.mogPaymentGroup
        case .mogPaymentPolicyIndicator: return record.mogPaymentPolicyIndicator
        case .mogEffectiveDate: return record.mogEffectiveDate?.description
        case .processingNoteNumber: return record.processingNoteNumber
        case .betosCode: return record.betosCode
        case .typeOfService: return list(record.typeOfServiceCodes.map(\.rawValue))
        case .anesthesiaBaseUnits: return record.anesthesiaBaseUnits.map(String.init)
        }
    }

    /// Whether the field differs between two records, compared on the typed values (cheaper
    /// than building the text of every field of every code).
    func differs(_ old: HCPCSRecord, _ new: HCPCSRecord) -> Bool {
        switch self {
        case .pricingIndicators: old.pricingIndicators != new.pricingIndicators
        case .multiplePricingIndicator: old.multiplePricingIndicator != new.multiplePricingIndicator
        case .coverageIssuesManualReferences: old.coverageIssuesManualReferences != new.coverageIssuesManualReferences
        case .carriersManualReferences: old.carriersManualReferences != new.carriersManualReferences
        case .statute: old.statute != new.statute
        case .labCertificationCodes: old.labCertificationCodes != new.labCertificationCodes
        case .crossReferences: old.crossReferences != new.crossReferences
        case .coverageCode: old.coverageCode != new.coverageCode
        case .ascPaymentGroup: old.ascPaymentGroup != new.ascPaymentGroup
        case .ascPaymentGroupEffectiveDate: old.ascPaymentGroupEffectiveDate != new.ascPaymentGroupEffectiveDate
        case .mogPaymentGroup: old.mogPaymentGroup != new.mogPaymentGroup
        case .mogPaymentPolicyIndicator: old.mogPaymentPolicyIndicator != new.mogPaymentPolicyIndicator
        case .mogEffectiveDate: old.mogEffectiveDate != new.mogEffectiveDate
        case .processingNoteNumber: old.processingNoteNumber != new.processingNoteNumber
        case .betosCode: old.betosCode != new.betosCode
        case .typeOfService: old.typeOfServiceCodes != new.typeOfServiceCodes
        case .anesthesiaBaseUnits: old.anesthesiaBaseUnits != new.anesthesiaBaseUnits
        }
    }
}

/// One administrative field that differs between two releases, with both values as text (nil
/// where the field is blank).
public struct AdministrativeFieldChange: Sendable, Hashable {
    public var field: AdministrativeField
    public var old: String?
    public var new: String?

    init(field: AdministrativeField, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}
