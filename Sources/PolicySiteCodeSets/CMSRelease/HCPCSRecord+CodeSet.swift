import PolicySiteCore

extension HCPCSRecord {
    /// The record as a code-set procedure code (meant for `.procedure` records), sourced at the
    /// record's first line.
    var hcpcsCode: HCPCSCode {
        HCPCSCode(
            code: code, longDescriptor: longDescriptor, shortDescriptor: shortDescriptor,
            addedDate: addedDate, actionEffectiveDate: actionEffectiveDate, terminationDate: terminationDate,
            coverageCode: coverageCode, betosCode: betosCode, actionCode: actionCode, source: location
        )
    }

    /// The record as a code-set modifier (meant for `.modifier` records): CMS release files carry
    /// Level II modifiers only. A blank short descriptor becomes nil.
    var modifier: Modifier {
        Modifier(
            code: code, descriptor: longDescriptor, shortDescriptor: shortDescriptor.isEmpty ? nil : shortDescriptor,
            level: .levelII, addedDate: addedDate, terminationDate: terminationDate, source: location
        )
    }
}
