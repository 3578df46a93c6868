import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// The publication record (`Site/publication/manifest.json` and its page) and `verify`.
@Suite struct PublicationRecordTests {
    @Test func theManifestRecordsEveryInputAndOutputAndIsDeterministic() throws {
        let site = try FixtureSite()
        #expect(site.build(revision: "r1").errorLines == [])
        let bytes = try #require(FileManager.default.contents(atPath: site.output.path + "/publication/manifest.json"))
        let manifest = try #require(BuildManifest.parse(Array(bytes)))
        #expect(manifest.generator == "PolicySite \(PolicySiteVersion.current)")
        #expect(manifest.revision == "r1")
        #expect(manifest.asOf == "2019-01-01")
        // Every content and template file, with its own digest.
        let g9328 = try #require(manifest.inputs.first { $0.role == "content" && $0.path == "codes/G9328.md" })
        let source = try Data(contentsOf: site.content.appendingPathComponent("codes/G9328.md"))
        #expect(g9328.size == source.count)
        #expect(g9328.sha256 == FileDigest.sha256(source))
        #expect(manifest.inputs.filter { $0.role == "templates" }.map(\.path).contains("base.mustache"))
        #expect(manifest.inputs.filter { $0.role == "templates" }.map(\.path).contains("assets/site.css"))
        // Every file of the site but the manifest itself and the marker, each as it is on disk.
        let files = SiteFiles.list(site.output.path).filter { $0 != BuildManifest.fileName }
        #expect(manifest.outputs.map(\.path) == files)
        #expect(files.contains("publication/index.html"))
        for file in manifest.outputs {
            let digest = try #require(FileDigest.sha256(file: site.output.path + "/" + file.path))
            #expect(digest.size == file.size && digest.sha256 == file.sha256, "\(file.path)")
        }
        // SHA-256 of "abc", the FIPS 180-2 example: the digest is the standard one.
        #expect(FileDigest.sha256(Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // The same input gives the same bytes, here and in another folder.
        #expect(site.build(revision: "r1").wroteSite)
        #expect(FileManager.default.contents(atPath: site.output.path + "/publication/manifest.json") == bytes)
        #expect(manifest.json() == Array(bytes))
    }

    /// Carrying foreign files reads only the previous record's output paths, line by line; it
    /// must agree with decoding the whole record, escapes and non-ASCII paths included.
    @Test func theOutputPathsReadLineByLineEqualTheDecodedRecords() throws {
        func digest(_ text: String) -> SHA256Digest { FileDigest.sha256(Array(text.utf8)) }
        let outputs = [
            BuildManifest.File(path: "codes/G9328/index.html", size: 10, sha256: digest("aa")),
            BuildManifest.File(path: "policies/m\u{E9}dico/index.html", size: 3, sha256: digest("bb")),
            BuildManifest.File(path: "odd/a\"quote\\slash\u{1}.html", size: 1, sha256: digest("cc")),
        ]
        let manifest = BuildManifest(
            revision: nil, asOf: "2019-01-01", codeSet: "x",
            inputs: [.init(role: "content", path: "\"outputs\": [", size: 1, sha256: digest("dd"))], outputs: outputs,
            kept: [.init(path: "CNAME", size: 4, sha256: digest("ee"))])
        let bytes = manifest.json()
        let paths = bytes.withUnsafeBufferPointer { BuildManifest.outputPaths(in: $0) }
        #expect(paths == Set(outputs.map(\.path)))
        #expect(paths == Set(try #require(BuildManifest.parse(bytes)).outputs.map(\.path)))
        let empty = BuildManifest(revision: nil, asOf: "2019-01-01", codeSet: "x", inputs: [], outputs: [], kept: []).json()
        #expect(empty.withUnsafeBufferPointer { BuildManifest.outputPaths(in: $0) } == [])
        // Another layout (a record edited by hand) is not guessed at: the caller decodes it whole.
        let reflowed = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "{\"path\": ", with: "{ \"path\": ").utf8)
        #expect(reflowed.withUnsafeBufferPointer { BuildManifest.outputPaths(in: $0) } == nil)
    }

    @Test func theFooterLinksTheRecordPage() throws {
        let site = try FixtureSite()
        site.build(revision: "r1")
        #expect(try site.page("codes/G9328/index.html").contains("Content revision r1 · <a href=\"../../publication/index.html\">Publication record</a></p>"))
        #expect(try site.page("404.html").contains("<a href=\"/publication/index.html\">Publication record</a>"))
        let record = try site.page("publication/index.html")
        #expect(record.contains("<dt>Content revision</dt><dd>r1</dd>"))
        let entry = try #require(BuildManifest.read(site: site.output.path)?.outputs.first { $0.path == "codes/G9328/index.html" })
        #expect(record.contains("<tr><td>codes/G9328/index.html</td><td>\(entry.size)</td><td><code>\(entry.sha256)</code></td></tr>"))
    }

    @Test func verifyFindsAChangedByteARemovedFileAndAnAddedFile() throws {
        let site = try FixtureSite()
        site.build()
        let request = SiteVerifier.Request(sitePath: site.output.path, siteDisplayPath: "Site", contentPath: site.content.path)
        #expect(SiteVerifier.verify(request) == [])
        // One byte of a page changed, a file removed, a file added.
        let page = site.output.appendingPathComponent("codes/G9328/index.html")
        var bytes = try Data(contentsOf: page)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: page)
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("assets/search.js"))
        try Data("x".utf8).write(to: site.output.appendingPathComponent("codes/extra.html"))
        let digest = try #require(FileDigest.sha256(file: page.path))
        let recorded = try #require(BuildManifest.read(site: site.output.path)?.outputs.first { $0.path == "codes/G9328/index.html" })
        #expect(SiteVerifier.verify(request).map(\.description) == [
            "Site/assets/search.js:1:1: error: site file in the publication record is missing [verify-site-missing]",
            "Site/codes/G9328/index.html:1:1: error: site file differs from the publication record (\(digest.size) bytes, SHA-256 \(digest.sha256); the record has \(recorded.size) bytes, \(recorded.sha256)) [verify-site-changed]",
            "Site/codes/extra.html:1:1: error: site file is not in the publication record [verify-site-added]",
        ])
    }

    @Test func verifyWithContentFindsContentTheSiteWasNotBuiltFrom() throws {
        let site = try FixtureSite()
        site.build()
        try site.write("policies/new.md", "---\ntitle: New\n---\nText.\n")
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("data/payers.yml"))
        let differences = SiteVerifier.verify(SiteVerifier.Request(sitePath: site.output.path, siteDisplayPath: "Site", contentPath: site.content.path))
        #expect(differences.map { "\($0.location.file.replacingOccurrences(of: site.content.path, with: "Content")) \($0.rule)" } == [
            "Content/data/payers.yml verify-input-missing",
            "Content/policies/new.md verify-input-added",
        ])
        // A copy without a record is not a verified copy.
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("publication/manifest.json"))
        #expect(SiteVerifier.verify(SiteVerifier.Request(sitePath: site.output.path, siteDisplayPath: "Site")).map(\.description) == [
            "Site/publication/manifest.json:1:1: error: the site has no publication record (publication/manifest.json); it was not built by this version of PolicySite, or the record was not published [verify-record-missing]",
        ])
    }

    @Test func aForeignCNAMESurvivesTwoBuildsAndGitIsNeverTouched() throws {
        let site = try FixtureSite()
        site.build()
        try Data("policies.example.org\n".utf8).write(to: site.output.appendingPathComponent("CNAME"))
        let git = site.output.appendingPathComponent(".git")
        try FileManager.default.createDirectory(at: git.appendingPathComponent("objects"), withIntermediateDirectories: true)
        try Data("ref: refs/heads/gh-pages\n".utf8).write(to: git.appendingPathComponent("HEAD"))
        let inode = try #require(try FileManager.default.attributesOfItem(atPath: git.appendingPathComponent("HEAD").path)[.systemFileNumber] as? UInt64)
        for _ in 1...2 {
            #expect(site.build().lines == ["Site/CNAME:1:1: warning: file not written by PolicySite kept in the new site (listed as kept in publication/manifest.json) [output-foreign-file]"])
            #expect(try site.page("CNAME") == "policies.example.org\n")
            // The same file (a hard link), not a copy: its contents were never rewritten.
            #expect(try FileManager.default.attributesOfItem(atPath: git.appendingPathComponent("HEAD").path)[.systemFileNumber] as? UInt64 == inode)
            #expect(FileManager.default.fileExists(atPath: git.appendingPathComponent("objects").path))
            #expect(BuildManifest.read(site: site.output.path)?.kept.map(\.path) == ["CNAME"])
            #expect(SiteVerifier.verify(SiteVerifier.Request(sitePath: site.output.path)) == [])
        }
    }

    @Test func aFolderWithoutTheMarkerIsAdoptedOnlyWhenAsked() throws {
        let site = try FixtureSite()
        try FileManager.default.createDirectory(at: site.output, withIntermediateDirectories: true)
        try Data("policies.example.org\n".utf8).write(to: site.output.appendingPathComponent("CNAME"))
        #expect(site.build().lines == ["Site:1:1: error: output folder Site exists and was not written by PolicySite (no .policysite-site); refusing to replace it. To build into it and keep its files, build with --adopt [output-refused]"])
        var request = site.request()
        request.adopt = true
        #expect(SiteBuilder.build(request).lines == ["Site/CNAME:1:1: warning: file not written by PolicySite kept in the new site (listed as kept in publication/manifest.json) [output-foreign-file]"])
        #expect(try site.page("CNAME") == "policies.example.org\n")
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(SiteWriter.markerName).path))
    }
}
