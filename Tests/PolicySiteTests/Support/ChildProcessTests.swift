import Foundation
import Testing

/// The deadline browser and command-line tests rely on: a program that hangs, and the helpers
/// it started, are killed, and the call returns.
@Suite struct ChildProcessTests {
    @Test func aHungProgramAndItsChildrenAreKilledAtTheDeadline() async throws {
        let start = Date()
        // The shell starts a second sleeper that holds the pipes too, as a Chromium helper would.
        let result = try await ChildProcess.run("/bin/sh", ["-c", "echo started; sleep 30 & sleep 30"], timeout: 1)
        #expect(result.status == nil)
        #expect(result.outputText == "started\n")
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func aProgramThatFinishesGivesItsStatusAndBothStreams() async throws {
        let result = try await ChildProcess.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], timeout: 30)
        #expect(result.status == 3)
        #expect(result.outputText == "out\n" && result.errorText == "err\n")
    }
}
