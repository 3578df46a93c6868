import Foundation
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

    /// JSONEncoder's layout: keys sorted, two spaces, `"key" : value`; every key present.
    @Test func json() {
        #expect(FindingFormatter.format(Self.outcome, as: .json) == """
        [
          {
            "column" : 3,
            "file" : "Content/codes/G9328.md",
            "line" : 14,
            "message" : "modifier \\"ZZ\\" is not in the modifier data",
            "rule" : "modifier-unknown",
            "severity" : "error",
            "suppressed" : null
          },
          {
            "column" : 1,
            "file" : "Content/codes/G9329.md",
            "line" : 4,
            "message" : "last reviewed 2017-01-01, more than 12 months before the as-of date 2019-01-01",
            "rule" : "review-overdue",
            "severity" : "warning",
            "suppressed" : null
          },
          {
            "column" : 1,
            "file" : "Content/codes/G9330.md",
            "line" : 18,
            "message" : "no note for Cigna",
            "rule" : "payer-missing",
            "severity" : "warning",
            "suppressed" : {
              "column" : 5,
              "file" : "Content/codes/G9330.md",
              "line" : 6,
              "reason" : "Cigna, 100%: no policy"
            }
          }
        ]

        """)
        #expect(FindingFormatter.format(ValidationOutcome(), as: .json) == "[\n\n]\n")
    }

    /// What a tool reads back: the same values, a control character and a slash included.
    @Test func jsonDecodesToTheFindings() throws {
        let outcome = ValidationOutcome(findings: [
            .error("raw-html", "tab\there, bell \u{7} and a/b \"quoted\"", at: SourceLocation(file: "Content/a b/é.md", line: 2, column: 9)),
        ])
        let text = FindingFormatter.format(outcome, as: .json)
        #expect(text.contains(#""message" : "tab\there, bell \u0007 and a/b \"quoted\"""#))
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(objects.count == 1)
        #expect(objects[0]["file"] as? String == "Content/a b/é.md")
        #expect(objects[0]["line"] as? Int == 2)
        #expect(objects[0]["column"] as? Int == 9)
        #expect(objects[0]["severity"] as? String == "error")
        #expect(objects[0]["rule"] as? String == "raw-html")
        #expect(objects[0]["message"] as? String == "tab\there, bell \u{7} and a/b \"quoted\"")
        #expect(objects[0]["suppressed"] is NSNull)
        #expect(Set(objects[0].keys) == ["file", "line", "column", "severity", "rule", "message", "suppressed"])
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
