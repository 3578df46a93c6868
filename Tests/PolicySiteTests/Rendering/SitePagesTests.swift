import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// The pages coders use: exact structure of their key parts, and every internal link.
@Suite struct SitePagesTests {
    /// The part of `html` from the first line containing `start` through the first line after
    /// it containing `end`.
    func excerpt(_ html: String, from start: String, to end: String) -> String {
        let lines = html.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { $0.contains(start) }),
              let last = lines[first...].firstIndex(where: { $0.contains(end) }) else { return "(not found: \(start))" }
        return lines[first...last].joined(separator: "\n")
    }

    @Test func coverageMatrixCells() throws {
        let site = try SharedSite.requireDefaultContent()
        let html = try site.page("coverage/index.html")
        #expect(excerpt(html, from: "<tr data-code=\"G9328\">", to: "</tr>") == """
        <tr data-code="G9328"><th scope="row"><a href="../codes/G9328/index.html"><span class="code-id">G9328</span></a> <span class="row-title">DICOM image availability not documented for medical reasons</span> <span class="status status-terminated">Terminated (last day of service: <time datetime="2015-12-31">2015-12-31</time>)</span></th>\
        <td class="cell-no-data" data-payer="Aetna" data-state="no-data"><a href="../codes/G9328/index.html#aetna">No data available</a></td>\
        <td class="cell-no-data" data-payer="Blue Cross Blue Shield" data-state="no-data"><a href="../codes/G9328/index.html#bcbs">No data available</a></td>\
        <td class="cell-no-data" data-payer="Cigna" data-state="no-data"><a href="../codes/G9328/index.html#cigna">No data available</a></td>\
        <td class="cell-no-data" data-payer="UnitedHealthcare" data-state="no-data"><a href="../codes/G9328/index.html#uhc">No data available</a></td>\
        <td class="cell-note" data-payer="Medicare" data-state="note"><a href="../codes/G9328/index.html#medicare">Note</a></td></tr>
        """)
        #expect(html.contains("<p class=\"counts\">Notes: 1 · No data available: 4 · Empty: 0 · Missing: 0</p>"))
    }

    /// A `### Aetna` heading with nothing under it is neither a note nor "No data available":
    /// an error by default, and where the site is told to publish anyway, an empty note in the
    /// matrix, on the payer page, on the code page and in the home page's gap count.
    @Test func emptyPayerNoteIsItsOwnState() throws {
        let page = FixtureSite.guidanceG9328.replacingOccurrences(of: "### Aetna\n\nNo data available.\n", with: "### Aetna\n")
        let failing = try FixtureSite(files: ["codes/G9328.md": page])
        let report = failing.build()
        #expect(!report.wroteSite)
        #expect(report.errorLines == [
            "Content/codes/G9328.md:24:1: error: note for Aetna is empty: the heading has nothing under it; write the note, or \"No data available.\" [payer-note-empty]",
        ])
        let site = try FixtureSite(files: [
            "codes/G9328.md": page,
            "site.yml": FixtureSite.baseFiles["site.yml"]! + "rules: { payer-note-empty: warning }\n",
        ])
        #expect(site.build().wroteSite)
        let matrix = try site.page("coverage/index.html")
        #expect(matrix.contains("<td class=\"cell-empty\" data-payer=\"Aetna\" data-state=\"empty\"><a href=\"../codes/G9328/index.html#aetna\">Empty note</a></td>"))
        #expect(matrix.contains("<p class=\"counts\">Notes: 1 · No data available: 0 · Empty: 1 · Missing: 0</p>"))
        #expect(try site.page("payers/aetna/index.html").contains("<p class=\"counts\">Notes: 0 · No data available: 0 · Empty: 1 · Missing: 0</p>"))
        // One line, not a box: the payer's name and the state.
        #expect(try site.page("codes/G9328/index.html").contains("""
        <p class="payer-state payer-empty" id="aetna"><strong class="payer-name">Aetna:</strong> <span class="no-data">Empty note: nothing is written under this heading yet.</span></p>
        """))
        #expect(try site.page("index.html").contains("<li><strong>1</strong> payer gap</li>"))
    }

    /// A payer's note is at `#<payer-id>` whatever heading the author wrote (name or alias),
    /// and a link written to that anchor lands.
    @Test func payerAnchorIsThePayerID() throws {
        let page = FixtureSite.guidanceG9328
            .replacingOccurrences(of: "### Medicare\n", with: "### CMS\n")
            .replacingOccurrences(of: "Overview text.", with: "See [the Medicare note](#medicare) and [Aetna's](G9328.md#aetna).")
        let site = try FixtureSite(files: ["codes/G9328.md": page])
        let report = site.build()
        #expect(report.lines == [
            "Content/codes/G9328.md:28:1: warning: payer note \"CMS\" uses an alias; write the payer's name: \"### Medicare\" [payer-alias]",
        ])
        let html = try site.page("codes/G9328/index.html")
        #expect(html.contains("<h3 id=\"medicare\">Medicare</h3>"))
        #expect(html.contains("<p class=\"payer-state payer-no-data\" id=\"aetna\"><strong class=\"payer-name\">Aetna:</strong> <span class=\"no-data\">No data available.</span></p>"))
        #expect(try site.page("coverage/index.html").contains("<a href=\"../codes/G9328/index.html#medicare\">Note</a>"))
        #expect(try site.page("payers/medicare/index.html").contains("<a href=\"../../codes/G9328/index.html#medicare\">"))
    }

    @Test func missingPayerNoteIsAVisibleGap() throws {
        let site = try FixtureSite(files: ["codes/G9328.md": FixtureSite.guidanceG9328.replacingOccurrences(of: "### Aetna\n\nNo data available.\n\n", with: "")])
        site.build()
        let matrix = try site.page("coverage/index.html")
        #expect(matrix.contains("<td class=\"cell-missing\" data-payer=\"Aetna\" data-state=\"missing\"><a href=\"../codes/G9328/index.html#aetna\">Missing</a></td>"))
        let page = try site.page("codes/G9328/index.html")
        #expect(page.contains("""
        <p class="payer-state payer-missing" id="aetna"><strong class="payer-name">Aetna:</strong> <span class="no-data">No note yet.</span></p>
        """))
        #expect(try site.page("index.html").contains("<li><strong>1</strong> payer gap</li>"))
    }

    @Test func payerPageListsEveryNoteOfThePayer() throws {
        let site = try SharedSite.requireDefaultContent()
        let html = try site.page("payers/medicare/index.html")
        #expect(html.contains("<h1>Medicare: payer notes</h1>"))
        #expect(html.contains("<p class=\"aliases\">Also written as: CMS, Original Medicare</p>"))
        #expect(html.contains("<p class=\"counts\">Notes: 1 · No data available: 0 · Empty: 0 · Missing: 0</p>"))
        #expect(html.contains("<h2><a href=\"../../codes/G9328/index.html#medicare\"><span class=\"code-id\">G9328</span> DICOM image availability not documented for medical reasons</a> <span class=\"status status-terminated\">Terminated (last day of service: <time datetime=\"2015-12-31\">2015-12-31</time>)</span></h2>"))
    }

    @Test func codePageNavigation() throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        site.build(revision: "abc1234")
        let html = try site.page("codes/G9328/index.html")
        #expect(excerpt(html, from: "<nav class=\"breadcrumbs\"", to: "</nav>") == """
        <nav class="breadcrumbs" aria-label="Breadcrumb">
        <ol>
        <li><a href="../../index.html">Home</a></li>
        <li><a href="../../sections/G/index.html">Section G</a></li>
        <li aria-current="page">G9328</li>
        </ol>
        </nav>
        """)
        #expect(excerpt(html, from: "<nav class=\"pager\"", to: "</nav>") == """
        <nav class="pager" aria-label="Previous and next in this section">
        <a rel="prev" href="../../codes/G9327/index.html">← G9327</a>
        <a rel="next" href="../../codes/G9329/index.html">G9329 →</a>
        </nav>
        """)
        #expect(html.contains("<p>Code set: team data (10 codes) · Status as of 2019-01-01 · Content revision abc1234 · <a href=\"../../publication/index.html\">Publication record</a></p>"))
        let toc = excerpt(html, from: "<nav class=\"toc\"", to: "</nav>")
        #expect(toc.contains("<li><a href=\"#overview\">Overview</a></li>"))
        #expect(toc.contains("<li><a href=\"#payer-notes\">Payer notes</a>\n<ol>\n<li><a href=\"#aetna\">Aetna</a></li>"))
        #expect(html.contains("<main id=\"main\">") && html.contains("<a class=\"skip-link\" href=\"#main\">Skip to content</a>"))
    }

    @Test func modifierPageListsTheGuidanceThatUsesIt() throws {
        let site = try SharedSite.requireDefaultContent()
        let html = try site.page("modifiers/26/index.html")
        #expect(excerpt(html, from: "<article class=\"code-page\">", to: "</article>") == """
        <article class="code-page">
        <h1>Modifier <span class="code-id">26</span> Professional component</h1>
        <p class="status status-active"><span class="status-label">Status:</span> Active</p>
        <p class="long-descriptor">Professional component: the physician&#39;s interpretation and report, billed apart from the technical component</p>
        <dl class="record-facts">
        <dt>Level</dt><dd>Level I (CPT)</dd>
        </dl>
        <h2 id="used-by">Guidance that uses modifier 26</h2>
        <ul>
        <li><a href="../../codes/G9328/index.html">G9328: DICOM image availability not documented for medical reasons</a> <span class="usage-kind">(lists and mentions it)</span></li>
        <li><a href="../../policies/imaging-documentation/index.html">Imaging documentation policy</a> <span class="usage-kind">(mentions it)</span></li>
        </ul>
        </article>
        """)
        #expect(try site.page("modifiers/GA/index.html").contains("<p>No guidance page lists or mentions this modifier yet.</p>"))
        #expect(try site.page("modifiers/index.html").contains("<tr><th scope=\"row\"><a href=\"../modifiers/26/index.html\">26</a></th><td>Professional component: the physician&#39;s interpretation and report, billed apart from the technical component</td><td>I</td><td><span class=\"status status-active\">Active</span></td></tr>"))
    }

    @Test func sectionPageListsCodesWithStatus() throws {
        let site = try SharedSite.requireDefaultContent()
        let html = try site.page("sections/G/index.html")
        #expect(html.contains("<h1>Section G: Procedures and Professional Services (Temporary)</h1>\n<p class=\"counts\">10 codes</p>"))
        #expect(html.contains("<tr data-code=\"G9328\" data-short=\"Medrsn no dicom format doc\"><th scope=\"row\"><a href=\"../../codes/G9328/index.html\">G9328</a></th><td>Dicom format image data availability not documented in final report due to medical reasons (eg, ct studies performed for radiation treatment planning or image-guided radiation treatment delivery) <span class=\"has-guidance\">(guidance)</span></td><td><span class=\"status status-terminated\">Terminated (last day of service: <time datetime=\"2015-12-31\">2015-12-31</time>)</span></td></tr>"))
        #expect(html.contains("<script src=\"../../assets/filter.js\"></script>"))
        let rows = html.components(separatedBy: "<tr data-code=").dropFirst().map { String($0.prefix(48)) }
        #expect(rows.count == 10)
        #expect(rows.first?.contains("G9320") == true && rows.last?.contains("G9329") == true)
    }

    @Test func sitemapAndCanonicalOnlyWithABaseURL() throws {
        let plain = try FixtureSite()
        #expect(plain.build().notes == ["no sitemap.xml: a sitemap needs absolute URLs; set baseURL in site.yml"])
        #expect(plain.snapshot()["sitemap.xml"] == nil)
        #expect(!(try plain.page("index.html")).contains("rel=\"canonical\""))
        let site = try FixtureSite(files: ["site.yml": "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare]\nbaseURL: https://policies.example.org/guidance\n"])
        #expect(site.build().errorLines == [])
        let sitemap = try site.page("sitemap.xml")
        #expect(sitemap.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n<url><loc>https://policies.example.org/guidance/</loc></url>\n"))
        #expect(sitemap.contains("<url><loc>https://policies.example.org/guidance/codes/G9328/</loc></url>\n"))
        #expect(try site.page("codes/G9328/index.html").contains("<link rel=\"canonical\" href=\"https://policies.example.org/guidance/codes/G9328/\">"))
        // The 404 page's links come from the base URL; its stylesheet is in the page.
        let notFound = try site.page("404.html")
        #expect(notFound.contains("<li><a href=\"https://policies.example.org/guidance/coverage/index.html\">Coverage</a></li>"))
        #expect(notFound.contains("<style>\n/* PolicySite: one calm, readable stylesheet;") && !notFound.contains("<link rel=\"stylesheet\""))
    }

    @Test func searchIndexShape() throws {
        let site = try FixtureSite()
        site.build()
        let script = try site.page("search/index.js")
        #expect(script.hasPrefix("window.POLICYSITE_SEARCH = {\"entries\":[[\"G9328\",\"Medrsn no dicom format doc\",\"Dicom format image data availability not documented in final report due to medical reasons\",\"Terminated (last day of service: 2015-12-31)\",\"codes/G9328/index.html\",\"Overview Overview text. Clinical context Context text. "))
        // The guidance title closes a guidance code's entry; a code without guidance has none.
        #expect(script.contains("Medicare note. Source: policy.\",\"DICOM availability not documented\"]"))
        #expect(script.contains("[\"G9329\",\"Norsn no dicom format doc\",\"Dicom format image data available to non-affiliated external healthcare facilities\",\"\",\"codes/G9329/index.html\",\"\",\"\"]"))
        #expect(script.hasSuffix("[\"\",\"A policy\",\"\",\"\",\"policies/p/index.html\",\"Policy text.\",\"\"]]};\n"))
    }

    @Test func sitePathsAndFolderLinksBecomeRelativeFileLinks() throws {
        let site = try FixtureSite(files: ["policies/p.md": "---\ntitle: A policy\n---\n\n[home](/index.html), [modifiers](/modifiers/), [TC](../../modifiers/TC/#used-by), [query](../../modifiers/?view=table).\n"])
        #expect(site.build().lines == [])
        #expect(try site.page("policies/p/index.html").contains("<p><a href=\"../../index.html\">home</a>, <a href=\"../../modifiers/index.html\">modifiers</a>, <a href=\"../../modifiers/TC/index.html#used-by\">TC</a>, <a href=\"../../modifiers/index.html?view=table\">query</a>.</p>"))
    }

    @Test func everyInternalLinkAndAnchorOfTheDefaultSiteResolves() throws {
        let site = try SharedSite.requireDefaultContent()
        #expect(SiteLinkChecker(files: site.snapshot()).brokenLinks() == [])
    }

    @Test func theLinkCheckerCatchesBrokenLinks() {
        let files: [String: Data] = [
            "index.html": Data("<a href=\"codes/A/index.html#x\">a</a><a href=\"missing/index.html\">b</a><a href=\"#top\">c</a>".utf8),
            "codes/A/index.html": Data("<h2 id=\"y\">Y</h2>".utf8),
        ]
        #expect(SiteLinkChecker(files: files).brokenLinks() == [
            "index.html: codes/A/index.html#x (no id x in codes/A/index.html)",
            "index.html: missing/index.html (no file missing/index.html)",
        ])
    }
}

/// Raw HTML (tables, `<script>`, event handlers) in a site that opts in to raw HTML: what is published is what the allowlist keeps.
@Suite struct RawHTMLSiteTests {
    @Test func optedInRawHTMLIsAllowlisted() throws {
        let site = try FixtureSite(files: [
            "site.yml": "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare]\nrawHTML: true\n",
            "policies/p.md": "---\ntitle: Raw\n---\n\nProfessional component<sup>1</sup> only.\n\n<table>\n<tr><th>Modifier</th></tr>\n</table>\n\n<!-- internal: contracted rate 143.20 -->\n\n<script>alert(1)</script>\n\n<img src=\"x\" onerror=\"alert(1)\">\n\n<a href=\"javascript:alert(1)\">click</a>\n",
        ])
        let report = site.build()
        #expect(report.errorLines == [])
        #expect(report.lines.filter { $0.contains("[raw-html]") }.count == 4)
        let html = try site.page("policies/p/index.html")
        #expect(html.contains("<p>Professional component<sup>1</sup> only.</p>\n<table>\n<tr><th>Modifier</th></tr>\n</table>\n<p>click</p>"))
        // The page and the search index carry none of it (the checks page names the rule that
        // dropped it, as escaped text; the search page has its own script tags).
        let index = try site.page("search/index.js")
        for forbidden in ["<script", "onerror", "<!--", "javascript:", "143.20"] {
            #expect(!html.contains(forbidden) && !index.contains(forbidden), "\(forbidden) reached the site")
        }
    }
}

/// A code page leads with what a coder reads first: code, descriptor, status and the team's
/// summary; CMS's record follows the guidance under a heading naming where it comes from.
@Suite struct CodePageOrderTests {
    @Test func guidancePageLeadsWithTheTeamsSummary() throws {
        let site = try SharedSite.requireDefaultContent()
        let html = try site.page("codes/G9328/index.html")
        let excerpt = SitePagesTests().excerpt
        #expect(excerpt(html, "<p class=\"long-descriptor\">", "</header>") == """
        <p class="long-descriptor">Dicom format image data availability not documented in final report due to medical reasons (eg, ct studies performed for radiation treatment planning or image-guided radiation treatment delivery)</p>
        <dl class="summary-facts" aria-label="The compliance team's summary">
        <dt>Service type</dt><dd>Quality measure reporting (CT radiation dose and image availability)</dd>
        <dt>Sites of service</dt><dd>Radiation oncology department; Hospital outpatient department</dd>
        <dt>Modifiers</dt><dd><ul class="inline-list"><li><a href="../../modifiers/26/index.html">26</a></li></ul></dd>
        <dt>Last reviewed</dt><dd><time datetime="2018-11-15">2018-11-15</time></dd>
        <dt>Owner</dt><dd>Compliance, Radiology coding team</dd>
        </dl>
        </header>
        """)
        #expect(excerpt(html, "<section class=\"release-record\"", "</section>") == """
        <section class="release-record" aria-labelledby="release-record">
        <h2 id="release-record">Code record (team data)</h2>
        <dl class="record-facts">
        <dt>Short descriptor</dt><dd>Medrsn no dicom format doc</dd>
        <dt>Section</dt><dd>G: Procedures and Professional Services (Temporary)</dd>
        <dt>Code added</dt><dd><time datetime="2014-01-01">2014-01-01</time></dd>
        <dt>Action effective</dt><dd><time datetime="2016-01-01">2016-01-01</time></dd>
        <dt>Termination (last day of service)</dt><dd><time datetime="2015-12-31">2015-12-31</time></dd>
        <dt>Coverage</dt><dd>C (Carrier judgment)</dd>
        <dt>BETOS</dt><dd>M5B (Specialist - psychiatry)</dd>
        </dl>
        </section>
        """)
        #expect(html.contains("<li><a href=\"#release-record\">Code record (team data)</a></li>"))
    }

    /// G9328's guidance names G9328: on its own page that is the subject, not a link; G9329
    /// stays a link.
    @Test func aPageDoesNotLinkItsOwnCode() throws {
        let site = try SharedSite.requireDefaultContent()
        let html = try site.page("codes/G9328/index.html")
        #expect(html.contains("<p>G9328 is a quality-data code, not a payable service."))
        #expect(!html.contains("href=\"../../codes/G9328/"))
        #expect(html.contains("see <a href=\"../../codes/G9329/index.html\">G9329</a>."))
    }

    @Test(arguments: [
        (label: String?.some("2018"), file: "HCPC2019_CONTR_ANWEB.txt", heading: "CMS HCPCS 2018 release"),
        (label: nil, file: "HCPC2019_CONTR_ANWEB.txt", heading: "CMS HCPCS 2019 release"),
        (label: nil, file: "HCPC17_CONTR_ANWEB.txt", heading: "CMS HCPCS 2017 release"),
        (label: nil, file: "HCPC2018_CONTR_ANWEB_disc.txt", heading: "CMS HCPCS 2018 release"),
        (label: nil, file: "codes.txt", heading: "CMS HCPCS release (codes.txt)"),
    ])
    func recordHeadingNamesTheRelease(label: String?, file: String, heading: String) {
        #expect(SiteAssembler.recordHeading(label: label, file: file) == heading)
    }
}
