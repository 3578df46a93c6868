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
        let state = Self.processState(helper)
        #expect(state == nil || state == "Z" || state == "X", "the helper sleeper \(helper) is still running (state \(state ?? "?"))")
    }

    /// The state letter of process `id` (`S` sleeping, `Z` zombie...); nil when there is no
    /// such process. Linux says it in `/proc`; elsewhere `ps` does.
    static func processState(_ id: Int32) -> String? {
        #if os(Linux)
        let state = (try? String(contentsOfFile: "/proc/\(id)/stat", encoding: .utf8))?.split(separator: ")").last?.split(separator: " ").first
        return state.map(String.init)
        #else
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/ps")
        process.arguments = ["-o", "stat=", "-p", "\(id)"]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return nil }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines).first.map { String($0) }
        #endif
    }

    @Test func aProgramThatFinishesGivesItsStatusAndBothStreams() async throws {
        let result = try await ChildProcess.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], timeout: 30)
        #expect(result.status == 3)
        #expect(result.outputText == "out\n" && result.errorText == "err\n")
    }
}
