import Foundation
import Testing
@testable import PolicySite
@testable import PolicySiteServe

/// `serve` through a real HTTP client on loopback: what it answers, what it refuses, and the
/// event stream that drives live reload.
@Suite(.timeLimit(.minutes(10))) struct ServerHTTPTests {
    @Test func servesPagesWithTheReloadScriptAndOtherwiseTheBuiltBytes() async throws {
        let fixture = try ServeFixture()
        let cold = try await fixture.coldBuild()
        try await withServer(fixture.request()) { running in
            let home = try await RawHTTP.request(port: running.port, "/")
            #expect(home.status == 200)
            #expect(home.headers["content-type"] == "text/html; charset=utf-8")
            #expect(home.headers["cache-control"] == "no-store")
            #expect(home.text.contains("<script data-policysite-serve>\n(function () {\n  var generation = 1, page = \"index.html\", overlay = null;"))
            #expect(withoutReloadScript(home.text) == String(decoding: cold["index.html"]!, as: UTF8.self))
            // `build` never writes the script: it is added by the server only.
            #expect(cold.values.allSatisfy { !String(decoding: $0, as: UTF8.self).contains("data-policysite-serve") })

            let page = try await RawHTTP.request(port: running.port, "/codes/G9328/")
            #expect(page.status == 200)
            #expect(withoutReloadScript(page.text) == String(decoding: cold["codes/G9328/index.html"]!, as: UTF8.self))

            let css = try await RawHTTP.request(port: running.port, "/assets/site.css")
            #expect(css.status == 200)
            #expect(css.headers["content-type"] == "text/css; charset=utf-8")
            #expect(css.body == Array(cold["assets/site.css"]!))
            let script = try await RawHTTP.request(port: running.port, "/assets/search.js")
            #expect(script.headers["content-type"] == "text/javascript; charset=utf-8")
            #expect(script.body == Array(cold["assets/search.js"]!))

            let head = try await RawHTTP.request(port: running.port, "/codes/G9328/", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body == [])
            #expect(head.headers["content-length"] == String(page.body.count))

            let redirect = try await RawHTTP.request(port: running.port, "/codes/G9328?q=1")
            #expect(redirect.status == 301)
            #expect(redirect.headers["location"] == "/codes/G9328/?q=1")

            let post = try await RawHTTP.request(port: running.port, "/", method: "POST")
            #expect(post.status == 405)
            #expect(post.headers["allow"] == "GET, HEAD")
        }
    }

    @Test func unknownPathsAndEscapesGetTheSites404Page() async throws {
        let fixture = try ServeFixture()
        let cold = try await fixture.coldBuild()
        try await withServer(fixture.request()) { running in
            // A symlink inside the served folder (the build never writes one) to a file outside.
            let served = try #require(running.server.site.snapshot?.root)
            let secret = fixture.root.appendingPathComponent("secret.txt")
            try Data("top secret\n".utf8).write(to: secret)
            try FileManager.default.createSymbolicLink(atPath: served + "/leak.txt", withDestinationPath: secret.path)
            try FileManager.default.createSymbolicLink(atPath: served + "/up", withDestinationPath: fixture.root.path)

            let notFound = String(decoding: cold["404.html"]!, as: UTF8.self)
            let attempts = [
                "/no/such/page/", "/codes/G0000/", "/../secret.txt", "/codes/../../secret.txt", "/%2e%2e/secret.txt",
                "/%2E%2E/%2e%2e/etc/passwd", "/codes%2f..%2f..%2fsecret.txt", "/codes/%2e%2e%2f%2e%2e%2fsecret.txt",
                "/..%5csecret.txt", "/%00", "/%zz", "/leak.txt", "/up/secret.txt", "/assets/", "/codes/",
                "/.policysite-site", "/__policysite/", "//etc/passwd", "/codes/G9328/index.html/..",
            ]
            for path in attempts {
                let response = try await RawHTTP.request(port: running.port, path)
                #expect(response.status == 404, "\(path)")
                #expect(response.headers["content-type"] == "text/html; charset=utf-8", "\(path)")
                #expect(withoutReloadScript(response.text) == notFound, "\(path)")
            }
        }
    }

    @Test func theEventStreamReportsReloadsFailuresAndTheFix() async throws {
        let fixture = try ServeFixture()
        try await withServer(fixture.request()) { running in
            let response = try await RawHTTP.request(port: running.port, "/__policysite/events", method: "HEAD")
            #expect(response.headers["content-type"] == "text/event-stream")

            let stream = try EventStreamReader(port: running.port, page: "codes/G9328/index.html")
            let hello = await stream.read(until: "\n\n", after: stream.received.count)
            #expect(hello.contains("event: hello\ndata: {\"generation\":1}\n\n"))

            // A guidance edit changes the open page: it must reload.
            var mark = stream.received.count
            try fixture.edit("codes/G9328.md", replacing: "is a quality-data code", with: "is a QUALITY-DATA code")
            #expect(await stream.read(until: "\n\n", after: mark).contains("event: reload\ndata: {\"generation\":2,\"changed\":true}\n\n"))
            let edited = try await RawHTTP.request(port: running.port, "/codes/G9328/")
            #expect(edited.text.contains("<p>G9328 is a QUALITY-DATA code, not a payable service."))

            // A broken page: the findings, and the last good site still served.
            mark = stream.received.count
            try fixture.edit("codes/G9328.md", replacing: "code: G9328\n", with: "code: G9328\nbogus: 1\n")
            let failed = await stream.read(until: "\n\n", after: mark)
            #expect(failed.contains("""
                event: failed
                data: {"findings":[{"file":"Content/codes/G9328.md","line":3,"column":1,"severity":"error","rule":"yaml-unknown-key","message":"unknown key 'bogus' in front matter (known keys: code, descriptor, historical, lastReviewed, modifiers, owner, serviceType, sitesOfService, suppress, title)"}]}


                """))
            #expect(try await RawHTTP.request(port: running.port, "/codes/G9328/").text.contains("<p>G9328 is a QUALITY-DATA code, not a payable service."))
            #expect(running.lines.contains("Content/codes/G9328.md:3:1: error: unknown key 'bogus' in front matter (known keys: code, descriptor, historical, lastReviewed, modifiers, owner, serviceType, sitesOfService, suppress, title) [yaml-unknown-key]"))
            #expect(running.lines.contains("build failed; the last good site is still served"))

            // A page that opens while the site is broken sees the findings at once.
            let late = try EventStreamReader(port: running.port, page: "index.html")
            #expect(await late.read(until: "event: failed").contains("event: hello\ndata: {\"generation\":2}\n\nevent: failed\ndata: {\"findings\":[{\"file\":\"Content/codes/G9328.md\",\"line\":3,"))

            // Undoing the break gives the site it had: no page changed, the overlay goes.
            mark = stream.received.count
            try fixture.edit("codes/G9328.md", replacing: "bogus: 1\n", with: "")
            #expect(await stream.read(until: "\n\n", after: mark).contains("event: reload\ndata: {\"generation\":4,\"changed\":false}\n\n"))
        }
    }

    @Test func editorScratchFilesDoNotRebuild() async throws {
        let fixture = try ServeFixture()
        try await withServer(fixture.request()) { running in
            let stream = try EventStreamReader(port: running.port, page: "index.html")
            await stream.read(until: "event: hello")
            let mark = stream.received.count
            for name in ["codes/.G9328.md.swp", "codes/G9328.md~", "codes/#G9328.md#", "codes/.#G9328.md", "codes/4913"] {
                try Data("scratch".utf8).write(to: fixture.content.appendingPathComponent(name))
            }
            #expect(await stream.read(until: "event:", after: mark, seconds: 1.5) == "")
            #expect(running.lines == ["built 30 pages in \(running.lines.last!.split(separator: " ")[4]) s"])
        }
    }

    @Test func dataAndTemplateChangesReachThePages() async throws {
        let fixture = try ServeFixture()
        try await withServer(fixture.request()) { running in
            let stream = try EventStreamReader(port: running.port, page: "codes/G9329/index.html")
            await stream.read(until: "event: hello")

            var mark = stream.received.count
            try fixture.edit("data/codes.yml", replacing: "for at least a 12-month period after the study not documented in final report, reason not given", with: "for a year, not documented (edited)")
            #expect(await stream.read(until: "\n\n", after: mark).contains("\"changed\":true"))
            #expect(try await RawHTTP.request(port: running.port, "/codes/G9329/").text.contains("with patient authorization for a year, not documented (edited)"))

            mark = stream.received.count
            let base = try String(contentsOf: fixture.templates.appendingPathComponent("base.mustache"), encoding: .utf8)
            try Data(base.replacingOccurrences(of: "</body>", with: "<p id=\"edited-footer\">edited</p>\n</body>").utf8).write(to: fixture.templates.appendingPathComponent("base.mustache"))
            #expect(await stream.read(until: "\n\n", after: mark).contains("\"changed\":true"))
            #expect(try await RawHTTP.request(port: running.port, "/").text.contains("<p id=\"edited-footer\">edited</p>"))
        }
    }

    /// The invariant incremental work must keep: after any sequence of edits the served site is
    /// byte for byte what a cold `build` of the same files writes.
    @Test func theServedSiteEqualsAColdBuildAfterASequenceOfEdits() async throws {
        let fixture = try ServeFixture()
        try await withServer(fixture.request()) { running in
            let stream = try EventStreamReader(port: running.port, page: "index.html")
            await stream.read(until: "event: hello")
            let edits: [() throws -> Void] = [
                { try fixture.edit("codes/G9328.md", replacing: "## Overview\n", with: "## Overview\n\nA new first paragraph.\n") },
                { try fixture.save("policies/prior-authorization.md", "---\ntitle: Prior authorization\n---\n\nAsk first.\n") },
                { try fixture.edit("data/codes.yml", replacing: "12-month period", with: "twelve-month period") },
                { try fixture.edit("codes/G9328.md", replacing: "code: G9328\n", with: "code: G9328\nbogus: 1\n") },
                { try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("policies/prior-authorization.md")) },
                { try fixture.edit("codes/G9328.md", replacing: "bogus: 1\n", with: "") },
            ]
            for (index, edit) in edits.enumerated() {
                let mark = stream.received.count
                try edit()
                let event = await stream.read(until: "\n\n", after: mark)
                // Edits 4 and 5 happen while G9328.md is broken: both builds fail.
                #expect(event.hasPrefix([3, 4].contains(index) ? "event: failed" : "event: reload"), "edit \(index + 1): \(event)")
            }
            let served = try #require(running.server.site.snapshot?.root)
            // The cold build and the read of the served site, side by side on the two cores.
            async let coldBuild = fixture.coldBuild()
            async let liveFiles = snapshot(of: served)
            let (cold, live) = try await (coldBuild, liveFiles)
            #expect(live.keys.sorted() == cold.keys.sorted())
            #expect(live.keys.filter { live[$0] != cold[$0] }.sorted() == [])
        }
    }
}

/// The same invariant on the 2019 CMS release site, whose parsed release `serve` keeps
/// between rebuilds: a guidance edit reuses it, an edit of the release file replaces it.
@Suite(.timeLimit(.minutes(10))) struct ReleaseServeTests {
    static let release = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/hcpcs/HCPC2019_CONTR_ANWEB.txt")

    @Test func theServedReleaseSiteEqualsAColdBuildAfterEditsToGuidanceAndTheRelease() async throws {
        try #require(FileManager.default.fileExists(atPath: Self.release.path), "this test needs the CMS 2019 release at \(Self.release.path) (../shared/hcpcs beside the repository)")
        let fixture = try ServeFixture()
        let release = fixture.root.appendingPathComponent("HCPC2019_CONTR_ANWEB.txt")
        try FileManager.default.copyItem(at: Self.release, to: release)
        try await withServer(fixture.request(codeSet: release.path)) { running in
            let stream = try EventStreamReader(port: running.port, page: "codes/G9329/index.html")
            await stream.read(until: "event: hello")

            var mark = stream.received.count
            try fixture.edit("codes/G9328.md", replacing: "is a quality-data code", with: "is a QUALITY-DATA code")
            #expect(await stream.read(until: "\n\n", after: mark, seconds: 120) == "event: reload\ndata: {\"generation\":2,\"changed\":false}\n\n")

            // The release's own descriptor of G9329, same length, other words: its page changes.
            mark = stream.received.count
            var bytes = try [UInt8](Data(contentsOf: release))
            let old = Array("documented in final report, reason not given".utf8)
            let new = Array("recorded in the final report, no reason told".utf8)
            #expect(old.count == new.count)
            let found = try #require(Data(bytes).range(of: Data(old)))
            bytes.replaceSubrange(found, with: new)
            try Data(bytes).write(to: release)
            #expect(await stream.read(until: "\n\n", after: mark, seconds: 120) == "event: reload\ndata: {\"generation\":3,\"changed\":true}\n\n")

            let served = try #require(running.server.site.snapshot?.root)
            // The cold build and the read of the served site, side by side on the two cores.
            async let coldBuild = fixture.coldBuild(codeSet: release.path)
            async let liveFiles = snapshot(of: served)
            let (cold, live) = try await (coldBuild, liveFiles)
            #expect(live.keys.filter { $0.hasSuffix("index.html") }.count == 6829)  // the pages `build` reports writing
            #expect(live.keys.sorted() == cold.keys.sorted())
            #expect(live.keys.filter { live[$0] != cold[$0] }.sorted() == [])
            #expect(String(decoding: live["codes/G9329/index.html"]!, as: UTF8.self).contains("after the study not recorded in the final report, no reason told"))
        }
    }
}
