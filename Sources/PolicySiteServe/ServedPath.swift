import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a request path names inside the served site folder.
enum ServedPath: Equatable, Sendable {
    /// A regular file, by its path below the site folder (`codes/G9328/index.html`).
    case file(String)
    /// A folder asked for without its trailing slash: the browser must ask again at this
    /// path, or the page's relative links would resolve one folder too high.
    case redirect(String)
    /// Nothing the site has, or a path that tries to leave the site: the site's 404 page.
    case notFound

    /// Resolves a raw request path (as sent, still percent-encoded, without the query).
    ///
    /// Each segment is decoded on its own, so `%2f` can never join two segments and `%2e%2e`
    /// is as refused as `..`. Segments that are `.`, `..`, start with a dot (the build's
    /// marker, editors' files), or hold a slash, a backslash or a NUL after decoding end the
    /// lookup. Every step below `root` is checked with `lstat`: a symlink is never followed,
    /// and a folder is served only through its `index.html` (never listed).
    static func resolve(_ rawPath: String, in root: String) -> ServedPath {
        guard rawPath.hasPrefix("/") else { return .notFound }
        var segments: [String] = []
        for raw in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = decode(raw),
                  !segment.hasPrefix("."),
                  !segment.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" })
            else { return .notFound }
            segments.append(segment)
        }
        var path = root
        for (index, segment) in segments.enumerated() {
            path += "/" + segment
            switch kind(of: path) {
            case .folder:
                continue
            case .file where index == segments.count - 1:
                return .file(segments.joined(separator: "/"))
            default:
                return .notFound
            }
        }
        // A folder: its index page, if it has one.
        guard kind(of: path + "/index.html") == .file else { return .notFound }
        let relative = segments.joined(separator: "/")
        if !segments.isEmpty, !rawPath.hasSuffix("/") { return .redirect(rawPath + "/") }
        return .file(relative.isEmpty ? "index.html" : relative + "/index.html")
    }

    /// Whether `relative` is a plain path below the site: segments that are not empty, do not
    /// start with a dot and hold no backslash or NUL.
    static func isSiteFile(_ relative: String) -> Bool {
        let segments = relative.split(separator: "/", omittingEmptySubsequences: false)
        return !segments.isEmpty && segments.allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") && !$0.contains("\\") && !$0.contains("\0") }
    }

    /// Percent-decodes one segment; nil for a malformed escape or bytes that are not UTF-8.
    static func decode(_ segment: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = segment.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    enum Kind { case folder, file, other }

    /// What `path` itself is; a symlink is `other`, never followed.
    static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .file
        default: return .other
        }
    }
}

/// The `Content-Type` of a served file, from its extension.
enum ContentType {
    /// `text/html; charset=utf-8` for `index.html`; `application/octet-stream` when unknown.
    static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last!).lowercased() : ""
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "pdf": return "application/pdf"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        default: return "application/octet-stream"
        }
    }
}
