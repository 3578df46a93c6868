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

    /// Resolver answers by `mentionKey`; see `resolved`.
    /// Keys apart from answers: the search compares integers only, copying no answer.
    private var resolvedKeys: [UInt64] = []
    private var resolvedAnswers: [Resolved] = []
    private var moreResolvedURLs: [UInt64: Resolved] = [:]
    /// `<a href="URL">ID</a>` of each resolved identifier whose URL is plain, one after another:
    /// written once per identifier and page, copied for each of its cross-links.
    private var linkHTML: [UInt8] = []

    /// The resolver's URL for an identifier and, when it is plain, its link's HTML in `linkHTML`.
    struct Resolved {
        /// The identifier as a string, made once per page.
        var identifier: String
        var url: String?
        /// Empty when there is no URL, when it is not plain, or when links are made as nodes.
        var link: Range<Int>
    }

    init(_ table: MarkdownNodeTable, positions: InlinePositionPass, context: MarkdownPassContext) {
        let found = positions.mentions
        guard !found.isEmpty else { return }
        mentions.reserveCapacity(max(24, found.count))
        var linkable = LinkableTextNodes()
        pieces.reserveCapacity(found.count)
        let asHTML = context.options.codeCrossLinks && !context.options.crossLinksAsNodes
        table.bytes.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < found.count {
                let node = found[index].node
                let literal = UnsafeBufferPointer(rebasing: bytes[table.literalRange(node)])
                let firstPiece = pieces.count
                var allPlain = true
                while index < found.count, found[index].node == node {
                    let mention = found[index]
                    let match = mention.match
                    let identifierBytes = UnsafeBufferPointer(rebasing: literal[match.offset..<(match.offset + match.length)])
                    let answer = resolved(match.kind, identifierBytes, context.resolver, asHTML: asHTML)
                    let identifier = answer.identifier
                    let linked = answer.url != nil && context.options.codeCrossLinks && linkable.contains(node, in: table)
                    mentions.append(MarkdownMention(
                        kind: match.kind, identifier: identifier, isKnown: answer.url != nil,
                        location: context.location(line: mention.line, column: mention.column), isLinked: linked))
                    if linked, let url = answer.url {
                        pieces.append(CrossLinkPiece(offset: match.offset, length: match.length, url: url, link: answer.link))
                        if answer.link.isEmpty { allPlain = false }
                    }
                    index += 1
                }
                guard pieces.count > firstPiece else { continue }
                let nodePieces = firstPiece..<pieces.count
                if asHTML, allPlain {
                    // The replacements' text is at most the document's, plus the links: one growth.
                    if html.isEmpty {
                        html.reserveCapacity(table.bytes.count + 64 * found.count)
                        replacements.reserveCapacity(found.count)
                    }
                    replacements.append((node, html.count, nodePieces))
                    linkHTML.withUnsafeBufferPointer { links in Self.appendHTML(literal, pieces[nodePieces], links: links, to: &html) }
                } else {
                    if splits.isEmpty { splits.reserveCapacity(found.count) }
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

    /// Appends the HTML cmark renders for the text split at `pieces`, whose links are all plain:
    /// the text escaped as cmark escapes text, each identifier as its link's HTML (`links`
    /// holds it at `piece.link`), NUL-terminated.
    static func appendHTML(
        _ literal: UnsafeBufferPointer<UInt8>, _ pieces: ArraySlice<CrossLinkPiece>, links: UnsafeBufferPointer<UInt8>,
        to html: inout [UInt8]
    ) {
        var maximum = CrossLinkHTML.maximumEscapedCount(literal.count) + 1
        for index in pieces.indices { maximum += pieces[index].link.count }
        html.appendWritten(maximum: maximum) { writer in
            var cursor = 0
            // By index: iterating the pieces would copy each, URL string included.
            for index in pieces.indices {
                let offset = pieces[index].offset
                writer.writeEscapedText(UnsafeBufferPointer(rebasing: literal[cursor..<offset]))
                writer.write(UnsafeBufferPointer(rebasing: links[pieces[index].link]))
                cursor = offset + pieces[index].length
            }
            writer.writeEscapedText(UnsafeBufferPointer(rebasing: literal[cursor...]))
            writer.write(0)
        }
    }

    /// The resolver's answer for a code or modifier, asked once per identifier and document:
    /// pages name the same few codes and modifiers again and again, and resolvers build a new
    /// string each time. Identifiers are 2 or 5 ASCII bytes, so the key is the bytes and the
    /// kind; the first answers are kept in a short list (a page names a dozen), any more in a
    /// dictionary. With `asHTML`, a plain URL's link HTML is written to `linkHTML` once.
    private mutating func resolved(
        _ kind: MarkdownMention.Kind, _ bytes: UnsafeBufferPointer<UInt8>, _ resolver: MarkdownLinkResolver, asHTML: Bool
    ) -> Resolved {
        let key = Self.mentionKey(kind, bytes)
        if let index = resolvedKeys.firstIndex(of: key) { return resolvedAnswers[index] }
        if resolvedKeys.count == Self.resolvedListLimit, let known = moreResolvedURLs[key] { return known }
        let identifier = String(decoding: bytes, as: UTF8.self)
        let url = kind == .code ? resolver.codeURL(identifier) : resolver.modifierURL(identifier)
        var answer = Resolved(identifier: identifier, url: url, link: 0..<0)
        if asHTML, var url {
            url.withUTF8 { url in
                guard CrossLinkHTML.isPlainHref(url) else { return }
                if linkHTML.isEmpty { linkHTML.reserveCapacity(16 * 64) }
                let start = linkHTML.count
                linkHTML.appendWritten(maximum: CrossLinkHTML.maximumEscapedCount(bytes.count) + url.count + 15) { writer in
                    CrossLinkHTML.writeLink(url: url, text: bytes, to: &writer)
                }
                answer.link = start..<linkHTML.count
            }
        }
        if resolvedKeys.count < Self.resolvedListLimit {
            if resolvedKeys.isEmpty {
                resolvedKeys.reserveCapacity(16)
                resolvedAnswers.reserveCapacity(16)
            }
            resolvedKeys.append(key)
            resolvedAnswers.append(answer)
        } else {
            moreResolvedURLs[key] = answer
        }
        return answer
    }

    static let resolvedListLimit = 32

    /// The identifier's bytes (at most 7) and its kind in one integer.
    static func mentionKey(_ kind: MarkdownMention.Kind, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key: UInt64 = kind == .code ? 1 : 2
        for byte in bytes.prefix(7) { key = key << 8 | UInt64(byte) }
        return key
    }
}
