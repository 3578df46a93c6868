import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import PolicySite
import PolicySiteCore

/// A file whose name is not UTF-8, or a folder nested past the system's path limit, was
/// skipped as "not a regular file" and the build succeeded: both are errors naming the path.
@Suite struct FileNameTests {
    @Test func aFileNameThatIsNotUTF8IsAnErrorWithItsBytesEscaped() throws {
        let site = try FixtureSite()
        let name = Array(site.content.appendingPathComponent("policies").path.utf8) + Array("/bad".utf8) + [0xFF, 0xFE] + Array("name.md".utf8) + [0]
        let descriptor = name.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        try #require(descriptor >= 0)
        close(descriptor)
        let report = site.check()
        #expect(report.lines == [
            "Content/policies/bad\\xFF\\xFEname.md:1:1: error: file name is not valid UTF-8; rename it (the bytes that are not UTF-8 are shown as \\xNN) [path-invalid]",
        ])
        #expect(!site.build().wroteSite)
    }

    @Test func aFolderNestedPastThePathLimitIsAnError() throws {
        let site = try FixtureSite()
        // FileManager cannot remove a tree deeper than PATH_MAX; rm walks it relative to each folder.
        defer {
            let remover = Process()
            remover.executableURL = URL(fileURLWithPath: "/bin/rm")
            remover.arguments = ["-rf", site.content.appendingPathComponent(String(repeating: "d", count: 100)).path]
            try? remover.run()
            remover.waitUntilExit()
        }
        // 45 folders of 100 letters, made relative to each other (no path is ever that long).
        var folder = open(site.content.path, O_RDONLY | O_DIRECTORY)
        try #require(folder >= 0)
        let segment = String(repeating: "d", count: 100)
        var depth = 0
        while depth < 45 {
            #expect(mkdirat(folder, segment, 0o755) == 0)
            let next = openat(folder, segment, O_RDONLY | O_DIRECTORY)
            close(folder)
            folder = next
            depth += 1
        }
        close(folder)
        let lines = site.check().lines
        #expect(lines.count == 1)
        let contentLength = site.content.path.utf8.count
        // The first folder whose absolute path passes 4,096 bytes: 101 bytes a level.
        let levels = (4096 - contentLength) / 101 + 1
        let display = "Content" + String(repeating: "/" + segment, count: levels)
        #expect(lines.first == "\(display):1:1: error: path is \(contentLength + 101 * levels) bytes, longer than the system opens (4096); move it to a shallower folder [path-invalid]")
    }
}
