import Testing
@testable import PolicySite
import PolicySiteCore

/// The three output formats of `policysite check`.
@Suite struct FindingFormatterTests {
    static let outcome = ValidationOutcome(
        findings: [
            .error("modifier-unknown", "modifier \"ZZ\" is not in the modifier data", at: SourceLocation(file: "Content/codes/G9328.md", line: 14, column: 3)),
            .warning("review-overdue", "last reviewed 2017-01-01, more than 12 months before the as-of date 2019-01-01", at: SourceLocation(file: "Content/codes/G9329.md", line: 4, column: 1)),
        ],
        suppressed: [SuppressedFinding(
            finding: .warning("payer-missing", "no note for Cigna", at: SourceLocation(file: "Content/codes/G9330.md", line: 18, column: 1)),
            suppression: RuleSuppression(rule: "payer-missing", reason: "Cigna, 100%: no policy", location: SourceLocation(file: "Content/codes/G9330.md", line: 6, column: 5)))],
        rulesOff: ["raw-html"])

    @Test func text() {
        #expect(FindingFormatter.format(Self.outcome, as: .text) == """
        Content/codes/G9328.md:14:3: error: modifier "ZZ" is not in the modifier data [modifier-unknown]
        Content/codes/G9329.md:4:1: warning: last reviewed 2017-01-01, more than 12 months before the as-of date 2019-01-01 [review-overdue]
        Content/codes/G9330.md:18:1: suppressed: no note for Cigna [payer-missing]; reason: "Cigna, 100%: no policy" (Content/codes/G9330.md:6:5)
        1 error, 1 warning, 1 suppressed; rules off: raw-html

        """)
        #expect(FindingFormatter.format(ValidationOutcome(), as: .text) == "0 errors, 0 warnings\n")
    }

    @Test func json() {
        #expect(FindingFormatter.format(Self.outcome, as: .json) == """
        [
          {"file": "Content/codes/G9328.md", "line": 14, "column": 3, "severity": "error", "rule": "modifier-unknown", "message": "modifier \\"ZZ\\" is not in the modifier data", "suppressed": null},
          {"file": "Content/codes/G9329.md", "line": 4, "column": 1, "severity": "warning", "rule": "review-overdue", "message": "last reviewed 2017-01-01, more than 12 months before the as-of date 2019-01-01", "suppressed": null},
          {"file": "Content/codes/G9330.md", "line": 18, "column": 1, "severity": "warning", "rule": "payer-missing", "message": "no note for Cigna", "suppressed": {"reason": "Cigna, 100%: no policy", "file": "Content/codes/G9330.md", "line": 6, "column": 5}}
        ]

        """)
        #expect(FindingFormatter.format(ValidationOutcome(), as: .json) == "[]\n")
    }

    @Test func github() {
        #expect(FindingFormatter.format(Self.outcome, as: .github) == """
        ::error file=Content/codes/G9328.md,line=14,col=3,title=modifier-unknown::modifier "ZZ" is not in the modifier data
        ::warning file=Content/codes/G9329.md,line=4,col=1,title=review-overdue::last reviewed 2017-01-01, more than 12 months before the as-of date 2019-01-01
        ::notice file=Content/codes/G9330.md,line=18,col=1,title=payer-missing (suppressed)::no note for Cigna; reason: Cigna, 100%25: no policy
        1 error, 1 warning, 1 suppressed; rules off: raw-html

        """)
    }
}
