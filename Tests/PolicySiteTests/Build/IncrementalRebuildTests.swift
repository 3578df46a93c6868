import Foundation
@testable import PolicySite
import PolicySiteCore
import Testing

/// `serve`'s incremental rebuilds: after a run of edits, the folder it serves holds exactly
/// what a cold `build` of the same files writes, and each rebuild reports the findings a cold
/// build reports.
@Suite struct IncrementalRebuildTests {
    /// The repository's content, built once with a memory into `served/`.
    struct Session {
        let site: FixtureSite
        let request: BuildRequest
        let memory = RebuildMemory()

        init() throws {
            site = try FixtureSite(copyingRepositoryContent: ())
            // A second guidance page, so that a page showing one guidance page's parts by
            // mistake in another's would differ from a cold build.
            let g9328 = try String(contentsOf: site.content.appendingPathComponent("codes/G9328.md"), encoding: .utf8)
            let body = g9328.components(separatedBy: "\n---\n").dropFirst().joined(separator: "\n---\n")
            try site.write("codes/G9321.md", "---\ncode: G9321\ntitle: Count of prior CT studies documented\nlastReviewed: 2018-12-01\n---\n" + body)
            var request = site.request()
            request.outputPath = site.root.appendingPathComponent("served").path
            request.outputDisplayPath = "(served site)"
            request.rebuildMemory = memory
            self.request = request
            let first = SiteBuilder.build(request)
            #expect(first.wroteSite, "\(first.diagnostics)")
        }

        var guidanceFile: String { site.content.appendingPathComponent("codes/G9328.md").path }

        func edit(_ change: (String) -> String) throws {
            let text = try String(contentsOfFile: guidanceFile, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the edit changed nothing")
            try Data(changed.utf8).write(to: URL(fileURLWithPath: guidanceFile))
        }

        /// A cold build of the same files, without memory, into a folder of its own.
        func coldBuild() -> (report: BuildReport, files: [String: Data]) {
            var cold = request
            cold.rebuildMemory = nil
            cold.outputPath = site.root.appendingPathComponent("cold-\(UUID().uuidString)").path
            let report = SiteBuilder.build(cold)
            return (report, Self.files(below: cold.outputPath))
        }

        var served: [String: Data] { Self.files(below: request.outputPath) }

        static func files(below root: String) -> [String: Data] {
            var result: [String: Data] = [:]
            guard let walker = FileManager.default.enumerator(atPath: root) else { return result }
            while let relative = walker.nextObject() as? String {
                var isFolder: ObjCBool = false
                let path = root + "/" + relative
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                    result[relative] = FileManager.default.contents(atPath: path)
                }
            }
            return result
        }

        /// The incremental rebuild after an edit, checked against a cold build of the same files.
        func rebuildMatchingColdBuild(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> IncrementalRebuild {
            let rebuild = try #require(SiteBuilder.incrementalBuild(request), "the edit should rebuild incrementally", sourceLocation: sourceLocation)
            let cold = coldBuild()
            #expect(rebuild.report.diagnostics.map(\.description) == cold.report.diagnostics.map(\.description), sourceLocation: sourceLocation)
            #expect(rebuild.report.wroteSite == cold.report.wroteSite, sourceLocation: sourceLocation)
            #expect(rebuild.report.pageCount == cold.report.pageCount, sourceLocation: sourceLocation)
            #expect(rebuild.report.fileCount == cold.report.fileCount, sourceLocation: sourceLocation)
            #expect(rebuild.report.byteCount == cold.report.byteCount, sourceLocation: sourceLocation)
            #expect(rebuild.report.notes == cold.report.notes, sourceLocation: sourceLocation)
            if cold.report.wroteSite {
                let served = self.served
                #expect(served.keys.sorted() == cold.files.keys.sorted(), sourceLocation: sourceLocation)
                let differing = served.keys.filter { served[$0] != cold.files[$0] }.sorted()
                #expect(differing == [], sourceLocation: sourceLocation)
            }
            return rebuild
        }
    }

    @Test func aRunOfGuidanceEditsServesWhatAColdBuildWrites() throws {
        let session = try Session()

        // A sentence of prose: the page, its search text and the record change, nothing else.
        try session.edit { $0.replacingOccurrences(of: "G9328 is a quality-data code, not a payable service.", with: "G9328 is a quality-data code; it is not a payable service.") }
        let prose = try session.rebuildMatchingColdBuild()
        #expect(prose.changedFiles == ["codes/G9328/index.html", "publication/index.html", "publication/manifest.json", "search/index.js"])
        #expect(prose.report.wroteSite)

        // A link to an id the policy page does not have: the build fails as a cold one does,
        // and the served site stays as it was.
        let before = session.served
        try session.edit { $0.replacingOccurrences(of: "for the companion \"reason not given\" case see G9329.", with: "for the companion \"reason not given\" case see G9329, and [the report rules](../policies/imaging-documentation.md#no-such-part).") }
        let broken = try session.rebuildMatchingColdBuild()
        #expect(!broken.report.wroteSite)
        #expect(broken.changedFiles == [])
        #expect(broken.report.diagnostics.filter { $0.severity == .error }.map(\.rule) == ["link-broken"])
        #expect(session.served == before)

        // Fixed: the link now points at a heading of the policy page.
        try session.edit { $0.replacingOccurrences(of: "#no-such-part", with: "#what-the-final-report-must-state") }
        let fixed = try session.rebuildMatchingColdBuild()
        #expect(fixed.report.wroteSite)
        #expect(fixed.changedFiles == ["codes/G9328/index.html", "publication/index.html", "publication/manifest.json", "search/index.js"])

        // A heading added: new ids and table of contents on the page itself.
        try session.edit { $0.replacingOccurrences(of: "## Clinical context\n", with: "## Clinical context\n\n### Treatment planning studies\n") }
        _ = try session.rebuildMatchingColdBuild()

        // Saved again with the same bytes: nothing is written but the record, which is unchanged too.
        let unchanged = try #require(SiteBuilder.incrementalBuild(session.request))
        #expect(unchanged.report.wroteSite)
        #expect(unchanged.changedFiles == [])
    }

    @Test func payerNotesAndModifierMentionsRenderTheListingPagesAgain() throws {
        let session = try Session()
        // A payer's note filled in: the coverage matrix, the payer's page, the code's data twin
        // and the checks page change; the other code pages do not render again.
        try session.edit { text in
            let note = "### Aetna\n\nNo data available.\n"
            #expect(text.contains(note))
            return text.replacingOccurrences(of: note, with: "### Aetna\n\nPrior authorization is not required.\n")
        }
        let note = try session.rebuildMatchingColdBuild()
        #expect(note.changedFiles == [
            "checks/index.html", "codes/G9328/index.html", "codes/G9328/index.json", "coverage/index.html", "payers/aetna/index.html",
            "publication/index.html", "publication/manifest.json", "search/index.js",
        ])

        // The note's text alone, as the payer page and the data twin show it.
        try session.edit { $0.replacingOccurrences(of: "Prior authorization is not required.", with: "Prior authorization is not required for this code.") }
        let text = try session.rebuildMatchingColdBuild()
        #expect(text.changedFiles == [
            "codes/G9328/index.html", "codes/G9328/index.json", "payers/aetna/index.html", "publication/index.html", "publication/manifest.json",
            "search/index.js",
        ])

        // A modifier named in prose: the modifier's page lists the guidance.
        try session.edit { $0.replacingOccurrences(of: "G9328 is a quality-data code, not a payable service.", with: "G9328 is a quality-data code, not a payable service; never report it with modifier TC.") }
        let mention = try session.rebuildMatchingColdBuild()
        #expect(mention.changedFiles == [
            "codes/G9328/index.html", "modifiers/TC/index.html", "publication/index.html", "publication/manifest.json", "search/index.js",
        ])
    }

    @Test func frontMatterAndOtherFilesRebuildTheWholeSite() throws {
        let session = try Session()
        // The title, which list pages show.
        try session.edit { $0.replacingOccurrences(of: "title: DICOM image availability not documented for medical reasons", with: "title: DICOM availability not documented, medical reasons") }
        #expect(SiteBuilder.incrementalBuild(session.request) == nil)
        #expect(SiteBuilder.build(session.request).wroteSite)

        // A data file.
        let codes = session.site.content.appendingPathComponent("data/codes.yml")
        try Data((try String(contentsOf: codes, encoding: .utf8) + "\n").utf8).write(to: codes)
        #expect(SiteBuilder.incrementalBuild(session.request) == nil)
        #expect(SiteBuilder.build(session.request).wroteSite)

        // A general page.
        let policy = session.site.content.appendingPathComponent("policies/imaging-documentation.md")
        try Data((try String(contentsOf: policy, encoding: .utf8) + "\nOne more line.\n").utf8).write(to: policy)
        #expect(SiteBuilder.incrementalBuild(session.request) == nil)
        #expect(SiteBuilder.build(session.request).wroteSite)

        // After full builds, a prose edit is incremental again, from the newest folder.
        try session.edit { $0.replacingOccurrences(of: "Typical settings:", with: "Typical settings are:") }
        let prose = try session.rebuildMatchingColdBuild()
        #expect(prose.report.wroteSite)
    }
}

/// A failed build names the step whose findings stopped it.
@Suite struct StoppedStepTests {
    @Test func aFailedBuildNamesTheStepThatStoppedIt() throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        // A template that names a key no view has: the templates stop the build.
        let template = site.templates.appendingPathComponent("code.mustache")
        try Data((try String(contentsOf: template, encoding: .utf8) + "{{no_such_key}}\n").utf8).write(to: template)
        #expect(SiteBuilder.build(site.request()).stoppedAt == "load templates")

        // A broken link: validation stops it.
        let links = try FixtureSite(copyingRepositoryContent: ())
        try links.write("policies/broken.md", "---\ntitle: Broken\n---\n\nSee [this](missing.md).\n")
        let report = SiteBuilder.build(links.request())
        #expect(report.stoppedAt == "validate")
        #expect(report.diagnostics.filter { $0.severity == .error }.map(\.rule) == ["link-broken"])

        // A good build stopped nowhere.
        let good = try FixtureSite(copyingRepositoryContent: ())
        let built = SiteBuilder.build(good.request())
        #expect(built.wroteSite)
        #expect(built.stoppedAt == nil)
    }
}
