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
    /// no buffer per heading or link. The text is written straight into its array's storage,
    /// sized once: literals and at most one separator as a row starts and one as it ends.
    init(_ table: MarkdownNodeTable) {
        var topBlocks: [Int] = [], topBlockTextStarts: [Int] = []
        var headingTexts: [String] = [], linkTexts: [String] = []
        topBlocks.reserveCapacity(table.counts.topBlocks)
        topBlockTextStarts.reserveCapacity(table.counts.topBlocks)
        headingTexts.reserveCapacity(table.counts.headings)
        linkTexts.reserveCapacity(table.counts.links)
        defer {
            self.topBlocks = topBlocks
            self.topBlockTextStarts = topBlockTextStarts
            self.headingTexts = headingTexts
            self.linkTexts = linkTexts
        }
        text = [UInt8](unsafeUninitializedCapacity: table.bytes.count + 2 * table.count + 1) { buffer, initializedCount in
            let base = buffer.baseAddress!
            var count = 0
            func endBlock() {
                if count > 0, base[count - 1] != 0x0A {
                    base[count] = 0x0A
                    count += 1
                }
            }
            func exit(_ kind: MarkdownNodeTable.Kind, textStart: Int, link: Int) {
                switch kind {
                case .heading:
                    let range = Self.trimmed(UnsafeBufferPointer(start: base, count: count), from: textStart)
                    headingTexts.append(String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self))
                    endBlock()
                case .paragraph, .customBlock:
                    // Custom blocks are the table pass's: each row ends a line of text.
                    endBlock()
                case .link, .image:
                    // An image inside a link: its description is part of the link's text.
                    let end = min(count, textStart + Self.linkTextLimit)
                    linkTexts[link] = String(decoding: UnsafeBufferPointer(start: base + textStart, count: end - textStart), as: UTF8.self)
                default:
                    break
                }
            }
            /// Open headings, paragraphs, custom blocks, links and images: row, where their text
            /// starts, and for a link or image its index in `linkTexts`.
            var open: [(node: Int, textStart: Int, link: Int)] = []
            open.reserveCapacity(8)
            table.rows.withUnsafeBufferPointer { rows in
                table.bytes.withUnsafeBufferPointer { bytes in
                    let literals = bytes.baseAddress
                    func appendLiteral(_ row: MarkdownNodeTable.Row) {
                        let length = Int(row.literalEnd) - Int(row.literalStart)
                        guard length > 0, let literals else { return }
                        (base + count).update(from: literals + Int(row.literalStart), count: length)
                        count += length
                    }
                    for node in 0..<rows.count {
                        while let last = open.last, Int(rows[last.node].end) <= node {
                            open.removeLast()
                            exit(rows[last.node].kind, textStart: last.textStart, link: last.link)
                        }
                        let row = rows[node]
                        if row.isCell, count > 0, base[count - 1] != 0x0A, base[count - 1] != 0x20 {
                            base[count] = 0x20
                            count += 1
                        }
                        if row.depth == 1 {
                            topBlocks.append(node)
                            topBlockTextStarts.append(count)
                        }
                        switch row.kind {
                        case .text, .code:
                            appendLiteral(row)
                        case .softBreak, .lineBreak:
                            base[count] = 0x20
                            count += 1
                        case .codeBlock:
                            appendLiteral(row)
                            endBlock()
                        case .htmlBlock:
                            endBlock()
                        case .heading, .paragraph, .customBlock:
                            open.append((node, count, -1))
                        case .link, .image:
                            open.append((node, count, linkTexts.count))
                            linkTexts.append("")
                        default:
                            break
                        }
                    }
                    while let last = open.popLast() { exit(rows[last.node].kind, textStart: last.textStart, link: last.link) }
                }
            }
            initializedCount = count
        }
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

    /// The range of `bytes[start...]` without leading and trailing spaces, tabs and newlines.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
        var start = start, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return start..<end
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
