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
            if let scheme = URLSafety.disallowedScheme(in: destination, isImage: isImage) {
                href = ""
                destinations.append((node, ""))
                diagnostics.append(.error("url-scheme", "\(isImage ? "image" : "link") uses disallowed scheme '\(scheme)'", at: where_))
            } else if context.options.linkRewriting,
                      let rewritten = (isImage ? nil : Self.rewrittenContentLink(destination, context.resolver))
                          ?? Self.rewrittenSiteLink(destination, context.resolver) {
                href = rewritten
                destinations.append((node, rewritten))
            }
            links.append(MarkdownLink(
                destination: destination, href: href, title: table.title(node), isImage: isImage, location: where_,
                text: texts.linkTexts[links.count]))
        }
    }

    /// A link destination without a scheme, split into its path and the `?query#fragment`
    /// that follows; nil for `https:`, `mailto:` and the like.
    static func localPath(_ destination: String) -> (path: Substring.UTF8View, rest: Substring.UTF8View)? {
        let bytes = destination.utf8
        // A scheme (`https:`) comes before any `/`, `?` or `#`.
        for byte in bytes {
            if byte == UInt8(ascii: ":") { return nil }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
        }
        let pathEnd = bytes.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) ?? bytes.endIndex
        let whole = destination[...].utf8
        return (whole[..<pathEnd], whole[pathEnd...])
    }

    /// `G9329.md#notes` -> resolver's URL + `#notes`, for relative links to `.md` files only.
    static func rewrittenContentLink(_ destination: String, _ resolver: MarkdownLinkResolver) -> String? {
        guard let (path, rest) = localPath(destination),
              path.count > 3, path.reversed().starts(with: "dm.".utf8), !path.starts(with: "//".utf8),
              let url = resolver.contentLinkURL(String(decoding: path, as: UTF8.self)) else { return nil }
        return url + String(decoding: rest, as: UTF8.self)
    }

    /// `/modifiers/TC/#tc`, `/codes/G9328#billing` or `../../modifiers/` -> resolver's URL (+ query
    /// and fragment): every local path the resolver knows becomes the relative link to the file
    /// that serves it; others are left as written (and the link check reports them).
    static func rewrittenSiteLink(_ destination: String, _ resolver: MarkdownLinkResolver) -> String? {
        guard let (path, rest) = localPath(destination),
              !path.isEmpty, !path.starts(with: "//".utf8),
              let url = resolver.siteLinkURL(String(decoding: path, as: UTF8.self)) else { return nil }
        return url + String(decoding: rest, as: UTF8.self)
    }
}
