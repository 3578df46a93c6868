import PolicySiteCore

/// Every code or modifier mention (`MarkdownMention`), known to the resolver or not; with
/// `codeCrossLinks`, each known one outside headings, links and images becomes a link to its
/// page.
///
/// A text node with cross-links is replaced by the HTML cmark would render for the text and link
/// nodes it would otherwise be split into (`CrossLinkHTML`): three nodes a link fewer to make,
/// render and free. Only when every URL is plain (`CrossLinkHTML.isPlainHref`); otherwise, and
/// with `crossLinksAsNodes` (tests), it is split into nodes.
struct CodeMentionPass {
    private(set) var mentions: [MarkdownMention] = []
    /// Text nodes to replace by HTML (at `html` in `html`) and to split (`pieces`, a range of
    /// `pieces`); see `MarkdownEdits`.
    private(set) var replacements: [(node: Int, html: Int, pieces: Range<Int>)] = []
    private(set) var splits: [(node: Int, pieces: Range<Int>)] = []
    private(set) var pieces: [CrossLinkPiece] = []
    /// The replacements' HTML, NUL-terminated strings one after another.
    private(set) var html: [UInt8] = []

    /// Resolver answers by `mentionKey`; see `resolvedURL`.
    private var resolvedURLs: [(key: UInt64, url: String?)] = []
    private var moreResolvedURLs: [UInt64: String?] = [:]

    init(_ table: MarkdownNodeTable, positions: InlinePositionPass, context: MarkdownPassContext) {
        let found = positions.mentions
        guard !found.isEmpty else { return }
        mentions.reserveCapacity(max(24, found.count))
        var linkable = LinkableTextNodes()
        pieces.reserveCapacity(found.count)
        table.bytes.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < found.count {
                let node = found[index].node
                let literal = UnsafeBufferPointer(rebasing: bytes[table.literalRange(node)])
                let firstPiece = pieces.count
                while index < found.count, found[index].node == node {
                    let mention = found[index]
                    let match = mention.match
                    let identifierBytes = UnsafeBufferPointer(rebasing: literal[match.offset..<(match.offset + match.length)])
                    let identifier = String(decoding: identifierBytes, as: UTF8.self)
                    let url = resolvedURL(match.kind, identifier, identifierBytes, context.resolver)
                    let linked = url != nil && context.options.codeCrossLinks && linkable.contains(node, in: table)
                    mentions.append(MarkdownMention(
                        kind: match.kind, identifier: identifier, isKnown: url != nil,
                        location: context.location(line: mention.line, column: mention.column), isLinked: linked))
                    if linked, let url { pieces.append(CrossLinkPiece(offset: match.offset, length: match.length, url: url)) }
                    index += 1
                }
                guard pieces.count > firstPiece else { continue }
                let nodePieces = firstPiece..<pieces.count
                let start = html.count
                if !context.options.crossLinksAsNodes, Self.appendHTML(literal, pieces[nodePieces], to: &html) {
                    replacements.append((node, start, nodePieces))
                } else {
                    html.removeSubrange(start...)
                    splits.append((node, nodePieces))
                }
            }
        }
    }

    /// Whether text nodes, asked in document order, are outside every heading, link and image.
    /// A node is inside one when it falls in the row range of its subtree (`end`); nested
    /// ranges lie within their outer one, so the furthest end of the ranges started so far
    /// decides.
    struct LinkableTextNodes {
        private var node = 0
        private var blockedUntil = 0

        mutating func contains(_ textNode: Int, in table: MarkdownNodeTable) -> Bool {
            while node < textNode {
                switch table.rows[node].kind {
                case .heading, .link, .image: blockedUntil = max(blockedUntil, Int(table.rows[node].end))
                default: break
                }
                node += 1
            }
            return textNode >= blockedUntil
        }
    }

    /// Appends the HTML cmark renders for the text split at `pieces`: the text escaped as cmark
    /// escapes text, each identifier as `<a href="URL">ID</a>`, NUL-terminated; false when a URL is not
    /// plain (then part of it may have been appended).
    static func appendHTML(_ literal: UnsafeBufferPointer<UInt8>, _ pieces: ArraySlice<CrossLinkPiece>, to html: inout [UInt8]) -> Bool {
        // Grown by doubling: reserving the exact size on every text node would copy the buffer
        // each time.
        let needed = html.count + literal.count + pieces.count * 64 + 1
        if html.capacity < needed { html.reserveCapacity(max(needed, 2 * html.capacity)) }
        var cursor = 0
        for piece in pieces {
            CrossLinkHTML.appendEscapedText(UnsafeBufferPointer(rebasing: literal[cursor..<piece.offset]), to: &html)
            guard CrossLinkHTML.appendLink(
                href: piece.url, text: UnsafeBufferPointer(rebasing: literal[piece.offset..<(piece.offset + piece.length)]),
                to: &html)
            else { return false }
            cursor = piece.offset + piece.length
        }
        CrossLinkHTML.appendEscapedText(UnsafeBufferPointer(rebasing: literal[cursor...]), to: &html)
        html.append(0)
        return true
    }

    /// The resolver's URL for a code or modifier, asked once per identifier and document: pages
    /// name the same few codes and modifiers again and again, and resolvers build a new string
    /// each time. Identifiers are 2 or 5 ASCII bytes, so the key is the bytes and the kind; the
    /// first answers are kept in a short list (a page names a dozen), any more in a dictionary.
    private mutating func resolvedURL(
        _ kind: MarkdownMention.Kind, _ identifier: String, _ bytes: UnsafeBufferPointer<UInt8>, _ resolver: MarkdownLinkResolver
    ) -> String? {
        let key = Self.mentionKey(kind, bytes)
        for entry in resolvedURLs where entry.key == key { return entry.url }
        if resolvedURLs.count == Self.resolvedListLimit, let known = moreResolvedURLs[key] { return known }
        let url = kind == .code ? resolver.codeURL(identifier) : resolver.modifierURL(identifier)
        if resolvedURLs.count < Self.resolvedListLimit {
            if resolvedURLs.isEmpty { resolvedURLs.reserveCapacity(16) }
            resolvedURLs.append((key, url))
        } else {
            moreResolvedURLs[key] = .some(url)
        }
        return url
    }

    static let resolvedListLimit = 32

    /// The identifier's bytes (at most 7) and its kind in one integer.
    static func mentionKey(_ kind: MarkdownMention.Kind, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key: UInt64 = kind == .code ? 1 : 2
        for byte in bytes.prefix(7) { key = key << 8 | UInt64(byte) }
        return key
    }
}
