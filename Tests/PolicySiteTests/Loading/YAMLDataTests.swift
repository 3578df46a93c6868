import Foundation
import Testing
@testable import PolicySite
@testable import PolicySiteCodeSets
import PolicySiteCore

/// Identifiers that look like numbers, duplicate keys and invalid YAML:
/// the data and front matter go through one YAML layer that keeps source text and positions.
@Suite struct YAMLDataTests {
    @Test func identifiersStayAsWritten() {
        let yaml = """
        - code: 00100
          longDescriptor: Anesthesia
          shortDescriptor: Anes
        - code: 0001U
          longDescriptor: PLA
          shortDescriptor: PLA
        - code: 99213
          longDescriptor: Office visit
          shortDescriptor: Office visit

        """
        let (codes, diagnostics) = DataFileLoader.codes(yaml: yaml, file: "Content/data/codes.yml")
        // Kept as written, with a warning for the other tools that read the same file.
        #expect(diagnostics.map(\.description) == [
            "Content/data/codes.yml:1:9: warning: code 00100 must be quoted (\"00100\"): YAML tools read 00100 as the number 64 [identifier-unquoted]",
            "Content/data/codes.yml:7:9: warning: code 99213 must be quoted (\"99213\"): YAML tools read 99213 as the number 99213 [identifier-unquoted]",
        ])
        #expect(codes.map(\.code) == ["00100", "0001U", "99213"])
        let set = CodeSet(releaseLabel: "t", codes: codes)
        // Sorted as bytes: "0001U" < "00100" because '0' (0x30) < '1' (0x31) at the third place.
        #expect(set.sortedCodes.map(\.code) == ["0001U", "00100", "99213"])
        let modifiers = DataFileLoader.modifiers(yaml: "- code: 26\n  descriptor: Professional component\n", file: "m.yml")
        #expect(modifiers.modifiers.map(\.code) == ["26"])
        #expect(modifiers.modifiers.first?.level == .levelI)
        #expect(modifiers.diagnostics.map(\.description) == [
            "m.yml:1:9: warning: modifier 26 must be quoted (\"26\"): YAML tools read 26 as the number 26 [identifier-unquoted]",
        ])
    }

    /// The shared data file of unquoted codes (`../shared/cases/C04`): each unquoted identifier that YAML tools read as a number is
    /// named with the number they read; `0001U` is text everywhere and gets no finding.
    @Test func unquotedIdentifiersOfTheSharedDataFile() throws {
        let path = sharedRoot.appendingPathComponent("cases/C04/Content/data/codes.yml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let (codes, diagnostics) = DataFileLoader.codes(yaml: text, file: "Content/data/codes.yml")
        #expect(diagnostics.filter { $0.rule == "identifier-unquoted" }.map(\.description) == [
            "Content/data/codes.yml:2:9: warning: code 00100 must be quoted (\"00100\"): YAML tools read 00100 as the number 64 [identifier-unquoted]",
            "Content/data/codes.yml:5:9: warning: code 0450 must be quoted (\"0450\"): YAML tools read 0450 as the number 296 [identifier-unquoted]",
            "Content/data/codes.yml:11:9: warning: code 1E10 must be quoted (\"1E10\"): YAML tools read 1E10 as the number 10000000000 [identifier-unquoted]",
        ])
        // The case's `system:` keys are not PolicySite's (yaml-unknown-key); the codes that are
        // codes load as written, and 0450 and 1E10 are no procedure codes (code-format).
        #expect(codes.map(\.code) == ["00100", "0001U"])
        #expect(diagnostics.contains { $0.rule == "code-format" && $0.message.contains("'0450'") })
    }

    /// Every way of writing an identifier: quoted, tagged and plain text give no finding; a
    /// plain number-like key of the keyed form, and values such as `10:30` and `yes`, do.
    @Test func unquotedIdentifierForms() {
        let keyed = """
        "G9328":
          longDescriptor: A
          shortDescriptor: A
        99213:
          longDescriptor: B
          shortDescriptor: B
        G9329:
          code: G9329
          longDescriptor: C
          shortDescriptor: C

        """
        let (codes, diagnostics) = DataFileLoader.codes(yaml: keyed, file: "codes.yml")
        #expect(codes.map(\.code) == ["G9328", "99213", "G9329"])
        #expect(diagnostics.map(\.description) == [
            "codes.yml:4:1: warning: code 99213 must be quoted (\"99213\"): YAML tools read 99213 as the number 99213 [identifier-unquoted]",
        ])

        let modifiers = """
        - code: "26"
          descriptor: Quoted
        - code: '59'
          descriptor: Single-quoted
        - code: !!str 25
          descriptor: Tagged
        - code: TC
          descriptor: Text
        - code: 10:30
          descriptor: Base 60
        - code: 'NO'
          descriptor: Quoted
        - code: ON
          descriptor: Boolean

        """
        let loaded = DataFileLoader.modifiers(yaml: modifiers, file: "modifiers.yml")
        #expect(loaded.modifiers.map(\.code) == ["26", "59", "25", "TC", "NO", "ON"])
        #expect(loaded.diagnostics.map(\.description) == [
            "modifiers.yml:9:9: warning: modifier 10:30 must be quoted (\"10:30\"): YAML tools read 10:30 as the base-60 number 630 [identifier-unquoted]",
            "modifiers.yml:9:3: error: modifier '10:30' is not two upper-case letters or digits [modifier-format]",
            "modifiers.yml:13:9: warning: modifier ON must be quoted (\"ON\"): YAML tools read ON as the boolean true [identifier-unquoted]",
        ])
    }

    @Test func codesThatAreNotCodesAreRejectedBeforeTheyBecomePaths() {
        let yaml = "- code: \"0450\"\n  longDescriptor: x\n  shortDescriptor: x\n- code: \"../../C23-ESCAPED-code\"\n  longDescriptor: x\n  shortDescriptor: x\n"
        let (codes, diagnostics) = DataFileLoader.codes(yaml: yaml, file: "Content/data/codes.yml")
        #expect(codes.isEmpty)
        #expect(diagnostics.map(\.description) == [
            "Content/data/codes.yml:1:3: error: code '0450' is not an HCPCS Level II code (a letter A-V and four digits) or a five-character Level I code [code-format]",
            "Content/data/codes.yml:4:3: error: code '../../C23-ESCAPED-code' is not an HCPCS Level II code (a letter A-V and four digits) or a five-character Level I code [code-format]",
        ])
    }

    @Test func duplicateKeysInDataAndFrontMatter() throws {
        let data = """
        # Mapping form: code -> attributes.
        G9328:
          shortDescriptor: "Description A (older)"
          longDescriptor: "A"
        G9329:
          shortDescriptor: "Description B"
          longDescriptor: "B"
        # duplicate follows
        G9328:
          shortDescriptor: "Description C (newer)"
          longDescriptor: "C"

        """
        let (codes, diagnostics) = DataFileLoader.codes(yaml: data, file: "Content/data/codes.yml")
        #expect(codes.isEmpty)
        #expect(diagnostics.map(\.description) == ["Content/data/codes.yml:9:1: error: duplicate key 'G9328' (first defined at line 2) [yaml-duplicate-key]"])

        let site = try FixtureSite(files: ["policies/p.md": "---\ntitle: \"Modifier 26\"\ndescription: x\ntitle: \"Modifier TC\"\n---\nBody\n"])
        #expect(site.build().lines == ["Content/policies/p.md:4:1: error: duplicate key 'title' (first defined at line 2) [yaml-duplicate-key]"])
    }

    @Test func duplicateRecordsInAListAreFindings() {
        let yaml = "- id: aetna\n  name: Aetna\n- id: aetna\n  name: Aetna again\n"
        let (payers, diagnostics) = DataFileLoader.payers(yaml: yaml, file: "Content/data/payers.yml")
        #expect(payers.map(\.name) == ["Aetna"])
        #expect(diagnostics.map(\.description) == ["Content/data/payers.yml:3:3: error: payer 'aetna' is defined twice (first at line 1) [data-duplicate]"])
    }

    @Test func invalidYAMLFailsLoudlyWithPosition() throws {
        let site = try FixtureSite(files: [
            "payers/bad-quote.md": "---\ntitle: 'Payer's prior auth policy'\n---\nBody\n",
            "payers/tabs.md": "---\ntitle: Tabs\npayers:\n\t- aetna\n---\nBody\n",
        ])
        let report = site.build()
        #expect(report.lines == [
            "Content/payers/bad-quote.md:2:15: error: invalid YAML: did not find expected key [yaml-syntax]",
            "Content/payers/tabs.md:4:1: error: tab character used for indentation [yaml-syntax]",
        ])
        #expect(!report.wroteSite)
    }

    @Test func wrongTypesUnknownAndMissingKeys() throws {
        let site = try FixtureSite(files: [
            "codes/G9329.md": "---\ncode: G9329\ntitel: Typo\nlastReviewed: 2018-02-30\nmodifiers: 26\n---\n## Overview\n",
        ])
        #expect(site.build().lines == [
            "Content/codes/G9329.md:2:1: error: front matter is missing the required key 'title' [yaml-missing-key]",
            "Content/codes/G9329.md:3:1: error: unknown key 'titel' in front matter (known keys: code, descriptor, historical, lastReviewed, modifiers, owner, serviceType, sitesOfService, suppress, title) [yaml-unknown-key]",
            "Content/codes/G9329.md:4:15: error: 'lastReviewed' in front matter is not a date (YYYY-MM-DD): '2018-02-30' [date-invalid]",
            "Content/codes/G9329.md:5:12: error: 'modifiers' in front matter must be a list [yaml-type]",
        ])
    }
}

@Suite struct SiteConfigurationTests {
    @Test func aPayerListedTwiceIsReportedWhereItIsListed() throws {
        let site = try FixtureSite(files: ["site.yml": "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare, aetna]\n"])
        #expect(site.check().lines == ["Content/site.yml:3:9: error: payer 'aetna' is listed twice in payers [site-config]"])
    }
}
