import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import PolicySiteServe

/// Headless Chromium from Debian (`apt-get install chromium`, `bash .ci/install --tests`),
/// driven through its DevTools protocol on loopback.
final class HeadlessChromium: @unchecked Sendable {  // used by one test at a time
    static let executable: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var isAvailable: Bool { executable != nil }

    let process = Process()
    let profile: URL
    private var socket: Int32 = -1
    private var nextID = 1

    /// Starts Chromium on `url` and connects to that page's DevTools socket (within 60 s).
    init(opening url: String) throws {
        profile = try scratch("policysite-chromium")
        // Foundation starts it as the leader of a process group of its own, so that `deinit`
        // can end every process Chromium started, a hung renderer included.
        process.executableURL = URL(fileURLWithPath: Self.executable!)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=\(profile.path)", url,
        ]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        // Chromium writes the port it chose into the profile folder.
        let portFile = profile.appendingPathComponent("DevToolsActivePort")
        var port: Int?
        let deadline = Date().addingTimeInterval(60)
        while port == nil, Date() < deadline {
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0.split(separator: "\n").first ?? "") }
            if port == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        guard let port else { throw ServeTestError.timeout }
        // The page's target: its DevTools WebSocket path.
        var path: String?
        while path == nil, Date() < deadline {
            let list = Self.targetList(port: port) ?? ""
            if let targets = try? JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]],
               let page = targets.first(where: { ($0["type"] as? String) == "page" && (($0["url"] as? String) ?? "").hasPrefix("http") }),
               let address = page["webSocketDebuggerUrl"] as? String,
               let range = address.range(of: "/devtools/") {
                path = String(address[range.lowerBound...])
            } else {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        guard let path else { throw ServeTestError.timeout }
        socket = try RawHTTP.connect(port: port, timeout: 10)
        RawHTTP.send(socket, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: cG9saWN5c2l0ZS10ZXN0IQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while !head.suffix(4).elementsEqual(Array("\r\n\r\n".utf8)) {
            guard recv(socket, &byte, 1, 0) == 1 else { throw ServeTestError.connect }
            head.append(byte)
        }
        guard String(decoding: head, as: UTF8.self).hasPrefix("HTTP/1.1 101") else { throw ServeTestError.connect }
    }

    /// The body of DevTools' `/json/list`, read as far as its `Content-Length`: Chromium may
    /// keep the connection open after it answered (`Connection: close` or not), and a read
    /// until the connection closes then waits for the socket's timeout.
    static func targetList(port: Int) -> String? {
        guard let fd = try? RawHTTP.connect(port: port, timeout: 10) else { return nil }
        defer { close(fd) }
        RawHTTP.send(fd, "GET /json/list HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        return (try? RawHTTP.parse(RawHTTP.receive(fd, stopAtContentLength: true)))?.text
    }

    deinit {
        if socket >= 0 { close(socket) }
        if process.isRunning {
            kill(-process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: profile)
    }

    /// The value of a JavaScript expression in the page (a string).
    func evaluate(_ expression: String) throws -> String {
        let id = nextID
        nextID += 1
        let message = try JSONSerialization.data(withJSONObject: ["id": id, "method": "Runtime.evaluate", "params": ["expression": expression, "returnByValue": true]])
        try sendFrame(Array(message))
        while true {
            let reply = try readFrame()
            guard let object = try? JSONSerialization.jsonObject(with: Data(reply)) as? [String: Any], object["id"] as? Int == id else { continue }
            let result = (object["result"] as? [String: Any])?["result"] as? [String: Any]
            return result?["value"] as? String ?? ""
        }
    }

    /// Evaluates `expression` every 100 ms until `condition` holds, for at most `seconds`;
    /// returns the last value. A page that is reloading answers nothing for a moment.
    func wait(for expression: String, seconds: Double = 60, until condition: @escaping @Sendable (String) -> Bool) async -> String {
        (try? await offPool { self.waitBlocking(for: expression, seconds: seconds, until: condition) }) ?? ""
    }

    func waitBlocking(for expression: String, seconds: Double, until condition: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var value = ""
        while Date() < deadline {
            value = (try? evaluate(expression)) ?? ""
            if condition(value) { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return value
    }

    /// One masked text frame (clients must mask).
    private func sendFrame(_ payload: [UInt8]) throws {
        var frame: [UInt8] = [0x81]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else {
            frame.append(0x80 | 126)
            frame += [UInt8(payload.count >> 8), UInt8(payload.count & 0xff)]
        }
        let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        let sent = frame.withUnsafeBytes { systemSend(socket, $0.baseAddress, $0.count) }
        guard sent == frame.count else { throw ServeTestError.connect }
    }

    /// One whole message (continuation frames joined; the server does not mask).
    private func readFrame() throws -> [UInt8] {
        var message: [UInt8] = []
        while true {
            let header = try readBytes(2)
            var length = Int(header[1] & 0x7f)
            if length == 126 {
                let extended = try readBytes(2)
                length = Int(extended[0]) << 8 | Int(extended[1])
            } else if length == 127 {
                length = try readBytes(8).reduce(0) { $0 << 8 | Int($1) }
            }
            message += try readBytes(length)
            if header[0] & 0x80 != 0 { return message }
        }
    }

    private func readBytes(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = bytes.withUnsafeMutableBytes { recv(socket, $0.baseAddress! + offset, count - offset, 0) }
            guard got > 0 else { throw ServeTestError.timeout }
            offset += got
        }
        return bytes
    }
}

/// A real browser on a page served by `serve`: an edit to the page's Markdown appears without a
/// manual reload; a broken edit shows the overlay over the last good page; the fix clears it.
@Suite(.timeLimit(.minutes(10))) struct LiveReloadBrowserTests {
    @Test(.enabled(if: HeadlessChromium.isAvailable, "Chromium is not installed (bash .ci/install --tests); the browser test is skipped"))
    func anEditAppearsAndABrokenEditShowsTheOverlayUntilFixed() async throws {
        let fixture = try ServeFixture()
        try await withServer(fixture.request()) { running in
            let port = running.port
            let browser = try await offPool { try HeadlessChromium(opening: "http://127.0.0.1:\(port)/codes/G9328/") }
            let state = "JSON.stringify([document.querySelector('main') ? document.querySelector('main').innerText.indexOf('QUALITY-DATA') >= 0 : null, performance.getEntriesByType('navigation')[0].type, (document.getElementById('policysite-overlay') || {}).innerText || ''])"
            #expect(await browser.wait(for: state) { $0.hasPrefix("[false,") } == "[false,\"navigate\",\"\"]")
            // The page's event stream is open before the edit.
            let deadline = Date().addingTimeInterval(30)
            while await running.server.hub.subscriberCount == 0, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }

            try fixture.edit("codes/G9328.md", replacing: "is a quality-data code", with: "is a QUALITY-DATA code")
            // The page reloaded itself (navigation type "reload") and shows the new text.
            #expect(await browser.wait(for: state) { $0.hasPrefix("[true,") } == "[true,\"reload\",\"\"]")

            try fixture.edit("codes/G9328.md", replacing: "code: G9328\n", with: "code: G9328\nbogus: 1\n")
            let overlay = await browser.wait(for: state) { $0.contains("bogus") }
            #expect(overlay == """
                [true,"reload","The site did not rebuild (1 finding); the last good build is served until it does.\\nContent/codes/G9328.md:3:1: error: unknown key 'bogus' in front matter (known keys: code, descriptor, historical, lastReviewed, modifiers, owner, serviceType, sitesOfService, suppress, title) [yaml-unknown-key]"]
                """)

            try fixture.edit("codes/G9328.md", replacing: "bogus: 1\n", with: "")
            #expect(await browser.wait(for: state) { $0.hasSuffix(",\"\"]") } == "[true,\"reload\",\"\"]")
        }
    }
}
