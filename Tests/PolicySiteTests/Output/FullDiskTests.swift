import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

#if os(Linux)
/// Output on a small tmpfs mounted for the test (needs root, as the project's machines and CI
/// run): a full disk, and an output folder that is a mount point. Linux only: `mount -t tmpfs`
/// is Linux's (macOS has no tmpfs).
@Suite(.serialized) struct FullDiskTests {
    /// Mounts a tmpfs of `size` at a new folder, runs `body`, unmounts.
    func withTmpfs(size: String, _ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("policysite-tmpfs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #require(run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", folder.path]) == 0, "mounting a tmpfs needs root")
        defer { _ = run("/bin/umount", [folder.path]) }
        try body(folder)
    }

    func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func aFullDiskLeavesThePreviousSiteWithOnePositionedError() throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        let full = sharedRoot.appendingPathComponent("hcpcs/HCPC2019_CONTR_ANWEB.txt").path
        let bytes = try #require(FileManager.default.contents(atPath: full), "missing \(full)")
        // The 2019 release's first 1,200 lines (about 470 codes and its 360 modifiers, cut before
        // the next record, id 3 or 7 in column 11): pages several times the disk, at a tenth
        // of the whole release's build.
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let end = try #require(lines.indices.first { $0 >= 1200 && lines[$0].count > 10 && [UInt8(ascii: "3"), UInt8(ascii: "7")].contains(lines[$0][lines[$0].startIndex + 10]) })
        lines.removeSubrange(end...)
        let release = site.root.appendingPathComponent("HCPC2019-part.txt").path
        try Data(lines.joined(separator: [UInt8(ascii: "\n")]) + [UInt8(ascii: "\n")]).write(to: URL(fileURLWithPath: release))
        try withTmpfs(size: "2m") { mount in
            var request = site.request(revision: "before")
            request.outputPath = mount.appendingPathComponent("Site").path
            #expect(SiteBuilder.build(request).lines == [])
            let before = SiteFiles.list(request.outputPath)
            #expect(SiteVerifier.verify(SiteVerifier.Request(sitePath: request.outputPath)) == [])
            // About 7 MB of pages for a 2 MB disk: it fills on the way.
            request.codeSetPath = release
            request.revision = "after"
            let report = SiteBuilder.build(request)
            #expect(!report.wroteSite)
            let errors = report.diagnostics.filter { $0.severity == .error }
            #expect(errors.count == 1)
            let error = try #require(errors.first)
            #expect(error.rule == "output-write")
            #expect(error.location.file.hasPrefix("Site/"), "at the file that could not be written: \(error.location.file)")
            #expect(error.location.line == 1 && error.location.column == 1)
            #expect(error.message.hasPrefix("could not be written: No space left on device (and "))
            #expect(error.message.hasSuffix(" more files could not be written)"))
            // The previous site, exactly, and no staging folder.
            #expect(SiteFiles.list(request.outputPath) == before)
            #expect(BuildManifest.read(site: request.outputPath)?.revision == "before")
            #expect(SiteVerifier.verify(SiteVerifier.Request(sitePath: request.outputPath)) == [])
            #expect(try FileManager.default.contentsOfDirectory(atPath: mount.path).sorted() == [".Site.lock", "Site"])
        }
    }

    @Test func aMountPointIsRefusedWithAWayOutAndBuiltInPlace() throws {
        let site = try FixtureSite()
        try withTmpfs(size: "8m") { mount in
            var request = site.request(revision: "one")
            request.outputPath = mount.path
            try Data("policies.example.org\n".utf8).write(to: mount.appendingPathComponent("CNAME"))
            request.adopt = true  // the folder holds a file PolicySite did not write
            #expect(SiteBuilder.build(request).lines == ["Site:1:1: error: output folder Site is a mount point, which cannot be swapped for a new site in one step; build with --in-place to write into it file by file (not atomic), or choose a folder inside it [output-refused]"])
            request.inPlace = true
            for revision in ["one", "two"] {
                request.revision = revision
                #expect(SiteBuilder.build(request).lines == ["Site/CNAME:1:1: warning: file not written by PolicySite kept in the new site (listed as kept in publication/manifest.json) [output-foreign-file]"])
                #expect(BuildManifest.read(site: mount.path)?.revision == revision)
                #expect(SiteVerifier.verify(SiteVerifier.Request(sitePath: mount.path)) == [])
            }
            #expect(FileManager.default.contents(atPath: mount.appendingPathComponent("CNAME").path) == Data("policies.example.org\n".utf8))
        }
    }
}
#endif
