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
}
