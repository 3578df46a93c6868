import Testing
@testable import PolicySiteCodeSets

/// The code lists match the 2019 record layout's tables.
@Suite struct CodeListTests {
    @Test func sizesMatchTheLayout() {
        #expect(PricingIndicator.allCases.count == 25)
        #expect(MultiplePricingIndicator.allCases.count == 8)
        #expect(LabCertificationCode.allCases.count == 31)
        // 0-9 and A-Z less O and X.
        #expect(TypeOfService.allCases.count == 34)
    }

    @Test func meanings() {
        #expect(PricingIndicator(rawValue: "38")?.meaning == "Orthotics, prosthetics, prosthetic devices & vision services (price subject to floors and ceilings)")
        #expect(MultiplePricingIndicator(rawValue: "9") == .notApplicableNotPriced)
        #expect(TypeOfService(rawValue: "P")?.meaning == "Lump sum purchase of DME, prosthetics, orthotics")
        #expect(LabCertificationCode(rawValue: "010")?.meaning == "Histocompatibility testing")
    }

    @Test func betosTable() {
        #expect(BETOSTable.meanings.count == 106)
        #expect(BETOSTable.meaning(of: "M5B") == "Specialist - psychiatry")
        #expect(BETOSTable.meaning(of: "I4A") == "Imaging/procedure - heart including cardiac catheterization")
        #expect(BETOSTable.meaning(of: "M9") == nil)
    }

    @Test func labSubgroups() {
        #expect(LabCertificationCode.bacteriology.group == .microbiology)
        #expect(LabCertificationCode.aboGroupAndRhType.group == .immunohematology)
        #expect(LabCertificationCode.microbiology.group == nil)
        #expect(LabCertificationCode.histocompatibilityTesting.group == nil)
        #expect(LabCertificationCode.hematology.group == nil)
    }
}
