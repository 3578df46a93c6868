/// Where each link, image, inline raw HTML and code mention starts in the file, and the code
/// mentions themselves (`CodeMentionScanner` over every text node).
///
/// Why a pass of its own: cmark's inline columns can be off on continuation lines and inside
/// merged text (see `SourceText`), so each is checked against the file, and a position found on
/// a line bounds the next one on that line (inlines on one line only move right). That bound
/// runs through links, raw HTML and mentions alike, in document order: one pass keeps it.
struct InlinePositionPass {
    /// A code or modifier named in a text node, and where its identifier starts.
    struct Mention {
        var node: Int
        var match: CodeMentionScanner.Match
        var line: Int
        var column: Int
    }

    /// Corrected start column of each link, image and inline raw HTML node, in document order.
    private(set) var columns: [(node: Int, column: Int)] = []
    /// Every mention, in document order.
    private(set) var mentions: [Mention] = []

    private var lastLine = 0
    private var lastColumn = 1

    init(_ table: MarkdownNodeTable, source: inout SourceText) {
        var matches: [CodeMentionScanner.Match] = []
        columns.reserveCapacity(table.counts.links + table.counts.rawHTML)
        table.bytes.withUnsafeBufferPointer { bytes in
            table.rows.withUnsafeBufferPointer { rows in
                for node in 0..<rows.count {
                    let row = rows[node]
                    let line = Int(row.line), column = Int(row.column)
                    switch row.kind {
                    case .text:
                        let literal = UnsafeBufferPointer(rebasing: bytes[Int(row.literalStart)..<Int(row.literalEnd)])
                        if !matches.isEmpty { matches.removeAll(keepingCapacity: true) }
                        CodeMentionScanner.scan(literal, into: &matches)
                        for match in matches {
                            let identifier = UnsafeBufferPointer(rebasing: literal[match.offset..<(match.offset + match.length)])
                            let found = locate(line: line, expected: column + match.offset, in: &source) { text, index in
                                guard text.endIndex - index >= identifier.count else { return false }
                                for (offset, byte) in identifier.enumerated() where text[index + offset] != byte { return false }
                                let before = index > text.startIndex ? text[index - 1] : 0x20
                                let afterIndex = index + identifier.count
                                let after = afterIndex < text.endIndex ? text[afterIndex] : 0x20
                                return !CodeMentionScanner.isWordByte(before) && !CodeMentionScanner.isWordByte(after)
                            }
                            if mentions.isEmpty { mentions.reserveCapacity(24) }
                            mentions.append(Mention(node: node, match: match, line: line, column: found))
                        }
                    case .link, .image:
                        let isImage = row.kind == .image
                        let found = locate(line: line, expected: column, in: &source) { text, index in
                            isImage ? text[index] == UInt8(ascii: "!") : (text[index] == UInt8(ascii: "[") || text[index] == UInt8(ascii: "<"))
                        }
                        columns.append((node, found))
                    case .htmlInline:
                        columns.append((node, locate(line: line, expected: column, in: &source) { text, index in text[index] == UInt8(ascii: "<") }))
                    default:
                        break
                    }
                }
            }
        }
    }

    private mutating func locate(
        line: Int, expected: Int, in source: inout SourceText, matches: (Slice<UnsafeBufferPointer<UInt8>>, Int) -> Bool
    ) -> Int {
        let minimum = line == lastLine ? lastColumn : 1
        let column = source.locate(line: line, expected: expected, minimum: minimum, matches: matches)
        lastLine = line
        lastColumn = column
        return column
    }

    /// Where a node starts: its corrected column when it is a link, image or inline raw HTML.
    func column(of node: Int, in table: MarkdownNodeTable) -> Int {
        // Binary search: `columns` is in document order.
        var low = 0, high = columns.count
        while low < high {
            let middle = (low + high) / 2
            if columns[middle].node < node { low = middle + 1 } else { high = middle }
        }
        return low < columns.count && columns[low].node == node ? columns[low].column : Int(table.rows[node].column)
    }
}
