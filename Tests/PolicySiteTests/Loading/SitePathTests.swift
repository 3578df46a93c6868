import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// Colliding output paths, nested source folders, slugs that try to climb out of `Site/`
/// (`../`, absolute, backslashes), and symlinks: output paths are built from checked segments,
/// every collision is reported, nothing leaves `Site/`.
@Suite struct SitePathTests {
    @Test func nestedSourcesMapToNestedPages() throws {
        let site = try FixtureSite(files: [
            "guides/2024/q1/G9328-notes.md": "---\ntitle: Notes\n---\nA\n",
            "guides/2024/q1/index.md": "---\ntitle: Q1\n---\nB\n",
            "payers/medicare/part-b/index.md": "---\ntitle: Part B\n---\nC\n",
            "a.b/c.md": "---\ntitle: C\n---\nD\n",
            "guides/G9328.v2.md": "---\ntitle: V2\n---\nE\n",
        ])
        #expect(site.build().lines == [])
        let files = Set(site.snapshot().keys)
        for path in ["guides/2024/q1/G9328-notes/index.html", "guides/2024/q1/index.html", "payers/medicare/part-b/index.html", "a.b/c/index.html", "guides/G9328.v2/index.html"] {
            #expect(files.contains(path), "missing \(path)")
        }
    }

    @Test func collisionsAreReportedWithEverySource() throws {
        let site = try FixtureSite(files: [
            "policies/G9328.md": "---\ntitle: A\n---\nA\n",
            "policies/G9328/index.md": "---\ntitle: B\n---\nB\n",
            "policies/quality-measure.md": "---\ntitle: C\nslug: G9328\n---\nC\n",
            "policies/g9328.md": "---\ntitle: D\n---\nD\n",
            "modifiers/tc.md": "---\ntitle: TC notes\n---\nE\n",
        ])
        let report = site.build()
        #expect(report.lines == [
            "Content/modifiers/tc.md:1:1: error: case-insensitive collision: /modifiers/TC/ vs /modifiers/tc/ ((modifier TC), Content/modifiers/tc.md) [page-collision]",
            "Content/policies/G9328.md:1:1: error: Site/policies/G9328/index.html <- Content/policies/G9328.md, Content/policies/G9328/index.md, Content/policies/quality-measure.md (slug) [page-collision]",
            "Content/policies/G9328.md:1:1: error: case-insensitive collision: /policies/G9328/ vs /policies/g9328/ (Content/policies/G9328.md, Content/policies/G9328/index.md, Content/policies/quality-measure.md (slug), Content/policies/g9328.md) [page-collision]",
        ])
        #expect(!report.wroteSite)
    }

    /// A code's page is claimed by its code alone until a content page lands on it, exactly or
    /// but for case: then the code is the first source named.
    @Test func contentPagesOnACodesPageAreCollisions() throws {
        let site = try FixtureSite(files: [
            "codes/G9328/index.md": "---\ntitle: A\n---\nA\n",
            "Codes/g9328.md": "---\ntitle: B\n---\nB\n",
            "codes/g9329/index.md": "---\ntitle: C\n---\nC\n",
            "Codes/G0101x.md": "---\ntitle: D\n---\nD\n",
        ])
        let report = site.build()
        #expect(report.lines == [
            "Content/Codes/g9328.md:1:1: error: case-insensitive collision: /Codes/g9328/ vs /codes/G9328/ (Content/Codes/g9328.md, (code G9328), Content/codes/G9328/index.md) [page-collision]",
            "Content/codes/G9328/index.md:1:1: error: Site/codes/G9328/index.html <- (code G9328), Content/codes/G9328/index.md [page-collision]",
            "Content/codes/g9329/index.md:1:1: error: case-insensitive collision: /codes/G9329/ vs /codes/g9329/ ((code G9329), Content/codes/g9329/index.md) [page-collision]",
        ])
        #expect(!report.wroteSite)
    }

    @Test func slugsAndDataCannotEscapeTheSite() throws {
        let escapes = ["../../C23-ESCAPED-relative", "/tmp/C23-ESCAPED-absolute", "G9328/../../../C23-ESCAPED-mixed", "..\\\\..\\\\C23-ESCAPED-backslash", ".."]
        var files: [String: String] = [:]
        for (index, slug) in escapes.enumerated() {
            files["policies/p\(index).md"] = "---\ntitle: P\nslug: \"\(slug)\"\n---\nBody\n"
        }
        // A fresh folder around the site: every relative escape lands inside it, so a listing
        // of it (all but `Site/`) before and after the build shows anything written outside.
        let container = fixtureRoot.appendingPathComponent("escape-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: container) }
        let site = try FixtureSite(files: files, root: container.appendingPathComponent("a/b/site"))
        func outsideSite() -> [String] {
            let listing = FileManager.default.enumerator(atPath: container.path)?.allObjects as? [String] ?? []
            // `.Site.lock` is the build's own lock, beside the output folder by design.
            return listing.filter { $0 != "a/b/site/Site" && !$0.hasPrefix("a/b/site/Site/") && $0 != "a/b/site/.Site.lock" }.sorted()
        }
        let before = outsideSite()
        #expect(before.contains("a/b/site/Content/policies/p0.md"))
        let report = site.build()
        #expect(report.lines == [
            "Content/policies/p0.md:3:7: error: invalid slug '../../C23-ESCAPED-relative': a slug is one segment of letters, digits, '.', '_' and '-', not starting with '.' or ending in '.html' [slug-invalid]",
            "Content/policies/p1.md:3:7: error: invalid slug '/tmp/C23-ESCAPED-absolute': a slug is one segment of letters, digits, '.', '_' and '-', not starting with '.' or ending in '.html' [slug-invalid]",
            "Content/policies/p2.md:3:7: error: invalid slug 'G9328/../../../C23-ESCAPED-mixed': a slug is one segment of letters, digits, '.', '_' and '-', not starting with '.' or ending in '.html' [slug-invalid]",
            "Content/policies/p3.md:3:7: error: invalid slug '..\\..\\C23-ESCAPED-backslash': a slug is one segment of letters, digits, '.', '_' and '-', not starting with '.' or ending in '.html' [slug-invalid]",
            "Content/policies/p4.md:3:7: error: invalid slug '..': a slug is one segment of letters, digits, '.', '_' and '-', not starting with '.' or ending in '.html' [slug-invalid]",
        ])
        #expect(outsideSite() == before)
        // The absolute slug names a path outside any folder the test owns.
        #expect(!FileManager.default.fileExists(atPath: "/tmp/C23-ESCAPED-absolute"))
    }

    @Test func symlinksAreNeverFollowedOutOfTheContent() throws {
        let site = try FixtureSite()
        let codes = site.content.appendingPathComponent("codes")
        try FileManager.default.createSymbolicLink(atPath: codes.appendingPathComponent("loop").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: codes.appendingPathComponent("broken.md").path, withDestinationPath: "../nowhere.md")
        try FileManager.default.createSymbolicLink(atPath: codes.appendingPathComponent("outside.md").path, withDestinationPath: "/etc/hostname")
        let report = site.build()
        #expect(report.lines == [
            "Content/codes/broken.md:1:1: error: broken symlink -> ../nowhere.md [symlink]",
            "Content/codes/loop:1:1: warning: directory symlink not followed [symlink]",
            "Content/codes/outside.md:1:1: error: symlink points outside Content/ [symlink]",
        ])
        #expect(!report.wroteSite)
    }

    @Test func relativeURLsWorkFromAnyDepth() {
        let page = SitePath(["codes", "G9328"])
        #expect(page.relativeURL(to: SitePath(["codes", "G9329"]), fragment: "payer-notes") == "../../codes/G9329/index.html#payer-notes")
        #expect(SitePath.root.relativeURL(to: page) == "codes/G9328/index.html")
        #expect(page.relativeURL(toFile: "assets/site.css") == "../../assets/site.css")
        #expect(!SitePath.isValidSegment("a/b") && !SitePath.isValidSegment("..") && !SitePath.isValidSegment("") && SitePath.isValidSegment("G9328.v2"))
    }
}

/// Limits and misplaced files the loader explains instead of guessing.
@Suite struct ContentLimitTests {
    @Test func aFileOverTheSizeLimitIsRejectedUpFront() throws {
        let site = try FixtureSite(files: [
            "site.yml": "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare]\nmaxFileSizeKB: 1\n",
            "policies/big.md": "---\ntitle: Big\n---\n" + String(repeating: "A long paragraph. ", count: 200) + "\n",
        ])
        #expect(site.check().lines == ["Content/policies/big.md:1:1: error: file is 3 KB, over the limit of 1 KB (maxFileSizeKB in site.yml) [file-too-large]"])
    }

    @Test func guidanceBelowCodesIsExplained() throws {
        let site = try FixtureSite(files: ["codes/2024/G9329.md": "---\ntitle: Notes\ncode: G9329\n---\nText.\n"])
        #expect(site.check().lines == [
            "Content/codes/2024/G9329.md:3:1: error: 'code' makes this a guidance page, but guidance pages live directly in Content/codes/; move it to codes/<CODE>.md, or remove 'code' to publish it as a general page [guidance-location]",
        ])
    }

    @Test func slugsNameAFolder() throws {
        let site = try FixtureSite(files: [
            "policies/a.md": "---\ntitle: A\nslug: .hidden\n---\nA\n",
            "policies/b.md": "---\ntitle: B\nslug: index.html\n---\nB\n",
        ])
        #expect(site.check().lines == [
            "Content/policies/a.md:3:7: error: invalid slug '.hidden': a slug is one segment of letters, digits, '.', '_' and '-', not starting with '.' or ending in '.html' [slug-invalid]",
            "Content/policies/b.md:3:7: error: invalid slug 'index.html': a slug is one segment of letters, digits, '.', '_' and '-', not starting with '.' or ending in '.html' [slug-invalid]",
        ])
    }
}
