import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// The publication record's content inputs come from the bytes the loader read: only files
/// it did not read (static files) are read again.
@Suite struct ContentRecordTests {
    /// A site with a file of every kind, and names that interleave guidance pages with other
    /// files in the walk's bytewise order (`codes.md` before `codes/`, `codes/notes/` after).
    func site() throws -> FixtureSite {
        try FixtureSite(
            files: [
                "codes.md": "---\ntitle: About codes\n---\n\nText.\n",
                "codes/notes/x.md": "---\ntitle: A note\n---\n\nNote.\n",
                "codes/G9329.md": "\r\n".join(["---", "code: G9329", "title: CRLF guidance", "---", "", "Body", ""]),
            ],
            bytes: ["images/logo.png": [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF]])
    }

    @Test func theRecordFromTheLoadedContentIsTheRecordReadAgain() throws {
        let site = try site()
        let request = site.request()
        let (loaded, findings) = SiteBuilder.loadContent(request)
        #expect(findings.filter { $0.severity == .error } == [])
        let content = try #require(loaded)
        // Only the static file is left for the record to read.
        #expect(content.otherFiles.filter { $0.fingerprint == nil }.map(\.displayPath) == ["Content/images/logo.png"])
        let fromLoad = BuildRecord.inputs(request, releases: [], content: content)
        let readAgain = BuildRecord.inputs(request, releases: [])
        #expect(fromLoad.diagnostics == [])
        #expect(fromLoad.inputs == readAgain.inputs)
        #expect(fromLoad.inputs.filter { $0.role == "content" }.map(\.path) == [
            "codes.md", "codes/G9328.md", "codes/G9329.md", "codes/notes/x.md", "data/codes.yml", "data/modifiers.yml",
            "data/payers.yml", "images/logo.png", "policies/p.md", "site.yml",
        ])
        #expect(fromLoad.inputs.first { $0.path == "images/logo.png" }?.size == 6)
        #expect(fromLoad.inputs.first { $0.path == "codes/G9329.md" }?.size == 53)
    }

    /// A page saved after the loader read it: the record lists the bytes the site was built
    /// from, so `verify --content` finds the file the site does not show.
    @Test func aFileChangedAfterLoadingIsRecordedAsTheBuildReadIt() throws {
        let site = try site()
        let request = site.request()
        let content = try #require(SiteBuilder.loadContent(request).0)
        let before = BuildRecord.inputs(request, releases: [], content: content).inputs.first { $0.path == "policies/p.md" }
        try site.write("policies/p.md", "---\ntitle: A policy\n---\n\nPolicy text, edited.\n")
        let after = BuildRecord.inputs(request, releases: [], content: content).inputs.first { $0.path == "policies/p.md" }
        #expect(after == before)
        #expect(after?.size == 38)
        #expect(BuildRecord.inputs(request, releases: []).inputs.first { $0.path == "policies/p.md" }?.size == 46)
    }
}

extension String {
    /// `parts` joined by this separator.
    fileprivate func join(_ parts: [String]) -> String { parts.joined(separator: self) }
}
