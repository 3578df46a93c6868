import Testing
@testable import PolicySite
import PolicySiteCore

/// `site.yml` severities (`rules:`), page suppressions (`suppress:`), and the findings about
/// them: `rule-unknown`, `suppression-invalid`, `suppression-unused`.
@Suite struct RulePolicyTests {
    static let overdue = Validation.page().replacingOccurrences(of: "lastReviewed: 2018-11-15", with: "lastReviewed: 2017-01-01")
    static func site(_ rules: String) -> String { "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare]\nrules:\n\(rules)" }

    @Test func siteRaisesAWarningToAnError() throws {
        let report = try FixtureSite(files: ["site.yml": Self.site("  review-overdue: error\n"), "codes/G9329.md": Self.overdue]).check()
        #expect(report.lines == ["Content/codes/G9329.md:4:1: error: last reviewed 2017-01-01, more than 12 months before the as-of date 2019-01-01; review the page and update lastReviewed [review-overdue]"])
    }

    @Test func siteTurnsARuleOff() throws {
        let report = try FixtureSite(files: ["site.yml": Self.site("  review-overdue: off\n"), "codes/G9329.md": Self.overdue]).check()
        #expect(report.lines == [])
        #expect(report.validation.rulesOff == ["review-overdue"])
    }

    @Test func unknownAndUntunableRules() throws {
        let report = try FixtureSite(files: ["site.yml": Self.site("  review-overdeu: off\n  code-unknown: warning\n")]).check()
        #expect(report.lines == [
            "Content/site.yml:5:3: error: 'review-overdeu' is not a rule id; did you mean 'review-overdue'? [rule-unknown]",
            "Content/site.yml:6:3: error: rule 'code-unknown' cannot be tuned: its findings mean content was dropped or unsafe [rule-unknown]",
        ])
    }

    @Test func pageSuppressesARuleWithAReason() throws {
        let page = Self.overdue.replacingOccurrences(of: "---\n## Overview", with: "suppress:\n  - rule: review-overdue\n    reason: Reviewed with the payer in 2018; minutes filed.\n---\n## Overview")
        let report = try FixtureSite(files: ["codes/G9329.md": page]).check()
        #expect(report.lines == [])
        #expect(report.validation.suppressed == [SuppressedFinding(
            finding: .warning("review-overdue", "last reviewed 2017-01-01, more than 12 months before the as-of date 2019-01-01; review the page and update lastReviewed", at: SourceLocation(file: "Content/codes/G9329.md", line: 4, column: 1)),
            suppression: RuleSuppression(rule: "review-overdue", reason: "Reviewed with the payer in 2018; minutes filed.", location: SourceLocation(file: "Content/codes/G9329.md", line: 6, column: 5)))])
    }

    @Test func suppressionOnlyCoversItsOwnPage() throws {
        let suppressing = Validation.page(code: "G9328", extra: "historical: true\nsuppress:\n  - rule: review-overdue\n    reason: Not this page's finding.\n")
        let report = try FixtureSite(files: ["codes/G9328.md": suppressing, "codes/G9329.md": Self.overdue]).check()
        #expect(report.lines == [
            "Content/codes/G9328.md:7:5: warning: suppression of rule 'review-overdue' matches no finding on this page; remove it [suppression-unused]",
            "Content/codes/G9329.md:4:1: warning: last reviewed 2017-01-01, more than 12 months before the as-of date 2019-01-01; review the page and update lastReviewed [review-overdue]",
        ])
    }

    @Test func invalidSuppressions() throws {
        let extra = "suppress:\n  - rule: code-unknown\n    reason: Trust me.\n  - rule: review-overdue\n    reason: \"  \"\n  - rule: no-such-rule\n    reason: Typo.\n"
        let report = try FixtureSite(files: ["codes/G9329.md": Validation.page(extra: extra)]).check()
        #expect(report.lines == [
            "Content/codes/G9329.md:6:5: error: rule 'code-unknown' cannot be suppressed: its findings mean content was dropped or unsafe [suppression-invalid]",
            "Content/codes/G9329.md:8:5: error: suppression of rule 'review-overdue' needs a written reason [suppression-invalid]",
            "Content/codes/G9329.md:10:5: error: 'no-such-rule' is not a rule id [suppression-invalid]",
        ])
    }

    @Test func everyRuleIdIsUniqueAndKebabCase() {
        let ids = RuleCatalog.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "-" } })
    }
}
