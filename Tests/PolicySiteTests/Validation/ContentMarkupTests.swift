import Testing
@testable import PolicySite
import PolicySiteCore

/// Findings of the Markdown layer that the validator tunes and reports: `url-scheme` (a `javascript:`
/// link in a page, and in `portalURL` in payers.yml), `raw-html`, `pipe-table`.
@Suite struct ContentMarkupTests {
    static func check(overview: String) throws -> [String] {
        try Validation.check(["codes/G9329.md": Validation.page(body: Validation.body(replacing: "Overview text.", with: overview))])
    }

    @Test func dangerousLinkSchemes() throws {
        let lines = try Self.check(overview: "[a](javascript:alert(1)) [b](jAvAsCrIpT:alert(1))\n[c](javascript&#58;alert(1)) [e](vbscript:msgbox(1))\n![ok](data:image/png;base64,iVBORw0KGgo=) [fine](https://www.cms.gov/)")
        #expect(lines == [
            "Content/codes/G9329.md:8:1: error: link uses disallowed scheme 'javascript' [url-scheme]",
            "Content/codes/G9329.md:8:26: error: link uses disallowed scheme 'javascript' [url-scheme]",
            "Content/codes/G9329.md:9:1: error: link uses disallowed scheme 'javascript' [url-scheme]",
            "Content/codes/G9329.md:9:30: error: link uses disallowed scheme 'vbscript' [url-scheme]",
        ])
    }

    @Test func portalURLWithADangerousScheme() throws {
        let payers = """
        - id: aetna
          name: Aetna
          portalURL: "javascript:alert(document.domain)"
        - id: medicare
          name: Medicare
          portalURL: " JaVaScRiPt:alert(1)"
        - id: good
          name: Payer with a normal URL
          portalURL: "https://example.org/portal"

        """
        let lines = try Validation.check(["data/payers.yml": payers])
        #expect(lines == [
            "Content/data/payers.yml:3:14: error: portalURL: disallowed scheme 'javascript' [url-scheme]",
            "Content/data/payers.yml:6:14: error: portalURL: disallowed scheme 'javascript' [url-scheme]",
        ])
    }

    @Test func rawHTMLDroppedInSafeModeOnly() throws {
        let lines = try Self.check(overview: "Text with <sup>1</sup> markup.")
        #expect(lines == ["Content/codes/G9329.md:8:11: warning: raw HTML <sup> omitted by Markdown safe mode [raw-html]"])
        let site = "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare]\nrawHTML: true\n"
        let allowed = try Validation.check(["site.yml": site, "codes/G9329.md": Validation.page(body: Validation.body(replacing: "Overview text.", with: "Text with <sup>1</sup> markup."))])
        #expect(allowed == [])
    }

    /// A table renders; its cells are checked like any text, at the cell's line and column.
    @Test func pipeTablesRenderAndTheirCellsAreChecked() throws {
        #expect(try Self.check(overview: "| Payer | Covered |\n|---|:-:|\n| Aetna | yes |") == [])
        let lines = try Self.check(overview: "| Case | Report |\n| --- | --- |\n| Not documented | G9999, [policy](../policies/none.md) |")
        #expect(lines == [
            "Content/codes/G9329.md:10:20: error: code G9999 is not in the code set (team data (2 codes)) [mention-unknown-code]",
            "Content/codes/G9329.md:10:27: error: link target '../policies/none.md': Content/policies/none.md is not a page of the site [link-broken]",
        ])
    }

    /// `pipe-table` reports only tables that will not render as the author meant.
    @Test func pipeTable() throws {
        #expect(try Self.check(overview: "| Payer | Covered |\n|---|\n| Aetna | yes |") == [
            "Content/codes/G9329.md:8:1: warning: table header has 2 cells but its delimiter row has 1; it renders as text: give both rows the same number of cells [pipe-table]",
        ])
        #expect(try Self.check(overview: "| Payer | Covered |\n| Aetna | yes |") == [
            "Content/codes/G9329.md:8:1: warning: line looks like a table row, but no delimiter row (| --- | --- |) follows the header; it renders as text [pipe-table]",
        ])
        #expect(try Self.check(overview: "Aetna | yes, on one line.") == [])
    }
}
