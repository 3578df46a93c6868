import Foundation
import Testing
@testable import PolicySite

/// The section filter and the coverage matrix's fixed code column, run in headless Chromium
/// from `file://` as a coder opens the site from disk.
@Suite(.enabled(if: Browser.isAvailable, "Chromium is not installed (apt-get install chromium); the browser tests are skipped"))
struct ListPageBrowserTests {
    static var site: FixtureSite? { SharedSite.defaultContent }

    /// Every filter these tests give in the address, after `?filter=`.
    static let queries = ["G9321", "g932", "dicom+medical", "medrsn+dicom", "zzz", ""]

    /// The probe pages of the two tests that act on a page (type, scroll), each with the page in
    /// an iframe and a script that writes what it saw into the probe's `<pre id="probe">`.
    static let actingProbes = ["typing-probe.html": typingProbe, "matrix-probe.html": matrixProbe]

    /// Section G's DOM after its script ran, by filter, each page at its own address,
    /// `sections/G/index.html?filter=...`, and the DOM of each of `actingProbes` by file name,
    /// all from one Chromium run (see `Browser.dumpDOMs`; a start costs more than a page).
    static let pages = Task { () throws -> [String: String] in
        guard let site = ListPageBrowserTests.site else { throw BrowserProbeError.noSite }
        let probes = actingProbes.keys.sorted()
        for name in probes { try actingProbes[name]!.write(to: site.root.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let addresses = ListPageBrowserTests.queries.map { site.output.appendingPathComponent("sections/G/index.html").absoluteString + "?filter=" + $0 }
            + probes.map { site.root.appendingPathComponent($0).absoluteString }
        let doms = try await Browser.dumpDOMs(addresses, probe: site.root.appendingPathComponent("filter-probe.html"))
        return Dictionary(uniqueKeysWithValues: zip(ListPageBrowserTests.queries + probes, doms).compactMap { key, dom in dom.map { (key, $0) } })
    }

    /// The DOM of one of `actingProbes` after its script ran.
    func probed(_ name: String) async throws -> String {
        let pages = try await Self.pages.value
        return try #require(pages[name], "no DOM for \(name) (the probe read \(pages.count) of \(Self.queries.count + Self.actingProbes.count) pages)")
    }

    /// The codes of the section's rows that are not hidden, and the filter's status line.
    func filtered(_ query: String) async throws -> (codes: [String], status: String) {
        let pages = try await Self.pages.value
        let dom = try #require(pages[query], "no page for the filter \(query) (it must be in ListPageBrowserTests.queries; the probe read \(pages.count) of \(Self.queries.count))")
        let rows = dom.components(separatedBy: "<tr data-code=\"").dropFirst()
        let shown = rows.filter { !$0.prefix(while: { $0 != ">" }).contains(" hidden") }.map { String($0.prefix(5)) }
        let status = dom.components(separatedBy: "id=\"code-filter-status\" aria-live=\"polite\">").dropFirst().first?.components(separatedBy: "<").first ?? "(no status)"
        #expect(dom.contains("<form class=\"code-filter\" id=\"code-filter\" role=\"search\">"), "the script shows the filter box")
        return (shown, status)
    }

    @Test func sectionFilterNarrowsByCodePrefixAndWords() async throws {
        #expect(try await filtered("G9321") == (["G9321"], "1 of 10 codes match"))
        #expect(try await filtered("g932") == (["G9320", "G9321", "G9322", "G9323", "G9324", "G9325", "G9326", "G9327", "G9328", "G9329"], "10 of 10 codes match"))
        #expect(try await filtered("dicom+medical") == (["G9328"], "1 of 10 codes match"))
        // CMS's abbreviation, from the short descriptor: G9328 is "Medrsn no dicom format doc".
        #expect(try await filtered("medrsn+dicom") == (["G9328"], "1 of 10 codes match"))
        #expect(try await filtered("zzz") == ([], "0 of 10 codes match"))
    }

    /// Without a query every row shows and the status is empty; without JavaScript the box
    /// stays hidden (it is `hidden` in the page as written).
    @Test func noQueryShowsEverything() async throws {
        #expect(try await filtered("") == (["G9320", "G9321", "G9322", "G9323", "G9324", "G9325", "G9326", "G9327", "G9328", "G9329"], ""))
        let html = try #require(Self.site).page("sections/G/index.html")
        #expect(html.contains("<form class=\"code-filter\" id=\"code-filter\" role=\"search\" hidden>"))
    }

    /// Typed a key at a time, as a coder types: after each key the rows narrow and the status
    /// line follows (the `input` event, not a query in the address).
    @Test func sectionFilterNarrowsAsOneTypes() async throws {
        let dom = try await probed("typing-probe.html")
        #expect(dom.contains(#"<pre id="probe">"G"=10 (10 of 10 codes match) "G9"=10 (10 of 10 codes match) "G93"=10 (10 of 10 codes match) "G932"=10 (10 of 10 codes match) "G9328"=1 (1 of 10 codes match) "G9328 "=1 (1 of 10 codes match) "G9328 d"=1 (1 of 10 codes match)</pre>"#))
    }

    /// On a phone the matrix scrolls sideways in its box; the code column stays at the box's
    /// left edge while the payer columns move under it, and the header row is sticky.
    @Test func matrixCodeColumnStaysInViewWhenScrolledSideways() async throws {
        let dom = try await probed("matrix-probe.html")
        #expect(dom.contains("<pre id=\"probe\">scrolled=150 codeAtEdge=true payerMoved=150 header=sticky 0px</pre>"))
    }

    /// Types "G9328 d" into section G's filter a key at a time (1280 px wide), noting the rows
    /// shown and the status line after each key.
    static let typingProbe = """
    <!DOCTYPE html><html><body><script>
    function probe(frame) {
      var d = frame.contentDocument, w = frame.contentWindow;
      var input = d.getElementById('code-filter-q'), out = [];
      ['G', '9', '3', '2', '8', ' ', 'd'].forEach(function (key) {
        input.value += key;
        input.dispatchEvent(new w.Event('input', { bubbles: true }));
        var shown = Array.prototype.filter.call(d.querySelectorAll('#code-table tbody tr'), function (r) { return !r.hidden; });
        out.push(JSON.stringify(input.value) + '=' + shown.length + ' (' + d.getElementById('code-filter-status').textContent + ')');
      });
      var p = document.createElement('pre'); p.id = 'probe'; p.textContent = out.join(' ');
      document.body.appendChild(p);
    }
    </script>
    <iframe style="width:1280px;height:900px;border:0" onload="probe(this)" src="Site/sections/G/index.html"></iframe>
    </body></html>
    """

    /// Scrolls the coverage matrix 150 px sideways in a 390 px frame and notes where the code
    /// column and a payer column are.
    static let matrixProbe = """
    <!DOCTYPE html><html><body><script>
    function probe(frame) {
      var d = frame.contentDocument, w = frame.contentWindow;
      var box = d.querySelector('.matrix-scroll'), code = d.querySelector('tbody th[scope=row]');
      var payer = d.querySelectorAll('thead th')[1];
      var before = Math.round(payer.getBoundingClientRect().left);
      box.scrollLeft = 150;
      var out = [
        'scrolled=' + box.scrollLeft,
        'codeAtEdge=' + (Math.round(code.getBoundingClientRect().left) === Math.round(box.getBoundingClientRect().left)),
        'payerMoved=' + (before - Math.round(payer.getBoundingClientRect().left)),
        'header=' + w.getComputedStyle(payer).position + ' ' + w.getComputedStyle(payer).top,
      ];
      var p = document.createElement('pre'); p.id = 'probe'; p.textContent = out.join(' ');
      document.body.appendChild(p);
    }
    </script>
    <iframe style="width:390px;height:900px;border:0" onload="probe(this)" src="Site/coverage/index.html"></iframe>
    </body></html>
    """
}
