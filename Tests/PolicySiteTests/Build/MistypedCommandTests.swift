import Foundation
@testable import PolicySite
import Testing

/// The `policysite` executable beside the test bundle (`swift build --build-tests` puts both in
/// one folder), as `ServeCommandTests` finds it.
private let executable: URL = {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !folder.path.isEmpty, folder.path != "/", !FileManager.default.fileExists(atPath: folder.appendingPathComponent("policysite").path) {
        folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("policysite")
}()

/// Runs `policysite` with `arguments` in a fresh folder; its exit status, stdout and stderr.
private func run(_ arguments: [String]) async throws -> (status: Int32, output: String, errors: String) {
    try #require(FileManager.default.isExecutableFile(atPath: executable.path), "no policysite executable at \(executable.path); run swift build first")
    let folder = try scratch("policysite-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try await ChildProcess.run(executable.path, arguments, timeout: 120, currentDirectory: folder)
    let status = try #require(result.status, "policysite \(arguments.joined(separator: " ")) did not finish in 120 s")
    return (status, result.outputText, result.errorText)
}

/// The command line as a user meets it: a mistyped command is named, not answered with
/// `build`'s usage (build is the default subcommand), and `--version` prints one line.
@Suite struct MistypedCommandTests {
    @Test func aMistypedCommandIsNamedWithTheNearestCommand() async throws {
        let result = try await run(["chek"])
        #expect(result.status == 64)
        #expect(result.errors == "unknown command 'chek'; did you mean 'check'?\n")
        #expect(result.output == "")
    }

    @Test func aSwapOrACaseSlipIsNamedToo() async throws {
        #expect(try await run(["biuld", "--content", "C"]).errors == "unknown command 'biuld'; did you mean 'build'?\n")
        #expect(try await run(["Serve"]).errors == "unknown command 'Serve'; did you mean 'serve'?\n")
    }

    @Test func aWordNearNoCommandListsTheCommands() async throws {
        let result = try await run(["publish"])
        #expect(result.status == 64)
        #expect(result.errors == "unknown command 'publish'; the commands are build, changes, check, new, serve, verify\n")
    }

    @Test func versionPrintsTheOneVersionConstant() async throws {
        let result = try await run(["--version"])
        #expect(result.status == 0)
        #expect(result.output == "policysite \(PolicySiteVersion.current)\n")
        #expect(PolicySiteVersion.current == "0.9.0")
    }

    @Test func optionsFirstStillMeanBuild() async throws {
        // No first word: `build` runs (and fails for want of a content folder, exit 1, not 64).
        let result = try await run(["--content", "Missing", "--templates", "Missing"])
        #expect(result.status == 1)
        #expect(result.errors.hasSuffix("build failed at step 'load content'; Site/ was left as it was\n"))
    }
}
