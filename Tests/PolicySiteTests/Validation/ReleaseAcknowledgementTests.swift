import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// CMS's release files have defects the team cannot correct (the 2018 file shifts five ASC
/// fields by two columns: ten warnings): `site.yml` sets the severity of `release-*` rules
/// like any other, and `acknowledged:` accepts one finding with a written reason, listed by
/// `check` and on the checks page.
@Suite struct ReleaseAcknowledgementTests {
    static let release2018 = sharedRoot.appendingPathComponent("hcpcs/HCPC2018_CONTR_ANWEB_disc.txt").path

    /// `check` of the base site over the 2018 release, with `extra` appended to site.yml.
    static func check(_ extra: String) throws -> (BuildReport, FixtureSite) {
        let site = try FixtureSite(files: ["site.yml": "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare]\ncodeSet: \(release2018)\n" + extra])
        return (SiteBuilder.build(site.request(), write: false), site)
    }

    static func releaseLines(_ report: BuildReport) -> [String] {
        report.validation.findings.filter { $0.rule.hasPrefix("release-") }.map { $0.description.replacingOccurrences(of: release2018, with: "HCPC2018") }
    }

    @Test func theTenFindingsOfThe2018FileAreWarnings() throws {
        let (report, _) = try Self.check("")
        #expect(Self.releaseLines(report).count == 10)
        #expect(report.validation.findings.filter { $0.rule.hasPrefix("release-") }.allSatisfy { $0.severity == .warning })
        #expect(Self.releaseLines(report).prefix(2) == [
            "HCPC2018:1884:231: warning: unknown ASC payment group \"20\" of C9488 [release-unknown-value]",
            "HCPC2018:1884:233: warning: ASC payment group effective date \"170401\" of C9488 is not a date (YYYYMMDD); left blank [release-date-invalid]",
        ])
    }

    @Test func siteYmlSetsTheSeverityOfReleaseRules() throws {
        let (report, _) = try Self.check("rules: { release-unknown-value: off, release-date-invalid: error }\n")
        #expect(report.validation.rulesOff == ["release-unknown-value"])
        #expect(Self.releaseLines(report) == [
            "HCPC2018:1884:233: error: ASC payment group effective date \"170401\" of C9488 is not a date (YYYYMMDD); left blank [release-date-invalid]",
            "HCPC2018:1955:233: error: ASC payment group effective date \"170701\" of C9745 is not a date (YYYYMMDD); left blank [release-date-invalid]",
            "HCPC2018:1956:233: error: ASC payment group effective date \"170701\" of C9746 is not a date (YYYYMMDD); left blank [release-date-invalid]",
            "HCPC2018:1958:233: error: ASC payment group effective date \"170701\" of C9747 is not a date (YYYYMMDD); left blank [release-date-invalid]",
            "HCPC2018:1960:233: error: ASC payment group effective date \"180101\" of C9748 is not a date (YYYYMMDD); left blank [release-date-invalid]",
        ])
    }

    static let acknowledged = """
    rules: { release-unknown-value: off }
    acknowledged:
      - rule: release-date-invalid
        file: HCPC2018_CONTR_ANWEB_disc.txt
        code: C9488
        reason: "CMS shifted the ASC fields two columns; the date is not shown."
      - rule: release-date-invalid
        file: HCPC2018_CONTR_ANWEB_disc.txt
        line: 1955
        reason: "Same shift (C9745)."
      - rule: release-date-invalid
        file: HCPC2019_CONTR_ANWEB.txt
        code: C9746
        reason: "Names the wrong release."

    """

    @Test func anAcknowledgedFindingIsListedWithItsReasonAndAnUnusedOneIsAWarning() throws {
        let (report, _) = try Self.check(Self.acknowledged)
        #expect(report.validation.acknowledged.map { "\($0.finding.location.line) \($0.finding.rule) \($0.acknowledgement.reason)" } == [
            "1884 release-date-invalid CMS shifted the ASC fields two columns; the date is not shown.",
            "1955 release-date-invalid Same shift (C9745).",
        ])
        #expect(Self.releaseLines(report).count == 3)
        #expect(report.validation.findings.filter { $0.rule == "suppression-unused" }.map(\.description) == [
            "Content/site.yml:15:5: warning: acknowledgement of rule 'release-date-invalid' for C9746 of HCPC2019_CONTR_ANWEB.txt matches no finding; remove it [suppression-unused]",
        ])
        let text = FindingFormatter.format(report.validation, as: .text).replacingOccurrences(of: Self.release2018, with: "HCPC2018")
        #expect(text.contains("HCPC2018:1884:233: acknowledged: ASC payment group effective date \"170401\" of C9488 is not a date (YYYYMMDD); left blank [release-date-invalid]; reason: \"CMS shifted the ASC fields two columns; the date is not shown.\" (Content/site.yml:7:5)\n"))
        #expect(text.hasSuffix("0 errors, 7 warnings, 2 acknowledged; rules off: release-unknown-value\n"))
    }

    @Test func acknowledgingEveryFindingLetsCheckStrictPass() throws {
        var entries = "acknowledged:\n"
        for (line, code) in [(1884, "C9488"), (1955, "C9745"), (1956, "C9746"), (1958, "C9747"), (1960, "C9748")] {
            for rule in ["release-unknown-value", "release-date-invalid"] {
                entries += "  - { rule: \(rule), file: HCPC2018_CONTR_ANWEB_disc.txt, \(line % 2 == 0 ? "line: \(line)" : "code: \(code)"), reason: \"CMS shifted the ASC fields\" }\n"
            }
        }
        let (report, _) = try Self.check(entries)
        // The base data's own descriptors differ from 2018's: the team's findings, not CMS's.
        #expect(report.validation.findings.filter { $0.rule != "data-release-mismatch" } == [])
        #expect(report.validation.acknowledged.count == 10)
    }

    @Test func theChecksPageListsAcknowledgedDefects() throws {
        // A small release, written from the 2018 file's own lines at build time: C9745 (the
        // defect), the base site's codes G9328 and G9329, and modifier TC; it builds in seconds.
        let lines = try String(contentsOfFile: Self.release2018, encoding: .isoLatin1).split(separator: "\r\n", omittingEmptySubsequences: false)
        let kept = [1955] + Array(5198...5203) + Array(415...418)
        let release = kept.map { String(lines[$0 - 1]) + "\r\n" }.joined()
        let site = try FixtureSite(files: [
            "site.yml": "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare]\ncodeSet: releases/HCPC2018_CONTR_ANWEB_disc.txt\n"
                + "acknowledged:\n  - { rule: release-date-invalid, file: HCPC2018_CONTR_ANWEB_disc.txt, code: C9745, reason: \"CMS shifted the ASC fields (C9745).\" }\n"
                + "  - { rule: release-unknown-value, file: HCPC2018_CONTR_ANWEB_disc.txt, line: 1, reason: \"Same shift.\" }\n",
        ], bytes: ["releases/HCPC2018_CONTR_ANWEB_disc.txt": Array(release.utf8)])
        let report = site.build()
        #expect(report.wroteSite)
        #expect(report.validation.acknowledged.count == 2)
        let page = try site.page("checks/index.html")
        #expect(page.contains("<h2 id=\"acknowledged\">Acknowledged defects of CMS release files</h2>"))
        #expect(page.contains("<tr><td><code>Content/releases/HCPC2018_CONTR_ANWEB_disc.txt:1:233</code></td><td><code>release-date-invalid</code></td><td>ASC payment group effective date &quot;170701&quot; of C9745 is not a date (YYYYMMDD); left blank</td><td>CMS shifted the ASC fields (C9745).</td></tr>"))
    }

    @Test func malformedOrMisdirectedEntriesAreErrors() throws {
        let entries = """
        acknowledged:
          - { rule: release-date-invalid, file: HCPC2018_CONTR_ANWEB_disc.txt, reason: "no code" }
          - { rule: release-date-invalid, file: HCPC2018_CONTR_ANWEB_disc.txt, code: C9488, line: 1884, reason: "both" }
          - { rule: release-date-invalid, file: HCPC2018_CONTR_ANWEB_disc.txt, code: C9488, reason: " " }

        """
        let (report, _) = try Self.check(entries)
        #expect(report.lines == [
            "Content/site.yml:6:7: error: acknowledged entry needs a 'code' or a 'line' of the release file: it accepts one finding, not all of a rule [site-config]",
            "Content/site.yml:7:85: error: acknowledged entry gives both 'code' and 'line'; give one [site-config]",
            "Content/site.yml:8:93: error: acknowledged entry needs a written reason [site-config]",
        ])
        let (misdirected, _) = try Self.check("acknowledged:\n  - { rule: review-overdue, file: x.txt, line: 3, reason: \"r\" }\n  - { rule: release-empty, file: x.txt, line: 1, reason: \"r\" }\n")
        #expect(misdirected.validation.findings.filter { $0.rule == "suppression-invalid" }.map(\.description) == [
            "Content/site.yml:6:7: error: rule 'review-overdue' is not about a CMS release file; acknowledged entries are for release-* findings (a page suppresses its own findings with suppress:) [suppression-invalid]",
            "Content/site.yml:7:7: error: rule 'release-empty' cannot be acknowledged: its findings mean the release was not read [suppression-invalid]",
        ])
    }
}
