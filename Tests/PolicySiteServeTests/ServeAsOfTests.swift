import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

/// `serve --as-of` judges the site as of that day, as `build --as-of` does.
@Suite(.timeLimit(.minutes(10))) struct ServeAsOfTests {
    @Test func serveBuildsAsOfTheDateGiven() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: policysiteExecutable.path), "no policysite executable at \(policysiteExecutable.path); run swift build first")
        let fixture = try ServeFixture()
        let process = Process()
        process.executableURL = policysiteExecutable
        // G9328's guidance was last reviewed in 2018 and is kept as historical (terminated in 2015).
        process.arguments = ["serve", "--content", fixture.content.path, "--templates", fixture.templates.path, "--port", "0", "--as-of", "2014-06-01"]
        process.environment = childEnvironment
        let errors = Pipe()
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = errors
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let reader = errors.fileHandleForReading
        let printed = try await offPool { () -> String in
            var printed = ""
            while !printed.contains("build failed") {
                let data = reader.availableData
                if data.isEmpty { break }
                printed += String(decoding: data, as: UTF8.self)
            }
            return printed
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let findings = printed.split(separator: "\n").filter { $0.contains("error:") }.map { String($0.split(separator: ":", maxSplits: 3).last ?? "") }
        #expect(findings == [
            " error: lastReviewed 2018-11-15 is after the as-of date 2014-06-01 [date-invalid]",
            " error: page is marked 'historical: true' but code G9328 is not terminated on the as-of date; remove the flag [historical-not-terminated]",
        ])
    }
}
