import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import PolicySite
import Synchronization
@testable import PolicySiteServe

/// The repository root, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The folder every file of this test process lives in (fixtures, the servers' builds, browser
/// profiles), removed when the process exits. It is below `/dev/shm` (RAM) when that is a
/// writable folder, `POLICYSITE_TEST_SCRATCH` when set, else the system's temporary folder: a
/// served 2019 release site is 13,000 files per rebuild, and removing them from this project's
/// disks took most of a minute each.
let scratchRoot: URL = {
    var base = FileManager.default.temporaryDirectory
    var isFolder: ObjCBool = false
    if let chosen = ProcessInfo.processInfo.environment["POLICYSITE_TEST_SCRATCH"], !chosen.isEmpty {
        base = URL(fileURLWithPath: chosen)
    } else if FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isFolder), isFolder.boolValue, access("/dev/shm", W_OK) == 0 {
        base = URL(fileURLWithPath: "/dev/shm")
    }
    let url = base.appendingPathComponent("policysite-serve-tests-\(getpid())-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: scratchRoot) }
    return url
}()

/// `SOCK_STREAM` as `socket` takes it: Glibc imports it as an enum, Darwin as an `Int32`.
#if canImport(Glibc)
let streamSocketType = Int32(SOCK_STREAM.rawValue)
#else
let streamSocketType = SOCK_STREAM
#endif

/// The C library's `connect` (Glibc's or Darwin's), which `RawHTTP.connect` hides inside `RawHTTP`.
func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 { connect(fd, address, length) }

/// The C library's `send` (Glibc's or Darwin's), which `RawHTTP.send` hides inside `RawHTTP`.
func systemSend(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int { send(fd, bytes, count, 0) }

/// A new empty folder below `scratchRoot` named `prefix-UUID`.
func scratch(_ prefix: String) throws -> URL {
    let url = scratchRoot.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// This process's environment with `TMPDIR` at `scratchRoot`, for a `policysite serve` child:
/// its builds go where the test's own files go.
var childEnvironment: [String: String] {
    ProcessInfo.processInfo.environment.merging(["TMPDIR": scratchRoot.path]) { $1 }
}

/// A copy of the repository's `Content/` and `Templates/` in a fresh scratch folder, which
/// tests edit as an author would.
final class ServeFixture: Sendable {
    let root: URL
    var content: URL { root.appendingPathComponent("Content") }
    var templates: URL { root.appendingPathComponent("Templates") }

    init() throws {
        root = try scratch("policysite-serve-test")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Content"), to: content)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: templates)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func request(codeSet: String? = nil) -> BuildRequest {
        var request = BuildRequest(contentPath: content.path, templatesPath: templates.path, codeSetPath: codeSet)
        request.contentDisplayPath = "Content"
        request.templatesDisplayPath = "Templates"
        return request
    }

    /// Replaces a file the way editors save: a temporary file renamed over the old one.
    func save(_ path: String, _ text: String) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp\(UUID().uuidString.prefix(6))")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func text(_ path: String) throws -> String { try String(contentsOf: content.appendingPathComponent(path), encoding: .utf8) }

    /// Edits a content file in place: `replacing` must occur in it.
    func edit(_ path: String, replacing old: String, with new: String) throws {
        let text = try text(path)
        precondition(text.contains(old), "\(path) does not contain \(old)")
        try save(path, text.replacingOccurrences(of: old, with: new))
    }

    /// A cold `build` of the fixture as it is now, path to bytes. It runs on a dispatch thread,
    /// as `serve`'s own builds do: a build on the concurrency pool (two threads here) would
    /// stall every other test, the servers under test included.
    func coldBuild(codeSet: String? = nil) async throws -> [String: Data] {
        try await offPool { self.coldBuildBlocking(codeSet: codeSet) }
    }

    private func coldBuildBlocking(codeSet: String?) -> [String: Data] {
        var request = request(codeSet: codeSet)
        let output = root.appendingPathComponent("Cold-\(UUID().uuidString.prefix(6))")
        request.outputPath = output.path
        let report = SiteBuilder.build(request)
        precondition(report.wroteSite, "the cold build failed: \(report.diagnostics)")
        defer { try? FileManager.default.removeItem(at: output) }
        return snapshotBlocking(of: output.path)
    }
}

/// Every file below `folder`, path to bytes, read on a dispatch thread.
func snapshot(of folder: String) async throws -> [String: Data] {
    try await offPool { snapshotBlocking(of: folder) }
}

func snapshotBlocking(of folder: String) -> [String: Data] {
    var result: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return result }
    while let relative = walker.nextObject() as? String {
        let path = folder + "/" + relative
        if ServedPath.kind(of: path) == .file { result[relative] = FileManager.default.contents(atPath: path) }
    }
    return result
}

/// Runs `body` against a server for `request`, and stops the server however `body` ends.
func withServer(_ request: BuildRequest, _ body: (RunningServer) async throws -> Void) async throws {
    let running = try await RunningServer(request)
    do {
        try await body(running)
    } catch {
        await running.stop()
        throw error
    }
    await running.stop()
}

/// A `DevServer` running in a task on a free loopback port, with what it printed.
final class RunningServer: Sendable {
    let server: DevServer
    let task: Task<Void, any Error>
    let port: Int

    /// Starts the server; throws when it does not listen within 180 seconds.
    init(_ request: BuildRequest) async throws {
        let box = LinesBox()
        let server = DevServer(request: request, host: "127.0.0.1", port: 0, scratch: scratchRoot) { box.append($0) }
        let (ready, continuation) = AsyncStream.makeStream(of: String.self)
        // No signal handlers: the test process's own SIGINT stays its own.
        task = Task { try await server.run(signals: []) { url in continuation.yield(url) } }
        let deadline = Task {
            try await Task.sleep(for: .seconds(180))
            continuation.finish()
        }
        var iterator = ready.makeAsyncIterator()
        let url = await iterator.next()
        deadline.cancel()
        self.server = server
        self.box = box
        guard let url, let port = Int(url.split(separator: ":").last?.filter(\.isNumber) ?? "") else {
            task.cancel()
            throw ServeTestError.notListening
        }
        self.port = port
    }

    let box: LinesBox

    /// Stops the server and waits for it (at most the test's own time limit).
    func stop() async {
        task.cancel()
        _ = await task.result
    }

    /// What the server printed so far.
    var lines: [String] { box.lines }
}

final class LinesBox: Sendable {
    private let stored = Mutex<[String]>([])
    func append(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        stored.withLock { $0 += lines }
    }
    var lines: [String] { stored.withLock { $0 } }
}

enum ServeTestError: Error, Equatable { case notListening, connect, timeout }

/// An HTTP response as read off the socket.
struct RawResponse {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A minimal HTTP/1.1 client over a loopback TCP socket. It sends the request path exactly
/// as given (`/../etc/passwd`, `/%2e%2e/`), which ordinary clients normalise away before
/// sending, and so tests what a hostile client could send.
enum RawHTTP {
    /// The generous default timeout is for a loaded machine: the server under test shares
    /// the process, and its concurrency pool, with every other test that runs meanwhile.
    static func connect(port: Int, timeout: Double = 120) throws -> Int32 {
        let fd = socket(AF_INET, streamSocketType, 0)
        guard fd >= 0 else { throw ServeTestError.connect }
        var time = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard result == 0 else {
            close(fd)
            throw ServeTestError.connect
        }
        return fd
    }

    static func send(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { systemSend(fd, $0.baseAddress, $0.count) }
    }

    /// One request with `Connection: close`; the whole response. The socket is read on a
    /// dispatch thread: blocking reads on Swift's concurrency pool (two threads here) would
    /// starve the server under test, which runs in the same process.
    static func request(port: Int, _ path: String, method: String = "GET") async throws -> RawResponse {
        try await offPool { try requestBlocking(port: port, path, method: method) }
    }

    /// `request` for code outside async contexts.
    static func requestBlocking(port: Int, _ path: String, method: String = "GET") throws -> RawResponse {
        let fd = try connect(port: port)
        defer { close(fd) }
        send(fd, "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        return try parse(receive(fd))
    }

    /// What the peer sends until it closes the connection, or, with `stopAtContentLength`,
    /// until the response is as long as its `Content-Length` says (a peer that keeps the
    /// connection open would otherwise hold the read until the socket's timeout).
    static func receive(_ fd: Int32, stopAtContentLength: Bool = false) -> [UInt8] {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            data += buffer[..<count]
            if stopAtContentLength, let response = try? parse(data),
               let length = response.headers["content-length"].flatMap(Int.init), response.body.count >= length {
                break
            }
        }
        return data
    }

    static func parse(_ data: [UInt8]) throws -> RawResponse {
        let separator = Array("\r\n\r\n".utf8)
        guard let split = (0..<max(0, data.count - 3)).first(where: { data[$0..<$0 + 4].elementsEqual(separator) }) else { throw ServeTestError.timeout }
        let head = String(decoding: data[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return RawResponse(status: status, headers: headers, body: Array(data[(split + 4)...]))
    }
}

/// Runs blocking work (sockets, sleeps, processes, cold builds) on a thread of its own. Not on
/// `DispatchQueue.global()`: on Linux its threads are as few as the cores (two here), which
/// `serve`'s own rebuilds use too; tests blocked on them held the rebuilds back for minutes.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// An open event stream, read as text until an expected piece arrives. `received` is the
/// response head followed by the body with its chunked transfer coding removed.
final class EventStreamReader: @unchecked Sendable {  // used by one test at a time
    let fd: Int32
    private var raw: [UInt8] = []
    private(set) var received = ""

    init(port: Int, page: String) throws {
        fd = try RawHTTP.connect(port: port, timeout: 0.2)
        RawHTTP.send(fd, "GET \(ReloadScript.eventsPath)?page=\(page) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
    }

    deinit { close(fd) }

    /// Reads until `text` has arrived after `offset` characters, for at most `seconds`;
    /// returns everything received after `offset` (as far as it got).
    @discardableResult
    func read(until text: String, after offset: Int = 0, seconds: Double = 120) async -> String {
        (try? await offPool { self.readBlocking(until: text, after: offset, seconds: seconds) }) ?? ""
    }

    func readBlocking(until text: String, after offset: Int = 0, seconds: Double = 120) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            if String(received.dropFirst(offset)).contains(text) { break }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            if count > 0 {
                raw += buffer[..<count]
                received = Self.dechunk(raw)
            }
        }
        return String(received.dropFirst(offset))
    }

    /// The head as sent, then each complete chunk's data.
    static func dechunk(_ raw: [UInt8]) -> String {
        let text = String(decoding: raw, as: UTF8.self)
        guard let headEnd = text.range(of: "\r\n\r\n") else { return text }
        var result = String(text[..<headEnd.upperBound])
        var rest = text[headEnd.upperBound...]
        while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16), size > 0 {
            let data = rest[lineEnd.upperBound...]
            guard data.utf8.count >= size + 2 else { break }
            let end = data.utf8.index(data.startIndex, offsetBy: size)
            result += data[..<end]
            rest = data[data.utf8.index(end, offsetBy: 2)...]
        }
        return result
    }
}

/// The HTML as `build` wrote it: a served page without the script `serve` added.
func withoutReloadScript(_ html: String) -> String {
    guard let start = html.range(of: "<script data-policysite-serve>"), let end = html.range(of: "</script>\n", range: start.upperBound..<html.endIndex) else { return html }
    return String(html[..<start.lowerBound] + html[end.upperBound...])
}
