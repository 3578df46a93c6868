import Testing
@testable import PolicySite
import PolicySiteCore

/// Booleans are `true` or `false`, written unquoted, and nothing else; free text written
/// unquoted that YAML 1.1 tools read as a boolean or null gets the `identifier-unquoted`
/// warning that codes and modifiers get.
@Suite struct BooleanAndTextTests {
    /// `historical: yes` and the rest were accepted once (`rawHTML: yes` turned raw HTML on).
    @Test func onlyUnquotedTrueAndFalseAreBooleans() throws {
        let cases: [(String, String)] = [
            ("yes", "yes"), ("\"Yes\"", "\"Yes\""), ("'yes'", "'yes'"), ("\"true\"", "\"true\""),
            ("banana", "banana"), ("on", "on"), ("True", "True"),
        ]
        for (written, shown) in cases {
            let page = Validation.page(extra: "historical: \(written)\n")
            #expect(try Validation.check(["codes/G9329.md": page]) == [
                "Content/codes/G9329.md:5:13: error: 'historical' in front matter must be true or false (unquoted), not \(shown) [yaml-type]",
            ])
        }
        #expect(try Validation.check(["codes/G9329.md": Validation.page(extra: "historical: false\n")]) == [])
        let site = "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare]\nrawHTML: yes\n"
        #expect(try Validation.check(["site.yml": site]) == [
            "Content/site.yml:4:10: error: 'rawHTML' in site.yml must be true or false (unquoted), not yes [yaml-type]",
        ])
        let listed = "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare]\nrawHTML: [true]\n"
        #expect(try Validation.check(["site.yml": listed]) == [
            "Content/site.yml:4:10: error: 'rawHTML' in site.yml must be true or false, not a list [yaml-type]",
        ])
    }

    @Test func unquotedYAML11ScalarsInTextFieldsAreWarned() throws {
        let payers = "- id: aetna\n  name: Aetna\n  aliases: [NO, \"off\", Aetna Inc]\n- id: medicare\n  name: Medicare\n- id: n\n  name: y\n"
        let site = "title: Off\nasOf: 2019-01-01\npayers: [aetna, medicare]\n"
        let page = "---\ncode: G9329\ntitle: 'no'\nlastReviewed: 2018-11-15\nowner: off\n---\n" + Validation.standardBody
        let found = try Validation.check(["data/payers.yml": payers, "site.yml": site, "codes/G9329.md": page, "policies/q.md": "---\ntitle: On\ndescription: n\n---\n\nText.\n"])
        #expect(found == [
            "Content/codes/G9329.md:5:8: warning: owner off must be quoted (\"off\"): YAML tools read off as the boolean false [identifier-unquoted]",
            "Content/data/payers.yml:3:13: warning: aliases NO must be quoted (\"NO\"): YAML tools read NO as the boolean false [identifier-unquoted]",
            "Content/data/payers.yml:6:7: warning: payer n must be quoted (\"n\"): YAML tools read n as the boolean false [identifier-unquoted]",
            "Content/data/payers.yml:7:9: warning: name y must be quoted (\"y\"): YAML tools read y as the boolean true [identifier-unquoted]",
            "Content/policies/q.md:2:8: warning: title On must be quoted (\"On\"): YAML tools read On as the boolean true [identifier-unquoted]",
            "Content/policies/q.md:3:14: warning: description n must be quoted (\"n\"): YAML tools read n as the boolean false [identifier-unquoted]",
            "Content/site.yml:1:8: warning: title Off must be quoted (\"Off\"): YAML tools read Off as the boolean false [identifier-unquoted]",
        ])
    }
}
