import Foundation
import Testing
import PolicySiteCore
@testable import PolicySiteCodeSets

/// A release file cut short (`head -c`, a broken download) no longer reads as a whole release:
/// it ends inside a record, without its final line end (`release-truncated`).
@Suite struct ReleaseTruncationTests {
    static func bytes2019() throws -> [UInt8] {
        let path = CMSReleaseFiles.folder + "/" + CMSReleaseFiles.release2019
        return try #require(FileManager.default.contents(atPath: path).map { [UInt8]($0) }, "no \(path)")
    }

    @Test func aFileCutInsideARecordIsAnErrorAtItsLastLine() throws {
        // `head -c 1871465`: the cut falls one character into a continuation line of G9510.
        let cut = Array(try Self.bytes2019().prefix(1_871_465))
        let release = HCPCSReleaseReader.parse(cut, file: "cut.txt")
        #expect(release.procedureCodes.count == 2_812)
        #expect(release.diagnostics.map(\.description) == [
            "cut.txt:5819:13: error: file ends inside the record of G9510, after column 12 of 320 and without a line end: it was cut short, so the codes after it are missing (2,812 codes read) [release-truncated]",
        ])
    }

    @Test func aFileCutInsideAFirstLineOfFullWidthFieldsIsStillAnError() throws {
        let bytes = try Self.bytes2019()
        // Line 5820 starts a record; cut it after column 300, past the termination date.
        var lineStarts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { lineStarts.append(index + 1) }
        let cut = Array(bytes.prefix(lineStarts[5819] + 300))
        let release = HCPCSReleaseReader.parse(cut, file: "cut.txt")
        #expect(release.diagnostics.map(\.rule) == ["release-truncated"])
        #expect(release.diagnostics.first?.location == SourceLocation(file: "cut.txt", line: 5820, column: 301))
    }

    @Test func aWholeFileWithoutItsFinalLineEndIsReadWithoutComplaint() throws {
        let whole = try Self.bytes2019()
        let release = HCPCSReleaseReader.parse(Array(whole.dropLast(2)), file: "HCPC2019.txt")
        #expect(release.procedureCodes.count == 6_440)
        #expect(release.diagnostics.filter { $0.rule == "release-truncated" } == [])
    }

    @Test func theFilesAsCMSShipsThemAreWhole() throws {
        for name in [CMSReleaseFiles.release2017, CMSReleaseFiles.release2018, CMSReleaseFiles.release2019] {
            #expect(try CMSReleaseFiles.release(name).diagnostics.filter { $0.rule == "release-truncated" } == [])
        }
    }
}
