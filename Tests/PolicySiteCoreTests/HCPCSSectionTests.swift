import PolicySiteCore
import Testing

/// A code's section is read from its first byte: every section letter, and nothing else.
@Suite struct HCPCSSectionTests {
    @Test func everySectionLetterGivesItsSection() {
        #expect(HCPCSSection.allCases.map { HCPCSSection(code: $0.letter + "1234") } == HCPCSSection.allCases)
    }

    @Test(arguments: ["D1234", "F1234", "I1234", "N1234", "O1234", "U1234", "W1234", "g9328", "99213", "0001U", "G932", "G93280", "", "Ä1234"])
    func othersHaveNoSection(code: String) {
        #expect(HCPCSSection(code: code) == nil)
    }

    @Test func procedureCodesAndModifiersFromNativeAndBridgedText() {
        let long = String(repeating: "G", count: 40)
        #expect(HCPCSIdentifier.isProcedureCode("G9328") && HCPCSIdentifier.isProcedureCode("0001U") && !HCPCSIdentifier.isProcedureCode(long))
        #expect(HCPCSIdentifier.isLevelIICode(bytes: Array("V2020".utf8)) && !HCPCSIdentifier.isLevelIICode(bytes: Array("W2020".utf8)))
        #expect(!HCPCSIdentifier.isModifier("2") && HCPCSIdentifier.isModifier(bytes: [UInt8(ascii: "G"), UInt8(ascii: "A")]))
    }
}
