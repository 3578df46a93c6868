import Dispatch
import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// The file-system layer under the staging folder: files written through swift-system's
/// `FileDescriptor`, its errors as `StagedFileError`, the one-step exchange of two folders,
/// the scratch file written from many threads, and peak memory from `getrusage`.
@Suite struct PortableFileSystemTests {
    /// A fresh temporary folder, removed by the caller.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("policysite-fs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The previous site is removed two levels down on all cores: every file and folder goes,
    /// and a symbolic link to a folder elsewhere is removed without what it points at.
    @Test func aFolderTreeIsRemovedWithoutFollowingLinks() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("old").path, elsewhere = root.appendingPathComponent("elsewhere").path
        for folder in ["codes/G9328", "codes/G9329/deep", "assets", "empty/inner"] {
            try FileManager.default.createDirectory(atPath: site + "/" + folder, withIntermediateDirectories: true)
        }
        for file in ["index.html", "codes/G9328/index.html", "codes/G9328/index.json", "codes/G9329/deep/a.txt", "assets/site.css"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: site + "/" + file))
        }
        // A folder inside the linked folder: followed, the link would put it among the folders
        // two levels down that are removed.
        try FileManager.default.createDirectory(atPath: elsewhere + "/sub", withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: elsewhere + "/sub/kept.txt"))
        try FileManager.default.createSymbolicLink(atPath: site + "/codes/linked", withDestinationPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: site + "/linked", withDestinationPath: elsewhere)

        try SiteWriter.removeFolderTree(site)

        #expect(!FileManager.default.fileExists(atPath: site))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["elsewhere"])
        #expect(try String(contentsOfFile: elsewhere + "/sub/kept.txt", encoding: .utf8) == "keep")
    }

    @Test func aStagedFileIsWrittenInPartsAndRecordedWithItsDigest() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = SiteWriter(outputPath: root.appendingPathComponent("Site").path, displayPath: "Site", protectedPaths: [])
        let staging = try writer.begin()
        defer { staging.abandon() }
        let file = try staging.open("codes/G9328/index.html")
        try file.append(Array("ab".utf8)[...])
        try file.append(Array("c".utf8)[...])
        try file.close()
        try file.close()  // a second close does nothing
        #expect(staging.read("codes/G9328/index.html") == Array("abc".utf8))
        #expect(staging.writtenFile("codes/G9328/index.html") == BuildManifest.File(
            path: "codes/G9328/index.html", size: 3, sha256: SHA256Digest(hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")!))
        // The marker is written, and not recorded.
        #expect(staging.read(SiteWriter.markerName) == [])
        #expect(staging.takeWrittenFiles().map(\.path) == ["codes/G9328/index.html"])
    }

    /// A whole page is written relative to the open staging folder, its folders made on the
    /// way; a failure names the file as a path in the staging folder.
    @Test func aWholePageIsWrittenBelowTheStagingFolderAndAFailureNamesIt() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = SiteWriter(outputPath: root.appendingPathComponent("Site").path, displayPath: "Site", protectedPaths: [])
        let staging = try writer.begin()
        defer { staging.abandon() }
        let page = [UInt8](repeating: UInt8(ascii: "x"), count: 300_000)
        try staging.write("codes/G9328/index.html", page)
        try staging.write("codes/G9328/index.json", Array("{}".utf8))
        #expect(staging.read("codes/G9328/index.html") == page)
        #expect(staging.read("codes/G9328/index.json") == Array("{}".utf8))
        #expect(staging.takeWrittenFiles() == [
            BuildManifest.File(path: "codes/G9328/index.html", size: 300_000, sha256: FileDigest.sha256(page)),
            BuildManifest.File(path: "codes/G9328/index.json", size: 2, sha256: FileDigest.sha256(Array("{}".utf8))),
        ])
        // A file where a folder of the path should be.
        let staged = staging.folder.path + "/codes/G9328/index.html/extra.html"
        #expect(throws: StagedFileError(path: staged, code: ENOTDIR)) { try staging.write("codes/G9328/index.html/extra.html", []) }
        #expect(staging.takeWrittenFiles() == [])
    }

    /// A staging folder that could not be opened when the staging began (it did not exist yet)
    /// is written by its path.
    @Test func aStagingFolderNotOpenedIsWrittenByPath() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("later")
        let staging = SiteStaging(folder: folder, output: root.appendingPathComponent("Site"), displayPath: "Site", inPlace: false)
        defer { ActiveStagings.remove(staging) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try staging.write("codes/G9328/index.html", Array("abc".utf8))
        #expect(FileManager.default.contents(atPath: folder.path + "/codes/G9328/index.html") == Data("abc".utf8))
        // Folders three deep made at once, then a sibling below a folder made already.
        try staging.write("a/b/c/index.html", Array("de".utf8))
        try staging.write("a/b/d/index.json", Array("f".utf8))
        #expect(FileManager.default.contents(atPath: folder.path + "/a/b/c/index.html") == Data("de".utf8))
        #expect(FileManager.default.contents(atPath: folder.path + "/a/b/d/index.json") == Data("f".utf8))
        #expect(staging.takeWrittenFiles().map(\.size) == [2, 1, 3])
    }

    /// A file's folder is the path up to its last slash, read by bytes (a non-ASCII name too).
    @Test func aFilesFolderIsItsPathUpToTheLastSlash() {
        #expect(SiteStaging.folder(of: "codes/G9328/index.html") == "codes/G9328")
        #expect(SiteStaging.folder(of: "a/b/c/index.json") == "a/b/c")
        #expect(SiteStaging.folder(of: "pages/ärzte/index.html") == "pages/ärzte")
        #expect(SiteStaging.folder(of: "a/index.html") == "a")
        #expect(SiteStaging.folder(of: "/index.html") == "")
        #expect(SiteStaging.folder(of: "index.html") == nil)
    }

    /// The staging folder hands its list of written files over sorted bytewise, each path once
    /// with its last write, and keeps none of them.
    @Test func theWrittenFilesAreHandedOverSortedOncePerPath() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = SiteWriter(outputPath: root.appendingPathComponent("Site").path, displayPath: "Site", protectedPaths: [])
        let staging = try writer.begin()
        defer { staging.abandon() }
        try staging.write("codes/G9328/index.html", Array("first".utf8))
        try staging.write("Z.html", Array("z".utf8))
        try staging.write("codes/G0008/index.html", Array("abc".utf8))
        try staging.write("codes/G9328/index.html", Array("second".utf8))
        try staging.write("a.html", [])
        #expect(staging.writtenFile("codes/G9328/index.html")?.size == 6)
        let files = staging.takeWrittenFiles()
        #expect(files.map(\.path) == ["Z.html", "a.html", "codes/G0008/index.html", "codes/G9328/index.html"])
        #expect(files.map(\.size) == [1, 0, 3, 6])
        #expect(files[2].sha256 == SHA256Digest(hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        #expect(files[3].sha256 == FileDigest.sha256(Array("second".utf8)))
        #expect(staging.takeWrittenFiles().isEmpty)
        #expect(staging.writtenFile("a.html") == nil)
        try staging.write("publication/index.html", Array("p".utf8))
        #expect(staging.takeWrittenFiles().map(\.path) == ["publication/index.html"])
    }

    @Test func aFileThatCannotBeCreatedIsAnErrorAtItsPath() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.path + "/missing/index.html"
        #expect(throws: StagedFileError(path: path, code: ENOENT)) { try StagedFile(path: path) }
        #expect(StagedFileError(path: path, code: ENOENT).errorDescription == "No such file or directory (\(path))")
    }

    @Test func aFileAppendedToAfterCloseIsAnError() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = try StagedFile(path: root.path + "/a.txt")
        try file.close()
        #expect(throws: StagedFileError(path: root.path + "/a.txt", code: EBADF)) { try file.append([1][...]) }
    }

    @Test func exchangeSwapsTwoFoldersInOneStep() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = root.path + "/first", second = root.path + "/second"
        try FileManager.default.createDirectory(atPath: first, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: second, withIntermediateDirectories: true)
        try Data("one".utf8).write(to: URL(fileURLWithPath: first + "/one.txt"))
        try Data("two".utf8).write(to: URL(fileURLWithPath: second + "/two.txt"))
        try LinuxFileSystem.exchange(first, second)
        #expect(try FileManager.default.contentsOfDirectory(atPath: first) == ["two.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: second) == ["one.txt"])
        #expect(throws: StagedFileError(path: root.path + "/none", code: ENOENT)) { try LinuxFileSystem.exchange(first, root.path + "/none") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: first) == ["two.txt"])
    }

    @Test func renameReplacesAFileAndNamesTheTargetInItsError() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("new".utf8).write(to: root.appendingPathComponent("new"))
        try Data("old".utf8).write(to: root.appendingPathComponent("old"))
        try LinuxFileSystem.rename(root.path + "/new", root.path + "/old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["old"])
        #expect(FileManager.default.contents(atPath: root.path + "/old") == Data("new".utf8))
        #expect(throws: StagedFileError(path: root.path + "/b", code: ENOENT)) { try LinuxFileSystem.rename(root.path + "/a", root.path + "/b") }
    }

    @Test func textSetAsideFromManyThreadsComesBackAsItWas() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let spill = try TextSpill(path: root.path + "/.search-text")
        let texts = (0..<500).map { "page \($0): " + String(repeating: "Überblick ", count: $0 % 7) }
        let ranges = texts.parallelMap { try? spill.store($0) }
        #expect(ranges.map { $0.flatMap { try? spill.text($0) } } == texts)
        // The ranges tile the file: each text's bytes once, none overlapping.
        let sorted = ranges.compactMap { $0 }.sorted { $0.lowerBound < $1.lowerBound }
        #expect(sorted.first?.lowerBound == 0)
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(sorted.last?.upperBound == texts.map(\.utf8.count).reduce(0, +))
        spill.remove()
        #expect(throws: StagedFileError(path: root.path + "/.search-text", code: EBADF)) { try spill.store("late") }
        #expect(!FileManager.default.fileExists(atPath: root.path + "/.search-text"))
    }

    /// A parcel gives its value to the first taker only, so that the taker's copy is the last.
    @Test func aParcelIsTakenOnce() {
        let parcel = Parcel(["G9328": [1, 2, 3]])
        #expect(parcel.take() == ["G9328": [1, 2, 3]])
        #expect(parcel.take() == nil)
        let work = BackgroundWork { Parcel(7).take() }
        #expect(work.value() == 7)
    }

    @Test func parallelMapKeepsTheInputOrder() {
        let numbers = Array(0..<10_000)
        #expect(numbers.parallelMap { $0 * 3 } == numbers.map { $0 * 3 })
        #expect([Int]().parallelMap { $0 } == [])
    }

    #if os(Linux)
    /// `getrusage` counts kilobytes on Linux: the peak in bytes is at least about the kernel's
    /// high-water mark of this process (`VmHWM` in `/proc/self/status`, in kB; the two are read
    /// at different moments while other tests allocate, so half of it is allowed), and more
    /// only by what the program that `exec` replaced used, far less than a thousand times as
    /// much. A peak left in kilobytes would be a thousandth of the mark.
    @Test func peakMemoryIsInBytes() throws {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        let highWaterMark = try #require(Int(line.filter(\.isNumber))) * 1024
        let peak = try #require(ProcessMemory.peakResidentBytes())
        #expect(peak >= highWaterMark / 2)
        #expect(peak < highWaterMark * 1024)
    }
    #endif
}
