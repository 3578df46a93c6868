// The only file that talks to libcmark. Every cmark object is freed with `defer` where it is
// made, every string is copied out, and no C pointer outlives the call that made it. Walks use
// `cmark_iter` (never recursion), so a 500,000-deep block quote cannot overflow the stack.
// cmark keeps no global state, so documents may be rendered on several threads at once.

import CCmark
import PolicySiteCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

typealias CmarkNode = OpaquePointer

enum CmarkBridge {
    /// Parse options: source positions, and invalid UTF-8 replaced by U+FFFD (reported earlier).
    static let parseOptions: Int32 = CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8

    static func renderOptions(allowRawHTML: Bool) -> Int32 {
        allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
    }

    /// Parses, transforms and renders one document. See `MarkdownRenderer.render`.
    static func render(
        _ source: [UInt8], file: String, lineOffset: Int, options: MarkdownOptions,
        links resolver: MarkdownLinkResolver, diagnostics: [Diagnostic], separateParts: Bool = false
    ) -> MarkdownDocument {
        source.withUnsafeBufferPointer { buffer in
            render(
                buffer, isValidUTF8: false, file: file, lineOffset: lineOffset, options: options, links: resolver,
                diagnostics: diagnostics, separateParts: separateParts)
        }
    }

    /// Like `render(_:[UInt8]...)` for bytes that only live during the call.
    /// - Parameter isValidUTF8: the caller knows `source` is valid UTF-8 (a `String`'s bytes, or
    ///   bytes `UTF8Check` found nothing wrong with): cmark then skips its own check, which
    ///   would only copy the line.
    static func render(
        _ source: UnsafeBufferPointer<UInt8>, isValidUTF8: Bool, file: String, lineOffset: Int,
        options: MarkdownOptions, links resolver: MarkdownLinkResolver, diagnostics: [Diagnostic],
        separateParts: Bool = false
    ) -> MarkdownDocument {
        let parseOptions = isValidUTF8 ? CMARK_OPT_SOURCEPOS : self.parseOptions
        let parsed: CmarkNode? = source.withMemoryRebound(to: CChar.self) { chars in
            // cmark wants a non-null pointer even for an empty document.
            chars.isEmpty ? cmark_parse_document("", 0, parseOptions)
                : cmark_parse_document(chars.baseAddress, chars.count, parseOptions)
        }
        guard let document = parsed else {
            return MarkdownDocument(diagnostics: diagnostics)
        }
        defer { cmark_node_free(document) }

        var builder = DocumentBuilder(
            source: SourceText(bytes: source), file: file, lineOffset: lineOffset, options: options,
            resolver: resolver, diagnostics: diagnostics)
        if options.tables { builder.applyTables(document, parseOptions: parseOptions) }
        builder.walk(document)
        builder.freeReplacedTextNodes()
        builder.wrapHeadings()
        return builder.assemble(document, separateParts: separateParts)
    }

    /// The node tree as Swift values, in document order; see `MarkdownTree`.
    static func tree(_ source: [UInt8], lineOffset: Int) -> [MarkdownTree.Node] {
        let parsed: CmarkNode? = source.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                chars.isEmpty ? cmark_parse_document("", 0, parseOptions)
                    : cmark_parse_document(chars.baseAddress, chars.count, parseOptions)
            }
        }
        guard let document = parsed else { return [] }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }

        var nodes: [MarkdownTree.Node] = []
        var open: [Int] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { break }
            if event == CMARK_EVENT_EXIT {
                open.removeLast()
                continue
            }
            let type = cmark_node_get_type(node)
            let kind = MarkdownTree.Kind(type)
            var item = MarkdownTree.Node(
                kind: kind, depth: open.count, parent: open.last,
                startLine: Int(cmark_node_get_start_line(node)) + lineOffset,
                startColumn: Int(cmark_node_get_start_column(node)),
                endLine: Int(cmark_node_get_end_line(node)) + lineOffset,
                endColumn: Int(cmark_node_get_end_column(node)))
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                item.literal = string(cmark_node_get_literal(node))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                item.url = string(cmark_node_get_url(node))
                item.title = string(cmark_node_get_title(node))
            case CMARK_NODE_HEADING:
                item.headingLevel = Int(cmark_node_get_heading_level(node))
            default:
                break
            }
            if type == CMARK_NODE_CODE_BLOCK { item.info = string(cmark_node_get_fence_info(node)) }
            if kind.isContainer { open.append(nodes.count) }
            nodes.append(item)
        }
        return nodes
    }

    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}

extension MarkdownTree.Kind {
    init(_ type: cmark_node_type) {
        switch type {
        case CMARK_NODE_DOCUMENT: self = .document
        case CMARK_NODE_BLOCK_QUOTE: self = .blockQuote
        case CMARK_NODE_LIST: self = .list
        case CMARK_NODE_ITEM: self = .item
        case CMARK_NODE_CODE_BLOCK: self = .codeBlock
        case CMARK_NODE_HTML_BLOCK: self = .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: self = .customBlock
        case CMARK_NODE_PARAGRAPH: self = .paragraph
        case CMARK_NODE_HEADING: self = .heading
        case CMARK_NODE_THEMATIC_BREAK: self = .thematicBreak
        case CMARK_NODE_TEXT: self = .text
        case CMARK_NODE_SOFTBREAK: self = .softBreak
        case CMARK_NODE_LINEBREAK: self = .lineBreak
        case CMARK_NODE_CODE: self = .code
        case CMARK_NODE_HTML_INLINE: self = .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: self = .customInline
        case CMARK_NODE_EMPH: self = .emphasis
        case CMARK_NODE_STRONG: self = .strong
        case CMARK_NODE_LINK: self = .link
        case CMARK_NODE_IMAGE: self = .image
        default: self = .unknown
        }
    }
}

// MARK: - Walking and transforming

/// Collects what the validator needs in one iterative walk, transforming the tree as it goes,
/// then renders it part by part.
private struct DocumentBuilder {
    var source: SourceText
    let file: String
    let lineOffset: Int
    let options: MarkdownOptions
    let resolver: MarkdownLinkResolver
    var diagnostics: [Diagnostic]

    var headings: [MarkdownHeading] = []
    var links: [MarkdownLink] = []
    var mentions: [MarkdownMention] = []
    var pipeTables: [SourceLocation] = []
    var rawHTML: [MarkdownRawHTML] = []
    /// Inline start tags the raw HTML allowlist dropped, by name, so their end tags go too.
    var droppedOpenTags: [String: Int] = [:]
    var ids: HeadingIDGenerator

    /// A block directly under the document: where sections may start.
    struct TopBlock {
        var node: CmarkNode
        /// Index into `headings` when the block is a heading.
        var heading: Int?
        /// Where its text starts in `plainText`.
        var textStart: Int
    }
    var topBlocks: [TopBlock] = []
    /// Text of the document without markup; the preamble and the sections take slices of it
    /// (the search index needs both).
    var plainText: [UInt8] = []

    /// Headings to replace by a custom node with id and anchor, once the walk is over.
    var headingsToWrap: [(node: CmarkNode, heading: Int, topBlock: Int?)] = []
    var headingText: [UInt8]?
    var headingTopBlock: Int?
    /// Open links and images: index into `links` and their text so far.
    var openLinks: [(index: Int, text: [UInt8])] = []
    /// Scratch buffers of `text`, reused for every text node.
    var matchScratch: [CodeMentionScanner.Match] = []
    var pieceScratch: [(offset: Int, length: Int, url: String)] = []
    /// Resolver answers by `mentionKey`; see `resolvedURL`.
    var resolvedURLs: [(key: UInt64, url: String?)] = []
    var moreResolvedURLs: [UInt64: String?] = [:]
    /// HTML of a text node with cross-links (see `replaceByHTML`), reused; and the text nodes it
    /// replaced, freed once the walk is over.
    var htmlScratch: [UInt8] = []
    var replacedTextNodes: [CmarkNode] = []
    /// The last position found on a line, so inline positions on one line only move right.
    var lastLine = 0
    var lastColumn = 1
    /// Where nodes the table pass moved from its auxiliary document came from in the source.
    var auxiliary = AuxiliaryLines()
    /// Whether the table pass made a table (only then does the walk look for its marks).
    var hasTables = false
    /// How many auxiliary roots (see `PipeTableMark`) the walk is inside.
    var auxiliaryDepth = 0
    /// The mark of the cell the walk is in (see `PipeTableMark`), for text nodes the table pass
    /// made.
    var cellMark = 0

    static let linkTextLimit = 1024

    init(source: SourceText, file: String, lineOffset: Int, options: MarkdownOptions, resolver: MarkdownLinkResolver, diagnostics: [Diagnostic]) {
        self.source = source
        self.file = file
        self.lineOffset = lineOffset
        self.options = options
        self.resolver = resolver
        self.diagnostics = diagnostics
        self.ids = HeadingIDGenerator(reservedIDs: options.reservedIDs)
    }

    /// Runs the table pass (before the walk, so cells get the walk's work) and reports its
    /// `pipe-table` findings.
    mutating func applyTables(_ document: CmarkNode, parseOptions: Int32) {
        var pass = PipeTablePass(siteMarkup: options.tableMarkup, parseOptions: parseOptions)
        pass.run(document, source: &source)
        for finding in pass.findings {
            let where_ = location(line: finding.line, column: finding.column)
            pipeTables.append(where_)
            diagnostics.append(.warning("pipe-table", finding.message, at: where_))
        }
        auxiliary = pass.auxiliary
        hasTables = pass.madeTables
    }

    /// Where a node starts in the source: cmark's position, or for a node inside a table, the
    /// position its auxiliary document line came from.
    func start(_ node: CmarkNode) -> (line: Int, column: Int) {
        let line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
        guard hasTables, auxiliaryDepth > 0 || (Self.mayBeMarked(cmark_node_get_type(node)) && cmark_node_get_user_data(node) != nil)
        else { return (line, column) }
        // A node the pass made has no position: a plain-text cell's text, which starts the cell.
        if line == 0, cellMark & 3 == 3, cellMark >> 2 < auxiliary.plainCells.count {
            return auxiliary.plainCells[cellMark >> 2]
        }
        return auxiliary.sourcePosition(line: line, column: column) ?? (line, column)
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + lineOffset, column: max(column, 1))
    }

    /// The column of an inline that should start where `matches` holds (see `SourceText`).
    mutating func inlineColumn(line: Int, expected: Int, matches: (Slice<UnsafeBufferPointer<UInt8>>, Int) -> Bool) -> Int {
        let minimum = line == lastLine ? lastColumn : 1
        let column = source.locate(line: line, expected: expected, minimum: minimum, matches: matches)
        lastLine = line
        lastColumn = column
        return column
    }

    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        plainText.append(contentsOf: bytes)
        if headingText != nil { headingText!.append(contentsOf: bytes) }
        if !openLinks.isEmpty {
            let room = Self.linkTextLimit - openLinks[openLinks.count - 1].text.count
            if room > 0 { openLinks[openLinks.count - 1].text.append(contentsOf: bytes.prefix(room)) }
        }
    }

    mutating func appendText(_ string: StaticString) {
        string.withUTF8Buffer { appendText($0) }
    }

    mutating func endBlockText() {
        if let last = plainText.last, last != 0x0A { plainText.append(0x0A) }
    }

    // MARK: Walk

    mutating func walk(_ document: CmarkNode) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        var depth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { break }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT {
                depth -= 1
                exit(node, type)
                if hasTables, Self.mayBeMarked(type), cmark_node_get_user_data(node) != nil { auxiliaryDepth -= 1 }
                continue
            }
            if hasTables, Self.mayBeMarked(type), let mark = cmark_node_get_user_data(node) {
                if !Self.isLeaf(type) { auxiliaryDepth += 1 }
                // Each cell is a word of its own in the search text.
                if PipeTableMark.isCell(mark) {
                    cellMark = Int(bitPattern: mark)
                    if let last = plainText.last, last != 0x0A, last != 0x20 { plainText.append(0x20) }
                }
            }
            if depth == 1 {
                if topBlocks.isEmpty {
                    topBlocks.reserveCapacity(32)
                    // The text without markup is rarely longer than the rest of the source.
                    plainText.reserveCapacity(source.bytes.count / 2 + 64)
                }
                topBlocks.append(TopBlock(node: node, heading: nil, textStart: plainText.count))
            }
            switch type {
            case CMARK_NODE_TEXT:
                text(node)
            case CMARK_NODE_CODE:
                literalText(node)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                appendText(" ")
            case CMARK_NODE_CODE_BLOCK:
                literalText(node)
                endBlockText()
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                html(node, isBlock: type == CMARK_NODE_HTML_BLOCK)
            case CMARK_NODE_THEMATIC_BREAK:
                break
            case CMARK_NODE_HEADING:
                headingText = []
                headingTopBlock = depth == 1 ? topBlocks.count - 1 : nil
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                link(node, isImage: type == CMARK_NODE_IMAGE)
            default:
                break
            }
            if !Self.isLeaf(type) { depth += 1 }
        }
    }

    /// Whether the table pass may have marked a node of this type (see `PipeTableMark`): blocks
    /// and cells. Text and other inlines, most of the nodes, are never asked.
    @inline(__always)
    static func mayBeMarked(_ type: cmark_node_type) -> Bool {
        type.rawValue <= CMARK_NODE_LAST_BLOCK.rawValue || type == CMARK_NODE_CUSTOM_INLINE
    }

    /// Nodes for which `cmark_iter` gives no exit event.
    static func isLeaf(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE,
             CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK:
            return true
        default:
            return false
        }
    }

    mutating func exit(_ node: CmarkNode, _ type: cmark_node_type) {
        switch type {
        case CMARK_NODE_HEADING:
            let bytes = headingText ?? []
            headingText = nil
            let text = Self.trimmedString(bytes[...])
            let index = headings.count
            if headings.isEmpty {
                headings.reserveCapacity(8)
                headingsToWrap.reserveCapacity(8)
            }
            let (line, column) = start(node)
            headings.append(MarkdownHeading(
                level: Int(cmark_node_get_heading_level(node)), text: text, id: ids.id(for: text),
                location: location(line: line, column: column)))
            if let top = headingTopBlock { topBlocks[top].heading = index }
            if options.headingIDs { headingsToWrap.append((node, index, headingTopBlock)) }
            headingTopBlock = nil
            endBlockText()
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_CUSTOM_BLOCK:
            // Custom blocks during the walk are the table pass's: each row ends a line of text.
            endBlockText()
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            guard let open = openLinks.popLast() else { return }
            links[open.index].text = String(decoding: open.text, as: UTF8.self)
            // An image inside a link: its description is part of the link's text.
            if !openLinks.isEmpty {
                let room = Self.linkTextLimit - openLinks[openLinks.count - 1].text.count
                if room > 0 { openLinks[openLinks.count - 1].text.append(contentsOf: open.text.prefix(room)) }
            }
        default:
            break
        }
    }

    mutating func literalText(_ node: CmarkNode) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let buffer = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
        appendText(buffer)
    }

    // MARK: Text: mentions and cross-links

    mutating func text(_ node: CmarkNode) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let buffer = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
        appendText(buffer)
        if !matchScratch.isEmpty { matchScratch.removeAll(keepingCapacity: true) }
        CodeMentionScanner.scan(buffer, into: &matchScratch)
        guard !matchScratch.isEmpty else { return }

        let (line, startColumn) = start(node)
        let mayLink = options.codeCrossLinks && openLinks.isEmpty && headingText == nil
        if mentions.isEmpty { mentions.reserveCapacity(max(24, matchScratch.count)) }
        if !pieceScratch.isEmpty { pieceScratch.removeAll(keepingCapacity: true) }
        for matchIndex in matchScratch.indices {
            let match = matchScratch[matchIndex]
            let identifierBytes = UnsafeBufferPointer(rebasing: buffer[match.offset..<(match.offset + match.length)])
            let identifier = String(decoding: identifierBytes, as: UTF8.self)
            let url = resolvedURL(match.kind, identifier, identifierBytes)
            let column = inlineColumn(line: line, expected: startColumn + match.offset) { text, index in
                guard text.endIndex - index >= identifierBytes.count else { return false }
                for (offset, byte) in identifierBytes.enumerated() where text[index + offset] != byte { return false }
                let before = index > text.startIndex ? text[index - 1] : 0x20
                let afterIndex = index + identifierBytes.count
                let after = afterIndex < text.endIndex ? text[afterIndex] : 0x20
                return !CodeMentionScanner.isWordByte(before) && !CodeMentionScanner.isWordByte(after)
            }
            let linked = mayLink && url != nil
            mentions.append(MarkdownMention(
                kind: match.kind, identifier: identifier, isKnown: url != nil,
                location: location(line: line, column: column), isLinked: linked))
            if linked, let url { pieceScratch.append((match.offset, match.length, url)) }
        }
        if !pieceScratch.isEmpty, options.crossLinksAsNodes || !replaceByHTML(node, literal: buffer, pieces: pieceScratch) {
            split(node, literal: buffer, into: pieceScratch)
        }
    }

    /// The resolver's URL for a code or modifier, asked once per identifier and document: pages
    /// name the same few codes and modifiers again and again, and resolvers build a new string
    /// each time. Identifiers are 2 or 5 ASCII bytes, so the key is the bytes and the kind; the
    /// first answers are kept in a short list (a page names a dozen), any more in a dictionary.
    mutating func resolvedURL(_ kind: MarkdownMention.Kind, _ identifier: String, _ bytes: UnsafeBufferPointer<UInt8>) -> String? {
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

    /// Replaces a text node with cross-links by one custom inline holding the HTML cmark renders
    /// for the nodes `split` would make: the text escaped as cmark escapes text (`&`, `<`, `>`,
    /// `"`), each identifier as `<a href="URL">ID</a>`. Three nodes a link fewer to make, render
    /// and free. Only when every URL is plain (`CrossLinkHTML.isPlainHref`: bytes cmark writes
    /// unchanged, no scheme for its unsafe-URL check to find); false leaves the node to `split`.
    /// The text node itself stays until the walk is over (`freeReplacedTextNodes`).
    mutating func replaceByHTML(_ node: CmarkNode, literal: UnsafeBufferPointer<UInt8>, pieces: [(offset: Int, length: Int, url: String)]) -> Bool {
        htmlScratch.removeAll(keepingCapacity: true)
        htmlScratch.reserveCapacity(literal.count + pieces.count * 64 + 1)
        var cursor = 0
        for piece in pieces {
            CrossLinkHTML.appendEscapedText(UnsafeBufferPointer(rebasing: literal[cursor..<piece.offset]), to: &htmlScratch)
            guard CrossLinkHTML.appendLink(
                href: piece.url, text: UnsafeBufferPointer(rebasing: literal[piece.offset..<(piece.offset + piece.length)]),
                to: &htmlScratch)
            else { return false }
            cursor = piece.offset + piece.length
        }
        CrossLinkHTML.appendEscapedText(UnsafeBufferPointer(rebasing: literal[cursor...]), to: &htmlScratch)
        htmlScratch.append(0)
        guard let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return false }
        htmlScratch.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_on_enter(inline, $0.baseAddress) } }
        guard cmark_node_insert_before(node, inline) != 0 else {
            cmark_node_free(inline)
            return false
        }
        replacedTextNodes.append(node)
        return true
    }

    /// Frees the text nodes `replaceByHTML` replaced; after the walk, which may not free the
    /// node it stands on.
    mutating func freeReplacedTextNodes() {
        for node in replacedTextNodes { cmark_node_free(node) }
        replacedTextNodes = []
    }

    /// Replaces the linked identifiers of a text node by link nodes. Only nodes before the
    /// current one are inserted and only the current leaf's literal changes, which `cmark_iter`
    /// allows during a walk.
    /// - Parameter literal: the node's literal as cmark holds it, valid until it is replaced;
    ///   every piece is copied to a scratch buffer first, so the order of cmark's copy and free
    ///   does not matter.
    func split(_ node: CmarkNode, literal: UnsafeBufferPointer<UInt8>, into pieces: [(offset: Int, length: Int, url: String)]) {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: literal.count + 1) { scratch in
            /// `literal[range]` as a NUL-terminated string in `scratch`.
            func terminated(_ range: Range<Int>) -> UnsafePointer<CChar> {
                let base = scratch.baseAddress!
                UnsafeMutableRawPointer(base).copyMemory(from: literal.baseAddress! + range.lowerBound, byteCount: range.count)
                base[range.count] = 0
                return UnsafePointer(base)
            }
            var cursor = 0
            for piece in pieces {
                if piece.offset > cursor {
                    guard let before = cmark_node_new(CMARK_NODE_TEXT) else { return }
                    cmark_node_set_literal(before, terminated(cursor..<piece.offset))
                    cmark_node_insert_before(node, before)
                }
                guard let link = cmark_node_new(CMARK_NODE_LINK) else { return }
                guard let label = cmark_node_new(CMARK_NODE_TEXT) else {
                    cmark_node_free(link)
                    return
                }
                cmark_node_set_url(link, piece.url)
                cmark_node_set_literal(label, terminated(piece.offset..<(piece.offset + piece.length)))
                cmark_node_append_child(link, label)
                cmark_node_insert_before(node, link)
                cursor = piece.offset + piece.length
            }
            cmark_node_set_literal(node, terminated(cursor..<literal.count))
        }
    }

    // MARK: Links and images

    mutating func link(_ node: CmarkNode, isImage: Bool) {
        let destination = CmarkBridge.string(cmark_node_get_url(node))
        let title = CmarkBridge.string(cmark_node_get_title(node))
        let (line, startColumn) = start(node)
        let column = inlineColumn(line: line, expected: startColumn) { text, index in
            isImage ? text[index] == UInt8(ascii: "!") : (text[index] == UInt8(ascii: "[") || text[index] == UInt8(ascii: "<"))
        }
        let where_ = location(line: line, column: column)
        var href = destination
        if let scheme = URLSafety.disallowedScheme(in: destination, isImage: isImage) {
            href = ""
            cmark_node_set_url(node, "")
            diagnostics.append(.error("url-scheme", "\(isImage ? "image" : "link") uses disallowed scheme '\(scheme)'", at: where_))
        } else if options.linkRewriting, let rewritten = (isImage ? nil : rewrittenContentLink(destination)) ?? rewrittenSiteLink(destination) {
            href = rewritten
            cmark_node_set_url(node, rewritten)
        }
        openLinks.append((links.count, []))
        links.append(MarkdownLink(destination: destination, href: href, title: title, isImage: isImage, location: where_, text: ""))
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
    func rewrittenContentLink(_ destination: String) -> String? {
        guard let (path, rest) = Self.localPath(destination),
              path.count > 3, path.reversed().starts(with: "dm.".utf8), !path.starts(with: "//".utf8),
              let url = resolver.contentLinkURL(String(decoding: path, as: UTF8.self)) else { return nil }
        return url + String(decoding: rest, as: UTF8.self)
    }

    /// `/modifiers/TC/#tc`, `/codes/G9328#billing` or `../../modifiers/` -> resolver's URL (+ query
    /// and fragment): every local path the resolver knows becomes the relative link to the file
    /// that serves it; others are left as written (and the link check reports them).
    func rewrittenSiteLink(_ destination: String) -> String? {
        guard let (path, rest) = Self.localPath(destination),
              !path.isEmpty, !path.starts(with: "//".utf8),
              let url = resolver.siteLinkURL(String(decoding: path, as: UTF8.self)) else { return nil }
        return url + String(decoding: rest, as: UTF8.self)
    }

    // MARK: Raw HTML

    mutating func html(_ node: CmarkNode, isBlock: Bool) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let buffer = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
        let (line, startColumn) = start(node)
        var column = startColumn
        if !isBlock {
            column = inlineColumn(line: line, expected: column) { text, index in text[index] == UInt8(ascii: "<") }
        }
        let where_ = location(line: line, column: column)
        var dropped = !options.allowRawHTML
        if dropped, let what = RawHTMLDescription.describe(buffer) {
            diagnostics.append(.warning("raw-html", "raw HTML \(what) omitted by Markdown safe mode", at: where_))
        } else if !dropped, options.rawHTMLAllowlist {
            if let reason = RawHTMLAllowlist.rejection(of: buffer) {
                // Blank the node so cmark renders nothing for it; the finding says what was lost.
                dropped = true
                diagnostics.append(.warning("raw-html", "raw HTML with \(reason) omitted: it is not on the raw HTML allowlist", at: where_))
                if !isBlock, let name = RawHTMLAllowlist.openingTagName(buffer) { droppedOpenTags[name, default: 0] += 1 }
            } else if !isBlock, let name = RawHTMLAllowlist.closingTagName(buffer), let open = droppedOpenTags[name], open > 0 {
                // The end tag of an inline element whose start tag was dropped goes with it.
                droppedOpenTags[name] = open - 1
                dropped = true
            }
        }
        rawHTML.append(MarkdownRawHTML(snippet: RawHTMLDescription.snippet(buffer), isBlock: isBlock, dropped: dropped, location: where_))
        if !dropped {
            // Ids raw HTML brings share the page with heading ids: a second `id="notes"` would
            // take the links meant for the first.
            for id in RawHTMLAllowlist.ids(in: buffer) {
                guard let owner = ids.claim(id) else { continue }
                let whose = owner == .page ? "the page around the content (its template)" : "a heading or other raw HTML of this page"
                diagnostics.append(.error("id-duplicate", "raw HTML id '\(id)' is already the id of \(whose); a link to #\(id) lands on the first: choose another id", at: where_))
            }
        }
        if dropped, options.allowRawHTML { cmark_node_set_literal(node, "") }
        if isBlock { endBlockText() }
    }

    // MARK: Headings

    /// Replaces each heading by a custom block holding a custom inline
    /// `<hN id="x">` ... ` <a class="anchor" ...>#</a></hN>` around the heading's own children, so
    /// cmark still renders and escapes the text. The block's own enter/exit text is empty: cmark
    /// writes a newline around a custom block's text, which would land inside the `<hN>`.
    mutating func wrapHeadings() {
        for entry in headingsToWrap {
            let heading = headings[entry.heading]
            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            guard let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else {
                cmark_node_free(block)
                continue
            }
            // The block's own enter and exit texts stay unset, which cmark renders as empty.
            // Ids hold only letters, marks, digits and hyphens: nothing to escape. Built as bytes:
            // string interpolation was a visible cost on pages with many headings.
            let level = UInt8(ascii: "0") + UInt8(clamping: heading.level)
            htmlScratch.removeAll(keepingCapacity: true)
            htmlScratch.appendLiteral("<h")
            htmlScratch.append(level)
            htmlScratch.appendLiteral(" id=\"")
            htmlScratch.appendUTF8(heading.id)
            htmlScratch.appendLiteral("\">")
            htmlScratch.append(0)
            htmlScratch.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_on_enter(inline, $0.baseAddress) } }
            htmlScratch.removeAll(keepingCapacity: true)
            htmlScratch.appendLiteral(" <a class=\"anchor\" href=\"#")
            htmlScratch.appendUTF8(heading.id)
            htmlScratch.appendLiteral("\" aria-label=\"Link to this section\">#</a></h")
            htmlScratch.append(level)
            htmlScratch.appendLiteral(">")
            htmlScratch.append(0)
            htmlScratch.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_on_exit(inline, $0.baseAddress) } }
            cmark_node_append_child(block, inline)
            while let child = cmark_node_first_child(entry.node) {
                cmark_node_append_child(inline, child)
            }
            cmark_node_insert_before(entry.node, block)
            cmark_node_free(entry.node)
            if let top = entry.topBlock { topBlocks[top].node = block }
        }
        headingsToWrap = []
    }

    // MARK: Rendering and sections

    func text(from start: Int, to end: Int) -> String {
        Self.trimmedString(plainText[min(start, plainText.count)..<min(end, plainText.count)])
    }

    /// The bytes without leading and trailing spaces, tabs and newlines, as a string; the same as
    /// `String(decoding: bytes, as: UTF8.self).trimmingSpaces`, decoding only once.
    static func trimmedString(_ bytes: ArraySlice<UInt8>) -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    func textStart(_ index: Int) -> Int {
        index < topBlocks.count ? topBlocks[index].textStart : plainText.count
    }

    /// Level of the heading at `index` when it is a top-level heading.
    func headingLevel(_ index: Int) -> Int? {
        topBlocks[index].heading.map { headings[$0].level }
    }

    /// The top-level blocks split into the parts the document is made of: the preamble, then
    /// per section its heading, its body before the first `###`, and per subsection its heading
    /// and body. Every part is a range of `topBlocks`; parts are consecutive and cover them all.
    func partition() -> (parts: [Range<Int>], sections: [(heading: Int, intro: Int, subsections: [(heading: Int, body: Int)])]) {
        let count = topBlocks.count
        // Sections start at the first `##`; after that, `#` and `##` start sections.
        var firstSection = count
        for index in 0..<count where headingLevel(index) == 2 {
            firstSection = index
            break
        }
        var parts: [Range<Int>] = [0..<firstSection]
        parts.reserveCapacity(1 + 2 * (count - firstSection))
        var sections: [(heading: Int, intro: Int, subsections: [(heading: Int, body: Int)])] = []
        var index = firstSection
        while index < count {
            var end = index + 1
            while end < count, (headingLevel(end) ?? 3) > 2 { end += 1 }
            var bodyEnd = index + 1
            while bodyEnd < end, headingLevel(bodyEnd) != 3 { bodyEnd += 1 }
            parts.append(index..<(index + 1))
            parts.append((index + 1)..<bodyEnd)
            var entry = (heading: parts.count - 2, intro: parts.count - 1, subsections: [(heading: Int, body: Int)]())
            var sub = bodyEnd
            while sub < end {
                var subEnd = sub + 1
                while subEnd < end, headingLevel(subEnd) != 3 { subEnd += 1 }
                parts.append(sub..<(sub + 1))
                parts.append((sub + 1)..<subEnd)
                entry.subsections.append((heading: parts.count - 2, body: parts.count - 1))
                sub = subEnd
            }
            sections.append(entry)
            index = end
        }
        return (parts, sections)
    }

    mutating func assemble(_ document: CmarkNode, separateParts: Bool) -> MarkdownDocument {
        let (parts, sectionParts) = partition()
        let rendered = renderParts(document, parts, forceSeparate: separateParts)
        var sections: [MarkdownSection] = []
        sections.reserveCapacity(sectionParts.count)
        for entry in sectionParts {
            let headingBlock = parts[entry.heading].lowerBound
            let sectionEnd = entry.subsections.last.map { parts[$0.body].upperBound } ?? parts[entry.intro].upperBound
            var section = section(at: headingBlock, level: 2, end: sectionEnd)
            section.headingHTML = rendered.string(entry.heading)
            section.html = rendered.string(entry.intro..<(entry.subsections.last.map { $0.body + 1 } ?? entry.intro + 1))
            section.subsections.reserveCapacity(entry.subsections.count)
            for sub in entry.subsections {
                var subsection = self.section(at: parts[sub.heading].lowerBound, level: 3, end: parts[sub.body].upperBound)
                subsection.headingHTML = rendered.string(sub.heading)
                subsection.html = rendered.string(sub.body)
                section.subsections.append(subsection)
            }
            sections.append(section)
        }
        diagnostics.sort()
        return MarkdownDocument(
            html: rendered.whole, preambleHTML: rendered.string(0), preambleText: text(from: textStart(0), to: textStart(parts[0].upperBound)),
            sections: sections, headings: headings, links: links,
            mentions: mentions, pipeTables: pipeTables, rawHTML: rawHTML, diagnostics: diagnostics)
    }

    /// The HTML of every part, as byte ranges of the whole document's HTML.
    struct RenderedParts {
        var whole: String
        /// `bounds[i]..<bounds[i + 1]` is part `i`, in UTF-8 bytes of `whole`. Every bound is 0,
        /// the end, or just after a newline, so it is a character boundary.
        var bounds: [Int]

        func string(_ part: Int) -> String { string(part..<(part + 1)) }

        func string(_ parts: Range<Int>) -> String {
            if parts.lowerBound == 0 && parts.upperBound == bounds.count - 1 { return whole }
            // Slicing the already validated string copies the bytes without decoding them again.
            let utf8 = whole.utf8
            let start = utf8.index(utf8.startIndex, offsetBy: bounds[parts.lowerBound])
            let end = utf8.index(start, offsetBy: bounds[parts.upperBound] - bounds[parts.lowerBound])
            return String(whole[start..<end])
        }

        /// The parts of `bytes`; nil if decoding them would repair invalid UTF-8 (never expected
        /// from cmark), so that slices of the decoded string could no longer follow `bounds`.
        init?(bytes: UnsafeBufferPointer<UInt8>, segments: [Range<Int>]) {
            var bounds = [0]
            bounds.reserveCapacity(segments.count + 1)
            var total = 0
            for segment in segments {
                total += segment.count
                bounds.append(total)
            }
            let whole = String(unsafeUninitializedCapacity: total) { buffer in
                var written = 0
                for segment in segments where !segment.isEmpty {
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[written..<(written + segment.count)])
                        .initialize(from: UnsafeBufferPointer(rebasing: bytes[segment]))
                    written += segment.count
                }
                return written
            }
            guard whole.utf8.count == total else { return nil }
            self.whole = whole
            self.bounds = bounds
        }

        init(bytes: [UInt8], bounds: [Int]) {
            self.whole = String(decoding: bytes, as: UTF8.self)
            self.bounds = bounds
        }
    }

    /// A separator rendered between parts so the document is rendered in one call: two Unicode
    /// noncharacters around a word. It is only trusted when the output holds exactly as many as
    /// were inserted (an entity such as `&#xFDD0;` in the page could fake one); otherwise each
    /// part is rendered on its own, which gives the same bytes, only slower.
    /// U+FDD0, `policysite-part`, U+FDD1 (Swift has no literal for noncharacters).
    static let partMarkerBytes: [UInt8] = [0xEF, 0xB7, 0x90] + Array("policysite-part".utf8) + [0xEF, 0xB7, 0x91]
    static let partMarkerCString: [CChar] = partMarkerBytes.map { CChar(bitPattern: $0) } + [0]

    /// Renders the parts in one `cmark_render_html` call with markers between them (a custom
    /// block renders its text plus a newline), falling back to one call per part.
    func renderParts(_ document: CmarkNode, _ parts: [Range<Int>], forceSeparate: Bool = false) -> RenderedParts {
        let options = CmarkBridge.renderOptions(allowRawHTML: self.options.allowRawHTML)
        if !forceSeparate, let rendered = renderWithMarkers(document, parts, options: options) {
            return rendered
        }
        var bytes: [UInt8] = []
        var bounds = [0]
        for part in parts {
            render(topBlocks[part], into: &bytes, options: options)
            bounds.append(bytes.count)
        }
        // The parts' bytes may not hold whole characters only when separate rendering gave
        // invalid UTF-8, which cmark does not produce; decode each part alone as before then.
        let rendered = RenderedParts(bytes: bytes, bounds: bounds)
        if rendered.whole.utf8.count != bytes.count {
            var repaired: [UInt8] = []
            var repairedBounds = [0]
            for index in 0..<(bounds.count - 1) {
                repaired += String(decoding: bytes[bounds[index]..<bounds[index + 1]], as: UTF8.self).utf8
                repairedBounds.append(repaired.count)
            }
            return RenderedParts(bytes: repaired, bounds: repairedBounds)
        }
        return rendered
    }

    func renderWithMarkers(_ document: CmarkNode, _ parts: [Range<Int>], options: Int32) -> RenderedParts? {
        // One marker per boundary between parts, before the first block of the next part (or at
        // the end when only empty parts follow); markers at one place keep their order.
        for part in parts.dropLast() {
            guard let marker = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return nil }
            Self.partMarkerCString.withUnsafeBufferPointer { _ = cmark_node_set_on_enter(marker, $0.baseAddress) }
            if part.upperBound < topBlocks.count {
                cmark_node_insert_before(topBlocks[part.upperBound].node, marker)
            } else {
                cmark_node_append_child(document, marker)
            }
        }
        guard let html = cmark_render_html(document, options) else { return nil }
        defer { free(html) }
        let length = strlen(html)
        let output = UnsafeBufferPointer(start: UnsafeRawPointer(html).assumingMemoryBound(to: UInt8.self), count: length)
        let marker = Self.partMarkerBytes
        var segments: [Range<Int>] = []
        segments.reserveCapacity(parts.count)
        var copied = 0
        if let base = output.baseAddress, length >= marker.count {
            // Markers start with 0xEF 0xB7 0x90: look for the 0xB7 with memchr, then check the rest.
            var index = 1
            while index <= length - marker.count + 1,
                  let found = memchr(base + index, 0xB7, length - marker.count + 2 - index) {
                let start = UnsafeRawPointer(found) - UnsafeRawPointer(base) - 1
                if output[start] == marker[0],
                   marker.withUnsafeBufferPointer({ memcmp(base + start, $0.baseAddress!, marker.count) }) == 0 {
                    segments.append(copied..<start)
                    var next = start + marker.count
                    // The newline cmark writes after a custom block's text.
                    if next < length, output[next] == 0x0A { next += 1 }
                    copied = next
                    index = next + 1
                } else {
                    index = start + 2
                }
            }
        }
        segments.append(copied..<length)
        guard segments.count == parts.count else { return nil }
        return RenderedParts(bytes: output, segments: segments)
    }

    /// Renders consecutive top-level blocks alone: they are moved under a fresh document node,
    /// which is rendered and freed with them.
    func render(_ blocks: ArraySlice<TopBlock>, into bytes: inout [UInt8], options: Int32) {
        guard !blocks.isEmpty, let container = cmark_node_new(CMARK_NODE_DOCUMENT) else { return }
        defer { cmark_node_free(container) }
        for block in blocks { cmark_node_append_child(container, block.node) }
        guard let html = cmark_render_html(container, options) else { return }
        defer { free(html) }
        bytes.append(contentsOf: UnsafeBufferPointer(start: UnsafeRawPointer(html).assumingMemoryBound(to: UInt8.self), count: strlen(html)))
    }

    /// A section's title, id and text; its HTML is filled in by `assemble`.
    func section(at index: Int, level: Int, end: Int) -> MarkdownSection {
        let heading = topBlocks[index].heading.map { headings[$0] }
        return MarkdownSection(
            title: heading?.text ?? "", id: heading?.id ?? "", level: heading?.level ?? level,
            location: heading?.location ?? SourceLocation(file: file), html: "",
            plainText: text(from: textStart(index + 1), to: textStart(end)))
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }),
              let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D })
        else { return "" }
        return String(self[first...last])
    }
}
