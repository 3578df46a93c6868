import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// A build keeps each guidance page's body and search text out of memory until it needs
/// them, past a budget: a body that does not fit is read again when the page renders, the
/// search text waits in a file.
@Suite struct StreamingBuildTests {
    @Test func aGuidanceFileChangedDuringTheBuildIsAnError() throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        let (content, findings) = ContentLoader.load(root: site.content.path, displayRoot: "Content", keptBodyBytes: 0)
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

    @Test func anEditThatKeepsTheSizeIsCaughtToo() throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        let (content, _) = ContentLoader.load(root: site.content.path, displayRoot: "Content", keptBodyBytes: 0)
        let page = try #require(content?.guidance.first { $0.frontMatter.code == "G9328" })
        let text = try String(contentsOf: site.content.appendingPathComponent("codes/G9328.md"), encoding: .utf8)
        let edited = text.replacingOccurrences(of: "## Overview", with: "## Overviews").replacingOccurrences(of: "---\n\n", with: "---\n")
        #expect(edited.utf8.count == text.utf8.count)
        try site.write("codes/G9328.md", edited)
        #expect(page.readBody().finding?.rule == "content-changed")
    }

    /// The body read again starts at the byte the loader noted (after a byte-order mark too);
    /// a file whose line endings the loader normalised is split again instead.
    @Test func theBodyReadAgainIsTheBodyTheLoaderSplitOff() throws {
        let matter = "---\ncode: G9328\ntitle: DICOM image availability\n---\n"
        let site = try FixtureSite(bytes: [
            "codes/G9328.md": Array((matter + "## Overview\n\nÄrzte report it.\n").utf8),
            "codes/G9329.md": [0xEF, 0xBB, 0xBF] + Array((matter.replacingOccurrences(of: "G9328", with: "G9329") + "Body\n").utf8),
            "codes/G9330.md": Array((matter.replacingOccurrences(of: "G9328", with: "G9330") + "One\r\nTwo\rThree\r\n").replacingOccurrences(of: "\n---\n", with: "\r\n---\r\n").utf8),
        ])
        for budget in [0, ContentLoader.keptBodyBudget] {
            let (content, findings) = ContentLoader.load(root: site.content.path, displayRoot: "Content", keptBodyBytes: budget)
            #expect(findings.filter { $0.severity == .error } == [])
            let pages = try #require(content?.guidance)
            #expect(pages.map(\.frontMatter.code) == ["G9328", "G9329", "G9330"])
            #expect(pages.map(\.keepsBody) == Array(repeating: budget > 0, count: 3))
            #expect(pages.map(\.bodyByteOffset) == [52, 55, nil])
            #expect(pages.map { $0.readBody().body } == ["## Overview\n\nÄrzte report it.\n", "Body\n", "One\nTwo\nThree\n"])
            #expect(pages.map(\.bodyLineOffset) == [4, 4, 4])
        }
    }

    /// A kept body is the one loaded: an edit saved after the load changes nothing in the page
    /// this build renders (the next build reads it), and no file is read again. It is handed
    /// over once, to be freed with its page: a second read goes to the file, and finds the edit.
    @Test func aKeptBodyIsTheOneLoadedAndHandedOverOnce() throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        let (content, _) = ContentLoader.load(root: site.content.path, displayRoot: "Content")
        let page = try #require(content?.guidance.first { $0.frontMatter.code == "G9328" })
        #expect(page.keepsBody)
        let text = try String(contentsOf: site.content.appendingPathComponent("codes/G9328.md"), encoding: .utf8)
        try site.write("codes/G9328.md", text.replacingOccurrences(of: "## Overview", with: "## Overview (draft)"))
        let (body, finding) = page.readBody()
        #expect(finding == nil)
        #expect(body?.hasPrefix("\n## Overview\n") == true || body?.hasPrefix("## Overview\n") == true)
        #expect(!page.keepsBody)
        #expect(page.readBody().finding?.rule == "content-changed")
    }

    /// Bodies are kept while they fit the budget, whichever core loads them; the rest are read
    /// again, and every page gets the same body either way.
    @Test func bodiesPastTheBudgetAreReadAgain() throws {
        let matter = "---\ncode: G9328\ntitle: DICOM image availability\n---\n"
        var files: [String: [UInt8]] = [:]
        for code in ["G9328", "G9329", "G9330", "G9331"] {
            files["codes/\(code).md"] = Array((matter.replacingOccurrences(of: "G9328", with: code) + "Body of \(code)\n").utf8)
        }
        let site = try FixtureSite(bytes: files)
        // Each body is 14 bytes: 30 bytes of budget keep two of the four.
        let (content, findings) = ContentLoader.load(root: site.content.path, displayRoot: "Content", keptBodyBytes: 30)
        #expect(findings.filter { $0.severity == .error } == [])
        let pages = try #require(content?.guidance)
        #expect(pages.filter(\.keepsBody).count == 2)
        #expect(pages.map { $0.readBody().body } == ["Body of G9328\n", "Body of G9329\n", "Body of G9330\n", "Body of G9331\n"])
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

    /// Texts are written a chunk at a time and read back through a window: texts larger than
    /// a chunk, texts across a chunk's end, texts not yet written, and reads in any order.
    @Test func textSetAsideInChunksComesBackInAnyOrder() throws {
        let folder = try scratch("policysite-spill")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(".search-text").path
        let spill = try TextSpill(path: path)
        // 5 KB to 560 KB: five are over a chunk (256 KB), most end inside one, the last few
        // stay in memory.
        let texts: [String] = (0..<40).map { (index: Int) -> String in
            let word = index % 2 == 0 ? "Überblick \(index) " : "Overview \(index) "
            let count = index % 8 == 3 ? 40_000 : 500 + 37 * index
            return String(repeating: word, count: count)
        }
        let ranges = try texts.map { try spill.store($0) }
        #expect(ranges.first?.lowerBound == 0)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        let total = texts.map { $0.utf8.count }.reduce(0, +)
        #expect(ranges.last?.upperBound == total)
        // Some texts are still in memory: the file holds whole chunks only.
        let written = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? -1
        #expect(written < total)
        #expect(written >= TextSpill.chunkBytes)
        let order: [Int] = [39, 0, 38, 1, 20, 21, 19, 7, 15, 8] + Array((0..<40).reversed()) + Array(0..<40)
        for index in order {
            #expect(try spill.text(ranges[index]) == texts[index])
        }
        // Reading the last text wrote the rest.
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == total)
        spill.remove()
        spill.remove()  // a second removal does nothing
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: StagedFileError(path: path, code: EBADF)) { try spill.text(ranges[0]) }
    }

    @Test func theBuiltSiteHoldsNoScratchFile() throws {
        let site = try SharedSite.requireDefaultContent()
        #expect(site.snapshot().keys.filter { $0.hasPrefix(".") && $0 != SiteWriter.markerName }.sorted() == [])
        #expect(try site.page("search/index.js").contains("\"codes/G9328/index.html\",\"Overview "))
    }
}
