import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// The embedded default site: its pages against golden files, determinism and atomicity.
///
/// `Tests/PolicySiteTests/Golden/default-site/` holds every page and the search index of the
/// default site built with revision `abc1234` (the stylesheet and script are copies of
/// `Templates/assets/`). It was recorded with the release that still rendered through
/// swift-mustache, so a test run proves our template engine writes the same bytes. When a
/// change to the templates or the Markdown layer changes a page on purpose, re-record it with
/// `POLICYSITE_RECORD_GOLDEN=1 swift test --filter DefaultSiteTests`, then read the diff
/// (`git diff Tests/PolicySiteTests/Golden`) before committing it.
@Suite struct DefaultSiteTests {
    static let goldenFolder = repositoryRoot.appendingPathComponent("Tests/PolicySiteTests/Golden/default-site")

    /// The golden files: every `.html` file, the code pages' JSON twins and `codes/index.json`,
    /// `search/index.js` and the publication record's `manifest.json` (whose hashes pin every
    /// other file too), by path below the site.
    static func goldenPaths(in folder: URL) -> [String] {
        let walker = FileManager.default.enumerator(atPath: folder.path)
        var paths: [String] = []
        while let path = walker?.nextObject() as? String {
            if path.hasSuffix(".html") || (path.hasPrefix("codes/") && path.hasSuffix(".json")) || path == "search/index.js" || path == BuildManifest.fileName { paths.append(path) }
        }
        return paths.sorted()
    }

    @Test func everyPageMatchesTheGoldenSite() throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        let report = site.build(revision: "abc1234")
        #expect(report.errorLines == [])
        let built = site.root.appendingPathComponent("Site")
        let paths = Self.goldenPaths(in: built)
        if ProcessInfo.processInfo.environment["POLICYSITE_RECORD_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: Self.goldenFolder)
            for path in paths {
                let target = Self.goldenFolder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: built.appendingPathComponent(path), to: target)
            }
            return
        }
        #expect(paths == Self.goldenPaths(in: Self.goldenFolder))
        #expect(paths.count == 44)
        for path in paths {
            let actual = try String(contentsOf: built.appendingPathComponent(path), encoding: .utf8)
            let expected = try String(contentsOf: Self.goldenFolder.appendingPathComponent(path), encoding: .utf8)
            guard actual != expected else { continue }
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
            let line = first.map { $0.offset + 1 } ?? min(actualLines.count, expectedLines.count) + 1
            Issue.record("\(path) differs from the golden file at line \(line): got \(first.map { String($0.element.0) } ?? "(end)") expected \(first.map { String($0.element.1) } ?? "(end)")")
        }
    }

    @Test func defaultSiteBuildsCleanAndPublishesEveryCode() throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        let report = site.build()
        #expect(report.lines == [])
        #expect(report.wroteSite)
        let files = site.snapshot().keys.sorted()
        #expect(files.filter { $0.hasPrefix("codes/") } == (0...9).flatMap { ["codes/G932\($0)/index.html", "codes/G932\($0)/index.json"] } + ["codes/index.json"])
        #expect(files.contains("policies/imaging-documentation/index.html"))
        #expect(files.contains("assets/site.css"))
        #expect(files.contains("modifiers/26/index.html") && files.contains("modifiers/TC/index.html"))
        // The home page links to the policy page.
        #expect(try site.page("index.html").contains("<a href=\"policies/imaging-documentation/index.html\">Imaging documentation policy</a>"))
    }

    @Test func twoBuildsGiveTheSameBytesWhateverTheCreationOrder() throws {
        let first = try FixtureSite(copyingRepositoryContent: ())
        first.build()
        // A second site whose files were created in reverse order.
        let second = try FixtureSite(files: [:], base: false)
        let paths = (FileManager.default.enumerator(atPath: first.content.path)?.allObjects as? [String] ?? []).sorted().reversed()
        for path in paths {
            var isFolder: ObjCBool = false
            let source = first.content.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: source, isDirectory: &isFolder), !isFolder.boolValue {
                try second.write(path, Array(FileManager.default.contents(atPath: source)!))
            }
        }
        second.build()
        let a = first.snapshot(), b = second.snapshot()
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.filter { a[$0] != b[$0] }.sorted() == [])
        // A rebuild over an existing site gives the same bytes too.
        first.build()
        #expect(first.snapshot() == a)
    }

    @Test func aFailedBuildLeavesThePreviousSiteByteIdentical() throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        #expect(site.build().wroteSite)
        let before = site.snapshot()
        #expect(before.count > 10)
        try site.write("codes/G9329.md", "---\ncode: G9329\ntitle: [unclosed\n---\n")
        let report = site.build()
        #expect(!report.wroteSite)
        #expect(report.errorLines == ["Content/codes/G9329.md:4:1: error: invalid YAML: did not find expected ',' or ']' [yaml-syntax]"])
        #expect(site.snapshot() == before)
        // No staging folder is left behind, only the lock file (never deleted: see OutputLock).
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }
        #expect(leftovers == [".Site.lock"])
    }

    @Test func aTemplateMistakeIsLoud() throws {
        let site = try FixtureSite()
        try "{{<base}}{{$content}}<p>{{layout.pageTitle}} {{shortDescriptr}}</p>{{/content}}{{/base}}\n"
            .write(to: site.templates.appendingPathComponent("code.mustache"), atomically: true, encoding: .utf8)
        let report = site.build()
        #expect(report.lines == ["Templates/code.mustache:1:46: error: template 'code' names 'shortDescriptr', which CodePageView does not have; did you mean 'shortDescriptor'? [template-key]"])
        #expect(!report.wroteSite)
    }

    @Test func aMissingOrBrokenTemplateIsADiagnostic() throws {
        let site = try FixtureSite()
        try FileManager.default.removeItem(at: site.templates.appendingPathComponent("modifier.mustache"))
        try "{{<base}}{{$content}}{{#codes}}<p>{{code}}</p>{{/code}}{{/content}}{{/base}}\n"
            .write(to: site.templates.appendingPathComponent("section.mustache"), atomically: true, encoding: .utf8)
        #expect(site.build().lines == [
            "Templates/modifier.mustache:1:1: error: template 'modifier.mustache' is missing [template-missing]",
            "Templates/section.mustache:1:47: error: template syntax error: 'code' is closed here, but the section open at this point is 'codes' (opened at 1:22) [template-syntax]",
        ])
    }

    @Test func templatesThatIncludeThemselvesOrMissingPartialsAreFound() throws {
        let site = try FixtureSite()
        try "{{<base}}{{$content}}{{> 404}}{{/content}}{{/base}}\n".write(to: site.templates.appendingPathComponent("404.mustache"), atomically: true, encoding: .utf8)
        try "{{<base}}{{$content}}<p>{{layout.pageTitle}}</p>\n{{> nothere}}{{/content}}{{/base}}\n".write(to: site.templates.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        let report = site.build()
        #expect(report.lines == [
            "Templates/404.mustache:1:22: error: template '404' includes itself (404 -> base -> 404); rendering it would never end [template-cycle]",
            "Templates/page.mustache:2:1: error: template 'page' includes 'nothere', which is not a template in Templates/ [template-missing]",
        ])
        #expect(site.check().lines == report.lines)
    }

    @Test func aKeyIsLocatedByItsWholeName() throws {
        let site = try FixtureSite()
        let base = try String(contentsOf: site.templates.appendingPathComponent("base.mustache"), encoding: .utf8)
        try base.replacingOccurrences(of: "<a class=\"site-title\" href=\"{{homeURL}}\">{{siteTitle}}</a>", with: "<a class=\"site-title\" href=\"{{homeURL}}\">{{siteTitl}}</a>")
            .write(to: site.templates.appendingPathComponent("base.mustache"), atomically: true, encoding: .utf8)
        #expect(site.build().lines == ["Templates/base.mustache:18:42: error: template 'base' names 'siteTitl', which LayoutView and the page views do not have; did you mean 'siteTitle'? [template-key]"])
    }

    @Test func checkFindsTemplateMistakesWithoutRenderingAPage() throws {
        let site = try FixtureSite()
        let payer = try String(contentsOf: site.templates.appendingPathComponent("payer.mustache"), encoding: .utf8)
        try payer.replacingOccurrences(of: "{{name}}: payer notes", with: "{{titel}}: payer notes")
            .write(to: site.templates.appendingPathComponent("payer.mustache"), atomically: true, encoding: .utf8)
        #expect(site.check().lines == ["Templates/payer.mustache:3:5: error: template 'payer' names 'titel', which PayerPageView does not have [template-key]"])
    }

    @Test func outputFolderRefusals() throws {
        let site = try FixtureSite()
        var request = site.request()
        request.outputPath = site.content.path
        request.outputDisplayPath = "Content"
        #expect(SiteBuilder.build(request).lines == ["Content:1:1: error: output folder Content would replace \(site.content.path); choose another folder [output-refused]"])
        // A folder PolicySite did not write is never replaced.
        let foreign = site.root.appendingPathComponent("Documents")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try "keep me".write(to: foreign.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        request.outputPath = foreign.path
        request.outputDisplayPath = "Documents"
        #expect(SiteBuilder.build(request).lines == ["Documents:1:1: error: output folder Documents exists and was not written by PolicySite (no .policysite-site); refusing to replace it. To build into it and keep its files, build with --adopt [output-refused]"])
        #expect(try String(contentsOf: foreign.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
        // Nor a folder inside the content, which the next build would read as content.
        request.outputPath = site.content.appendingPathComponent("Site").path
        request.outputDisplayPath = "Content/Site"
        #expect(SiteBuilder.build(request).lines == ["Content/Site:1:1: error: output folder Content/Site is inside \(site.content.path); the next build would read the site as content [output-refused]"])
    }

    @Test func leftoversOfAnInterruptedBuildAreRemoved() throws {
        let site = try FixtureSite()
        site.build()
        // A build killed mid-way leaves its staging folder beside the site; one killed while
        // deleting leaves a trash folder, with or without the marker.
        let leftovers = [".Site.tmp-99999", ".Site.trash-99999-1"].map { site.root.appendingPathComponent($0) }
        for leftover in leftovers {
            try FileManager.default.createDirectory(at: leftover.appendingPathComponent("codes"), withIntermediateDirectories: true)
        }
        try Data().write(to: leftovers[0].appendingPathComponent(SiteWriter.markerName))
        // A name PolicySite does not give its folders is never removed.
        let foreign = site.root.appendingPathComponent(".Site.tmp-notours")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        #expect(site.build().wroteSite)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted() == [".Site.lock", ".Site.tmp-notours", "Content", "Site", "Templates"])
    }

    @Test func aPreviousSiteLeftOnlyAsOldCopyIsPutBack() throws {
        let site = try FixtureSite()
        site.build()
        // An earlier version swapped with two renames: killed between them, the only copy of
        // the site was `.Site.old-<pid>`. It is the last complete copy: never deleted.
        let old = site.root.appendingPathComponent(".Site.old-4242")
        try FileManager.default.moveItem(at: site.output, to: old)
        try site.write("codes/G9328.md", "broken")
        #expect(site.build().wroteSite == false)
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("codes/G9328/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: old.path))
    }

    @Test func assetSymlinksAreNotPublished() throws {
        let site = try FixtureSite()
        try FileManager.default.createSymbolicLink(atPath: site.templates.appendingPathComponent("assets/passwd").path, withDestinationPath: "/etc/passwd")
        let report = site.build()
        #expect(report.lines == ["Templates/assets/passwd:1:1: warning: symlink in the templates' assets not copied [symlink]"])
        #expect(site.snapshot()["assets/passwd"] == nil)
    }
}
