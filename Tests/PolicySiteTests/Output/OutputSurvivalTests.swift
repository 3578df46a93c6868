import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// The output folder always holds one complete site: builds that run side by side, files
/// that would collide, a full disk, a mount point. The kill test (SIGKILL at 30+ points of a
/// build of the 2019 release) is `Tests/kill-builds.sh`.
@Suite struct OutputSurvivalTests {
    @Test func twoBuildsAtOnceBothFinishWithOneCompleteSite() async throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        let first = site.request(revision: "one"), second = site.request(revision: "two")
        async let a = Task.detached { SiteBuilder.build(first) }.value
        async let b = Task.detached { SiteBuilder.build(second) }.value
        let (reportA, reportB) = await (a, b)
        #expect(reportA.lines == [] && reportB.lines == [])
        #expect(reportA.wroteSite && reportB.wroteSite)
        #expect(SiteVerifier.verify(SiteVerifier.Request(sitePath: site.output.path)) == [])
        let revision = BuildManifest.read(site: site.output.path)?.revision
        #expect(revision == "one" || revision == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted() == [".Site.lock", "Content", "Site", "Templates"])
    }

    @Test func aBuildThatMustNotWaitStopsWithOutputBusy() throws {
        let site = try FixtureSite()
        let lock = try OutputLock.acquire(output: site.output.path, wait: true).get()
        var request = site.request()
        request.waitForLock = false
        #expect(SiteBuilder.build(request).lines == ["Site:1:1: error: another build is writing Site; try again when it has finished, or build without --no-wait to wait for it [output-busy]"])
        lock.release()
        #expect(SiteBuilder.build(request).wroteSite)
    }

    @Test func contentAtAGeneratedPathIsAFindingAtTheFileInCheckAndBuild() throws {
        let site = try FixtureSite(files: ["index.html": "<p>hi</p>", "search/index.js": "x", "assets/site.css": "x", "publication/manifest.json": "{}"])
        let expected = [
            "Content/assets/site.css:1:1: error: Site/assets/site.css is a file PolicySite generates; this file would replace it. Rename or move it [page-collision]",
            "Content/index.html:1:1: error: Site/index.html is a file PolicySite generates; this file would replace it. Rename or move it [page-collision]",
            "Content/publication/manifest.json:1:1: error: Site/publication/manifest.json is a file PolicySite generates; this file would replace it. Rename or move it [page-collision]",
            "Content/search/index.js:1:1: error: Site/search/index.js is a file PolicySite generates; this file would replace it. Rename or move it [page-collision]",
        ]
        #expect(site.check().errorLines == expected)
        #expect(site.build().errorLines == expected)
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func missingOrBrokenTemplateAssetsAreErrors() throws {
        let site = try FixtureSite()
        let assets = site.templates.appendingPathComponent("assets")
        try FileManager.default.removeItem(at: assets)
        #expect(site.check().errorLines == ["Templates/assets:1:1: error: there is no assets folder: the site would have no stylesheet and no search script [template-assets-missing]"])
        try Data("not a folder".utf8).write(to: assets)
        #expect(site.build().errorLines == ["Templates/assets:1:1: error: assets is not a folder: the site would have no stylesheet and no search script [template-assets-missing]"])
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func anUnreadableStaticFileIsAFindingAtTheFile() throws {
        // Root reads a file whatever its permissions (and tests run as root), so the file is
        // one that went away after the content was listed: the copy would fail the same way.
        let findings = OutputCollisions.check(
            staticFiles: [(path: "files/chart.png", source: "/nonexistent/chart.png", display: "Content/files/chart.png")], generated: [])
        #expect(findings.map(\.description) == ["Content/files/chart.png:1:1: error: file cannot be read, so it cannot be copied into the site: No such file or directory [content-unreadable]"])
    }
}
