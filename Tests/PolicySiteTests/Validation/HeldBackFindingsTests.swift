import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// A data file that did not load is reported once, first; what only follows from its absence
/// (unknown modifiers, codes, payers) is held back behind one note with the count.
@Suite struct HeldBackFindingsTests {
    /// The base modifiers with line 2 indented one space too little: not YAML.
    static let brokenModifiers = "- code: \"26\"\n descriptor: \"Professional component\"\n  level: I\n"

    @Test func aYAMLTypoInModifiersIsReportedOnceWithTheHeldBackCount() throws {
        // The base page names modifier 26 in its front matter and its prose; a policy names TC.
        let policy = "---\ntitle: A policy\n---\n\nBill modifier TC for the technical part.\n"
        let report = try FixtureSite(files: ["data/modifiers.yml": Self.brokenModifiers, "policies/p.md": policy]).check()
        #expect(report.lines == [
            "Content/data/modifiers.yml:2:2: error: invalid YAML: did not find expected '-' indicator [yaml-syntax]",
            "Content/data/modifiers.yml:2:2: note: 3 findings about modifiers held back until data/modifiers.yml loads [findings-held-back]",
        ])
        #expect(report.validation.errorCount == 1)
        #expect(report.validation.warningCount == 0)
    }

    @Test func theFindingsComeBackOnceTheFileLoads() throws {
        let policy = "---\ntitle: A policy\n---\n\nBill modifier TC for the technical part.\n"
        let site = try FixtureSite(files: ["data/modifiers.yml": Self.brokenModifiers, "policies/p.md": policy])
        try site.write("data/modifiers.yml", "- code: \"26\"\n  descriptor: \"Professional component\"\n  level: I\n")
        #expect(site.check().lines == ["Content/policies/p.md:5:15: error: modifier \"TC\" is not in the modifier data [modifier-unknown]"])
    }

    @Test func aMissingCodesFileIsOneErrorNotOneUnknownCodePerPage() throws {
        let site = try FixtureSite(files: ["codes/G9329.md": Validation.page()])
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("data/codes.yml"))
        #expect(site.check().lines == [
            "Content/data/codes.yml:1:1: error: data/codes.yml is missing; without a CMS release (codeSet or releases in site.yml) the site's codes come from it [data-missing]",
            "Content/data/codes.yml:1:1: note: 2 findings about codes held back until data/codes.yml loads [findings-held-back]",
        ])
    }

    @Test func theLoaderNamesEachMissingDataFileAndNoOther() throws {
        let site = try FixtureSite(files: ["data/payers.yml": "not: [a list"])
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("data/modifiers.yml"))
        let content = try #require(ContentLoader.load(root: site.content.path, displayRoot: "Content").0)
        #expect(content.missingData == [.modifiers: "Content/data/modifiers.yml"])
        #expect(content.unloadedData == [.payers: "Content/data/payers.yml"])
    }

    @Test func aPayersFileThatIsNotYAMLHoldsBackUnknownPayersAndSiteReferences() throws {
        let report = try FixtureSite(files: ["data/payers.yml": "- id: aetna\n  name: [Aetna\n"]).check()
        #expect(report.lines == [
            "Content/data/payers.yml:3:1: error: invalid YAML: did not find expected ',' or ']' [yaml-syntax]",
            "Content/data/payers.yml:3:1: note: 4 findings about payers held back until data/payers.yml loads [findings-held-back]",
        ])
    }

    @Test func unrelatedFindingsAreNotHeldBack() throws {
        let page = Validation.page(body: Validation.body(replacing: "Coding text.", with: "Coding text for G9999."))
        let report = try FixtureSite(files: ["data/modifiers.yml": Self.brokenModifiers, "codes/G9329.md": page]).check()
        #expect(report.lines == [
            "Content/codes/G9329.md:16:17: error: code G9999 is not in the code set (team data (2 codes)) [mention-unknown-code]",
            "Content/data/modifiers.yml:2:2: error: invalid YAML: did not find expected '-' indicator [yaml-syntax]",
            "Content/data/modifiers.yml:2:2: note: 2 findings about modifiers held back until data/modifiers.yml loads [findings-held-back]",
        ])
    }

    @Test func withAReleaseAMissingCodesFileIsExpectedAndUnknownCodesStay() throws {
        let release = sharedRoot.appendingPathComponent("hcpcs/HCPC2019_CONTR_ANWEB.txt").path
        let site = try FixtureSite(files: ["codes/G9999.md": Validation.page(code: "G9999")])
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("data/codes.yml"))
        let lines = SiteBuilder.build(site.request(codeSet: release), write: false).diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(lines == ["Content/codes/G9999.md:2:1: error: code G9999 is not in the code set (CMS HCPCS release HCPC2019_CONTR_ANWEB.txt) [code-unknown]"])
    }
}
