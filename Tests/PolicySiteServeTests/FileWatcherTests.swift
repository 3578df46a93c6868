import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import PolicySiteServe

/// The watcher, with inotify (Linux) and by scanning (elsewhere; also run here, every 50 ms):
/// one batch per editor save, scratch files ignored, new folders watched.
@Suite(.timeLimit(.minutes(1))) struct FileWatcherTests {
    /// nil: inotify; a number: seconds between scans.
    static let modes: [Double?] = [nil, 0.05]

    @Test(arguments: modes) func anEditorSaveIsOneBatchAndScratchFilesAreIgnored(scanEvery: Double?) async throws {
        let folder = try scratch("policysite-watch")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("codes"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("codes/G9328.md")
        try Data("old\n".utf8).write(to: page)
        let watcher = try FileWatcher(folders: [folder.path], files: [], quiet: 0.1, longest: 2, scanEvery: scanEvery)
        watcher.start()
        defer { watcher.stop() }
        var batches = watcher.changes.makeAsyncIterator()

        // Vim's way: a backup, a swap file, the write test `4913`, then the file itself.
        for scratch in ["codes/.G9328.md.swp", "codes/4913", "codes/G9328.md~", "codes/.#G9328.md", "codes/#G9328.md#"] {
            try Data("x".utf8).write(to: folder.appendingPathComponent(scratch))
        }
        let temporary = folder.appendingPathComponent("codes/.G9328.md.tmp")
        try Data("new\n".utf8).write(to: temporary)
        #expect(rename(temporary.path, page.path) == 0)
        #expect(await batches.next() == [page.path])

        // A folder made after the watch began is watched too.
        let guides = folder.appendingPathComponent("guides")
        try FileManager.default.createDirectory(at: guides, withIntermediateDirectories: true)
        #expect(await batches.next() == [guides.path])
        try Data("---\ntitle: G\n---\n".utf8).write(to: guides.appendingPathComponent("g.md"))
        #expect(await batches.next() == [guides.appendingPathComponent("g.md").path])

        // Stopping ends the stream.
        watcher.stop()
        #expect(await batches.next() == nil)
    }

    @Test(arguments: modes) func namedFilesOutsideTheFoldersAreWatchedAlone(scanEvery: Double?) async throws {
        let folder = try scratch("policysite-watch")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("content"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("hcpcs"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let release = folder.appendingPathComponent("hcpcs/HCPC2019_CONTR_ANWEB.txt")
        try Data("x".utf8).write(to: release)
        let watcher = try FileWatcher(folders: [folder.appendingPathComponent("content").path], files: [release.path], quiet: 0.1, longest: 0.5, scanEvery: scanEvery)
        watcher.start()
        defer { watcher.stop() }
        var batches = watcher.changes.makeAsyncIterator()
        // Another file beside the release is not the site's.
        try Data("y".utf8).write(to: folder.appendingPathComponent("hcpcs/other.txt"))
        try Data("xx".utf8).write(to: release)
        #expect(await batches.next() == [release.path])
    }

    @Test(arguments: modes) func theNamedFilesCanBeReplaced(scanEvery: Double?) async throws {
        let folder = try scratch("policysite-watch")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("content"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("HCPC2018.txt"), new = folder.appendingPathComponent("HCPC2019.txt")
        try Data("x".utf8).write(to: old)
        try Data("x".utf8).write(to: new)
        let watcher = try FileWatcher(folders: [folder.appendingPathComponent("content").path], files: [old.path], quiet: 0.1, longest: 0.5, scanEvery: scanEvery)
        watcher.start()
        defer { watcher.stop() }
        var batches = watcher.changes.makeAsyncIterator()
        // site.yml now names the 2019 file: the 2018 one no longer counts.
        watcher.watchFiles([new.path])
        try await Task.sleep(for: .milliseconds(200))
        try Data("xx".utf8).write(to: old)
        try Data("xx".utf8).write(to: new)
        #expect(await batches.next() == [new.path])
    }

    /// Scanning: a deleted file counts, and so does a file rewritten with the same size.
    @Test func aScanSeesDeletionsAndRewrites() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("policysite-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("a.md"), other = folder.appendingPathComponent("b.md")
        try Data("one".utf8).write(to: page)
        try Data("two".utf8).write(to: other)
        let watcher = try FileWatcher(folders: [folder.path], files: [], quiet: 0.1, longest: 2, scanEvery: 0.05)
        watcher.start()
        defer { watcher.stop() }
        var batches = watcher.changes.makeAsyncIterator()
        try FileManager.default.removeItem(at: other)
        #expect(await batches.next() == [other.path])
        try Data("uno".utf8).write(to: page, options: .atomic)
        #expect(await batches.next() == [page.path])
    }

    @Test func scratchFileNames() {
        #expect(["G9328.md~", ".G9328.md.swp", ".#G9328.md", "#G9328.md#", "4913", "x.kate-swp", ".DS_Store"].allSatisfy(FileWatcher.isIgnored))
        #expect(!["G9328.md", "site.yml", "chart.png", "notes#1.md"].contains(where: FileWatcher.isIgnored))
    }
}
