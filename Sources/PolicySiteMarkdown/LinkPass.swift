import PolicySiteCore

/// Every link and image: what the validator checks (`MarkdownLink`), `url-scheme` errors for
/// disallowed schemes (the destination is blanked), and, with `linkRewriting`, relative links to
/// content files (`G9329.md#notes`) and site paths (`/modifiers/TC/`) rewritten to the relative
/// URL of their page.
struct LinkPass {
    private(set) var links: [MarkdownLink] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Destinations to change in cmark's tree.
    private(set) var destinations: [(node: Int, url: String)] = []

    init(_ table: MarkdownNodeTable, positions: InlinePositionPass, texts: SearchTextPass, context: MarkdownPassContext) {
        guard table.counts.links > 0 else { return }
        links.reserveCapacity(table.counts.links)
        for node in 0..<table.count {
            // Links are few: stop at the last one.
            if links.count == table.counts.links { break }
            let kind = table.rows[node].kind
            guard kind == .link || kind == .image else { continue }
            let isImage = kind == .image
            let destination = table.literal(node)
            let where_ = context.location(line: Int(table.rows[node].line), column: positions.column(of: node, in: table))
            var href = destination
            let decision = table.withLiteral(node) { bytes -> (scheme: String?, rewritten: String?) in
                if let scheme = URLSafety.disallowedScheme(inUTF8: bytes, isImage: isImage) { return (scheme, nil) }
                guard context.options.linkRewriting else { return (nil, nil) }
                return (nil, (isImage ? nil : Self.rewrittenContentLink(bytes, context.resolver)) ?? Self.rewrittenSiteLink(bytes, context.resolver))
            }
            if let scheme = decision.scheme {
                href = ""
                destinations.append((node, ""))
                diagnostics.append(.error("url-scheme", "\(isImage ? "image" : "link") uses disallowed scheme '\(scheme)'", at: where_))
            } else if let rewritten = decision.rewritten {
                href = rewritten
                destinations.append((node, rewritten))
            }
            links.append(MarkdownLink(
                destination: destination, href: href, title: table.title(node), isImage: isImage, location: where_,
                text: texts.linkTexts[links.count]))
        }
    }

    /// A link destination without a scheme, split into its path and the `?query#fragment`
    /// that follows; nil for `https:`, `mailto:` and the like. Read from the destination's bytes.
    static func localPath(_ destination: UnsafeBufferPointer<UInt8>) -> (path: UnsafeBufferPointer<UInt8>, rest: UnsafeBufferPointer<UInt8>)? {
        // A scheme (`https:`) comes before any `/`, `?` or `#`.
        for byte in destination {
            if byte == UInt8(ascii: ":") { return nil }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
        }
        let pathEnd = destination.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) ?? destination.endIndex
        return (UnsafeBufferPointer(rebasing: destination[..<pathEnd]), UnsafeBufferPointer(rebasing: destination[pathEnd...]))
    }

    /// Whether a path starts with `//` (a network path: another host).
    static func isNetworkPath(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        path.count >= 2 && path[0] == UInt8(ascii: "/") && path[1] == UInt8(ascii: "/")
    }

    /// `G9329.md#notes` -> resolver's URL + `#notes`, for relative links to `.md` files only.
    static func rewrittenContentLink(_ destination: UnsafeBufferPointer<UInt8>, _ resolver: MarkdownLinkResolver) -> String? {
        guard let (path, rest) = localPath(destination), path.count > 3,
              path[path.count - 3] == UInt8(ascii: "."), path[path.count - 2] == UInt8(ascii: "m"), path[path.count - 1] == UInt8(ascii: "d"),
              !isNetworkPath(path),
              let url = resolver.contentLinkURL(String(decoding: path, as: UTF8.self)) else { return nil }
        return rest.isEmpty ? url : url + String(decoding: rest, as: UTF8.self)
    }

    /// `/modifiers/TC/#tc`, `/codes/G9328#billing` or `../../modifiers/` -> resolver's URL (+ query
    /// and fragment): every local path the resolver knows becomes the relative link to the file
    /// that serves it; others are left as written (and the link check reports them).
    static func rewrittenSiteLink(_ destination: UnsafeBufferPointer<UInt8>, _ resolver: MarkdownLinkResolver) -> String? {
        guard let (path, rest) = localPath(destination), !path.isEmpty, !isNetworkPath(path),
              let url = resolver.siteLinkURL(String(decoding: path, as: UTF8.self)) else { return nil }
        return rest.isEmpty ? url : url + String(decoding: rest, as: UTF8.self)
    }
}
