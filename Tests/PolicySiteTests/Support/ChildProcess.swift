import Foundation
import Synchronization

/// Runs a program with a deadline, for tests that start a browser or the command-line tool.
enum ChildProcess {
    /// What a finished (or killed) program wrote.
    struct Result {
        /// The exit status; nil when the deadline passed and the process group was killed.
        var status: Int32?
        var output: Data
        var error: Data
        var outputText: String { String(decoding: output, as: UTF8.self) }
        var errorText: String { String(decoding: error, as: UTF8.self) }
    }

    /// Runs `executable` with `arguments`. Foundation starts a child as the leader of a process
    /// group of its own, so a timeout can kill every process it started (Chromium forks
    /// renderers and helpers).
    ///
    /// - Parameters:
    ///   - timeout: Seconds before the whole process group is killed with SIGKILL.
    ///   - environment: The child's environment; this process's when nil.
    ///
    /// The wait runs on a dispatch thread: a test blocked on Swift's concurrency pool (two
    /// threads on a two-core machine) would hold back every other test while Chromium starts.
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval,
                    currentDirectory: URL? = nil, environment: [String: String]? = nil) async throws -> Result {
        try await offPool { try runBlocking(executable, arguments, timeout: timeout, currentDirectory: currentDirectory, environment: environment) }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String], timeout: TimeInterval,
                                    currentDirectory: URL?, environment: [String: String]?) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        if let environment { process.environment = environment }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        // Both pipes are drained while the process runs: a full pipe would block it.
        let collected = (output: Collected(), error: Collected())
        // On threads of their own, not the two-thread `DispatchQueue.global()` (see `offPool`).
        let readers = DispatchGroup()
        for (pipe, box) in [(output, collected.output), (error, collected.error)] {
            let handle = pipe.fileHandleForReading
            readers.enter()
            Thread {
                let data = handle.readDataToEndOfFile()
                box.data.withLock { $0 = data }
                readers.leave()
            }.start()
        }
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            // The child leads its own process group (Foundation's `Process` sets that up).
            kill(-process.processIdentifier, SIGKILL)
            finished.wait()
        }
        // A helper that left the group could keep a pipe open; do not wait for it forever.
        _ = readers.wait(timeout: .now() + 10)
        return Result(status: timedOut ? nil : process.terminationStatus, output: collected.output.data.withLock { $0 }, error: collected.error.data.withLock { $0 })
    }

    /// Written by one reader thread, read after the readers' group finished or timed out.
    private final class Collected: Sendable {
        let data = Mutex(Data())
    }
}

/// Runs blocking work (waiting for a child process, a socket, a server) on a thread of its own,
/// so that the test waiting for it leaves its concurrency-pool thread to other tests. Not on
/// `DispatchQueue.global()`: on Linux its threads are as few as the cores (two here), and tests
/// blocked on them held back every other wait and `serve`'s builds (a 1 s deadline was seen
/// to take 108 s).
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
