import Foundation

/// Follows every internal `href` and `src` of a built site and reports those that do not
/// resolve to a file, or to an id on the target page. It reads only PolicySite's own output,
/// whose attributes are always double-quoted, so a scan for `href="..."`, `src="..."` and
/// `id="..."` is enough; it is a test tool, not an HTML parser.
struct SiteLinkChecker {
    let files: [String: Data]

    /// `(page, href)` pairs that do not resolve, sorted.
    func brokenLinks() -> [String] {
        var ids: [String: Set<String>] = [:]
        for (path, data) in files where path.hasSuffix(".html") {
            ids[path] = Set(Self.attributeValues("id", in: String(decoding: data, as: UTF8.self)))
        }
        var broken: [String] = []
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for target in Self.attributeValues("href", in: html) + Self.attributeValues("src", in: html) {
                if let problem = check(target, from: path, ids: ids) { broken.append("\(path): \(target) (\(problem))") }
            }
        }
        return broken.sorted()
    }

    func check(_ target: String, from page: String, ids: [String: Set<String>]) -> String? {
        if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("mailto:") { return nil }
        let decoded = target.replacingOccurrences(of: "&amp;", with: "&")
        var rest = decoded
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = String(rest[..<hash])
        }
        if let query = rest.firstIndex(of: "?") { rest = String(rest[..<query]) }
        var resolved: String
        if rest.isEmpty {
            resolved = page
        } else {
            // Only 404.html, which a server shows at any depth, may link from the site's root.
            if rest.hasPrefix("/"), page != "404.html" { return "site-absolute link" }
            var parts = rest.hasPrefix("/") ? [] : page.split(separator: "/").dropLast().map(String.init)
            for part in rest.split(separator: "/", omittingEmptySubsequences: false) {
                if part == ".." {
                    if parts.isEmpty { return "leaves the site" }
                    parts.removeLast()
                } else if part != "." && !part.isEmpty {
                    parts.append(String(part))
                }
            }
            resolved = parts.joined(separator: "/")
            if rest.hasSuffix("/") { resolved += "/index.html" }
        }
        guard files[resolved] != nil else { return "no file \(resolved)" }
        if let fragment, !fragment.isEmpty, fragment.lowercased() != "top" {
            guard ids[resolved]?.contains(fragment) == true else { return "no id \(fragment) in \(resolved)" }
        }
        return nil
    }

    static func attributeValues(_ name: String, in html: String) -> [String] {
        var values: [String] = []
        let marker = " \(name)=\""
        var search = html[...]
        while let start = search.range(of: marker) {
            let after = search[start.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            values.append(String(after[..<end]))
            search = after[end...]
        }
        return values
    }
}
