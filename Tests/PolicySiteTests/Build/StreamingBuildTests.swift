import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// A build keeps each guidance page's body and search text out of memory until it needs
/// them: the body is read again when the page renders, the search text waits in a file.
@Suite struct StreamingBuildTests {
    @Test func aGuidanceFileChangedDuringTheBuildIsAnError() throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        let (content, findings) = ContentLoader.load(root: site.content.path, displayRoot: "Content")
        #expect(findings.filter { $0.severity == .error } == [])
        let page = try #require(content?.guidance.first { $0.frontMatter.code == "G9328" })
        let body = try #require(page.readBody().body)
        #expect(body.hasPrefix("\n## Overview\n") || body.hasPrefix("## Overview\n"))
        // An editor saves the file after it was loaded.
        let text = try String(contentsOf: site.content.appendingPathComponent("codes/G9328.md"), encoding: .utf8)
        try site.write("codes/G9328.md", text.replacingOccurrences(of: "## Overview", with: "## Overview (draft)"))
        let (none, finding) = page.readBody()
        #expect(none == nil)
        #expect(finding?.description == "Content/codes/G9328.md:1:1: error: file changed while the site was being built; build again [content-changed]")
    }

    @Test func textSetAsideComesBackAsItWas() throws {
        let folder = try scratch("policysite-spill")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spill = try TextSpill(path: folder.appendingPathComponent(".search-text").path)
        let first = try spill.store("Overview Report G9328 once.")
        let empty = try spill.store("")
        let second = try spill.store("Übersicht: Ärzte")
        #expect(try spill.text(second) == "Übersicht: Ärzte")
        #expect(try spill.text(first) == "Overview Report G9328 once.")
        #expect(try spill.text(empty) == "")
        spill.remove()
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".search-text").path))
    }

    @Test func theBuiltSiteHoldsNoScratchFile() throws {
        let site = try SharedSite.requireDefaultContent()
        #expect(site.snapshot().keys.filter { $0.hasPrefix(".") && $0 != SiteWriter.markerName }.sorted() == [])
        #expect(try site.page("search/index.js").contains("\"codes/G9328/index.html\",\"Overview "))
    }
}
