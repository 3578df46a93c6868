import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// `policysite new`: the exact files it writes, what it refuses, and the `placeholder` rule
/// that keeps a scaffold from publishing quietly.
@Suite struct ScaffoldTests {
    @Test func newCodeWritesTheGuidanceSkeletonWithTheSitesData() throws {
        let site = try FixtureSite()
        let outcome = Scaffold.newGuidancePage(code: "g9329", request: site.request())
        #expect(outcome == Scaffold.Outcome(written: "Content/codes/G9329.md", diagnostics: []))
        #expect(try String(contentsOf: site.content.appendingPathComponent("codes/G9329.md"), encoding: .utf8) == """
            ---
            code: G9329
            title: Dicom format image data available to non-affiliated external healthcare facilities
            descriptor: >-
              Dicom format image data available to non-affiliated external healthcare facilities
            lastReviewed: 2019-01-01
            owner: "Placeholder: the team that owns this page"
            ---

            ## Overview

            Placeholder: what G9329 reports and when it is used, in plain words.

            ## Clinical context

            Placeholder: the clinical setting: who performs the service, where, and why.

            ## Coding specifications

            Placeholder: how to report G9329: units, modifiers, the documentation it needs, and what not to report with it.

            ## Payer notes

            ### Aetna

            No data available.

            ### Medicare

            No data available.

            """)
        // The scaffold is a valid page whose only findings are its placeholders.
        let report = site.check()
        #expect(report.lines.filter { $0.hasPrefix("Content/codes/G9329.md") } == [
            "Content/codes/G9329.md:7:9: warning: text left by `policysite new` to fill in; replace it with the page's own text [placeholder]",
            "Content/codes/G9329.md:12:1: warning: text left by `policysite new` to fill in; replace it with the page's own text [placeholder]",
            "Content/codes/G9329.md:16:1: warning: text left by `policysite new` to fill in; replace it with the page's own text [placeholder]",
            "Content/codes/G9329.md:20:1: warning: text left by `policysite new` to fill in; replace it with the page's own text [placeholder]",
        ])
        #expect(report.errorLines == [])
    }

    /// A placeholder left only in the body (the owner filled in) is still found: the build
    /// once checked the page after dropping its whole-page HTML, so `build` missed what `check`
    /// found.
    @Test func aPlaceholderOnlyInTheBodyIsFoundByCheckAndBuild() throws {
        let site = try FixtureSite()
        _ = Scaffold.newGuidancePage(code: "G9329", request: site.request())
        let scaffold = try String(contentsOf: site.content.appendingPathComponent("codes/G9329.md"), encoding: .utf8)
        try site.write("codes/G9329.md", scaffold
            .replacingOccurrences(of: "owner: \"Placeholder: the team that owns this page\"", with: "owner: Coding team")
            .replacingOccurrences(of: "Placeholder: what G9329", with: "What G9329")
            .replacingOccurrences(of: "Placeholder: the clinical", with: "The clinical"))
        let expected = [
            "Content/codes/G9329.md:20:1: warning: text left by `policysite new` to fill in; replace it with the page's own text [placeholder]",
        ]
        #expect(site.check().lines.filter { $0.hasPrefix("Content/codes/G9329.md") } == expected)
        #expect(site.build().lines.filter { $0.hasPrefix("Content/codes/G9329.md") } == expected)
    }

    @Test func newCodeForATerminatedCodeNeedsHistorical() throws {
        let site = try FixtureSite()
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("codes/G9328.md"))
        #expect(Scaffold.newGuidancePage(code: "G9328", request: site.request()).diagnostics.map(\.description) == [
            "Content/codes/G9328.md:1:1: error: code G9328 was terminated on 2015-12-31; to keep guidance for older claims, pass --historical [code-terminated]",
        ])
        #expect(Scaffold.newGuidancePage(code: "G9329", request: site.request(), historical: true).diagnostics.map(\.description) == [
            "Content/codes/G9329.md:1:1: error: code G9329 is not terminated on 2019-01-01; leave out --historical [historical-not-terminated]",
        ])
        let outcome = Scaffold.newGuidancePage(code: "G9328", request: site.request(), historical: true)
        #expect(outcome.written == "Content/codes/G9328.md")
        let text = try String(contentsOf: site.content.appendingPathComponent("codes/G9328.md"), encoding: .utf8)
        #expect(text.contains("owner: \"Placeholder: the team that owns this page\"\nhistorical: true\n---\n"))
        #expect(site.check().errorLines.filter { $0.contains("G9328.md") } == [])
    }

    @Test func newCodeRefusesUnknownCodesAndExistingFiles() throws {
        let site = try FixtureSite()
        #expect(Scaffold.newGuidancePage(code: "G9339", request: site.request()).diagnostics.map(\.description) == [
            "Content/codes/G9339.md:1:1: error: code G9339 is not in the code set (team data (2 codes)); did you mean G9329? [code-unknown]",
        ])
        #expect(Scaffold.newGuidancePage(code: "G9328", request: site.request(), historical: true).diagnostics.map(\.description) == [
            "Content/codes/G9328.md:1:1: error: Content/codes/G9328.md already exists; edit it, or remove it first [file-exists]",
        ])
        #expect(Scaffold.newGuidancePage(code: "../x", request: site.request()).diagnostics.map(\.description) == [
            "Content/codes:1:1: error: '../x' is not an HCPCS Level II code (a letter A-V and four digits) or a five-character Level I code [code-format]",
        ])
        #expect(!FileManager.default.fileExists(atPath: site.content.appendingPathComponent("codes/G9339.md").path))
    }

    @Test func newPageWritesATitledPageAndRefusesBadPaths() throws {
        let site = try FixtureSite()
        #expect(Scaffold.newPage(path: "policies/prior-authorization.md", request: site.request()) == Scaffold.Outcome(written: "Content/policies/prior-authorization.md", diagnostics: []))
        #expect(try String(contentsOf: site.content.appendingPathComponent("policies/prior-authorization.md"), encoding: .utf8) == """
            ---
            title: Prior authorization
            ---

            Placeholder: what this page tells coders, in plain words.

            """)
        #expect(site.check().lines.filter { $0.hasPrefix("Content/policies/prior-authorization.md") } == [
            "Content/policies/prior-authorization.md:5:1: warning: text left by `policysite new` to fill in; replace it with the page's own text [placeholder]",
        ])
        let refusals = ["../outside.md", "/etc/x.md", "policies/.hidden.md", "policies/notes.txt", "codes/G9329.md", "policies/prior-authorization.md"].map {
            Scaffold.newPage(path: $0, request: site.request()).diagnostics.map(\.description)
        }
        #expect(refusals == [
            ["Content:1:1: error: '../outside.md' is not a Markdown file path below the content folder (like policies/prior-authorization.md) [path-invalid]"],
            ["Content:1:1: error: '/etc/x.md' is not a Markdown file path below the content folder (like policies/prior-authorization.md) [path-invalid]"],
            ["Content:1:1: error: 'policies/.hidden.md' is not a Markdown file path below the content folder (like policies/prior-authorization.md) [path-invalid]"],
            ["Content:1:1: error: 'policies/notes.txt' is not a Markdown file path below the content folder (like policies/prior-authorization.md) [path-invalid]"],
            ["Content/codes/G9329.md:1:1: error: a file directly in codes/ is a guidance page; use `policysite new code G9329` [path-invalid]"],
            ["Content/policies/prior-authorization.md:1:1: error: Content/policies/prior-authorization.md already exists; edit it, or remove it first [file-exists]"],
        ])
    }

    @Test func placeholdersCanBeSwitchedOffAndReplacingThemClearsTheRule() throws {
        let site = try FixtureSite(files: ["policies/draft.md": "---\ntitle: Draft\n---\n\nPlaceholder: one. Placeholder: two.\n"])
        #expect(site.check().lines.filter { $0.contains("[placeholder]") } == [
            "Content/policies/draft.md:5:1: warning: text left by `policysite new` to fill in; replace it with the page's own text [placeholder]",
            "Content/policies/draft.md:5:19: warning: text left by `policysite new` to fill in; replace it with the page's own text [placeholder]",
        ])
        try site.write("site.yml", "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare]\nrules: { placeholder: off }\n")
        #expect(site.check().lines.filter { $0.contains("[placeholder]") } == [])
        try site.write("site.yml", FixtureSite.baseFiles["site.yml"]!)
        try site.write("policies/draft.md", "---\ntitle: Draft\n---\n\nThe finished text.\n")
        #expect(site.check().lines.filter { $0.contains("[placeholder]") } == [])
        #expect(RuleCatalog.rules["placeholder"] == RuleCatalog.Rule(id: "placeholder", defaultSeverity: .warning, isTunable: true, summary: "text left by `policysite new` for the author to replace"))
    }
}
