// site-bench: how fast and how big a full build of the site is, on the real CMS release.
//
//   swift build -c release && .build/release/site-bench [--release PATH] [--runs 5] [--work DIR] [--scales 1,4,16] [--keep]
//
// It prints, for the release: the time to read and type the file (in process); then for each
// input a cold build by the `policysite` binary beside this one, run under /usr/bin/time -v:
// median wall time, pages per second, peak memory, files and bytes written. Inputs:
//   (a) the default Content/ with the release as code set;
//   (b) the same plus a generated guidance page (front matter and the four sections, about
//       1 KB of Markdown) for every code of the release, in a temporary copy of Content/;
//   (b) again at 4x and 16x the code set: a synthetic release holding the real records under
//       new, unique codes (letters A-V, four digits), each with its guidance page.
// Work happens under --work (default /mnt/bench, a tmpfs if one is mounted there: this
// machine's disk is slow to create files for minutes after many were deleted).
import Foundation
import PolicySiteCodeSets
import PolicySiteCore

struct Options {
    var release = "../shared/hcpcs/HCPC2019_CONTR_ANWEB.txt"
    var runs = 5
    var work = "/mnt/bench"
    var scales = [1, 4, 16]
    /// Leave the generated inputs in the work folder (to profile a build by hand).
    var keep = false

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--release": release = iterator.next() ?? release
            case "--runs": runs = Int(iterator.next() ?? "") ?? runs
            case "--work": work = iterator.next() ?? work
            case "--scales": scales = (iterator.next() ?? "").split(separator: ",").compactMap { Int($0) }
            case "--keep": keep = true
            default:
                FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
                exit(64)
            }
        }
    }
}

@MainActor func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

@MainActor func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

let options = Options(CommandLine.arguments)
let fileManager = FileManager.default
let binaryFolder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let policysite = binaryFolder.appendingPathComponent("policysite").path
guard fileManager.isExecutableFile(atPath: policysite) else {
    print("policysite not found beside site-bench (\(policysite)); run `swift build -c release` first")
    exit(1)
}
guard let releaseBytes = fileManager.contents(atPath: options.release) else {
    print("release file not found: \(options.release)")
    exit(1)
}
let repository = URL(fileURLWithPath: fileManager.currentDirectoryPath)
let work = URL(fileURLWithPath: options.work).appendingPathComponent("policysite-bench-\(ProcessInfo.processInfo.processIdentifier)")
try? fileManager.removeItem(at: work)
try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
defer { if !options.keep { try? fileManager.removeItem(at: work) } else { print("inputs kept in \(work.path)") } }

// MARK: - Reading the release

var readTimes: [Double] = []
var release = HCPCSReleaseReader.parse(Array(releaseBytes), file: options.release)
for _ in 0..<max(options.runs, 5) {
    let start = now()
    release = HCPCSReleaseReader.parse(Array(releaseBytes), file: options.release)
    readTimes.append(now() - start)
}
print("release \(options.release): \(release.procedureCodes.count) procedure codes, \(release.modifiers.count) modifiers")
print(String(format: "read and type the release: median %.1f ms (%d runs)", median(readTimes) * 1000, readTimes.count))

// MARK: - Inputs

/// Every line of the release, split on CRLF, as bytes.
let releaseLines: [ArraySlice<UInt8>] = releaseBytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
    line.last == 0x0D ? line.dropLast() : line
}

/// Copies of terminated codes in the scaled release (their guidance is historical too).
var terminatedCopies: Set<String> = []

/// A release `scale` times as large: the real records, then copies under unused codes.
@MainActor func scaledRelease(_ scale: Int) -> (bytes: [UInt8], codes: [String]) {
    var used = Set(release.procedureCodes.map(\.code))
    terminatedCopies = []
    var codes = release.procedureCodes.map(\.code)
    var output: [UInt8] = []
    for line in releaseLines { output += line; output += [0x0D, 0x0A] }
    guard scale > 1 else { return (output, codes) }
    let letters = Array("ABCDEFGHIJKLMNOPQRSTUV")
    var candidate = 0
    func nextCode() -> String {
        while true {
            let code = "\(letters[candidate / 10000])\(String(format: "%04d", candidate % 10000))"
            candidate += 1
            if !used.contains(code) { used.insert(code); return code }
        }
    }
    for _ in 1..<scale {
        var mapping: [String: String] = [:]
        for line in releaseLines where line.count > 11 {
            let start = line.startIndex
            let recordID = line[start + 10]
            guard recordID == UInt8(ascii: "3") || recordID == UInt8(ascii: "4") else { continue }
            let original = String(decoding: line[start..<(start + 5)], as: UTF8.self)
            guard HCPCSIdentifier.isProcedureCode(original) else { continue }
            let code: String
            if let mapped = mapping[original] {
                code = mapped
            } else {
                code = nextCode()
                mapping[original] = code
                codes.append(code)
                if terminatedByAsOf.contains(original) { terminatedCopies.insert(code) }
            }
            output += Array(code.utf8) + line[(start + 5)...] + [0x0D, 0x0A]
        }
    }
    return (output, codes)
}

/// Codes terminated on or before the default content's as-of date: their generated guidance
/// is marked historical, as a real team's would be, so the build's rules pass.
let terminatedByAsOf: Set<String> = {
    let asOf = CalendarDate(year: 2019, month: 1, day: 1)!
    return Set(release.procedureCodes.filter { ($0.terminationDate.map { $0 <= asOf }) ?? false }.map(\.code))
}()

/// A guidance page of about 1 KB for `code`.
@MainActor func guidancePage(_ code: String, historical: Bool) -> String {
    """
    ---
    code: \(code)
    title: Guidance for \(code)\(historical ? "\nhistorical: true" : "")
    serviceType: Generated for the benchmark
    sitesOfService: [Physician office, Hospital outpatient department]
    lastReviewed: 2018-11-01
    owner: Benchmark
    ---

    ## Overview

    \(code) is described here for the benchmark. Report it when the documentation supports the
    service, and check the payer notes before you bill it. See also G9328 and modifier 26.

    ## Clinical context

    The service is performed in an office or an outpatient department. The record must show the
    indication, the service performed and the clinician who performed it, with the date.

    ## Coding specifications

    - Report \(code) once per date of service unless the descriptor says otherwise.
    - Append modifier 26 only for the professional component billed apart.
    - Keep the documentation for seven years.

    ## Payer notes

    ### Aetna

    No data available.

    ### Blue Cross Blue Shield

    No data available.

    ### Cigna

    No data available.

    ### UnitedHealthcare

    No data available.

    ### Medicare

    Medicare follows the CMS release for \(code). Source: [imaging policy](../policies/imaging-documentation.md).

    """
}

struct Input {
    var name: String
    var content: URL
    var release: URL
}

@MainActor func makeInput(name: String, scale: Int, withGuidance: Bool) throws -> Input {
    let folder = work.appendingPathComponent(name)
    try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
    let content = folder.appendingPathComponent("Content")
    try fileManager.copyItem(at: repository.appendingPathComponent("Content"), to: content)
    let (bytes, codes) = scaledRelease(scale)
    let releaseFile = folder.appendingPathComponent("release.txt")
    try Data(bytes).write(to: releaseFile)
    if withGuidance {
        var markdownBytes = 0
        for code in codes where code != "G9328" {
            let page = guidancePage(code, historical: terminatedByAsOf.contains(code) || terminatedCopies.contains(code))
            markdownBytes += page.utf8.count
            try Data(page.utf8).write(to: content.appendingPathComponent("codes/\(code).md"))
        }
        print(String(format: "input %@: %d codes, %d generated guidance pages, %.1f MB of Markdown", name, codes.count, codes.count - 1, Double(markdownBytes) / 1e6))
    } else {
        print("input \(name): \(codes.count) codes, the default content")
    }
    return Input(name: name, content: content, release: releaseFile)
}

// MARK: - Builds

struct BuildRun {
    var wall: Double
    var peakKB: Int
    var pages: Int
    var files: Int
    var bytes: Int
}

@MainActor func build(_ input: Input) -> BuildRun? {
    let output = input.content.deletingLastPathComponent().appendingPathComponent("Site")
    try? fileManager.removeItem(at: output)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    process.arguments = ["-v", policysite, "build", "--content", input.content.path, "--templates", repository.appendingPathComponent("Templates").path,
                         "--output", output.path, "--code-set", input.release.path]
    process.currentDirectoryURL = input.content.deletingLastPathComponent()
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let start = now()
    guard (try? process.run()) != nil else { return nil }
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let wall = now() - start
    let stderr = String(decoding: errData, as: UTF8.self)
    let stdout = String(decoding: outData, as: UTF8.self)
    guard process.terminationStatus == 0 else {
        print("build failed:\n" + stderr.split(separator: "\n").prefix(10).joined(separator: "\n"))
        return nil
    }
    let peak = stderr.split(separator: "\n").first { $0.contains("Maximum resident set size") }
        .flatMap { Int($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) } ?? 0
    // "wrote N pages, M files, B bytes of HTML to ..."
    let numbers = stdout.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    return BuildRun(wall: wall, peakKB: peak, pages: numbers.first ?? 0, files: numbers.dropFirst().first ?? 0, bytes: numbers.dropFirst(2).first ?? 0)
}

@MainActor func measure(_ input: Input) {
    var runs: [BuildRun] = []
    for _ in 0..<options.runs {
        guard let run = build(input) else { return }
        runs.append(run)
    }
    let wall = median(runs.map(\.wall))
    let peak = median(runs.map { Double($0.peakKB) })
    let last = runs.last!
    print(String(format: "  %@: wall median %.3f s (runs: %@), %.0f pages/s, peak memory median %.0f MB, %d pages, %d files, %.1f MB of HTML",
                 input.name, wall, runs.map { String(format: "%.3f", $0.wall) }.joined(separator: " "),
                 Double(last.pages) / wall, peak / 1024, last.pages, last.files, Double(last.bytes) / 1e6))
}

print("cold builds with \(policysite), \(options.runs) runs each, work folder \(work.path)")
do {
    measure(try makeInput(name: "a-default-content", scale: 1, withGuidance: false))
    for scale in options.scales {
        measure(try makeInput(name: "b-guidance-\(scale)x", scale: scale, withGuidance: true))
    }
} catch {
    print("could not prepare inputs: \(error)")
    exit(1)
}
