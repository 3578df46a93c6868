// serve-bench: save-to-reload latency of `policysite serve` on the 2019 release site.
//
// Copies the repository's Content/ and Templates/ into a temporary folder (under /mnt/bench
// when it exists: a tmpfs, see the README), serves them with `--code-set
// ../shared/hcpcs/HCPC2019_CONTR_ANWEB.txt` on a free loopback port, keeps a page's event
// stream open as a browser would, then saves Content/codes/G9328.md ten times (as editors
// do: a temporary file renamed over it). Each latency runs from the rename to the moment the
// page, fetched again after its `reload` event, holds the new text; the browser's own
// parsing and painting are not included. Prints each edit and the median.
//
//     .build/release/serve-bench [--edits 10] [--reread-releases] [--full-rebuilds] [--steps]
//
// `--full-rebuilds` turns incremental rebuilds off (every save rebuilds the whole site), to
// compare. `--steps` then times the rebuild's own steps, without the server: the same edits
// through `SiteBuilder.incrementalBuild`, each step's median printed.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicySite
import PolicySiteServe
import Synchronization

let arguments = CommandLine.arguments
let edits = arguments.firstIndex(of: "--edits").flatMap { Int(arguments[$0 + 1]) } ?? 10
// `--reread-releases`: parse the release on every rebuild, as before `serve` kept it.
let reuseReleases = !arguments.contains("--reread-releases")
let incremental = !arguments.contains("--full-rebuilds")
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let release = repository.deletingLastPathComponent().appendingPathComponent("shared/hcpcs/HCPC2019_CONTR_ANWEB.txt").path
guard FileManager.default.fileExists(atPath: release) else {
    FileHandle.standardError.write(Data("serve-bench needs \(release) (../shared/hcpcs beside the repository)\n".utf8))
    exit(1)
}
let base = FileManager.default.fileExists(atPath: "/mnt/bench") ? URL(fileURLWithPath: "/mnt/bench") : FileManager.default.temporaryDirectory
let root = base.appendingPathComponent("serve-bench-\(getpid())")
try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: root) }
let content = root.appendingPathComponent("Content"), templates = root.appendingPathComponent("Templates")
try FileManager.default.copyItem(at: repository.appendingPathComponent("Content"), to: content)
try FileManager.default.copyItem(at: repository.appendingPathComponent("Templates"), to: templates)

/// Lines the server printed (rebuild summaries), to report its own build times.
final class Printed: Sendable {
    private let lines = Mutex<[String]>([])
    func add(_ text: String) { lines.withLock { $0.append(text) } }
    var all: [String] { lines.withLock { $0 } }
}
let printed = Printed()
let server = DevServer(request: BuildRequest(contentPath: content.path, templatesPath: templates.path, codeSetPath: release), host: "127.0.0.1", port: 0, scratch: base, reuseReleases: reuseReleases, incremental: incremental) { printed.add($0) }
let (ready, readyContinuation) = AsyncStream.makeStream(of: String.self)
let serverTask = Task { try await server.run(signals: []) { readyContinuation.yield($0) } }
func first(_ stream: AsyncStream<String>) async -> String? {
    for await element in stream { return element }
    return nil
}
guard let url = await first(ready), let port = Int(url.split(separator: ":").last!.filter(\.isNumber)) else { exit(1) }
print("serving the 2019 release site at \(url); \(printed.all.last ?? "")")

// Glibc imports `SOCK_STREAM` as an enum, Darwin as an `Int32`.
#if canImport(Glibc)
let streamSocketType = Int32(SOCK_STREAM.rawValue)
#else
let streamSocketType = SOCK_STREAM
#endif

/// A loopback connection to the server, which waits at most 30 s for an answer.
func openConnection() -> Int32 {
    let fd = socket(AF_INET, streamSocketType, 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var timeout = timeval(tv_sec: 30, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    return fd
}
func sendText(_ fd: Int32, _ text: String) { _ = Array(text.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) } }
/// Reads from `fd` until `text` arrives (or 30 s pass).
func read(_ fd: Int32, until text: String) -> String {
    var received = "", buffer = [UInt8](repeating: 0, count: 65536)
    while !received.contains(text) {
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count <= 0 { break }
        received += String(decoding: buffer[..<count], as: UTF8.self)
    }
    return received
}
func get(_ path: String) -> String {
    let fd = openConnection()
    defer { close(fd) }
    sendText(fd, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    return read(fd, until: "</html>")
}

let page = "codes/G9328/index.html"
let events = openConnection()
sendText(events, "GET \(ReloadScript.eventsPath)?page=\(page) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
_ = read(events, until: "event: hello")
let file = content.appendingPathComponent("codes/G9328.md")
let original = try String(contentsOf: file, encoding: .utf8)
var latencies: [Double] = []
for edit in 1...edits {
    let marker = "benchmark edit \(edit)"
    let text = original.replacingOccurrences(of: "is a quality-data code", with: "is a quality-data code (\(marker))")
    let temporary = content.appendingPathComponent("codes/.G9328.md.tmp")
    try Data(text.utf8).write(to: temporary)
    let start = DispatchTime.now().uptimeNanoseconds
    rename(temporary.path, file.path)
    _ = read(events, until: "\"changed\":true")
    let body = get("/codes/G9328/")
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    guard body.contains(marker) else {
        print("edit \(edit): the reloaded page lacks the new text")
        exit(1)
    }
    latencies.append(seconds)
    print("edit \(edit): \(String(format: "%.0f", seconds * 1000)) ms (\(printed.all.last ?? ""))")
    // Let the machine settle as an author's pause would.
    try await Task.sleep(for: .milliseconds(300))
}
close(events)
serverTask.cancel()
_ = await serverTask.result
let sorted = latencies.sorted()
let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
print(String(format: "save to reload, median of %d edits: %.0f ms (min %.0f, max %.0f)", edits, median * 1000, sorted.first! * 1000, sorted.last! * 1000))

if arguments.contains("--steps") {
    // The rebuild's steps alone: a memory-keeping build, then the same edits, each rebuilt
    // incrementally (or fully, with --full-rebuilds) in this thread.
    var request = BuildRequest(contentPath: content.path, templatesPath: templates.path, outputPath: root.appendingPathComponent("steps").path, codeSetPath: release)
    request.releaseCache = ReleaseCache()
    request.rebuildMemory = incremental ? RebuildMemory() : nil
    _ = SiteBuilder.build(request)
    var stepTimes: [String: [Double]] = [:]
    var order: [String] = []
    for edit in 1...edits {
        let text = original.replacingOccurrences(of: "is a quality-data code", with: "is a quality-data code (step edit \(edit))")
        try Data(text.utf8).write(to: file)
        let start = DispatchTime.now().uptimeNanoseconds
        let report = (incremental ? SiteBuilder.incrementalBuild(request)?.report : nil) ?? SiteBuilder.build(request)
        let total = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        for (name, seconds, _) in report.stepTimes + [("whole rebuild", total, nil)] {
            if stepTimes[name] == nil { order.append(name) }
            stepTimes[name, default: []].append(seconds)
        }
    }
    print("steps of \(incremental ? "an incremental" : "a full") rebuild, median of \(edits) edits:")
    for name in order {
        let values = stepTimes[name]!.sorted()
        print("  " + name.padding(toLength: 48, withPad: " ", startingAt: 0) + String(format: "%7.1f ms", values[values.count / 2] * 1000))
    }
}
