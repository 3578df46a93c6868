import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// A site with the three real releases (`releases:` in site.yml): changes pages, History
/// blocks, and guidance that went stale. The counts per kind are the comparison's (tested in
/// PolicySiteCodeSetsTests); here they are checked as the pages show them.
enum ThreeReleaseSite {
    static let files = ["HCPC17_CONTR_ANWEB.txt", "HCPC2018_CONTR_ANWEB_disc.txt", "HCPC2019_CONTR_ANWEB.txt"]
        .map { sharedRoot.appendingPathComponent("hcpcs/\($0)").path }

    static var siteYAML: String {
        """
        title: Test site
        asOf: 2019-01-01
        payers: [aetna, medicare]
        releases:
          - label: "2017"
            file: \(files[0])
            effective: 2017-01-01
          - label: "2018"
            file: \(files[1])
            effective: 2018-01-01
          - label: "2019"
            file: \(files[2])
            effective: 2019-01-01

        """
    }

    /// A guidance page for A5513, whose long descriptor changed in 2019, last reviewed before that.
    static let a5513 = FixtureSite.guidanceG9328
        .replacingOccurrences(of: "code: G9328", with: "code: A5513")
        .replacingOccurrences(of: "historical: true\n", with: "")
        .replacingOccurrences(of: "lastReviewed: 2018-11-15", with: "lastReviewed: 2018-06-01")

    /// Built once per test process (a `SharedSite`).
    static var built: FixtureSite? {
        SharedSite.named("three releases") {
            guard files.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) else { return nil }
            let site = try FixtureSite(files: ["site.yml": siteYAML, "codes/A5513.md": a5513])
            return site.build().wroteSite ? site : nil
        }
    }

    static func require() throws -> FixtureSite {
        for file in files {
            try #require(FileManager.default.fileExists(atPath: file), "this test needs the CMS release \(file) (../shared/hcpcs beside the repository)")
        }
        return try #require(built, "the three-release site did not build")
    }
}

@Suite struct ReleaseHistorySiteTests {
    @Test func staleGuidanceIsAFindingAndABanner() throws {
        let site = try FixtureSite(files: ["site.yml": ThreeReleaseSite.siteYAML, "codes/A5513.md": ThreeReleaseSite.a5513])
        let report = site.check()
        #expect(report.lines.filter { $0.contains("guidance-stale") } == [
            "Content/codes/A5513.md:7:1: warning: long descriptor changed for A5513 in release 2019 (effective 2019-01-01) after this guidance was last reviewed on 2018-06-01; review the page and update lastReviewed [guidance-stale]",
        ])
        let page = try ThreeReleaseSite.require().page("codes/A5513/index.html")
        #expect(page.contains("""
        <div class="banner banner-stale" role="note"><strong>Review needed.</strong>
        <ul>
        <li>Long descriptor changed in 2019 (effective 2019-01-01), after this guidance was last reviewed on 2018-06-01.</li>
        </ul>
        </div>
        """))
    }

    @Test func changesPagesCountEachKind() throws {
        let site = try ThreeReleaseSite.require()
        func counts(_ label: String) throws -> [String] {
            let html = try site.page("changes/\(label)/index.html")
            return html.split(separator: "\n").filter { $0.hasPrefix("<li><a href=\"#") }.map(String.init)
        }
        #expect(try counts("2018") == [
            "<li><a href=\"#added\">Added: 154</a></li>",
            "<li><a href=\"#discontinued\">Discontinued: 29</a></li>",
            "<li><a href=\"#longDescriptorChanged\">Long descriptor changed: 59</a></li>",
            "<li><a href=\"#shortDescriptorChanged\">Short descriptor changed: 70</a></li>",
            "<li><a href=\"#administrativeDataChanged\">Administrative data changed: 94</a></li>",
            "<li><a href=\"#droppedAfterTermination\">Dropped after termination: 107</a></li>",
            "<li><a href=\"#addedAlreadyTerminated\">Finding: added already terminated: 14</a></li>",
            "<li><a href=\"#actionCodeDisagrees\">Finding: action code disagrees with the data: 24</a></li>",
        ])
        let html2019 = try site.page("changes/2019/index.html")
        #expect(html2019.contains("<li><a href=\"#added\">Added: 228</a></li>"))
        // The guidance this release touches comes first, old and new descriptor word by word.
        #expect(html2019.contains("<li><a href=\"../../codes/A5513/index.html\"><span class=\"code-id\">A5513</span></a> Long descriptor changed<div class=\"diff\">"))
        #expect(html2019.contains("shore a 35 durometer <del>or</del> higher)") && html2019.contains("shore a 35 durometer <ins>(or</ins> higher)"))
    }

    /// The releases page's totals are the changes pages' own: the codes and modifiers with a
    /// change (a code changed two ways counts once; the kinds add up to more), and those with
    /// a finding about the data. 2019: 438 changed, kinds 228 + 36 + 114 + 101 + 72 + 2 = 553.
    @Test func releaseTotalsAgreeWithTheChangesPagesAndTheLegendExplainsActionCodes() throws {
        let site = try ThreeReleaseSite.require()
        let html = try site.page("changes/2019/index.html")
        #expect(html.contains("<p><strong>438</strong> codes and modifiers changed. One can change in more than one way (its long and its short descriptor), so it is counted under each kind:</p>"))
        #expect(html.contains("<p>Findings about CMS's data, for <strong>47</strong> codes and modifiers:</p>"))
        #expect(try site.page("changes/2018/index.html").contains("<p><strong>443</strong> codes and modifiers changed."))
        #expect(html.contains("""
        <dl class="action-codes">
        <dt>A</dt><dd>Add procedure or modifier code</dd>
        <dt>B</dt><dd>Change in both administrative data field and long description of procedure or modifier code</dd>
        <dt>C</dt><dd>Change in long description of procedure or modifier code</dd>
        <dt>D</dt><dd>Discontinue procedure or modifier code</dd>
        <dt>F</dt><dd>Change in administrative data field of procedure or modifier code</dd>
        <dt>N</dt><dd>No maintenance for this code</dd>
        <dt>P</dt><dd>Payment change (MOG, pricing indicator codes, anesthesia base units, Ambulatory Surgical Centers)</dd>
        <dt>S</dt><dd>Change in short description of procedure code</dd>
        </dl>
        """))
        #expect(html.contains("<th scope=\"col\"><a href=\"#action-codes\">Action code</a></th>"))
        // The header links the releases, marked as the part of the site this page is in.
        #expect(html.contains("<li><a href=\"../../changes/index.html\" aria-current=\"true\">Changes</a></li>"))
    }

    /// The History list of a page of the three-release site.
    func historyList(_ path: String) throws -> String {
        let page = try ThreeReleaseSite.require().page(path)
        let start = try #require(page.range(of: "<ol class=\"history-list\">"))
        let end = try #require(page.range(of: "</ol>", range: start.upperBound..<page.endIndex))
        return String(page[start.lowerBound..<end.upperBound])
    }

    @Test func historyBlockShowsEveryRelease() throws {
        // Changed in 2018: the descriptor word by word, as on the changes page, and the finding.
        #expect(try historyList("codes/J7342/index.html") == """
        <ol class="history-list">
        <li>Listed in 2017</li>
        <li><a href="../../changes/2018/index.html#code-J7342">Changed in 2018</a> (effective <time datetime="2018-01-01">2018-01-01</time>)
        <ul>
        <li><span class="history-field">Long descriptor:</span> <div class="diff"><p class="diff-old"><span class="diff-label">Old:</span> <del>Installation,</del> ciprofloxacin otic suspension, 6 mg </p><p class="diff-new"><span class="diff-label">New:</span> <ins>Instillation,</ins> ciprofloxacin otic suspension, 6 mg </p></div></li>
        <li><span class="history-field">Finding:</span> action code N but the data shows long descriptor changed (expected C or B)</li>
        </ul>
        </li>
        <li>Unchanged in 2019</li>
        </ol>
        """)
        // Consecutive releases that changed nothing are one line.
        #expect(try historyList("codes/G9328/index.html") == """
        <ol class="history-list">
        <li>Listed in 2017</li>
        <li>Unchanged in 2018 and 2019</li>
        </ol>
        """)
        // Added, then discontinued: the status and an administrative field as old → new.
        #expect(try historyList("codes/C9014/index.html") == """
        <ol class="history-list">
        <li>Not listed in 2017</li>
        <li><a href="../../changes/2018/index.html#code-C9014">Added in 2018</a> (effective <time datetime="2018-01-01">2018-01-01</time>)</li>
        <li><a href="../../changes/2019/index.html#code-C9014">Discontinued in 2019</a> (effective <time datetime="2019-01-01">2019-01-01</time>)
        <ul>
        <li><span class="history-field">Status:</span> active → terminated (last day of service <time datetime="2018-12-31">2018-12-31</time>)</li>
        <li><span class="history-field">Cross references:</span> (blank) → J0567</li>
        </ul>
        </li>
        </ol>
        """)
        #expect(try historyList("codes/A4563/index.html") == """
        <ol class="history-list">
        <li>Not listed in 2017 or 2018</li>
        <li><a href="../../changes/2019/index.html#code-A4563">Added in 2019</a> (effective <time datetime="2019-01-01">2019-01-01</time>)</li>
        </ol>
        """)
        // A reused code: both descriptors, the BETOS code and the added date.
        let g9890 = try historyList("codes/G9890/index.html")
        #expect(g9890.contains("<li><span class=\"history-field\">Short descriptor:</span> <div class=\"diff\"><p class=\"diff-old\"><span class=\"diff-label\">Old:</span> <del>Mac exam perf</del> </p><p class=\"diff-new\"><span class=\"diff-label\">New:</span> <ins>Em bridge payment</ins> </p></div></li>\n"))
        #expect(g9890.contains("""
        <li><span class="history-field">BETOS code:</span> Z2 → Y1</li>
        <li><span class="history-field">Added date (code reused):</span> <time datetime="2018-01-01">2018-01-01</time> → <time datetime="2018-04-01">2018-04-01</time></li>
        </ul>
        """))
    }

    @Test func everyCodePageHasAHistory() throws {
        let site = try ThreeReleaseSite.require()
        let codes = try FileManager.default.contentsOfDirectory(atPath: site.output.appendingPathComponent("codes").path)
            .filter { !$0.hasSuffix(".json") }
        #expect(codes.count == 6440)
        let without = try codes.filter { try !site.page("codes/\($0)/index.html").contains("<ol class=\"history-list\">\n<li>") }
        #expect(without == [])
    }

    @Test func modifierPagesShowDatesAndHistory() throws {
        let page = try ThreeReleaseSite.require().page("modifiers/CP/index.html")
        #expect(page.contains("""
        <dl class="record-facts">
        <dt>Level</dt><dd>Level II (HCPCS)</dd>
        <dt>Added</dt><dd><time datetime="2016-01-01">2016-01-01</time></dd>
        <dt>Action effective</dt><dd><time datetime="2018-01-01">2018-01-01</time></dd>
        <dt>Termination (last day of service)</dt><dd><time datetime="2017-12-31">2017-12-31</time></dd>
        <dt>Action code</dt><dd>N (No maintenance for this code)</dd>
        </dl>
        """))
        #expect(try historyList("modifiers/CP/index.html") == """
        <ol class="history-list">
        <li>Listed in 2017</li>
        <li><a href="../../changes/2018/index.html#modifier-CP">Discontinued in 2018</a> (effective <time datetime="2018-01-01">2018-01-01</time>)
        <ul>
        <li><span class="history-field">Status:</span> active → terminated (last day of service <time datetime="2017-12-31">2017-12-31</time>)</li>
        </ul>
        </li>
        <li>Unchanged in 2019</li>
        </ol>
        """)
        // Level I modifiers are not in CMS's files.
        #expect(try historyList("modifiers/26/index.html") == """
        <ol class="history-list">
        <li>Not listed in 2017, 2018 or 2019</li>
        </ol>
        """)
    }

    @Test func releasesIndexAndEveryLinkResolve() throws {
        let site = try ThreeReleaseSite.require()
        let index = try site.page("changes/index.html")
        #expect(index.contains("<tr><th scope=\"row\"><a href=\"../changes/2019/index.html\">2019</a></th><td><time datetime=\"2019-01-01\">2019-01-01</time></td><td>6,440</td><td>360</td><td>438</td><td>47</td></tr>"))
        #expect(index.contains("<tr><th scope=\"row\"><a href=\"../changes/2018/index.html\">2018</a></th><td><time datetime=\"2018-01-01\">2018-01-01</time></td><td>6,205</td><td>354</td><td>443</td><td>38</td></tr>"))
        #expect(index.contains("<tr><th scope=\"row\">2017</th><td><time datetime=\"2017-01-01\">2017-01-01</time></td><td>6,155</td><td>343</td><td>(first release)</td><td></td></tr>"))
        let broken = SiteLinkChecker(files: site.snapshot()).brokenLinks()
        #expect(broken.count == 0, "first broken links: \(broken.prefix(10))")
    }

    @Test func releasesSettingsAreChecked() throws {
        let site = try FixtureSite(files: ["site.yml": """
            title: T
            asOf: 2019-01-01
            codeSet: a.txt
            releases:
              - label: "2019"
                file: b.txt
                effective: 2019-01-01
              - label: "2018/x"
                file: c.txt
                effective: 2018-01-01

            """])
        #expect(site.check().lines == [
            "Content/site.yml:3:1: error: site.yml sets both codeSet and releases; the newest of releases is the code set, so drop codeSet [site-config]",
            "Content/site.yml:8:5: error: release 2018/x (effective 2018-01-01) must be newer than 2019 (effective 2019-01-01); list releases oldest first [site-config]",
            "Content/site.yml:8:12: error: release label '2018/x' must be letters, digits, '.', '_' or '-' (it names the page changes/2018/x/) [site-config]",
        ])
    }
}
