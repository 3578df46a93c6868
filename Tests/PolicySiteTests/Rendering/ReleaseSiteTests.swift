import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// The 2019 CMS release file that the real-input tests read from `../shared/hcpcs/`.
let release2019 = sharedRoot.appendingPathComponent("hcpcs/HCPC2019_CONTR_ANWEB.txt")

/// The default content built with the full 2019 release as its code set, once for all tests
/// that need it (about 6,800 pages; a `SharedSite`).
enum ReleaseSite {
    static var built: FixtureSite? {
        SharedSite.named("default content with the 2019 release") {
            guard FileManager.default.fileExists(atPath: release2019.path) else { return nil }
            let site = try FixtureSite(copyingRepositoryContent: ())
            return site.build(codeSet: release2019.path).wroteSite ? site : nil
        }
    }

    static func require() throws -> FixtureSite {
        try #require(FileManager.default.fileExists(atPath: release2019.path), "this test needs the CMS 2019 release at \(release2019.path) (../shared/hcpcs beside the repository)")
        return try #require(built, "the 2019 release site did not build")
    }
}

/// Headless Chromium from Debian (`apt-get install chromium`), for tests that run the site's
/// script the way a coder's browser does.
enum Browser {
    static let executable: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static var isAvailable: Bool { executable != nil }

    /// The DOM of `url` after its scripts ran.
    /// `extraArguments`: `--allow-file-access-from-files` lets a probe page read the document
    /// of a site page in its iframe from `file://`.
    /// `timeout`: seconds before Chromium and every process it started are killed
    /// (generous: the machine is shared).
    /// - Throws: `BrowserTimeout` when Chromium has not finished by then.
    static func dumpDOM(_ url: URL, extraArguments: [String] = [], timeout: Double = 120) async throws -> String {
        let arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] + extraArguments + ["--dump-dom", url.absoluteString]
        let result = try await ChildProcess.run(executable!, arguments, timeout: timeout)
        guard result.status != nil else { throw BrowserTimeout(url: url, seconds: timeout) }
        return result.outputText
    }
}

extension Browser {
    /// The DOM of each page at `addresses` after its scripts ran, from one Chromium run (a
    /// Chromium start costs more than a page): a probe page written at `probe` holds each page in
    /// a frame of its own, at the page's own address. Frames added while the probe loads hold
    /// its load event back until they loaded, and Chromium writes the DOM after that event, so
    /// every frame is read after its scripts ran. Nil for a page the probe could not read.
    static func dumpDOMs(_ addresses: [String], probe: URL) async throws -> [String?] {
        let list = String(decoding: try JSONSerialization.data(withJSONObject: addresses), as: UTF8.self)
        try """
        <!DOCTYPE html><html><body><script>
        var frames = \(list).map(function (address) {
          var frame = document.createElement('iframe');
          frame.src = address;
          document.body.appendChild(frame);
          return frame;
        });
        window.addEventListener('load', function () {
          var lines = frames.map(function (frame, index) {
            return index + ':' + btoa(unescape(encodeURIComponent(frame.contentDocument.documentElement.outerHTML)));
          });
          var p = document.createElement('pre'); p.id = 'probe'; p.textContent = lines.join(' '); document.body.appendChild(p);
        });
        </script></body></html>
        """.write(to: probe, atomically: true, encoding: .utf8)
        let dom = try await dumpDOM(probe, extraArguments: ["--allow-file-access-from-files"])
        let text = dom.components(separatedBy: "<pre id=\"probe\">").dropFirst().first?.components(separatedBy: "</pre>").first ?? ""
        var pages = [String?](repeating: nil, count: addresses.count)
        for item in text.split(separator: " ") {
            let parts = item.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let index = Int(parts[0]), pages.indices.contains(index), let data = Data(base64Encoded: String(parts[1])) else { continue }
            pages[index] = String(decoding: data, as: UTF8.self)
        }
        return pages
    }
}

/// A fixture site for a browser probe did not build.
enum BrowserProbeError: Error { case noSite }

/// Chromium did not finish a page in time.
struct BrowserTimeout: Error, CustomStringConvertible {
    var url: URL
    var seconds: TimeInterval
    var description: String { "Chromium did not finish \(url.absoluteString) within \(Int(seconds)) s; its processes were killed" }
}

@Suite struct ReleaseSiteTests {
    @Test func everyCodeAndModifierOfTheReleaseHasAPage() throws {
        let site = try ReleaseSite.require()
        let files = site.filePaths()
        #expect(files.filter { $0.hasPrefix("codes/") && $0.hasSuffix("/index.html") }.count == 6440)
        #expect(files.filter { $0.hasPrefix("modifiers/") && $0.hasSuffix("/index.html") }.count == 360 + 1 + 1)  // + modifier 26 (Level I, from the data) + the index
        let sections = try site.page("index.html")
        #expect(sections.contains("<tr><th scope=\"row\"><a href=\"sections/G/index.html\">G</a></th><td>Procedures and Professional Services (Temporary)</td><td>"))
    }

    @Test func codePagesShowTheReleaseRecordsFields() throws {
        // G0101 in HCPC2019_CONTR_ANWEB.txt: pricing 11, multiple pricing A, processing note
        // 0064 (columns 253-256) with its text from proc_notes_2019.txt beside the release,
        // type of service 1, BETOS M1A, action N.
        let html = try ReleaseSite.require().page("codes/G0101/index.html")
        #expect(html.contains("""
        <dt>Coverage</dt><dd>D (Special coverage instructions apply)</dd>
        <dt>BETOS</dt><dd>M1A (Office visits - new)</dd>
        <dt>Pricing indicator</dt><dd>11 (Price established using national RVUs)</dd>
        <dt>Multiple pricing indicator</dt><dd>A (Not applicable as HCPCS priced under one methodology)</dd>
        <dt>Processing note</dt><dd>0064: COVERAGE AND PAYMENT BASED ON BALANCED BUDGET ACT OF 1997 (G0101 - SEC 4102; G0104, G0105, G0106, G0107, G0120, G0121, G0122 - SEC 4104).</dd>
        <dt>Type of service</dt><dd>1 (Medical care)</dd>
        <dt>Action code</dt><dd>N (No maintenance for this code)</dd>
        </dl>
        """))
        #expect(try ReleaseSite.require().page("codes/A0021/index.html").contains("<dt>Cross reference</dt><dd>A0030</dd>"))
    }

    /// The home page's title says the site's name once; its counts are grouped by thousands
    /// and singular for one.
    @Test func homePageTitleAndCounts() throws {
        let html = try ReleaseSite.require().page("index.html")
        #expect(html.contains("<title>Billing Code Guidance</title>"))
        #expect(html.contains("""
        <ul class="site-facts" aria-label="About this site">
        <li><strong>6,440</strong> codes</li>
        <li><strong>361</strong> modifiers</li>
        <li><strong>1</strong> guidance page</li>
        <li><strong>0</strong> payer gaps</li>
        """))
        #expect(CountView(1_234_567, "code", "codes").number == "1,234,567")
        #expect(CountView(999, "code", "codes").number == "999")
    }

    /// A code without guidance is headed by CMS's long descriptor, the short one beside it;
    /// its record is under the release's name, dates in `<time>` so they never break.
    @Test func codeWithoutGuidanceLeadsWithItsLongDescriptor() throws {
        let html = try ReleaseSite.require().page("codes/A0021/index.html")
        #expect(html.contains("""
        <header class="code-header" id="code-summary">
        <h1><span class="code-id">A0021</span> Ambulance service, outside state per mile, transport (medicaid only)</h1>
        <p class="short-descriptor"><span class="short-descriptor-label">CMS short descriptor:</span> Outside state ambulance serv</p>
        <p class="status status-active"><span class="status-label">Status:</span> Active</p>
        <p class="no-guidance">The compliance team has no guidance for A0021 yet.</p>
        </header>
        <section class="release-record" aria-labelledby="release-record">
        <h2 id="release-record">CMS HCPCS 2019 release</h2>
        <dl class="record-facts">
        <dt>Section</dt><dd>A: Transportation, Medical and Surgical Supplies, Miscellaneous and Experimental</dd>
        <dt>Code added</dt><dd><time datetime="1985-01-01">1985-01-01</time></dd>
        <dt>Action effective</dt><dd><time datetime="1996-09-10">1996-09-10</time></dd>
        <dt>Coverage</dt><dd>I (Not payable by Medicare)</dd>
        """))
        #expect(html.contains("<title>A0021: Outside state ambulance serv · "))
    }

    @Test func everyInternalLinkAndAnchorOfTheReleaseSiteResolves() throws {
        let site = try ReleaseSite.require()
        let broken = SiteLinkChecker(files: site.snapshot()).brokenLinks()
        #expect(broken.count == 0, "first broken links: \(broken.prefix(10))")
    }

    @Test func searchIndexStaysSmall() throws {
        let site = try ReleaseSite.require()
        let size = try #require(FileManager.default.contents(atPath: site.output.appendingPathComponent("search/index.js").path)?.count)
        #expect(size < 2_000_000, "search index is \(size) bytes")
    }

    /// Every page these tests open in Chromium, by name: on the 2019 release site or the default
    /// content's, the page, and what follows it in the address.
    static let browserPages: [(name: String, release: Bool, page: String, query: String)] = [
        ("G932 on the default site", false, "search/index.html", "?q=G932"), ("G932 on the release site", true, "search/index.html", "?q=G932"),
        ("radiation treatment", false, "search/index.html", "?q=radiation+treatment"),
        ("TC", true, "search/index.html", "?q=TC"), ("modifier 26", true, "search/index.html", "?q=modifier+26"),
        ("coverage", false, "coverage/index.html", ""),
    ]

    /// Those pages' DOMs after their scripts ran, by name, from one Chromium run (a start costs
    /// more than a page; see `Browser.dumpDOMs`), each page at its own address.
    static let browserDOMs = Task { () throws -> [String: String] in
        guard let plain = SharedSite.defaultContent, let release = ReleaseSite.built else { throw BrowserProbeError.noSite }
        let addresses = browserPages.map { ($0.release ? release : plain).output.appendingPathComponent($0.page).absoluteString + $0.query }
        let doms = try await Browser.dumpDOMs(addresses, probe: try scratch("release-site-probe").appendingPathComponent("probe.html"))
        return Dictionary(uniqueKeysWithValues: zip(browserPages, doms).compactMap { page, dom in dom.map { (page.name, $0) } })
    }

    /// The DOM of the page called `name` in `browserPages`.
    func browserDOM(_ name: String) async throws -> String {
        let doms = try await Self.browserDOMs.value
        return try #require(doms[name], "no DOM for \(name) (it must be in ReleaseSiteTests.browserPages; the probe read \(doms.count) of \(Self.browserPages.count))")
    }

    @Test(.enabled(if: Browser.isAvailable, "Chromium is not installed (apt-get install chromium); the browser tests are skipped"))
    func searchFindsACodePrefixInCodeOrder() async throws {
        for name in ["G932 on the default site", "G932 on the release site"] {
            let dom = try await browserDOM(name)
            let codes = SiteLinkChecker.attributeValues("data-code", in: dom).filter { !$0.isEmpty }
            // The code with guidance first, then the prefix in code order.
            #expect(codes == ["G9328"] + [0, 1, 2, 3, 4, 5, 6, 7, 9].map { "G932\($0)" })
            #expect(dom.contains("<li data-code=\"G9328\" data-match=\"code\"><a href=\"../codes/G9328/index.html\">G9328</a> <span class=\"result-descriptor\">Dicom format image data availability not documented in final report due to medical reasons (eg, ct studies performed for radiation treatment planning or image-guided radiation treatment delivery)</span> <span class=\"status status-terminated\">Terminated (last day of service: <time datetime=\"2015-12-31\">2015-12-31</time>)</span> <span class=\"has-guidance\">Guidance: DICOM image availability not documented for medical reasons</span></li>"))
        }
    }

    @Test(.enabled(if: Browser.isAvailable, "Chromium is not installed (apt-get install chromium); the browser tests are skipped"))
    func searchByWordsRanksDescriptorsAboveGuidance() async throws {
        let dom = try await browserDOM("radiation treatment")
        let codes = SiteLinkChecker.attributeValues("data-code", in: dom)
        let matches = SiteLinkChecker.attributeValues("data-match", in: dom)
        // The code with guidance first, then descriptor matches in code order; the policy page
        // matches by its text.
        #expect(codes == ["G9328", "G9320", "G9323", "G9325", ""])
        #expect(matches == ["descriptor", "descriptor", "descriptor", "descriptor", "guidance"])
    }

    @Test(.enabled(if: Browser.isAvailable, "Chromium is not installed (apt-get install chromium); the browser tests are skipped"))
    func searchFindsModifiersAndMatchesWordStarts() async throws {
        // The modifier itself first; "tc" matches words that start with it, never "patch".
        let tc = SiteLinkChecker.attributeValues("data-code", in: try await browserDOM("TC"))
        #expect(tc.first == "TC")
        let dom = try await browserDOM("modifier 26")
        #expect(SiteLinkChecker.attributeValues("data-code", in: dom).first == "26")
        #expect(dom.contains("<li data-code=\"26\" data-match=\"modifier\" data-kind=\"modifier\"><a href=\"../modifiers/26/index.html\">Modifier 26</a>"))
    }

    @Test(.enabled(if: Browser.isAvailable, "Chromium is not installed (apt-get install chromium); the browser tests are skipped"))
    func coverageMatrixInTheBrowser() async throws {
        let dom = try await browserDOM("coverage")
        #expect(SiteLinkChecker.attributeValues("data-state", in: dom) == ["no-data", "no-data", "no-data", "no-data", "note"])
        #expect(SiteLinkChecker.attributeValues("data-payer", in: dom) == ["Aetna", "Blue Cross Blue Shield", "Cigna", "UnitedHealthcare", "Medicare"])
    }
}
