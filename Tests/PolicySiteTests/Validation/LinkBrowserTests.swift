import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import PolicySite

/// The link check against the browser: for a page holding every internal link form, a link
/// passes `check` exactly when headless Chromium, following it, reaches a page of the site and
/// the anchor it names — from `file://`, as a coder opens the site from disk, and from a web
/// server that publishes the site under a sub-path (`/sub/path/`).
@Suite(.enabled(if: Browser.isAvailable, "Chromium is not installed (apt-get install chromium); the browser tests are skipped"))
struct LinkBrowserTests {
    /// One link per line; `L` links should work, `B` links should not.
    static let links: [(name: String, destination: String)] = [
        ("L1", "<prior auth.md>"), ("L2", "prior%20auth.md#steps"), ("L3", "/modifiers/%54C/"),
        ("L4", "/policies/prior%2Dauth/#steps"), ("L5", "/codes/G9328#payer-notes"), ("L6", "/codes/G9328/index.html"),
        ("L7", "../../codes/G9329"), ("L8", "/policies/prior-auth"), ("L9", "../codes/G9328.md#payer-notes"), ("L10", "/"),
        ("L11", "prior-auth/../prior%20auth.md"), ("L12", "/modifiers/TC/index.html#top"),
        ("B1", "/codes/G9238/"), ("B2", "/codes/G9328/#no-such-anchor"), ("B3", "missing.md"),
        ("B4", "/policies/prior-auth/#nope"), ("B5", "../../../above"), ("B6", "/policies/prior%20auth/"),
    ]

    static let site: FixtureSite? = {
        let page = "---\ntitle: Links\n---\n\n" + links.map { "[\($0.name)](\($0.destination))\n\n" }.joined()
        guard let site = try? FixtureSite(files: [
            // Broken links are warnings here, so that the site is built with them in it.
            "site.yml": "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare]\nrules: { link-broken: warning }\n",
            "policies/prior auth.md": "---\ntitle: Prior authorization\nslug: prior-auth\n---\n\n## Steps\n\nAsk first.\n",
            "policies/links.md": page,
        ]) else { return nil }
        site.build()
        return site
    }()

    /// The links `check` reports, by name (each link is alone on its line).
    func brokenByCheck(_ site: FixtureSite) -> Set<String> {
        var broken: Set<String> = []
        for finding in site.check().diagnostics where finding.rule == "link-broken" && finding.location.file == "Content/policies/links.md" {
            let index = (finding.location.line - 5) / 2
            if index >= 0, index < Self.links.count { broken.insert(Self.links[index].name) }
        }
        return broken
    }

    /// A page that opens the links page in a frame, then each of its links in a fresh frame,
    /// and writes `name=reached` or `name=missed` for each: reached when the frame holds a page
    /// of the site (its `<main id="main">`) and the element the fragment names (or the
    /// fragment is `top`, which HTML defines as the top of any document).
    static func probe(linksPage: String) -> String {
        """
        <!DOCTYPE html><html><body><script>
        var results = [];
        function finish() { var p = document.createElement('pre'); p.id = 'probe'; p.textContent = results.join(' '); document.body.appendChild(p); }
        function start(frame) {
          var links = Array.prototype.filter.call(frame.contentDocument.querySelectorAll('main a[href]'), function (a) { return /^[LB][0-9]+$/.test(a.textContent); });
          var index = 0;
          function next() {
            if (index >= links.length) { finish(); return; }
            var link = links[index++], url = link.href, done = false;
            var target = document.createElement('iframe');
            function record(reached) {
              if (done) return;
              done = true;
              results.push(link.textContent + '=' + (reached ? 'reached' : 'missed'));
              target.remove();
              next();
            }
            target.onload = function () {
              var reached = false;
              try {
                var d = target.contentDocument, hash = decodeURIComponent(new URL(url).hash.slice(1));
                // HTML's rule for fragments: `#top` (any case) is the top of the document
                // when no element has that id.
                reached = !!d && !!d.getElementById('main') && (hash === '' || !!d.getElementById(hash) || hash.toLowerCase() === 'top');
              } catch (e) { reached = false; }
              record(reached);
            };
            setTimeout(function () { record(false); }, 5000);
            target.src = url;
            document.body.appendChild(target);
          }
          next();
        }
        </script>
        <iframe onload="start(this)" src="\(linksPage)"></iframe>
        </body></html>
        """
    }

    /// Whether a TCP connection to `port` on loopback is accepted (a server listens there).
    static func accepts(port: Int) -> Bool {
        // Glibc imports `SOCK_STREAM` as an enum, Darwin as an `Int32`.
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// `name=reached` per link, from the probe's output.
    static func reached(_ dom: String) -> [String: Bool] {
        guard let text = dom.components(separatedBy: "<pre id=\"probe\">").dropFirst().first?.components(separatedBy: "</pre>").first else { return [:] }
        var result: [String: Bool] = [:]
        for item in text.split(separator: " ") {
            let parts = item.split(separator: "=")
            if parts.count == 2 { result[String(parts[0])] = parts[1] == "reached" }
        }
        return result
    }

    func expectCheckAgreesWithBrowser(_ reached: [String: Bool], _ site: FixtureSite) {
        let broken = brokenByCheck(site)
        #expect(broken == ["B1", "B2", "B3", "B4", "B5", "B6"])
        #expect(reached.count == Self.links.count, "the browser followed \(reached.count) of \(Self.links.count) links")
        for link in Self.links {
            #expect(reached[link.name] == !broken.contains(link.name), "\(link.name) (\(link.destination)): check says \(broken.contains(link.name) ? "broken" : "fine"), the browser \(reached[link.name] == true ? "reached it" : "did not")")
        }
    }

    @Test func fromDiskTheCheckAndTheBrowserAgree() async throws {
        let site = try #require(Self.site)
        let probe = site.root.appendingPathComponent("links-probe.html")
        try Self.probe(linksPage: "Site/policies/links/index.html").write(to: probe, atomically: true, encoding: .utf8)
        let dom = try await Browser.dumpDOM(probe, extraArguments: ["--allow-file-access-from-files", "--virtual-time-budget=60000"])
        expectCheckAgreesWithBrowser(Self.reached(dom), site)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3 is not installed: the sub-path server test is skipped"))
    func underASubPathTheCheckAndTheBrowserAgree() async throws {
        let site = try #require(Self.site)
        // The site published at /sub/path/ of a server (Python's, as any static server would).
        let serverRoot = site.root.appendingPathComponent("server")
        try? FileManager.default.removeItem(at: serverRoot)
        try FileManager.default.createDirectory(at: serverRoot.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: site.output, to: serverRoot.appendingPathComponent("sub/path"))
        try Self.probe(linksPage: "/sub/path/policies/links/").write(to: serverRoot.appendingPathComponent("probe.html"), atomically: true, encoding: .utf8)
        let port = 20_000 + Int(getpid() % 20_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        server.arguments = ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", serverRoot.path]
        server.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        server.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try server.run()
        // SIGKILL: a test process whose serve tests set SIGTERM aside hands that on to its
        // children, and the server would outlive a plain `terminate()`.
        defer {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        // Until the server answers: Python starts slowly on a busy machine, and a probe opened
        // before it listens reaches nothing. The deadline only ends a server that never starts.
        let deadline = Date().addingTimeInterval(120)
        var answered = false
        while !answered, Date() < deadline, server.isRunning {
            answered = Self.accepts(port: port)
            // A sleep that hands the thread back: `usleep` held one of the two pool threads.
            if !answered { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(answered, "python3 -m http.server did not listen on port \(port)")
        let dom = try await Browser.dumpDOM(URL(string: "http://127.0.0.1:\(port)/probe.html")!, extraArguments: ["--virtual-time-budget=60000"])
        expectCheckAgreesWithBrowser(Self.reached(dom), site)
    }
}
