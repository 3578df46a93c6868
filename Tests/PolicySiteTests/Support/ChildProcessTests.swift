import Foundation
import Testing

/// The deadline browser and command-line tests rely on: a program that hangs, and the helpers
/// it started, are killed, and the call returns.
@Suite struct ChildProcessTests {
    /// The sleepers would outlive any test run: the call returns only because the deadline
    /// killed them (a call that waited for them is ended by the time limit, as a hung test).
    @Test(.timeLimit(.minutes(2))) func aHungProgramAndItsChildrenAreKilledAtTheDeadline() async throws {
        // The shell starts a second sleeper that holds the pipes too, as a Chromium helper
        // would, and prints its process id.
        let result = try await ChildProcess.run("/bin/sh", ["-c", "echo started; sleep 100000 & echo $!; sleep 100000"], timeout: 1)
        #expect(result.status == nil)
        let lines = result.outputText.split(separator: "\n")
        #expect(lines.first == "started" && lines.count == 2)
        // The helper is gone too (at most a zombie until init reaps it): killed with the group.
        let helper = try #require(lines.last.flatMap { Int32($0) })
        let state = (try? String(contentsOfFile: "/proc/\(helper)/stat", encoding: .utf8))?.split(separator: ")").last?.split(separator: " ").first
        #expect(state == nil || state == "Z" || state == "X", "the helper sleeper \(helper) is still running (state \(state.map(String.init) ?? "?"))")
    }

    @Test func aProgramThatFinishesGivesItsStatusAndBothStreams() async throws {
        let result = try await ChildProcess.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], timeout: 30)
        #expect(result.status == 3)
        #expect(result.outputText == "out\n" && result.errorText == "err\n")
    }
}
