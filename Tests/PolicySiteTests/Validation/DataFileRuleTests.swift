import Testing
@testable import PolicySite
import PolicySiteCore

/// `data-duplicate` and `data-reference`, which the loaders and the assembler emit.
@Suite struct DataFileRuleTests {
    @Test func duplicateCode() throws {
        let codes = FixtureSite.baseFiles["data/codes.yml"]! + "- code: \"G9329\"\n  longDescriptor: \"Again\"\n  shortDescriptor: \"Again\"\n"
        let lines = try Validation.check(["data/codes.yml": codes])
        #expect(lines == ["Content/data/codes.yml:15:3: error: code 'G9329' is defined twice (first at line 9) [data-duplicate]"])
    }

    @Test func duplicateModifierAndPayer() throws {
        let modifiers = FixtureSite.baseFiles["data/modifiers.yml"]! + "- code: \"TC\"\n  descriptor: \"Again\"\n"
        let payers = FixtureSite.baseFiles["data/payers.yml"]! + "- id: aetna\n  name: Aetna again\n"
        let lines = try Validation.check(["data/modifiers.yml": modifiers, "data/payers.yml": payers])
        #expect(lines == [
            "Content/data/modifiers.yml:7:3: error: modifier 'TC' is defined twice (first at line 4) [data-duplicate]",
            "Content/data/payers.yml:6:3: error: payer 'aetna' is defined twice (first at line 1) [data-duplicate]",
        ])
    }

    @Test func siteNamesAPayerThePayersFileDoesNotHave() throws {
        let site = "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare, humana]\n"
        let lines = try Validation.check(["site.yml": site])
        #expect(lines == ["Content/site.yml:3:1: error: payer 'humana' in site.yml is not in data/payers.yml [data-reference]"])
    }

    @Test func dataWithoutDuplicatesOrDanglingReferences() throws {
        #expect(try Validation.check([:]) == [])
    }
}
