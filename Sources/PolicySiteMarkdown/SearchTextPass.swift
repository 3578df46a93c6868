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

    /// One loop over the rows; a container's exit comes before the next row outside it. Heading
    /// and link texts are ranges of `text` (everything appended inside them goes there too), so
    /// no buffer per heading or link.
    init(_ table: MarkdownNodeTable) {
        text.reserveCapacity(table.bytes.count + 64)
        topBlocks.reserveCapacity(table.counts.topBlocks)
        topBlockTextStarts.reserveCapacity(table.counts.topBlocks)
        headingTexts.reserveCapacity(table.counts.headings)
        linkTexts.reserveCapacity(table.counts.links)
        /// Open headings, paragraphs, custom blocks, links and images: row, where their text
        /// starts, and for a link or image its index in `linkTexts`.
        var open: [(node: Int, textStart: Int, link: Int)] = []
        open.reserveCapacity(8)
        table.rows.withUnsafeBufferPointer { rows in
            table.bytes.withUnsafeBufferPointer { bytes in
                for node in 0..<rows.count {
                    while let last = open.last, Int(rows[last.node].end) <= node {
                        open.removeLast()
                        exit(rows[last.node].kind, textStart: last.textStart, link: last.link)
                    }
                    let row = rows[node]
                    if row.isCell, let last = text.last, last != 0x0A, last != 0x20 { text.append(0x20) }
                    if row.depth == 1 {
                        topBlocks.append(node)
                        topBlockTextStarts.append(text.count)
                    }
                    switch row.kind {
                    case .text, .code:
                        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(row.literalStart)..<Int(row.literalEnd)]))
                    case .softBreak, .lineBreak:
                        text.append(0x20)
                    case .codeBlock:
                        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(row.literalStart)..<Int(row.literalEnd)]))
                        endBlock()
                    case .htmlBlock:
                        endBlock()
                    case .heading, .paragraph, .customBlock:
                        open.append((node, text.count, -1))
                    case .link, .image:
                        open.append((node, text.count, linkTexts.count))
                        linkTexts.append("")
                    default:
                        break
                    }
                }
                while let last = open.popLast() { exit(rows[last.node].kind, textStart: last.textStart, link: last.link) }
            }
        }
    }

    private mutating func exit(_ kind: MarkdownNodeTable.Kind, textStart: Int, link: Int) {
        switch kind {
        case .heading:
            headingTexts.append(Self.trimmedString(text[textStart...]))
            endBlock()
        case .paragraph, .customBlock:
            // Custom blocks are the table pass's: each row ends a line of text.
            endBlock()
        case .link, .image:
            // An image inside a link: its description is part of the link's text.
            linkTexts[link] = String(decoding: text[textStart..<min(text.count, textStart + Self.linkTextLimit)], as: UTF8.self)
        default:
            break
        }
    }

    private mutating func endBlock() {
        if let last = text.last, last != 0x0A { text.append(0x0A) }
    }

    /// The whole text as one string, which `text(ofBlocks:in:)` slices; nil when decoding would
    /// repair invalid UTF-8 (never expected: cmark's literals are valid), so that byte offsets
    /// of `text` no longer hold in it.
    func wholeText() -> String? {
        let whole = String(decoding: text, as: UTF8.self)
        return whole.utf8.count == text.count ? whole : nil
    }

    /// The text of top-level blocks `blocks` (a range of `topBlocks`), trimmed: a slice of
    /// `whole` (from `wholeText()`), or a string of its own without one.
    func text(ofBlocks blocks: Range<Int>, in whole: String?) -> Substring {
        let start = blocks.lowerBound < topBlocks.count ? topBlockTextStarts[blocks.lowerBound] : text.count
        let end = blocks.upperBound < topBlocks.count ? topBlockTextStarts[blocks.upperBound] : text.count
        let range = Self.trimmed(text[min(start, text.count)..<min(max(start, end), text.count)])
        guard let whole else { return Substring(String(decoding: text[range], as: UTF8.self)) }
        // Trimmed at ASCII bytes between whole characters' bytes: scalar boundaries of `whole`.
        let utf8 = whole.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return whole[lower..<utf8.index(lower, offsetBy: range.count)]
    }

    /// The bytes without leading and trailing spaces, tabs and newlines, as a string; the same as
    /// `String(decoding: bytes, as: UTF8.self).trimmingSpaces`, decoding only once.
    static func trimmedString(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes[trimmed(bytes)], as: UTF8.self)
    }

    /// The range of `bytes` without leading and trailing spaces, tabs and newlines.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> Range<Int> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }
}
