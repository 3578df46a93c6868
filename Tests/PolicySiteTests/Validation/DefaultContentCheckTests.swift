import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// The repository's default `Content/` checks clean, with its own data and with the CMS 2019
/// release; a copy with one mistake of each kind gives exactly one finding per mistake.
@Suite struct DefaultContentCheckTests {
    static let release2019 = sharedRoot.appendingPathComponent("hcpcs/HCPC2019_CONTR_ANWEB.txt")
    @Test func defaultContentChecksCleanWithItsOwnData() throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        let report = site.check()
        #expect(report.lines == [])
        #expect(report.validation.suppressed.isEmpty)
    }

    @Test func defaultContentChecksCleanWithThe2019Release() throws {
        guard FileManager.default.fileExists(atPath: Self.release2019.path) else {
            Issue.record("the CMS 2019 release is missing: expected \(Self.release2019.path) (../shared/hcpcs beside the repository)")
            return
        }
        let site = try FixtureSite(copyingRepositoryContent: ())
        let report = SiteBuilder.build(site.request(codeSet: Self.release2019.path), write: false)
        // V5289's processing note 0000 names no note: no finding about CMS's notes text.
        #expect(report.lines == [])
    }

    /// A full guidance page for the default site's five payers; front matter lines 2-4, `extra`
    /// after line 4. Headings: Overview 6, Clinical context 10, Coding specifications 14,
    /// Payer notes 18, Aetna 20, Blue Cross Blue Shield 24, Cigna 28, UnitedHealthcare 32, Medicare 36.
    static func page(_ code: String, reviewed: String = "2018-11-15", extra: String = "", edit: (String) -> String = { $0 }) -> String {
        let payers = ["Aetna", "Blue Cross Blue Shield", "Cigna", "UnitedHealthcare", "Medicare"]
        let notes = payers.map { "### \($0)\n\nNo data available.\n" }.joined(separator: "\n")
        let body = "## Overview\n\nOverview text.\n\n## Clinical context\n\nContext text.\n\n## Coding specifications\n\nCoding text.\n\n## Payer notes\n\n" + notes
        return "---\ncode: \(code)\ntitle: Guidance for \(code)\nlastReviewed: \(reviewed)\n\(extra)---\n" + edit(body)
    }

    static func edit(_ site: FixtureSite, _ path: String, _ replacements: [(String, String)]) throws {
        var text = try String(contentsOf: site.content.appendingPathComponent(path), encoding: .utf8)
        for (old, new) in replacements {
            #expect(text.contains(old), "\(path) has no \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try site.write(path, text)
    }

    @Test func oneMistakeOfEachKindGivesOneFindingEach() throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        // Site and data files.
        try Self.edit(site, "site.yml", [
            ("payers: [aetna, bcbs, cigna, uhc, medicare]", "payers: [aetna, bcbs, cigna, uhc, medicare, humana]"),
            ("reviewIntervalMonths: 12\n", "reviewIntervalMonths: 12\nrules:\n  review-overdu: warning\n"),
        ])
        try Self.edit(site, "data/codes.yml", [("  betos: M5B\n- code: \"G9329\"", "  betos: M5B\n- code: \"G9331\"\n  longDescriptor: \"Pending\"\n  shortDescriptor: \"Pending\"\n  added: 2019-07-01\n- code: \"G9329\"")])
        try Self.edit(site, "data/modifiers.yml", [("  added: 2015-01-01\n", "  added: 2015-01-01\n- code: \"GX\"\n  descriptor: \"Terminated modifier\"\n  level: II\n  terminated: 2017-12-31\n- code: \"XU\"\n  descriptor: \"Again\"\n- code: 25\n  descriptor: \"Significant, separately identifiable E/M service\"\n  level: I\n")])
        try Self.edit(site, "data/payers.yml", [("- id: cigna\n  name: Cigna\n", "- id: cigna\n  name: Cigna\n  portalURL: \"javascript:alert(1)\"\n")])
        // The G9328 guidance page.
        try Self.edit(site, "codes/G9328.md", [
            ("  Dicom format image", "  Dicom formatted image"),
            ("code: \"26\"", "code: \"ZZ\""),
            ("case see G9329.", "case see G9329 or G9999."),
            ("### Blue Cross Blue Shield", "### BCBS"),
            ("### Cigna\n\nNo data available.\n\n", ""),
            ("### UnitedHealthcare\n\nNo data available.\n", "### UnitedHealthcare\n\nNo data available. UnitedHealthcare pays for it.\n\n### Humana\n\nNo data available.\n"),
            ("imaging-documentation.md).\n", "imaging-documentation.md).\n\nSee [modifier TC](../modifiers/TC).\n"),
        ])
        try Self.edit(site, "policies/imaging-documentation.md", [
            ("See the [G9328 guidance](../codes/G9328.md#coding-specifications).\n",
             "See the [G9328 guidance](../codes/G9328.md#coding-specifications).\n\nG9320 is terminated.\n\nAppend modifier GX.\n\n| a | b |\n|---|\n\nText <sup>1</sup>.\n"),
        ])
        // More guidance pages, each with its own mistakes.
        try site.write("codes/G9330.md", "---\ncode: G9330\ntitle: Unknown code\n---\n")
        try site.write("codes/G93.md", "---\ncode: G93\ntitle: Bad code\n---\n")
        try site.write("codes/g9328.md", try String(contentsOf: site.content.appendingPathComponent("codes/G9328.md"), encoding: .utf8))
        try site.write("codes/G9321-draft.md", Self.page("G9321", reviewed: "2019-02-01") { $0.replacingOccurrences(of: "### Aetna\n\nNo data available.", with: "### Aetna\n\nAetna pays for G9321.") })
        try site.write("codes/G9320.md", Self.page("G9320", reviewed: "2017-06-01") { $0.replacingOccurrences(of: "## Clinical context\n\nContext text.\n\n", with: "") })
        try site.write("codes/G9322.md", Self.page("G9322") {
            $0.replacingOccurrences(of: "Overview text.", with: "").replacingOccurrences(of: "### Cigna\n\nNo data available.\n", with: "### Cigna\n")
        })
        try site.write("codes/G9323.md", Self.page("G9323", extra: "historical: true\n") {
            $0.replacingOccurrences(of: "## Overview\n\nOverview text.\n\n## Clinical context\n\nContext text.", with: "## Clinical context\n\nContext text.\n\n## Overview\n\nOverview text.")
        })
        try site.write("codes/G9326.md", Self.page("G9326") { $0 + "\n### Aetna\n\nNo data available.\n\n## Overview\n\nMore.\n" })
        try site.write("codes/G9327.md", Self.page("G9327", extra: "historical: true\n"))
        try site.write("codes/G9331.md", Self.page("G9331") { $0 + "\n## Billing tips\n\nTips.\n" })

        let report = site.check()
        #expect(report.lines == [
            "Content/codes/G93.md:2:1: error: code 'G93' is not an HCPCS Level II code (a letter A-V and four digits) or a five-character Level I code [code-format]",
            "Content/codes/G9320.md:2:1: error: code G9320 is terminated: its last day of service was 2015-12-31, before the as-of date 2019-01-01; mark the page 'historical: true' or remove it [code-terminated]",
            "Content/codes/G9320.md:4:1: warning: last reviewed 2017-06-01, more than 12 months before the as-of date 2019-01-01; review the page and update lastReviewed [review-overdue]",
            "Content/codes/G9320.md:10:1: warning: guidance section \"Clinical context\" is missing (it belongs before \"Coding specifications\") [section-missing]",
            "Content/codes/G9321-draft.md:2:1: error: file name 'G9321-draft.md' does not match the code 'G9321' in its front matter; rename the file to G9321.md [filename-mismatch]",
            "Content/codes/G9321-draft.md:4:1: error: lastReviewed 2019-02-01 is after the as-of date 2019-01-01 [date-invalid]",
            "Content/codes/G9321-draft.md:20:1: warning: note for Aetna cites no source; add a link or a policy reference (\"Source: ...\") [payer-source-missing]",
            "Content/codes/G9322.md:6:1: warning: section \"Overview\" has no text [section-empty]",
            "Content/codes/G9322.md:28:1: error: note for Cigna is empty: the heading has nothing under it; write the note, or \"No data available.\" [payer-note-empty]",
            "Content/codes/G9323.md:11:1: warning: section \"Overview\" comes after \"Clinical context\"; the order is Overview, Clinical context, Coding specifications, Payer notes [section-order]",
            "Content/codes/G9326.md:40:1: error: second note for Aetna (the first is at line 20); only the first is published [payer-duplicate]",
            "Content/codes/G9326.md:44:1: error: second \"Overview\" section (the first is at line 6); only the first is shown [section-duplicate]",
            "Content/codes/G9327.md:5:1: error: page is marked 'historical: true' but code G9327 is not terminated on the as-of date; remove the flag [historical-not-terminated]",
            "Content/codes/G9328.md:4:1: error: descriptor differs from the official long descriptor of G9328 from \"formatted\" (word 2); official: \"Dicom format image data availability not documented in final report due to medical reasons (eg, ct studies performed for radiation treatment planning or image-guided radiation treatment delivery)\" [descriptor-mismatch]",
            "Content/codes/G9328.md:13:5: error: modifier \"ZZ\" is not in the modifier data [modifier-unknown]",
            "Content/codes/G9328.md:30:91: error: code G9999 is not in the code set (team data (11 codes)) [mention-unknown-code]",
            "Content/codes/G9328.md:60:1: warning: no note for Cigna; add \"### Cigna\" with the note, or with \"No data available.\" [payer-missing]",
            "Content/codes/G9328.md:66:1: warning: payer note \"BCBS\" uses an alias; write the payer's name: \"### Blue Cross Blue Shield\" [payer-alias]",
            "Content/codes/G9328.md:70:1: error: note for UnitedHealthcare says no data is available and then says more; keep one or the other [payer-no-data-conflict]",
            "Content/codes/G9328.md:74:1: error: payer \"Humana\" is not in payers.yml [payer-unknown]",
            "Content/codes/G9328.md:85:5: error: link target '../modifiers/TC' resolves to /codes/modifiers/TC, which does not exist [link-broken]",
            "Content/codes/G9330.md:2:1: error: code G9330 is not in the code set (team data (11 codes)) [code-unknown]",
            "Content/codes/G9331.md:2:1: warning: code G9331 takes effect on 2019-07-01, after the as-of date 2019-01-01 [code-not-yet-effective]",
            "Content/codes/G9331.md:40:1: warning: section \"Billing tips\" is not one of the guidance sections (Overview, Clinical context, Coding specifications, Payer notes); it is shown after the payer notes [section-unknown]",
            "Content/codes/g9328.md:2:1: error: second guidance page for code G9328 (the first is Content/codes/G9328.md; the file names differ only in case) [page-duplicate]",
            "Content/data/modifiers.yml:42:3: error: modifier 'XU' is defined twice (first at line 33) [data-duplicate]",
            "Content/data/modifiers.yml:44:9: warning: modifier 25 must be quoted (\"25\"): YAML tools read 25 as the number 25 [identifier-unquoted]",
            "Content/data/payers.yml:10:14: error: portalURL: disallowed scheme 'javascript' [url-scheme]",
            "Content/policies/imaging-documentation.md:26:1: warning: code G9320 is terminated: its last day of service was 2015-12-31, before the as-of date 2019-01-01 [mention-terminated-code]",
            "Content/policies/imaging-documentation.md:28:17: error: modifier \"GX\" is terminated: its last day of service was 2017-12-31, before the as-of date 2019-01-01 [modifier-terminated]",
            "Content/policies/imaging-documentation.md:30:1: warning: table header has 2 cells but its delimiter row has 1; it renders as text: give both rows the same number of cells [pipe-table]",
            "Content/policies/imaging-documentation.md:33:6: warning: raw HTML <sup> omitted by Markdown safe mode [raw-html]",
            "Content/site.yml:6:1: error: payer 'humana' in site.yml is not in data/payers.yml [data-reference]",
            "Content/site.yml:11:3: error: 'review-overdu' is not a rule id; did you mean 'review-overdue'? [rule-unknown]",
        ])
        // Every rule of the catalogue but the suppression rules is exercised above once;
        // guidance-stale needs several releases and is tested in ReleaseHistorySiteTests;
        // code-not-in-release needs a CMS release (this check runs on the team data alone) and
        // is tested against the 2019 release in ReleaseDataCheckTests; placeholder, on the
        // scaffolds of `policysite new`, in ScaffoldTests; the release reader's rules on
        // release files, in the reader's tests and ReleaseAcknowledgementTests; hidden-character
        // and code-list-marker in HiddenCharacterTests and CodeListMarkerTests; id-duplicate
        // needs raw HTML (`rawHTML: true`, which this site leaves off) and is in RawHTMLIDTests.
        let exercised = Set(report.diagnostics.map(\.rule))
        let untested = Set(RuleCatalog.all.map(\.id).filter { !$0.hasPrefix("release-") }).subtracting(exercised)
            .subtracting(["suppression-unused", "suppression-invalid", "url-scheme", "guidance-stale", "code-not-in-release", "placeholder", "hidden-character", "code-list-marker", "id-duplicate"])
        #expect(untested == [])
    }
}
