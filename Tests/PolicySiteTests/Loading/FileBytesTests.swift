import Foundation
import Testing
@testable import PolicySite

@Suite struct FileBytesTests {
    @Test func readsWholeFilesAndRefusesLargeOnes() throws {
        let folder = try scratch("filebytes")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.md").path
        let bytes = (0..<70_000).map { UInt8($0 % 251) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(FileBytes.read(path) == .success(bytes))
        #expect(FileBytes.read(path, limit: 69_999) == .failure(.tooLarge(70_000)))
        #expect(FileBytes.read(folder.appendingPathComponent("missing.md").path) == .failure(.unreadable(ENOENT)))
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(FileBytes.read(path) == .success([]))
    }

    /// A file shorter than the first read is read by it alone; a limit below the first read's
    /// size still refuses a file one byte over it, and names the file's size.
    @Test func readsSmallFilesInOneReadAndRefusesThemOverTheLimit() throws {
        let folder = try scratch("filebytes-small")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.md").path
        let bytes = Array("---\ntitle: A\n---\nBody\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(FileBytes.read(path) == .success(bytes))
        #expect(FileBytes.read(path, limit: bytes.count) == .success(bytes))
        #expect(FileBytes.read(path, limit: bytes.count - 1) == .failure(.tooLarge(bytes.count)))
        // Exactly the first read's size, and one byte more: read whole either way.
        let full = (0..<FileBytes.firstReadSize).map { UInt8($0 % 253) }
        try Data(full).write(to: URL(fileURLWithPath: path))
        #expect(FileBytes.read(path) == .success(full))
        try Data(full + [7]).write(to: URL(fileURLWithPath: path))
        #expect(FileBytes.read(path) == .success(full + [7]))
        #expect(FileBytes.read(path, limit: FileBytes.firstReadSize) == .failure(.tooLarge(FileBytes.firstReadSize + 1)))
    }

    /// The read again of a guidance page at render time: the size is known, so no `fstat`;
    /// a file of any other size comes back with another count (one byte more at most).
    @Test func readsAFileOfTheSizeItWasAndShowsAnyOther() throws {
        let folder = try scratch("filebytes-size")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.md").path
        let bytes = (0..<70_000).map { UInt8($0 % 251) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(FileBytes.read(path, size: 70_000) == bytes)
        // The file grew since it was measured: one byte more than expected comes back.
        #expect(FileBytes.read(path, size: 69_000) == Array(bytes[0..<69_001]))
        // It shrank: what is there.
        #expect(FileBytes.read(path, size: 80_000) == bytes)
        #expect(FileBytes.read(folder.appendingPathComponent("missing.md").path, size: 10) == nil)
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(FileBytes.read(path, size: 0) == [])
    }
}
