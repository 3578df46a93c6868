/// Field columns of the HCPCS contractor record (2019 record layout, 320 columns), 1-based and
/// inclusive as the layout prints them. Repeated fields span all their occurrences.
enum ReleaseLayout {
    static let procedureCode = 1...5
    static let modifierCode = 4...5
    static let sequenceNumber = 6...10
    static let recordID = 11
    static let longDescriptor = 12...91
    static let shortDescriptor = 92...119
    /// 4 x 2 columns.
    static let pricingIndicators = 120...127
    static let multiplePricingIndicator = 128...128
    /// 3 x 6 columns.
    static let coverageIssuesManualReferences = 129...146
    /// 3 x 8 columns.
    static let carriersManualReferences = 147...170
    static let statute = 171...180
    /// 8 x 3 columns.
    static let labCertificationCodes = 181...204
    /// 5 x 5 columns.
    static let crossReferences = 205...229
    static let coverageCode = 230...230
    static let ascPaymentGroup = 231...232
    static let ascPaymentGroupEffectiveDate = 233...240
    static let mogPaymentGroup = 241...243
    static let mogPaymentPolicyIndicator = 244...244
    static let mogEffectiveDate = 245...252
    static let processingNoteNumber = 253...256
    static let betosCode = 257...259
    /// 5 x 1 column.
    static let typeOfServiceCodes = 261...265
    static let anesthesiaBaseUnits = 266...268
    static let addedDate = 269...276
    static let actionEffectiveDate = 277...284
    static let terminationDate = 285...292
    static let actionCode = 293...293
}
