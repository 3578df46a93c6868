import Foundation
import Testing
import PolicySiteCore
@testable import PolicySite

/// Long lists (the coverage matrix, each payer's notes, the home page's codes with guidance)
/// go on over `page/<n>/` after `pagerSize` rows, as Hugo paginates.
@Suite struct ListPagingTests {
    /// The repository's content with guidance for G9320, G9323 and G9325 too (all terminated
    /// by 2019, so kept as historical like G9328's), and `pagerSize: 3`.
    func pagedSite() throws -> FixtureSite {
        let site = try FixtureSite(copyingRepositoryContent: ())
        let g9328 = try String(contentsOf: repositoryRoot.appendingPathComponent("Content/codes/G9328.md"), encoding: .utf8)
        // The quoted descriptor is G9328's; the others' pages quote none.
        let lines = g9328.split(separator: "\n", omittingEmptySubsequences: false)
        let withoutDescriptor = (lines[..<3] + lines[7...]).joined(separator: "\n")
        for code in ["G9320", "G9323", "G9325"] {
            try site.write("codes/\(code).md", withoutDescriptor.replacingOccurrences(of: "G9328", with: code))
        }
        let settings = try String(contentsOf: site.content.appendingPathComponent("site.yml"), encoding: .utf8)
        try site.write("site.yml", settings + "pagerSize: 3\n")
        return site
    }

    @Test func coverageMatrixGoesOnOverAPageOfItsOwn() throws {
        let site = try pagedSite()
        let report = site.build()
        #expect(report.diagnostics.filter { $0.severity == .error } == [])
        let first = try site.page("coverage/index.html")
        let second = try site.page("coverage/page/2/index.html")
        #expect(SiteLinkChecker.attributeValues("data-code", in: first) == ["G9320", "G9323", "G9325"])
        #expect(SiteLinkChecker.attributeValues("data-code", in: second) == ["G9328"])
        #expect(first.contains("<p class=\"page-label\">Page 1 of 2: G9320 to G9325</p>"))
        #expect(second.contains("<p class=\"page-label\">Page 2 of 2: G9328 to G9328</p>"))
        // Both pages count the whole matrix: four codes, five payers.
        for page in [first, second] {
            #expect(page.contains("<p class=\"counts\">Notes: 4 · No data available: 16 · Empty: 0 · Missing: 0</p>"))
        }
        #expect(first.contains("<a rel=\"next\" href=\"../coverage/page/2/index.html\">Coverage matrix, page 2 →</a>"))
        #expect(second.contains("<a rel=\"prev\" href=\"../../../coverage/index.html\">← Coverage matrix, page 1</a>"))
        #expect(second.contains("<title>Coverage matrix, page 2 · Billing Code Guidance</title>"))
        #expect(second.contains("""
        <nav class="page-list" aria-label="Pages of this list">
        <ol>
        <li><a href="../../../coverage/index.html">G9320 to G9325</a></li>
        <li><span aria-current="page">G9328 to G9328</span></li>
        </ol>
        </nav>
        """))
        #expect(second.contains("<li><a href=\"../../../coverage/index.html\">Coverage matrix</a></li>\n<li aria-current=\"page\">Page 2</li>"))
        #expect(second.contains("<a href=\"../../../codes/G9328/index.html#medicare\">Note</a>"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("coverage/page/3").path))
        #expect(SiteLinkChecker(files: site.snapshot()).brokenLinks() == [])
    }

    /// Each row's payer states are its own code's on every page of a list: the renderer keeps
    /// them by row of the listed guidance, and a page past the first starts at its own row.
    @Test func eachRowShowsItsOwnCodesPayerStatesOnEveryPage() throws {
        let site = try pagedSite()
        // G9320, the first row of the list, has no Medicare data; G9328, alone on page 2, has a
        // note (a page that read its rows from the first would show G9320's).
        let g9320 = try String(contentsOf: site.content.appendingPathComponent("codes/G9320.md"), encoding: .utf8)
        let cut = try #require(g9320.range(of: "### Medicare\n"))
        try site.write("codes/G9320.md", g9320[..<cut.upperBound] + "\nNo data available.\n")
        let report = site.build()
        #expect(report.diagnostics.filter { $0.severity == .error } == [])
        let first = try site.page("coverage/index.html")
        let second = try site.page("coverage/page/2/index.html")
        func medicareCell(_ code: String, _ page: String) -> String? {
            guard let row = page.range(of: "<tr data-code=\"\(code)\">") else { return nil }
            let rest = page[row.upperBound...]
            guard let medicare = rest.range(of: "data-payer=\"Medicare\"") else { return nil }
            let start = rest[..<medicare.lowerBound].range(of: "<td ", options: .backwards)!.lowerBound
            return String(rest[start..<rest[start...].range(of: "</td>")!.upperBound])
        }
        #expect(medicareCell("G9320", first) == "<td class=\"cell-no-data\" data-payer=\"Medicare\" data-state=\"no-data\"><a href=\"../codes/G9320/index.html#medicare\">No data available</a></td>")
        #expect(medicareCell("G9323", first) == "<td class=\"cell-note\" data-payer=\"Medicare\" data-state=\"note\"><a href=\"../codes/G9323/index.html#medicare\">Note</a></td>")
        #expect(medicareCell("G9328", second) == "<td class=\"cell-note\" data-payer=\"Medicare\" data-state=\"note\"><a href=\"../../../codes/G9328/index.html#medicare\">Note</a></td>")
        // The counts are still the whole list's: three notes, one more "no data".
        #expect(second.contains("<p class=\"counts\">Notes: 3 · No data available: 17 · Empty: 0 · Missing: 0</p>"))
        let medicareSecond = try site.page("payers/medicare/page/2/index.html")
        #expect(medicareSecond.contains("<h2><a href=\"../../../../codes/G9328/index.html#medicare\"><span class=\"code-id\">G9328</span>"))
        #expect(medicareSecond.contains("<p class=\"counts\">Notes: 3 · No data available: 1 · Empty: 0 · Missing: 0</p>"))
    }

    @Test func payerPagesAndTheHomePageFollowThePagerSize() throws {
        let site = try pagedSite()
        site.build()
        let second = try site.page("payers/medicare/page/2/index.html")
        #expect(second.contains("<h2><a href=\"../../../../codes/G9328/index.html#medicare\"><span class=\"code-id\">G9328</span>"))
        #expect(second.contains("<p class=\"counts\">Notes: 4 · No data available: 0 · Empty: 0 · Missing: 0</p>"))
        let home = try site.page("index.html")
        #expect(home.contains("<p>And 1 more: the <a href=\"coverage/index.html\">coverage matrix</a> lists every code with guidance.</p>"))
    }

    @Test(arguments: ["0", "1000001", "9223372036854775807"])
    func pagerSizeMustBeInRange(_ value: String) throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        let settings = try String(contentsOf: site.content.appendingPathComponent("site.yml"), encoding: .utf8)
        try site.write("site.yml", settings + "pagerSize: \(value)\n")
        for report in [site.build(), site.check()] {
            #expect(report.diagnostics.map(\.description) == [
                "Content/site.yml:10:12: error: 'pagerSize' in site.yml must be from 1 to 1000000 (codes a page of the coverage matrix and the payer pages), not \(value) [site-config]",
            ])
        }
    }
}

@Suite struct LinkRebaseTests {
    let code = SitePath(["codes", "G9328"])

    @Test func relativeLinksFollowTheNoteToItsNewPage() {
        let html = ##"<p>See <a href="../../policies/imaging/index.html#scope" title="x">policy</a>, <a href="#overview">overview</a>, <img src="scan.png" alt="">, <a href="https://cms.gov/a?b=1">CMS</a>, <a href="mailto:a@b.org">mail</a>, <a href="/abs">abs</a>.</p>"##
        #expect(LinkRebase.rebase(html, from: code, to: SitePath(["payers", "medicare", "page", "2"])) ==
            ##"<p>See <a href="../../../../policies/imaging/index.html#scope" title="x">policy</a>, <a href="../../../../codes/G9328/index.html#overview">overview</a>, <img src="../../../../codes/G9328/scan.png" alt="">, <a href="https://cms.gov/a?b=1">CMS</a>, <a href="mailto:a@b.org">mail</a>, <a href="/abs">abs</a>.</p>"##)
        // At the same depth a link is unchanged; an id of the code page still leads there.
        #expect(LinkRebase.rebase(##"<a href="../../modifiers/26/index.html">26</a> <a href="#x">x</a>"##, from: code, to: SitePath(["payers", "medicare"])) ==
            ##"<a href="../../modifiers/26/index.html">26</a> <a href="../../codes/G9328/index.html#x">x</a>"##)
        #expect(LinkRebase.rebase("<p>No links.</p>", from: code, to: SitePath(["payers", "aetna", "page", "3"])) == "<p>No links.</p>")
        // Resolved as the link check resolves: escapes decoded once and written once (not
        // `%2520`), `..` above the site left as written.
        #expect(LinkRebase.rebase(##"<a href="../../policies/m%C3%A9dico%20x/index.html">a</a> <a href="../../../x">b</a>"##, from: code, to: SitePath(["payers", "medicare", "page", "2"])) ==
            ##"<a href="../../../../policies/m%C3%A9dico%20x/index.html">a</a> <a href="../../../x">b</a>"##)
        // Raw HTML (`rawHTML: true`) writes attributes as it likes.
        let raw = ##"<A HREF='#overview'>a</A> <a\##nhref = "../../policies/p/index.html">b</a> <img src='../../files/c.png' alt="x"> <a href=#bare>c</a>"##
        #expect(LinkRebase.rebase(raw, from: code, to: SitePath(["payers", "medicare", "page", "2"])) ==
            ##"<A HREF='../../../../codes/G9328/index.html#overview'>a</A> <a\##nhref = "../../../../policies/p/index.html">b</a> <img src='../../../../files/c.png' alt="x"> <a href=#bare>c</a>"##)
    }

    /// A payer page rebases the notes of many codes with one memo: a value that climbs out of
    /// the code's folder is resolved once, and every other value still from its own code page.
    @Test func aMemoReusesOnlyValuesThatLeaveTheCodeFolder() {
        let page = SitePath(["payers", "medicare", "page", "2"])
        var memo: LinkRebase.Memo? = LinkRebase.Memo(destination: page, sourceDepth: 2)
        let note = ##"<a href="../../policies/p/index.html#s">p</a> <a href="#overview">o</a> <img src="scan.png"> <a href="../G9329/index.html">n</a>"##
        for code in ["G9328", "A0021", "G9328"] {
            #expect(LinkRebase.rebase(note, from: SitePath(["codes", code]), to: page, memo: &memo) ==
                ##"<a href="../../../../policies/p/index.html#s">p</a> <a href="../../../../codes/\##(code)/index.html#overview">o</a> <img src="../../../../codes/\##(code)/scan.png"> <a href="../../../../codes/G9329/index.html">n</a>"##)
        }
        #expect(memo?.rebased == ["../../policies/p/index.html#s": "../../../../policies/p/index.html#s"])
        // A memo for another page or depth is not read.
        var other: LinkRebase.Memo? = LinkRebase.Memo(destination: SitePath(["payers", "aetna"]), sourceDepth: 2)
        #expect(LinkRebase.rebase(##"<a href="../../x/">x</a>"##, from: SitePath(["a"]), to: page, memo: &other) == ##"<a href="../../x/">x</a>"##)
        #expect(other?.rebased == [:])
    }
}

/// A list page's links to code pages are the links `SitePath.relativeURL(to:fragment:)` makes,
/// percent-encoding included, from any depth.
@Suite struct CodePageLinksTests {
    @Test func linksAreTheRelativeURLsOfTheCodePages() {
        let pages = [SitePath.root, SitePath(["coverage"]), SitePath(["payers", "aetna"]), SitePath(["payers", "medicare", "page", "12"])]
        let cases: [(code: String, fragment: String?)] = [("G9328", nil), ("G9328", "aetna"), ("A0021", "blue-cross_2.x"), ("x y", "a b"), ("médico", "é#?/"), ("G9328", ""), ("Q-1", "UHC-2"), ("a@b[", "`x{")]
        for page in pages {
            let links = CodePageLinks(from: page)
            for (code, fragment) in cases {
                #expect(links.url(code, fragment: fragment) == page.relativeURL(to: SiteModel.codePath(code), fragment: fragment))
            }
        }
        #expect(CodePageLinks(from: SitePath(["payers", "aetna", "page", "2"])).url("G9328", fragment: "aetna") == "../../../../codes/G9328/index.html#aetna")
        #expect(CodePageLinks(from: SitePath(["coverage"])).url("m\u{E9}dico", fragment: "a b") == "../codes/m%C3%A9dico/index.html#a%20b")
    }
}
