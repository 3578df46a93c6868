import Foundation
import Testing
@testable import PolicySite
@testable import PolicySiteTemplates

/// How a code page lays out in a real browser at a phone's width (390 px) and a desktop's
/// (1280 px): a probe page (written beside the built site, not part of it) loads the page in
/// an iframe of that width and writes what it measured into its own DOM.
@Suite struct PhoneLayoutTests {
    /// One line of `name=value` pairs, measured in the iframe's document once it has loaded,
    /// written into the probe page's `<pre id="probe-<name>">`.
    static let probeScript = """
    function probe(frame, name) {
      var d = frame.contentDocument, w = frame.contentWindow;
      function box(s) { return d.querySelector(s).getBoundingClientRect(); }
      var details = d.querySelector('details.toc-compact');
      var link = details.querySelector('a');
      var dt = d.querySelector('.record-facts dt'), dd = d.querySelector('.record-facts dd');
      var out = [
        'sidebar=' + w.getComputedStyle(d.querySelector('nav.toc')).display,
        'contents=' + w.getComputedStyle(details).display,
        'open=' + details.open,
        'linkShown=' + link.checkVisibility(),
        'contentsAfterStatus=' + (box('details.toc-compact').top >= box('.code-header .status').bottom),
        'factsStacked=' + (dd.getBoundingClientRect().top >= dt.getBoundingClientRect().bottom),
        'statusDateOnOneLine=' + (d.querySelector('.code-header .status time').getClientRects().length === 1),
      ];
      var p = document.createElement('pre'); p.id = 'probe-' + name; p.textContent = out.join(' ');
      document.body.appendChild(p);
    }
    """

    /// The probe's line for G9328's page at each width, by width, from one Chromium run (a
    /// start costs more than a page): the frames sit side by side in a window wider than both.
    func measure(widths: [Int], site: FixtureSite) async throws -> [Int: String] {
        let probe = site.root.appendingPathComponent("probe-\(widths.map(String.init).joined(separator: "-")).html")
        let frames = widths.map { #"<iframe style="width:\#($0)px;height:900px;border:0" onload="probe(this, \#($0))" src="Site/codes/G9328/index.html"></iframe>"# }
        try """
        <!DOCTYPE html><html><body><script>\(Self.probeScript)</script>
        \(frames.joined(separator: "\n"))
        </body></html>
        """.write(to: probe, atomically: true, encoding: .utf8)
        let window = widths.reduce(100, +)
        let dom = try await Browser.dumpDOM(probe, extraArguments: ["--allow-file-access-from-files", "--window-size=\(window),1000"])
        var lines: [Int: String] = [:]
        for width in widths {
            guard let start = dom.range(of: "<pre id=\"probe-\(width)\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else { continue }
            lines[width] = String(dom[start.upperBound..<end.lowerBound])
        }
        return lines
    }

    @Test(.enabled(if: Browser.isAvailable, "Chromium is not installed (apt-get install chromium); the browser tests are skipped"))
    func onAPhoneTheContentsFollowTheStatusCollapsed() async throws {
        let site = try SharedSite.requireDefaultContent()
        let measured = try await measure(widths: [390, 1280], site: site)
        #expect(measured[390] ?? "(no probe output)" == "sidebar=none contents=block open=false linkShown=false contentsAfterStatus=true factsStacked=true statusDateOnOneLine=true")
        #expect(measured[1280] ?? "(no probe output)" == "sidebar=block contents=none open=false linkShown=false contentsAfterStatus=false factsStacked=false statusDateOnOneLine=true")
    }

    @Test func datesInAStatusAreTimeElements() {
        #expect(PageRenderer.datesAsTime("Terminated (last day of service: 2015-12-31)").markup
            == "Terminated (last day of service: <time datetime=\"2015-12-31\">2015-12-31</time>)")
        #expect(PageRenderer.datesAsTime("Active <from> 12019-01-01 & \"2019-1-01\"").markup
            == "Active &lt;from&gt; 12019-01-01 &amp; &quot;2019-1-01&quot;")
    }
}
