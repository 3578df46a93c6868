/// The document's text without markup, for the search index and for what the other passes name
/// by text: each heading's text (its id comes from it) and each link's text.
///
/// Blocks end with a newline; soft and hard breaks become a space; code spans and code blocks
/// keep their text; raw HTML gives none; each table cell is a word of its own.
struct SearchTextPass {
    /// The text of the whole document.
    private(set) var text: [UInt8] = []
    /// Row of each top-level block, in order.
    private(set) var topBlocks: [Int] = []
    /// Where each top-level block's text starts in `text`.
    private(set) var topBlockTextStarts: [Int] = []
    /// Each heading's text, trimmed, in document order (headings never nest).
    private(set) var headingTexts: [String] = []
    /// Each link's and image's text (at most `linkTextLimit` bytes), in order of their start.
    private(set) var linkTexts: [String] = []

    /// A link's text is kept for the validator's messages; a longer one is cut.
    static let linkTextLimit = 1024

    private var headingText: [UInt8]?
    /// Open links and images: index into `linkTexts` and their text so far.
    private var openLinks: [(index: Int, text: [UInt8])] = []

    init(_ table: MarkdownNodeTable) {
        text.reserveCapacity(table.bytes.count + 64)
        topBlocks.reserveCapacity(32)
        topBlockTextStarts.reserveCapacity(32)
        table.bytes.withUnsafeBufferPointer { bytes in
            table.walk(enter: { node in enter(node, table, bytes) }, exit: { node in exit(node, table) })
        }
    }

    private mutating func enter(_ node: Int, _ table: MarkdownNodeTable, _ bytes: UnsafeBufferPointer<UInt8>) {
        if table.rows[node].isCell, let last = text.last, last != 0x0A, last != 0x20 { text.append(0x20) }
        if table.rows[node].depth == 1 {
            topBlocks.append(node)
            topBlockTextStarts.append(text.count)
        }
        switch table.rows[node].kind {
        case .text, .code:
            append(UnsafeBufferPointer(rebasing: bytes[table.literalRange(node)]))
        case .softBreak, .lineBreak:
            append(" ")
        case .codeBlock:
            append(UnsafeBufferPointer(rebasing: bytes[table.literalRange(node)]))
            endBlock()
        case .htmlBlock:
            endBlock()
        case .heading:
            headingText = []
        case .link, .image:
            openLinks.append((linkTexts.count, []))
            linkTexts.append("")
        default:
            break
        }
    }

    private mutating func exit(_ node: Int, _ table: MarkdownNodeTable) {
        switch table.rows[node].kind {
        case .heading:
            headingTexts.append(Self.trimmedString((headingText ?? [])[...]))
            headingText = nil
            endBlock()
        case .paragraph, .customBlock:
            // Custom blocks are the table pass's: each row ends a line of text.
            endBlock()
        case .link, .image:
            guard let open = openLinks.popLast() else { return }
            linkTexts[open.index] = String(decoding: open.text, as: UTF8.self)
            // An image inside a link: its description is part of the link's text.
            if !openLinks.isEmpty {
                let room = Self.linkTextLimit - openLinks[openLinks.count - 1].text.count
                if room > 0 { openLinks[openLinks.count - 1].text.append(contentsOf: open.text.prefix(room)) }
            }
        default:
            break
        }
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        text.append(contentsOf: bytes)
        if headingText != nil { headingText!.append(contentsOf: bytes) }
        if !openLinks.isEmpty {
            let room = Self.linkTextLimit - openLinks[openLinks.count - 1].text.count
            if room > 0 { openLinks[openLinks.count - 1].text.append(contentsOf: bytes.prefix(room)) }
        }
    }

    private mutating func append(_ string: StaticString) {
        string.withUTF8Buffer { append($0) }
    }

    private mutating func endBlock() {
        if let last = text.last, last != 0x0A { text.append(0x0A) }
    }

    /// The text of top-level blocks `blocks` (a range of `topBlocks`), trimmed.
    func text(ofBlocks blocks: Range<Int>) -> String {
        let start = blocks.lowerBound < topBlocks.count ? topBlockTextStarts[blocks.lowerBound] : text.count
        let end = blocks.upperBound < topBlocks.count ? topBlockTextStarts[blocks.upperBound] : text.count
        return Self.trimmedString(text[min(start, text.count)..<min(max(start, end), text.count)])
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
}
