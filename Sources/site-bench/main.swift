// site-bench: how fast and how big a full build of the site is, on the real CMS release.
//
//   swift build -c release && .build/release/site-bench [--release PATH] [--runs 5] [--work DIR] [--scales 1,4,16] [--keep]
//
// It prints, for the release: the time to read and type the file (in process); then for each
// input a cold build by the `policysite` binary beside this one, timed from spawn to exit:
// median wall time, pages per second, peak memory, files and bytes written. Inputs:
//   (a) the default Content/ with the release as code set;
//   (b) the same plus a generated guidance page (front matter and the four sections, about
//       1 KB of Markdown) for every code of the release, in a temporary copy of Content/;
//   (b) again at 4x and 16x the code set: a synthetic release holding the real records under
//       new, unique codes (letters A-V, four digits), each with its guidance page.
// Work happens under --work (default /mnt/bench, a tmpfs if one is mounted there: this
// machine's disk is slow to create files for minutes after many were deleted).
//
//   .build/release/site-bench --vs-hugo [--runs 5] [--scales 1,4,16] [--hugo-input PATH]
//
// --vs-hugo compares PolicySite with Hugo on the same job instead: for each scale, input (b)
// beside the Hugo site that ../shared/bench-hugo/gen_site_input.py writes from the same release
// with --copies equal to the scale (a page per code and modifier, about the same page count),
// then cold builds of the two taken in turn, PolicySite, Hugo, PolicySite, Hugo..., because this
// machine's speed drifts over minutes and only a ratio measured side by side means anything.
// It prints medians of wall time, processor time (user + system) and peak memory, the
// PolicySite/Hugo ratios, and the cost of a page, which should stay flat from 1x to 16x.
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
    /// Compare with Hugo instead of measuring PolicySite's inputs alone.
    var vsHugo = false
    /// The script that writes Hugo's equivalent of input (b).
    var hugoInput = "../shared/bench-hugo/gen_site_input.py"

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--release": release = iterator.next() ?? release
            case "--runs": runs = Int(iterator.next() ?? "") ?? runs
            case "--work": work = iterator.next() ?? work
            case "--scales": scales = (iterator.next() ?? "").split(separator: ",").compactMap { Int($0) }
            case "--keep": keep = true
            case "--vs-hugo": vsHugo = true
            case "--hugo-input": hugoInput = iterator.next() ?? hugoInput
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
/// Hugo, found on PATH as a shell would find it; checked before any input is generated.
let hugo: String? = options.vsHugo ? (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    .map { "\($0)/hugo" }.first { fileManager.isExecutableFile(atPath: $0) } : nil
if options.vsHugo {
    guard hugo != nil else {
        print("--vs-hugo needs hugo on PATH (apt-get install -y hugo)")
        exit(1)
    }
    guard fileManager.fileExists(atPath: options.hugoInput) else {
        print("Hugo input generator not found: \(options.hugoInput) (see --hugo-input)")
        exit(1)
    }
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
    return Set(release.procedureCodes.filter { ($0.terminationDate.map { $0 < asOf }) ?? false }.map(\.code))
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

/// A child process's cost, as `wait4` reports it.
struct Timed {
    /// From spawning the process to reaping it.
    var wall: Double
    /// User plus system time of the process and its threads.
    var cpu: Double
    var peakKB: Int
    var stdout: String
}

/// Runs `arguments` (an absolute executable path first) in `folder`: spawned with
/// `posix_spawn`, its standard output and error sent to files, and reaped with `wait4`, which
/// gives its processor time and peak memory too. On failure prints the first lines of its
/// standard error and returns nil.
///
/// Foundation's `Process`, under /usr/bin/time, did this before: its spawn and wait added
/// about 55 ms to every run's wall time (0.62 s against /usr/bin/time's own 0.56 s for the
/// same build), the same for both tools, which inflated the ratio of the faster one.
@MainActor func timed(_ arguments: [String], in folder: URL) -> Timed? {
    let outPath = work.appendingPathComponent(".timed-stdout").path, errPath = work.appendingPathComponent(".timed-stderr").path
    #if canImport(Glibc)
    var actions = posix_spawn_file_actions_t()
    #else
    var actions: posix_spawn_file_actions_t?
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    // The child starts in the parent's folder (this program has one thread).
    let previousFolder = fileManager.currentDirectoryPath
    fileManager.changeCurrentDirectoryPath(folder.path)
    defer { fileManager.changeCurrentDirectoryPath(previousFolder) }
    var pid = pid_t()
    let start = now()
    guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else {
        print("\(arguments[0]) could not be started: \(String(cString: strerror(errno)))")
        return nil
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) == -1, errno == EINTR {}
    let wall = now() - start
    let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    // Exited (low seven bits zero) with status 0 (the next eight).
    guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
        print("\(URL(fileURLWithPath: arguments[0]).lastPathComponent) failed:\n" + stderr.split(separator: "\n").prefix(10).joined(separator: "\n"))
        return nil
    }
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    #if os(Linux)
    let peakKB = usage.ru_maxrss  // kilobytes on Linux
    #else
    let peakKB = usage.ru_maxrss / 1024  // bytes on macOS
    #endif
    return Timed(wall: wall, cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime), peakKB: Int(peakKB), stdout: stdout)
}

struct BuildRun {
    var wall: Double
    var cpu: Double
    var peakKB: Int
    var pages: Int
    var files: Int
    var bytes: Int
}

@MainActor func build(_ input: Input) -> BuildRun? {
    let output = input.content.deletingLastPathComponent().appendingPathComponent("Site")
    try? fileManager.removeItem(at: output)
    guard let run = timed([policysite, "build", "--content", input.content.path, "--templates", repository.appendingPathComponent("Templates").path,
                           "--output", output.path, "--code-set", input.release.path], in: input.content.deletingLastPathComponent()) else { return nil }
    // "wrote N pages, M files, B bytes of HTML to ..."
    let numbers = run.stdout.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    return BuildRun(wall: run.wall, cpu: run.cpu, peakKB: run.peakKB,
                    pages: numbers.first ?? 0, files: numbers.dropFirst().first ?? 0, bytes: numbers.dropFirst(2).first ?? 0)
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

// MARK: - Against Hugo

/// The input generator failed; its standard error says why.
struct GeneratorFailed: Error, CustomStringConvertible {
    var description: String
}

/// Hugo's equivalent of input (b) at `scale`, written by the shared generator from the same
/// release: every code and modifier `scale` times, under suffixed codes after the first copy.
@MainActor func makeHugoInput(scale: Int) throws -> URL {
    let site = work.appendingPathComponent("hugo-\(scale)x/site")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", options.hugoInput, "--site", site.path, "--copies", "\(scale)", "--src", options.release]
    let err = Pipe()
    process.standardError = err
    try process.run()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw GeneratorFailed(description: "\(options.hugoInput) failed:\n\(message)") }
    // "wrote N code/modifier pages (copies=N)"
    print("input hugo-\(scale)x: \(message.split(separator: "\n").last ?? "")")
    return site
}

/// A cold Hugo build: the output folder, `resources/` and the build lock removed first, so no
/// run reuses what the one before it left.
@MainActor func hugoBuild(_ site: URL) -> (run: Timed, pages: Int)? {
    let output = site.deletingLastPathComponent().appendingPathComponent("public")
    for leftover in [output, site.appendingPathComponent("resources"), site.appendingPathComponent(".hugo_build.lock")] {
        try? fileManager.removeItem(at: leftover)
    }
    guard let run = timed([hugo!, "-s", site.path, "-d", output.path], in: site) else { return nil }
    // The summary table's row "  Pages            | 6806 " (not "Paginator pages").
    let pages = run.stdout.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("Pages ") }
        .flatMap { Int($0.split(separator: "|").last!.trimmingCharacters(in: .whitespaces)) } ?? 0
    return (run, pages)
}

/// Medians of one tool's runs at one scale.
struct Medians {
    var pages: Int
    var wall: Double
    var cpu: Double
    var peakMB: Double
    var walls: [Double]
}

/// Builds input (b) and its Hugo twin at `scale` in turn, --runs times each; nil when a build failed.
@MainActor func compareWithHugo(scale: Int) throws -> (policysite: Medians, hugo: Medians)? {
    let input = try makeInput(name: "b-guidance-\(scale)x", scale: scale, withGuidance: true)
    let site = try makeHugoInput(scale: scale)
    var ours: [BuildRun] = [], theirs: [Timed] = [], hugoPages = 0
    for _ in 0..<options.runs {
        guard let ourRun = build(input) else { return nil }
        ours.append(ourRun)
        guard let (hugoRun, pages) = hugoBuild(site) else { return nil }
        theirs.append(hugoRun)
        hugoPages = pages
    }
    return (Medians(pages: ours.last?.pages ?? 0, wall: median(ours.map(\.wall)), cpu: median(ours.map(\.cpu)),
                    peakMB: median(ours.map { Double($0.peakKB) }) / 1024, walls: ours.map(\.wall)),
            Medians(pages: hugoPages, wall: median(theirs.map(\.wall)), cpu: median(theirs.map(\.cpu)),
                    peakMB: median(theirs.map { Double($0.peakKB) }) / 1024, walls: theirs.map(\.wall)))
}

/// One scale's table: a row per tool, then PolicySite/Hugo ratios (per page too, since the two
/// inputs differ by a few percent in pages).
@MainActor func report(scale: Int, _ ours: Medians, _ theirs: Medians) {
    print("\(scale)x: policysite \(ours.pages) pages, hugo \(theirs.pages) pages; medians of \(options.runs) runs each, alternating")
    print("  tool         pages   wall_s   cpu_s  peak_MB  wall_ms/page  cpu_ms/page  wall_runs_s")
    for (name, tool) in [("policysite", ours), ("hugo      ", theirs)] {
        print(String(format: "  %@ %7d %8.3f %7.3f %8.1f %13.3f %12.3f  %@", name, tool.pages, tool.wall, tool.cpu, tool.peakMB,
                     tool.wall * 1000 / Double(tool.pages), tool.cpu * 1000 / Double(tool.pages),
                     tool.walls.map { String(format: "%.3f", $0) }.joined(separator: ",")))
    }
    let pageRatio = Double(theirs.pages) / Double(ours.pages)
    print(String(format: "  ratio%@ %8.2f %7.2f %8.2f %13.2f %12.2f", String(repeating: " ", count: 13), ours.wall / theirs.wall, ours.cpu / theirs.cpu,
                 ours.peakMB / theirs.peakMB, ours.wall / theirs.wall * pageRatio, ours.cpu / theirs.cpu * pageRatio))
}

if options.vsHugo {
    print("cold builds with \(policysite) and \(hugo!), \(options.runs) runs each in turn, work folder \(work.path)")
    var rows: [String] = []
    do {
        for scale in options.scales {
            guard let (ours, theirs) = try compareWithHugo(scale: scale) else { exit(1) }
            report(scale: scale, ours, theirs)
            rows.append(String(format: "  %4dx %9d %10d %10.2f %9.2f %9.2f %15.3f %14.3f", scale, ours.pages, theirs.pages,
                               ours.wall / theirs.wall, ours.cpu / theirs.cpu, ours.peakMB / theirs.peakMB,
                               ours.wall * 1000 / Double(ours.pages), ours.cpu * 1000 / Double(ours.pages)))
        }
    } catch {
        print("could not prepare inputs: \(error)")
        exit(1)
    }
    // PolicySite's cost of a page across scales, beside the ratios: flat means it scales linearly.
    print("summary: policysite/hugo ratios of medians, policysite per page")
    print("  scale  ps_pages hugo_pages wall_ratio cpu_ratio mem_ratio ps_wall_ms/page ps_cpu_ms/page")
    rows.forEach { print($0) }
} else {
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
}
