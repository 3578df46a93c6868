import Foundation
import PolicySiteCore

/// One message on the live-reload event stream (Server-Sent Events).
enum ReloadEvent: Equatable, Sendable {
    /// Sent first on every connection: the site's current build. A page built by an older
    /// build reloads at once (it missed a reload while it was loading).
    case hello(generation: Int)
    /// A rebuild succeeded; the open page reloads if `changed` (its own file, or an asset)
    /// is true, and otherwise only drops a failure overlay.
    case reload(generation: Int, changed: Bool)
    /// A rebuild failed: the findings to show over the page, which stays as it was.
    case failed([Diagnostic])

    /// The event as the stream sends it: `event: name`, one `data:` line of JSON, a blank line.
    var serverSentEvent: String {
        switch self {
        case .hello(let generation):
            return "event: hello\ndata: {\"generation\":\(generation)}\n\n"
        case .reload(let generation, let changed):
            return "event: reload\ndata: {\"generation\":\(generation),\"changed\":\(changed)}\n\n"
        case .failed(let findings):
            let items = findings.map { finding in
                "{\"file\":\(JSONString(finding.location.file)),\"line\":\(finding.location.line),\"column\":\(finding.location.column),"
                    + "\"severity\":\(JSONString(finding.severity.rawValue)),\"rule\":\(JSONString(finding.rule)),\"message\":\(JSONString(finding.message))}"
            }
            return "event: failed\ndata: {\"findings\":[\(items.joined(separator: ","))]}\n\n"
        }
    }
}

/// A JSON string literal, escaped as `JSONText` escapes (every control character, so one
/// event stays on one line), and also safe inside an inline script: no `</script>`, and no
/// U+2028 or U+2029, which end a line in JavaScript.
func JSONString(_ text: String) -> String {
    var literal = ""
    JSONText.append(text, to: &literal)
    return literal
        .replacingOccurrences(of: "<", with: "\\u003c")
        .replacingOccurrences(of: "\u{2028}", with: "\\u2028")
        .replacingOccurrences(of: "\u{2029}", with: "\\u2029")
}

/// The open event streams, each with the page it belongs to, and the state a new stream
/// starts from: the current build and, after a failed rebuild, its findings.
actor LiveReloadHub {
    struct Subscriber {
        var page: String
        var continuation: AsyncStream<ReloadEvent>.Continuation
    }

    private var subscribers: [UUID: Subscriber] = [:]
    private var closed = false
    /// The build being served; 0 before the first good build.
    private(set) var generation = 0
    /// The last rebuild's findings while it failed; nil once a build succeeded.
    private(set) var failure: [Diagnostic]?

    init() {}

    /// How many streams are open (for tests and the terminal).
    var subscriberCount: Int { subscribers.count }

    /// Opens a stream for the page at `page` (a path below the site); it starts with `hello`
    /// and, while the last rebuild failed, its findings.
    func subscribe(page: String) -> AsyncStream<ReloadEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ReloadEvent.self, bufferingPolicy: .bufferingNewest(16))
        continuation.yield(.hello(generation: generation))
        if let failure { continuation.yield(.failed(failure)) }
        guard !closed else {
            continuation.finish()
            return stream
        }
        let id = UUID()
        subscribers[id] = Subscriber(page: page, continuation: continuation)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        return stream
    }

    private func remove(_ id: UUID) { subscribers[id] = nil }

    /// A good build is served now: every page learns whether it changed.
    func published(generation: Int, changed: @Sendable (String) -> Bool) {
        self.generation = generation
        failure = nil
        for subscriber in subscribers.values {
            subscriber.continuation.yield(.reload(generation: generation, changed: changed(subscriber.page)))
        }
    }

    /// A rebuild failed: every page shows its findings.
    func failed(_ findings: [Diagnostic]) {
        failure = findings
        for subscriber in subscribers.values { subscriber.continuation.yield(.failed(findings)) }
    }

    /// Ends every stream, so that the server can stop without waiting for browsers.
    func close() {
        closed = true
        for subscriber in subscribers.values { subscriber.continuation.finish() }
        subscribers = [:]
    }
}
