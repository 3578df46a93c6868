import Foundation
import Testing

/// The `policysite` executable beside the test bundle (`swift build` puts both in one folder).
let commandLineExecutable: URL = {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // `swift test` runs `<bin>/PolicySitePackageTests.xctest`; some runners pass a path inside it.
    while !folder.path.isEmpty, folder.path != "/", !FileManager.default.fileExists(atPath: folder.appendingPathComponent("policysite").path) {
        folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("policysite")
}()

/// The command line as a user runs it: exit status, stdout and stderr of each command, compared
/// with snapshot files in `Tests/PolicySiteTests/Snapshots/CommandLine/`. When a change to the
/// output is intended, re-record them with
/// `POLICYSITE_RECORD_SNAPSHOTS=1 swift test --skip-build --filter CommandLineTests` and read
/// `git diff Tests/PolicySiteTests/Snapshots` before committing.
///
/// Each command runs in a fixture site's folder with relative paths, so the snapshots hold no
/// temporary folder names.
@Suite struct CommandLineTests {
    static let snapshotFolder = repositoryRoot.appendingPathComponent("Tests/PolicySiteTests/Snapshots/CommandLine")

    /// Runs `policysite` with `arguments` in `folder` and compares the transcript with the
    /// snapshot `name.txt`.
    func expectSnapshot(_ name: String, _ arguments: [String], in folder: URL, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: commandLineExecutable.path), "no policysite executable at \(commandLineExecutable.path); run swift build first")
        let result = try await ChildProcess.run(commandLineExecutable.path, arguments, timeout: 120, currentDirectory: folder)
        let status = try #require(result.status, "policysite \(arguments.joined(separator: " ")) did not finish in 120 s")
        let transcript = """
        $ policysite \(arguments.joined(separator: " "))
        exit status: \(status)
        --- stdout
        \(result.outputText)--- stderr
        \(result.errorText)
        """
        let file = Self.snapshotFolder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["POLICYSITE_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.snapshotFolder, withIntermediateDirectories: true)
            try Data(transcript.utf8).write(to: file)
            return
        }
        let expected = try #require(try? String(contentsOf: file, encoding: .utf8), "no snapshot \(file.path); record it with POLICYSITE_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
        #expect(transcript == expected, sourceLocation: sourceLocation)
    }

    /// The fixture site with a page left half-written by `policysite new` (a placeholder
    /// warning) and, when `broken`, a link to a page that does not exist (an error).
    static func site(broken: Bool = false) throws -> FixtureSite {
        var files = ["policies/draft.md": "---\ntitle: Draft\n---\n\nPlaceholder: say what the policy is.\n"]
        if broken { files["policies/broken.md"] = "---\ntitle: Broken\n---\n\nSee [the missing page](missing.md).\n" }
        return try FixtureSite(files: files)
    }

    // MARK: - check

    @Test func checkWithWarningsOnlyExitsZeroAndPrintsFindingsOnStdout() async throws {
        let site = try Self.site()
        try await expectSnapshot("check-warnings", ["check"], in: site.root)
        try await expectSnapshot("check-warnings-strict", ["check", "--strict"], in: site.root)
    }

    @Test func checkWithErrorsExitsOneInEveryFormat() async throws {
        let site = try Self.site(broken: true)
        try await expectSnapshot("check-errors", ["check"], in: site.root)
        try await expectSnapshot("check-errors-json", ["check", "--format", "json"], in: site.root)
        try await expectSnapshot("check-errors-github", ["check", "--format", "github"], in: site.root)
    }

    @Test func badCommandLinesExit64WithUsageOnStderr() async throws {
        let site = try Self.site()
        try await expectSnapshot("check-bad-format", ["check", "--format", "xml"], in: site.root)
        try await expectSnapshot("check-bad-as-of", ["check", "--as-of", "2019-13-01"], in: site.root)
        try await expectSnapshot("build-empty-output", ["build", "--output", ""], in: site.root)
    }

    // MARK: - build

    @Test func buildPrintsWhatItWroteOnStdoutAndFindingsOnStderr() async throws {
        let site = try Self.site()
        try await expectSnapshot("build-warnings", ["build"], in: site.root)
        let broken = try Self.site(broken: true)
        try await expectSnapshot("build-errors", ["build"], in: broken.root)
        #expect(!FileManager.default.fileExists(atPath: broken.output.path))
    }

    // MARK: - changes

    /// A release line 320 columns wide, blank but for `fields` at their 1-based columns.
    static func releaseLine(_ fields: [(column: Int, text: String)]) -> String {
        var bytes = [UInt8](repeating: UInt8(ascii: " "), count: 320)
        for field in fields {
            for (offset, byte) in field.text.utf8.enumerated() { bytes[field.column - 1 + offset] = byte }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Two small releases: G0001's long descriptor changes (action C), G0002 is discontinued
    /// (D), G0003 is added (A), and modifier ZZ's short descriptor changes while its action
    /// code says nothing did (N): a finding.
    static func writeReleases(in folder: URL) throws {
        func procedure(_ code: String, _ long: String, _ short: String, terminated: String = "", action: String) -> String {
            releaseLine([(1, code + "00100"), (11, "3"), (12, long), (92, short), (269, "20100101"), (285, terminated), (293, action)])
        }
        let modifierOld = releaseLine([(1, "   ZZ00100"), (11, "7"), (12, "Zed modifier"), (92, "Zed"), (269, "20100101"), (293, "N")])
        let modifierNew = releaseLine([(1, "   ZZ00100"), (11, "7"), (12, "Zed modifier"), (92, "Zed mod"), (269, "20100101"), (293, "N")])
        let old = [
            procedure("G0001", "Office visit, first version", "Office visit", action: "N"),
            procedure("G0002", "Home visit", "Home visit", action: "N"),
            modifierOld,
        ]
        let new = [
            procedure("G0001", "Office visit, second version", "Office visit", action: "C"),
            procedure("G0002", "Home visit", "Home visit", terminated: "20181231", action: "D"),
            procedure("G0003", "Telephone visit", "Phone visit", action: "A"),
            modifierNew,
        ]
        try Data((old.joined(separator: "\r\n") + "\r\n").utf8).write(to: folder.appendingPathComponent("old.txt"))
        try Data((new.joined(separator: "\r\n") + "\r\n").utf8).write(to: folder.appendingPathComponent("new.txt"))
    }

    @Test func changesPrintsTheReportOnStdoutAsTextOrJSON() async throws {
        let site = try Self.site()
        try Self.writeReleases(in: site.root)
        try await expectSnapshot("changes-text", ["changes", "old.txt", "new.txt"], in: site.root)
        try await expectSnapshot("changes-json", ["changes", "old.txt", "new.txt", "--format", "json"], in: site.root)
    }

    @Test func changesWithAMissingFileExitsOneWithNothingOnStdout() async throws {
        let site = try Self.site()
        try Self.writeReleases(in: site.root)
        try await expectSnapshot("changes-missing", ["changes", "old.txt", "missing.txt"], in: site.root)
        try await expectSnapshot("changes-no-arguments", ["changes"], in: site.root)
    }
}
