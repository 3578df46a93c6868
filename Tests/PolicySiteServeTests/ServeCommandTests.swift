import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

/// The `policysite` executable beside the test bundle (`swift build` puts both in one folder).
let policysiteExecutable: URL = {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // `swift test` runs `<bin>/PolicySitePackageTests.xctest`; some runners pass a path inside it.
    while !folder.path.isEmpty, folder.path != "/", !FileManager.default.fileExists(atPath: folder.appendingPathComponent("policysite").path) {
        folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("policysite")
}()

/// `policysite serve` as a user runs it: a separate process, stopped with Ctrl-C (SIGINT).
@Suite(.timeLimit(.minutes(10))) struct ServeCommandTests {
    @Test func servesOnLoopbackPrintsTheURLAndStopsCleanlyOnCtrlC() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: policysiteExecutable.path), "no policysite executable at \(policysiteExecutable.path); run swift build first")
        let fixture = try ServeFixture()
        let process = Process()
        process.executableURL = policysiteExecutable
        process.arguments = ["serve", "--content", fixture.content.path, "--templates", fixture.templates.path, "--port", "0"]
        process.environment = childEnvironment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The first line names the URL (the first build runs first; the test's time limit bounds it).
        let reader = output.fileHandleForReading
        // Read on a dispatch thread: a blocking read must not hold Swift's concurrency pool.
        var printed = try await offPool { () -> String in
            var printed = ""
            while !printed.contains("\n") {
                let data = reader.availableData
                if data.isEmpty { break }
                printed += String(decoding: data, as: UTF8.self)
            }
            return printed
        }
        let line = try #require(printed.split(separator: "\n").first.map(String.init))
        #expect(line.hasPrefix("serving the site at http://127.0.0.1:"))
        #expect(line.hasSuffix("/ (Ctrl-C stops)"))
        let port = try #require(Int(line.dropFirst("serving the site at http://127.0.0.1:".count).prefix { $0.isNumber }))

        let home = try await RawHTTP.request(port: port, "/")
        #expect(home.status == 200)
        // An open event stream must not keep the server from stopping.
        let stream = try EventStreamReader(port: port, page: "index.html")
        #expect(await stream.read(until: "event: hello").contains("event: hello\ndata: {\"generation\":1}\n\n"))

        kill(process.processIdentifier, SIGINT)
        let stopDeadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < stopDeadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        printed += String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed == line + "\nstopped\n")
        let terminal = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(terminal.hasPrefix("built 30 pages in "))
        // The event stream was ended by the server, not left hanging.
        #expect(await stream.read(until: "never sent", seconds: 2).hasSuffix("event: hello\ndata: {\"generation\":1}\n\n"))
        // Nothing listens any more.
        #expect(throws: ServeTestError.connect) { try RawHTTP.requestBlocking(port: port, "/") }
    }

    @Test func aPortInUseIsOneSentenceAndExitStatus1() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: policysiteExecutable.path))
        let fixture = try ServeFixture()
        try await withServer(fixture.request()) { running in
            let port = running.port
            let (status, terminal) = try await offPool { () -> (Int32, String) in
                let process = Process()
                process.executableURL = policysiteExecutable
                process.arguments = ["serve", "--content", fixture.content.path, "--templates", fixture.templates.path, "--port", String(port)]
                process.environment = childEnvironment
                let errors = Pipe()
                process.standardError = errors
                process.standardOutput = Pipe()
                try process.run()
                let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                return (process.terminationStatus, text)
            }
            #expect(status == 1)
            #expect(terminal.hasSuffix("\nerror: port \(port) on 127.0.0.1 is in use (another server?); choose another with --port\n"))
        }
    }

    @Test func aPortOutOfRangeIsACommandLineError() throws {
        try #require(FileManager.default.isExecutableFile(atPath: policysiteExecutable.path))
        let process = Process()
        process.executableURL = policysiteExecutable
        process.arguments = ["serve", "--port", "70000"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 64)
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.hasPrefix("Error: --port must be between 0 and 65535\n"))
    }
}
