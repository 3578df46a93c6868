import Foundation
import Testing
@testable import PolicySite
@testable import PolicySiteTemplates
import PolicySiteCore

/// The header's navigation, the home page's one search box, the checks page's locations, the
/// 404 page away from the server's root, and the section pages' code ranges.
@Suite struct SiteNavigationTests {
    static var site: FixtureSite? { SharedSite.defaultContent }

    /// The `<nav aria-label="Site">` list of a page.
    func navigation(_ html: String) -> String {
        guard let start = html.range(of: "<nav aria-label=\"Site\">\n<ul>\n"), let end = html.range(of: "</ul>", range: start.upperBound..<html.endIndex) else { return "(no navigation)" }
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test func everyPageLinksTheSameEntriesAndMarksWhereItIs() throws {
        let site = try #require(Self.site)
        #expect(navigation(try site.page("index.html")) == """
        <li><a href="index.html" aria-current="page">Home</a></li>
        <li><a href="index.html#sections-heading">Sections</a></li>
        <li><a href="modifiers/index.html">Modifiers</a></li>
        <li><a href="index.html#payers-heading">Payers</a></li>
        <li><a href="coverage/index.html">Coverage</a></li>
        <li><a href="checks/index.html">Checks</a></li>

        """)
        #expect(navigation(try site.page("checks/index.html")).contains("<li><a href=\"../checks/index.html\" aria-current=\"page\">Checks</a></li>"))
        #expect(navigation(try site.page("modifiers/26/index.html")).contains("<li><a href=\"../../modifiers/index.html\" aria-current=\"true\">Modifiers</a></li>"))
        #expect(navigation(try site.page("codes/G9328/index.html")).contains("<li><a href=\"../../index.html#sections-heading\" aria-current=\"true\">Sections</a></li>"))
        #expect(navigation(try site.page("payers/aetna/index.html")).contains("<li><a href=\"../../index.html#payers-heading\" aria-current=\"true\">Payers</a></li>"))
    }

    /// The home and search pages have a search form of their own, so the header has none.
    @Test func oneSearchBoxAPage() throws {
        let site = try #require(Self.site)
        for (page, count) in [("index.html", 1), ("search/index.html", 1), ("codes/G9328/index.html", 1), ("coverage/index.html", 1)] {
            #expect(try site.page(page).components(separatedBy: "role=\"search\"").count - 1 == count, "\(page)")
        }
        let home = try site.page("index.html")
        #expect(home.contains("<title>Billing Code Guidance</title>"))
        #expect(home.contains("<li><strong>1</strong> guidance page</li>"))
    }

    @Test func releasesHaveTheirOwnHomeSection() throws {
        let home = try ThreeReleaseSite.require().page("index.html")
        #expect(home.contains("""
        <section aria-labelledby="releases-heading">
        <h2 id="releases-heading">Releases</h2>
        <p><a href="changes/index.html">The CMS releases this site knows and what each changed</a></p>
        </section>
        """))
        #expect(home.contains("<li><strong>6,440</strong> codes</li>"))
    }

    @Test func checksPagePathsAreFoldedBreakableAndLinked() throws {
        #expect(PageRenderer.normalizedDisplayPath("ContentMulti/../../shared/hcpcs/HCPC2019_CONTR_ANWEB.txt") == "../shared/hcpcs/HCPC2019_CONTR_ANWEB.txt")
        #expect(PageRenderer.normalizedDisplayPath("Content/./codes/../codes/G9328.md") == "Content/codes/G9328.md")
        #expect(PageRenderer.normalizedDisplayPath("/work/a/../../../shared/x.txt") == "/shared/x.txt")
        #expect(PageRenderer.breakablePath("../shared/HCPC.txt:1884:231").markup == "../<wbr>shared/<wbr>HCPC.txt<wbr>:1884<wbr>:231")
        let checks = try ThreeReleaseSite.require().page("checks/index.html")
        // A finding in a guidance page links that page; one in a release file, the code it names.
        #expect(checks.contains("<tr><td><a href=\"../codes/A5513/index.html\"><code class=\"path\">Content/<wbr>codes/<wbr>A5513.md<wbr>:7<wbr>:1</code></a></td><td>warning <code class=\"rule-id\">guidance-stale</code></td>"))
        let release = ThreeReleaseSite.files[1]
        #expect(checks.contains("<tr><td><a href=\"../codes/C9488/index.html\"><code class=\"path\">\(PageRenderer.breakablePath(release).markup)<wbr>:1884<wbr>:231</code></a></td><td>warning <code class=\"rule-id\">release-unknown-value</code></td><td>unknown ASC payment group &quot;20&quot; of C9488</td></tr>"))
    }

    /// Served at any depth or opened from disk, the 404 page has its stylesheet in it and links
    /// from the server's root (its script makes them relative under `file://`).
    @Test func notFoundPageCarriesItsStyle() throws {
        let html = try #require(Self.site).page("404.html")
        #expect(html.contains("<style>\n/* PolicySite: one calm, readable stylesheet; no web fonts, no external requests. */\n"))
        #expect(!html.contains("<link rel=\"stylesheet\""))
        #expect(html.contains("<li><a href=\"/coverage/index.html\">Coverage</a></li>"))
        #expect(html.contains("<form class=\"site-search\" role=\"search\" action=\"/search/index.html\" method=\"get\">"))
    }

    @Test(.enabled(if: Browser.isAvailable, "Chromium is not installed (apt-get install chromium); the browser tests are skipped"))
    func notFoundPageFromDiskIsStyledAndLinksWork() async throws {
        let site = try #require(Self.site)
        let dom = try await Browser.dumpDOM(site.output.appendingPathComponent("404.html"))
        #expect(dom.contains("<li><a href=\"coverage/index.html\">Coverage</a></li>"))
        #expect(dom.contains("<a class=\"site-title\" href=\"index.html\">"))
    }

    @Test func longSectionsJumpByCodeRange() throws {
        let html = try ThreeReleaseSite.require().page("sections/G/index.html")
        #expect(html.contains("""
        <nav class="code-ranges" aria-label="Jump to codes">
        <ul class="inline-list">
        <li><a href="#code-G0008">G0008–G0299</a></li>
        <li><a href="#code-G0300">G0300–G0499</a></li>
        <li><a href="#code-G0500">G0500–G6058</a></li>
        <li><a href="#code-G8126">G8126–G8599</a></li>
        <li><a href="#code-G8600">G8600–G8798</a></li>
        <li><a href="#code-G8806">G8806–G8999</a></li>
        <li><a href="#code-G9001">G9001–G9199</a></li>
        <li><a href="#code-G9200">G9200–G9299</a></li>
        <li><a href="#code-G9300">G9300–G9399</a></li>
        <li><a href="#code-G9400">G9400–G9499</a></li>
        <li><a href="#code-G9500">G9500–G9699</a></li>
        <li><a href="#code-G9700">G9700–G9799</a></li>
        <li><a href="#code-G9800">G9800–G9899</a></li>
        <li><a href="#code-G9900">G9900–G9987</a></li>
        </ul>
        </nav>
        """))
        #expect(html.contains("<tr id=\"code-G0300\" data-code=\"G0300\""))
        #expect(PageRenderer.codeRanges((0..<60).map { String(format: "G%04d", $0) }) == [])
        #expect(PageRenderer.codeRanges((0..<300).map { String(format: "G%04d", $0) }) == [0..<100, 100..<200, 200..<300])
        // The default site's section G has 10 codes: no ranges.
        #expect(!(try #require(Self.site).page("sections/G/index.html")).contains("code-ranges"))
    }

    @Test func datesInProseDoNotBreak() throws {
        #expect(PageRenderer.nowrapDates("<p>Added on 2014-01-01, <a href=\"x/2014-01-01\">see 2015-12-31</a>; not 12014-01-01 or 2014-1-01.</p>")
            == "<p>Added on <span class=\"nowrap\">2014-01-01</span>, <a href=\"x/2014-01-01\">see <span class=\"nowrap\">2015-12-31</span></a>; not 12014-01-01 or 2014-1-01.</p>")
        let page = try #require(Self.site).page("codes/G9328/index.html")
        #expect(page.contains("CMS added the code on <span class=\"nowrap\">2014-01-01</span> and terminated it on <span class=\"nowrap\">2015-12-31</span>."))
    }
}
