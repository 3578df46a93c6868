import Foundation
import Hummingbird
import NIOCore

/// Answers every request: the event stream, the site's files (HTML with the reload script),
/// redirects for folders asked for without their slash, and the site's 404 page.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let site: ServedSite
    let hub: LiveReloadHub

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD", .contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: "Only GET and HEAD are served.\n")))
        }
        let path = request.uri.path
        if path == ReloadScript.eventsPath {
            guard request.method == .get else { return Response(status: .ok, headers: Self.eventHeaders) }
            return await events(page: Self.queryValue("page", in: request.uri.query) ?? "index.html")
        }
        guard let (root, generation) = site.snapshot else { return notBuilt(request) }
        let response: (HTTPResponse.Status, String, [UInt8])
        switch path.hasPrefix("/__policysite/") ? .notFound : ServedPath.resolve(path, in: root) {
        case .file(let file):
            guard let bytes = FileManager.default.contents(atPath: root + "/" + file) else { return notFound(root: root, generation: generation, request) }
            response = (.ok, file, Array(bytes))
        case .redirect(let location):
            let query = request.uri.query.map { "?" + $0 } ?? ""
            return Response(status: .movedPermanently, headers: [.location: location + query, .contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: "Moved to \(location)\n")))
        case .notFound:
            return notFound(root: root, generation: generation, request)
        }
        return reply(status: response.0, file: response.1, bytes: response.2, generation: generation, request)
    }

    /// The site's own `404.html` with status 404 (plain text if the site has none).
    private func notFound(root: String, generation: Int, _ request: Request) -> Response {
        guard let page = FileManager.default.contents(atPath: root + "/404.html") else {
            return reply(status: .notFound, file: "404.txt", bytes: Array("Not found.\n".utf8), generation: generation, request)
        }
        return reply(status: .notFound, file: "404.html", bytes: Array(page), generation: generation, request)
    }

    /// Before the first good build there is no site: a page that shows the findings (through
    /// the reload script's overlay) and reloads itself once the site builds.
    private func notBuilt(_ request: Request) -> Response {
        let page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Site not built</title></head>\n<body><p>The site has not built yet; fix the findings and it will load here.</p></body></html>\n"
        return reply(status: .serviceUnavailable, file: "index.html", bytes: Array(page.utf8), generation: 0, request)
    }

    private func reply(status: HTTPResponse.Status, file: String, bytes: [UInt8], generation: Int, _ request: Request) -> Response {
        let type = ContentType.of(file)
        let body = type.hasPrefix("text/html") ? ReloadScript.inject(into: bytes, page: file, generation: generation) : bytes
        // Never cached: the next rebuild may change any file.
        let headers: HTTPFields = [.contentType: type, .contentLength: String(body.count), .cacheControl: "no-store"]
        if request.method == .head { return Response(status: status, headers: headers, body: ResponseBody()) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The event stream for the page at `page`: `hello`, then `reload` and `failed` events
    /// until the browser leaves or the server stops.
    private func events(page: String) async -> Response {
        // The page names a file the comparison reads: never one outside the site.
        let stream = await hub.subscribe(page: ServedPath.isSiteFile(page) ? page : "index.html")
        return Response(
            status: .ok,
            headers: Self.eventHeaders,
            body: ResponseBody { writer in
                for await event in stream {
                    try await writer.write(ByteBuffer(string: event.serverSentEvent))
                }
                try await writer.finish(nil)
            })
    }

    static let eventHeaders: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-store"]

    /// A query parameter, percent-decoded (`+` is a space, as forms send it).
    static func queryValue(_ name: String, in query: String?) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == name else { continue }
            return ServedPath.decode(Substring(parts[1].replacingOccurrences(of: "+", with: " ")))
        }
        return nil
    }
}
