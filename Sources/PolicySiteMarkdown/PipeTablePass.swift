// GitHub Flavored Markdown pipe tables as one pass over the tree libcmark 0.30 builds; it runs
// before `CmarkBridge` records the tree as a `MarkdownNodeTable`, so the other passes' work
// (code mentions, link rewriting and checks, raw HTML, search text) applies inside cells as
// anywhere else. It is the one pass that changes cmark's tree itself: a table is block
// structure, which must exist before the tree is recorded.
//
// Why a pass over the tree rather than a parser: cmark has already decided the block structure.
// A table in GFM is a paragraph whose lines turned out to be a header row and a delimiter row:
// GFM tries tables only after every other block start, so a line that ends a paragraph in
// CommonMark ends the table too, and the lines of a cmark paragraph are exactly the lines GFM
// could make a table of. The pass reads those lines from the source, splits rows into cells
// (`PipeTableRows`) and has cmark parse each cell's text as inline Markdown: all cells of a
// document go into one auxiliary cmark document, one paragraph each, and the inline nodes cmark
// makes are moved into the table's cells. Tables are custom blocks and cells custom inlines whose
// enter and exit texts are the HTML GFM writes, so cmark still renders and escapes everything.
//
// Nodes moved from the auxiliary document carry its positions; `AuxiliaryLines` maps them back
// to the file's line and column, and `CmarkBridge` records those for every node inside a table.

import CCmark
import CCmarkArena
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where each line of the auxiliary document came from in the source.
struct AuxiliaryLines {
    struct Line {
        /// 1-based line in the parsed source (before `lineOffset`); 0 for a separator line.
        var sourceLine: Int
        /// 1-based column in the source of the line's first byte after `prefix`.
        var sourceColumn: Int
        /// Bytes at the start of the auxiliary line that are not in the source (a U+00A0).
        var prefix: Int
        /// Offsets in the auxiliary text (after `prefix`) of the `|` whose backslash was removed.
        var unescapedPipes: [Int]
    }

    var lines: [Line] = []
    /// Where each plain-text cell (made without the auxiliary document) starts in the source.
    var plainCells: [(line: Int, column: Int)] = []

    /// The source line and column of an auxiliary line and column; nil for a separator line.
    func sourcePosition(line: Int, column: Int) -> (line: Int, column: Int)? {
        guard line >= 1, line <= lines.count else { return nil }
        let entry = lines[line - 1]
        guard entry.sourceLine > 0 else { return nil }
        let offset = max(column - 1 - entry.prefix, 0)
        var removed = 0
        for pipe in entry.unescapedPipes where pipe <= offset { removed += 1 }
        return (entry.sourceLine, entry.sourceColumn + offset + removed)
    }
}

/// `user_data` marks on nodes the pass makes, read by `CmarkBridge` as it records the tree. cmark
/// never dereferences them.
enum PipeTableMark {
    /// The root of nodes moved from the auxiliary document (positions need `AuxiliaryLines`).
    static var auxiliary: UnsafeMutableRawPointer { UnsafeMutableRawPointer(bitPattern: 1)! }

    /// A table cell whose text cmark parsed in the auxiliary document (`line`: the auxiliary
    /// line; 0 for an empty cell). Its text is a word of its own in the search text.
    static func cell(line: Int) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(bitPattern: line << 2 | 2)!
    }

    /// A plain-text cell: its one text node, made by the pass, has no position of its own and
    /// starts where `AuxiliaryLines.plainCells[index]` says.
    static func plainCell(index: Int) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(bitPattern: index << 2 | 3)!
    }

    /// Whether a mark is a cell's.
    static func isCell(_ mark: UnsafeMutableRawPointer) -> Bool {
        Int(bitPattern: mark) & 2 != 0
    }
}

struct PipeTablePass {
    /// A `pipe-table` finding: a would-be table that renders as text.
    struct Finding {
        var line: Int
        var column: Int
        var message: String
    }

    /// Wrap each table in `<div class="table-scroll">` and give header cells `scope="col"`.
    let siteMarkup: Bool
    let parseOptions: Int32

    var auxiliary = AuxiliaryLines()
    var findings: [Finding] = []
    /// Whether any table was made (only then are there marks to read).
    var madeTables = false

    /// One line of a paragraph: its content's byte range in the source (container markers and
    /// leading whitespace skipped) and whether it is a lazy continuation line of a block quote.
    struct ParagraphLine {
        var line: Int
        var content: Range<Int>
        var lineStart: Int
        var lazy: Bool
        /// Columns of whitespace before the content, from where its container's content starts:
        /// 4 or more make GFM read the line as indented (never a table row).
        var indent: Int
    }

    /// A chunk of the auxiliary document.
    struct Chunk {
        enum Kind {
            case inline, blocks
            /// A cell whose text cmark would make one text node of, as it is (see
            /// `isPlainText`): the pass makes the node from these source bytes, and the chunk is
            /// left out of the auxiliary document.
            case plainText(Range<Int>, index: Int)
        }
        var kind: Kind
        var lines: Range<Int> = 0..<0
    }

    /// One paragraph turned into a table.
    struct Conversion {
        var paragraph: CmarkNode
        /// Lines before the header row, parsed again as a paragraph.
        var leading: Int?
        var alignments: [PipeTableRows.Alignment]
        /// Header first; per cell its chunk, nil for an empty or missing cell.
        var rows: [[Int?]]
        /// Lines after the table that GFM reads as other blocks.
        var trailing: Int?
        /// When the trailing lines start with a lazy line of a block quote: the quote the line
        /// is outside of, after which they go (a lazy line never continues a table, so it
        /// closes the quotes whose markers it lacks).
        var escapedQuote: CmarkNode?
    }

    var chunks: [Chunk] = []
    var conversions: [Conversion] = []
    /// The auxiliary document's text for inline chunks, then block chunks (kept apart so a block
    /// chunk can never run on into a paragraph chunk).
    var inlineText: [UInt8] = []
    var blockText: [UInt8] = []
    var blockLines: [AuxiliaryLines.Line] = []
    /// Lines of block chunks not laid out yet; `quoteMarkers` is how many `>` markers to strip
    /// from each line when the chunk leaves the paragraph's quotes, nil to strip them all.
    var pendingBlockChunks: [(chunk: Int, lines: [ParagraphLine], quoteMarkers: Int?)] = []
    var mayUseReferences = false
    var cellScratch: [Range<Int>] = []

    /// Whether the source may hold invalid UTF-8, which cmark repairs (then no plain-text cells).
    var validatesUTF8: Bool { parseOptions & CMARK_OPT_VALIDATE_UTF8 != 0 }

    init(siteMarkup: Bool, parseOptions: Int32) {
        self.siteMarkup = siteMarkup
        self.parseOptions = parseOptions
    }

    // MARK: - Finding tables

    /// Finds the tables of `document`, replaces their paragraphs, and records findings.
    mutating func run(_ document: CmarkNode, source: inout SourceText) {
        // Most pages have no table: one look at the whole file spares the walk over their
        // paragraphs (and a `mayBeTable` per paragraph).
        guard Self.mayHoldTable(source.bytes) else { return }
        // Paragraphs are found through block containers only: inlines are most of the nodes.
        var containers: [CmarkNode] = [document]
        var lines: [ParagraphLine] = []
        while let container = containers.popLast() {
            var child = cmark_node_first_child(container)
            while let node = child {
                child = cmark_node_next(node)
                switch cmark_node_get_type(node) {
                case CMARK_NODE_PARAGRAPH:
                    guard mayBeTable(node, source: &source) else { continue }
                    paragraphLines(node, source: &source, into: &lines)
                    examine(node, lines, source: source)
                case CMARK_NODE_HEADING:
                    // A setext heading is a paragraph and its underline. GFM turns the
                    // paragraph into a table at its delimiter row, before the underline is
                    // seen; the underline is then a row (`===`) or a thematic break (`---`).
                    guard cmark_node_get_end_line(node) > cmark_node_get_start_line(node), mayBeTable(node, source: &source) else { continue }
                    paragraphLines(node, source: &source, into: &lines)
                    examine(node, lines, source: source, isSetextHeading: true)
                case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM:
                    containers.append(node)
                default:
                    break
                }
            }
        }
        findings.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        guard !conversions.isEmpty else { return }
        build(source: source)
    }

    /// Whether any paragraph of the file can pass `mayBeTable`: the file has a `|`, or a `:`
    /// beside a `-`. When not, the pass has nothing to find or report.
    static func mayHoldTable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return false }
        return hasPipe(start, bytes.count) || hasColonBesideDash(start, bytes.count)
    }

    /// Whether a paragraph can hold a table or a would-be table: it has a `|`, or a delimiter
    /// row without pipes, which needs a `:` beside a `-` (a lone `---` underlines a heading).
    func mayBeTable(_ paragraph: CmarkNode, source: inout SourceText) -> Bool {
        let firstLine = Int(cmark_node_get_start_line(paragraph)), lastLine = Int(cmark_node_get_end_line(paragraph))
        let first = source.lineRange(firstLine), last = source.lineRange(lastLine)
        guard first.lowerBound < last.upperBound, let base = source.bytes.baseAddress else { return false }
        let start = base + first.lowerBound
        let count = last.upperBound - first.lowerBound
        if Self.hasPipe(start, count) { return true }
        return lastLine > firstLine && Self.hasColonBesideDash(start, count)
    }

    static func hasPipe(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        memchr(start, Int32(UInt8(ascii: "|")), count) != nil
    }

    /// Whether the `count` bytes at `start` hold a `:` with a `-` right before or after it.
    /// Runs on every paragraph: memchr finds the few colons of prose fastest.
    static func hasColonBesideDash(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var offset = 0
        while offset < count, let found = memchr(start + offset, Int32(UInt8(ascii: ":")), count - offset) {
            let index = UnsafeRawPointer(found) - UnsafeRawPointer(start)
            if (index > 0 && start[index - 1] == UInt8(ascii: "-")) || (index + 1 < count && start[index + 1] == UInt8(ascii: "-")) { return true }
            offset = index + 1
        }
        return false
    }

    /// The lines of a paragraph as GFM's parser would see them: after the block quote markers
    /// of its ancestors and leading whitespace.
    func paragraphLines(_ paragraph: CmarkNode, source: inout SourceText, into lines: inout [ParagraphLine]) {
        lines.removeAll(keepingCapacity: true)
        let first = Int(cmark_node_get_start_line(paragraph))
        let last = Int(cmark_node_get_end_line(paragraph))
        var quotes = 0
        // In a list item, indentation counts from the item's content column, where its first
        // block starts (byte offset in the line).
        var itemContent: Int?
        if let parent = cmark_node_parent(paragraph), cmark_node_get_type(parent) == CMARK_NODE_ITEM,
           let firstBlock = cmark_node_first_child(parent) {
            itemContent = Int(cmark_node_get_start_column(firstBlock)) - 1
        }
        var ancestor = cmark_node_parent(paragraph)
        while let node = ancestor {
            if cmark_node_get_type(node) == CMARK_NODE_BLOCK_QUOTE { quotes += 1 }
            ancestor = cmark_node_parent(node)
        }
        let bytes = source.bytes
        for line in first...max(first, last) {
            let range = source.lineRange(line)
            var index = range.lowerBound
            var lazy = false
            var contentStart = range.lowerBound
            if line == first {
                // cmark knows where the paragraph starts; 1-based byte column.
                index = min(range.lowerBound + max(Int(cmark_node_get_start_column(paragraph)) - 1, 0), range.upperBound)
            } else {
                for _ in 0..<quotes {
                    while index < range.upperBound, PipeTableRows.isSpaceChar(bytes[index]) { index += 1 }
                    guard index < range.upperBound, bytes[index] == UInt8(ascii: ">") else {
                        lazy = true
                        break
                    }
                    index += 1
                    // The marker takes one following space.
                    if index < range.upperBound, bytes[index] == 0x20 { index += 1 }
                    contentStart = index
                }
            }
            while index < range.upperBound, PipeTableRows.isSpaceChar(bytes[index]) { index += 1 }
            if let itemContent, !lazy { contentStart = max(contentStart, range.lowerBound + itemContent) }
            let indent = line == first ? 0 : Self.columns(bytes, min(contentStart, index)..<index)
            lines.append(ParagraphLine(line: line, content: index..<range.upperBound, lineStart: range.lowerBound, lazy: lazy, indent: indent))
        }
    }

    /// Width of leading whitespace, a tab reaching the next multiple of 4.
    static func columns(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var width = 0
        for index in range { width = bytes[index] == 0x09 ? (width / 4 + 1) * 4 : width + 1 }
        return width
    }

    /// Looks for a header row followed by a delimiter row with as many cells; records findings
    /// for would-be tables.
    /// - Parameter isSetextHeading: `paragraph` is a setext heading: its underline, the last
    ///   line, is never a delimiter row (`| a |` over `---` is a heading in GFM too), and a
    ///   heading that holds no table gets no finding.
    mutating func examine(_ paragraph: CmarkNode, _ lines: [ParagraphLine], source: SourceText, isSetextHeading: Bool = false) {
        let bytes = source.bytes
        var header: Int?
        var headerCells: [Range<Int>] = []
        var reported = isSetextHeading
        var index = 1
        while index < lines.count - (isSetextHeading ? 1 : 0) {
            let delimiter = lines[index]
            // A lazy line continues the paragraph, never a table (GFM tries tables only in the
            // paragraph's own container).
            if !delimiter.lazy, delimiter.indent < 4, delimiter.content.count > 0,
               PipeTableRows.isDelimiterRow(bytes, delimiter.content) {
                _ = PipeTableRows.cells(bytes, lines[index - 1].content, into: &cellScratch)
                let headerCount = cellScratch.count
                headerCells = cellScratch
                _ = PipeTableRows.cells(bytes, delimiter.content, into: &cellScratch)
                if headerCount == cellScratch.count {
                    header = index - 1
                    break
                }
                if !reported, bytes[lines[index - 1].content].contains(UInt8(ascii: "|")) {
                    reported = true
                    let row = lines[index - 1]
                    findings.append(Finding(
                        line: row.line, column: row.content.lowerBound - row.lineStart + 1,
                        message: "table header has \(headerCount) \(headerCount == 1 ? "cell" : "cells") but its delimiter row has \(cellScratch.count); it renders as text: give both rows the same number of cells"))
                }
            }
            index += 1
        }
        guard let header else {
            if !reported, !isSetextHeading { reportRowsWithoutDelimiter(lines, source: source) }
            return
        }
        convert(paragraph, lines, header: header, headerCells: headerCells, source: source)
    }

    /// A paragraph line that starts with `|` and has two or more cells, with no delimiter row
    /// after it: the author meant a table.
    mutating func reportRowsWithoutDelimiter(_ lines: [ParagraphLine], source: SourceText) {
        let bytes = source.bytes
        for line in lines where !line.content.isEmpty && bytes[line.content.lowerBound] == UInt8(ascii: "|") {
            guard PipeTableRows.cells(bytes, line.content, into: &cellScratch), cellScratch.count >= 2 else { continue }
            findings.append(Finding(
                line: line.line, column: line.content.lowerBound - line.lineStart + 1,
                message: "line looks like a table row, but no delimiter row (| --- | --- |) follows the header; it renders as text"))
            return
        }
    }

    mutating func convert(_ paragraph: CmarkNode, _ lines: [ParagraphLine], header: Int, headerCells: [Range<Int>], source: SourceText) {
        let bytes = source.bytes
        var conversion = Conversion(paragraph: paragraph, alignments: [], rows: [])
        if header > 0 { conversion.leading = addInlineChunk(Array(lines[0..<header]), source: source) }
        _ = PipeTableRows.cells(bytes, lines[header + 1].content, into: &cellScratch)
        conversion.alignments = cellScratch.map { PipeTableRows.alignment(bytes, $0) }
        let columns = headerCells.count
        conversion.rows.append(headerCells.map { cellChunk($0, line: lines[header], source: source) })
        var index = header + 2
        while index < lines.count {
            let line = lines[index]
            if line.lazy || Self.startsOtherBlock(line, source: source) { break }
            guard PipeTableRows.cells(bytes, line.content, into: &cellScratch) else { break }
            var row: [Int?] = []
            row.reserveCapacity(columns)
            let cells = cellScratch
            for cell in cells.prefix(columns) { row.append(cellChunk(cell, line: line, source: source)) }
            // Fewer cells than the header: GFM adds empty ones; more: the rest is dropped.
            while row.count < columns { row.append(nil) }
            conversion.rows.append(row)
            index += 1
        }
        if index < lines.count {
            conversion.trailing = chunks.count
            chunks.append(Chunk(kind: .blocks))
            var quoteMarkers: Int?
            if lines[index].lazy {
                let present = Self.quoteMarkerCount(lines[index], source: source)
                let quotes = Self.blockQuoteAncestors(paragraph)
                if present < quotes.count {
                    conversion.escapedQuote = quotes[quotes.count - 1 - present]
                    quoteMarkers = present
                }
            }
            pendingBlockChunks.append((conversion.trailing!, Array(lines[index...]), quoteMarkers))
        }
        conversions.append(conversion)
    }

    /// The block quotes around `node`, innermost first.
    static func blockQuoteAncestors(_ node: CmarkNode) -> [CmarkNode] {
        var quotes: [CmarkNode] = []
        var ancestor = cmark_node_parent(node)
        while let current = ancestor {
            if cmark_node_get_type(current) == CMARK_NODE_BLOCK_QUOTE { quotes.append(current) }
            ancestor = cmark_node_parent(current)
        }
        return quotes
    }

    /// How many block quote markers (`>`, each after optional spaces) start the line.
    static func quoteMarkerCount(_ line: ParagraphLine, source: SourceText) -> Int {
        markerEnd(line, count: Int.max, source: source).count
    }

    /// Where the line's content starts after at most `count` block quote markers (and the one
    /// space each takes), and how many there were.
    static func markerEnd(_ line: ParagraphLine, count: Int, source: SourceText) -> (end: Int, count: Int) {
        let bytes = source.bytes
        var index = line.lineStart, end = line.lineStart, found = 0
        while found < count {
            var probe = index
            while probe < line.content.upperBound, PipeTableRows.isSpaceChar(bytes[probe]) { probe += 1 }
            guard probe < line.content.upperBound, bytes[probe] == UInt8(ascii: ">") else { break }
            probe += 1
            if probe < line.content.upperBound, bytes[probe] == 0x20 { probe += 1 }
            index = probe
            end = probe
            found += 1
        }
        return (end, found)
    }

    /// Whether a line after the delimiter row starts a block GFM would open there although it
    /// cannot interrupt a CommonMark paragraph (so cmark kept it in the paragraph): indented
    /// code, an ordered list not starting at 1, an empty list item, an HTML block of kind 7.
    /// cmark decides, on the line alone; only lines that could be one of these are asked.
    static func startsOtherBlock(_ line: ParagraphLine, source: SourceText) -> Bool {
        let bytes = source.bytes
        guard let first = line.content.first.map({ bytes[$0] }) else { return false }
        // GFM opens indented code after a table (there is no paragraph for it to continue).
        if line.indent >= 4 { return true }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "<"):
            break
        default:
            return false
        }
        let text = UnsafeBufferPointer(rebasing: bytes[line.content])
        policysite_cmark_arena_enter()
        defer { policysite_cmark_arena_leave() }
        guard let document = CmarkBridge.parse(text, options: CMARK_OPT_DEFAULT) else { return false }
        defer { cmark_node_free(document) }
        guard let child = cmark_node_first_child(document) else { return false }
        return cmark_node_get_type(child) != CMARK_NODE_PARAGRAPH
    }

    // MARK: - The auxiliary document

    /// A cell's text as an inline chunk: U+00A0, then the text with `\|` unescaped. The no-break
    /// space makes cmark read the line as a paragraph whatever it holds (`1. x`, `# x`, `<div>`
    /// stay text, as in GFM cells) and counts as whitespace before the first delimiter run, as
    /// the start of a line does; it is removed from the first text node afterwards.
    mutating func cellChunk(_ cell: Range<Int>, line: ParagraphLine, source: SourceText) -> Int? {
        guard !cell.isEmpty else { return nil }
        let bytes = source.bytes
        if Self.isPlainText(UnsafeBufferPointer(rebasing: bytes[cell]), mayBeInvalidUTF8: validatesUTF8) {
            auxiliary.plainCells.append((line.line, cell.lowerBound - line.lineStart + 1))
            chunks.append(Chunk(kind: .plainText(cell, index: auxiliary.plainCells.count - 1)))
            return chunks.count - 1
        }
        let startLine = auxiliary.lines.count + 1
        inlineText.append(0xC2)
        inlineText.append(0xA0)
        var pipes: [Int] = []
        var written = 0
        var index = cell.lowerBound
        while index < cell.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < cell.upperBound, bytes[index + 1] == UInt8(ascii: "|") {
                pipes.append(written)
                index += 1
                continue
            }
            if byte == UInt8(ascii: "[") { mayUseReferences = true }
            inlineText.append(byte)
            written += 1
            index += 1
        }
        inlineText.append(0x0A)
        inlineText.append(0x0A)
        auxiliary.lines.append(AuxiliaryLines.Line(
            sourceLine: line.line, sourceColumn: cell.lowerBound - line.lineStart + 1, prefix: 2, unescapedPipes: pipes))
        auxiliary.lines.append(AuxiliaryLines.Line(sourceLine: 0, sourceColumn: 1, prefix: 0, unescapedPipes: []))
        chunks.append(Chunk(kind: .inline, lines: startLine..<(startLine + 1)))
        return chunks.count - 1
    }

    /// Whether cmark would parse `text` as one text node holding exactly these bytes: none of
    /// the bytes its inline parser stops at (`SPECIAL_CHARS` in cmark 0.30's inlines.c: line
    /// endings, `!`, `&`, `*`, `<`, `[`, `\`, `]`, `_`, backquote), no NUL (which cmark replaces),
    /// and, when cmark repairs invalid UTF-8, only ASCII. Most cells are such text (`2019`, `Aetna`),
    /// and a document whose cells all are needs no auxiliary parse.
    static func isPlainText(_ text: UnsafeBufferPointer<UInt8>, mayBeInvalidUTF8: Bool) -> Bool {
        for byte in text {
            switch byte {
            case 0, 0x0A, 0x0D, UInt8(ascii: "!"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "<"), UInt8(ascii: "["),
                 UInt8(ascii: "\\"), UInt8(ascii: "]"), UInt8(ascii: "_"), UInt8(ascii: "`"):
                return false
            default:
                if byte >= 0x80, mayBeInvalidUTF8 { return false }
            }
        }
        return true
    }

    /// Paragraph lines before a table's header row, as one inline chunk.
    mutating func addInlineChunk(_ lines: [ParagraphLine], source: SourceText) -> Int {
        let startLine = auxiliary.lines.count + 1
        for (number, line) in lines.enumerated() {
            if number == 0 {
                inlineText.append(0xC2)
                inlineText.append(0xA0)
            }
            let content = source.bytes[line.content]
            if content.contains(UInt8(ascii: "[")) { mayUseReferences = true }
            inlineText.append(contentsOf: content)
            inlineText.append(0x0A)
            auxiliary.lines.append(AuxiliaryLines.Line(
                sourceLine: line.line, sourceColumn: line.content.lowerBound - line.lineStart + 1,
                prefix: number == 0 ? 2 : 0, unescapedPipes: []))
        }
        inlineText.append(0x0A)
        auxiliary.lines.append(AuxiliaryLines.Line(sourceLine: 0, sourceColumn: 1, prefix: 0, unescapedPipes: []))
        chunks.append(Chunk(kind: .inline, lines: startLine..<(startLine + lines.count)))
        return chunks.count - 1
    }

    /// Lays out block chunks after every inline chunk, each closed by a line that ends any
    /// list or indented code (a lone U+00A0 paragraph) and a blank line.
    mutating func layOutBlockChunks(source: SourceText) {
        for (chunk, lines, quoteMarkers) in pendingBlockChunks {
            let startLine = auxiliary.lines.count + 1
            for line in lines {
                // Blocks keep their indentation (it decides indented code). Lines that leave
                // the paragraph's quotes keep the markers of the quotes they are outside of.
                let start = if let quoteMarkers {
                    Self.markerEnd(line, count: quoteMarkers, source: source).end
                } else {
                    line.lazy ? line.content.lowerBound : min(line.lineStart + Self.markerLength(line, source: source), line.content.lowerBound)
                }
                let content = source.bytes[start..<line.content.upperBound]
                if content.contains(UInt8(ascii: "[")) { mayUseReferences = true }
                blockText.append(contentsOf: content)
                blockText.append(0x0A)
                auxiliary.lines.append(AuxiliaryLines.Line(
                    sourceLine: line.line, sourceColumn: start - line.lineStart + 1, prefix: 0, unescapedPipes: []))
            }
            chunks[chunk].lines = startLine..<(startLine + lines.count)
            blockText.append(contentsOf: [0x0A, 0xC2, 0xA0, 0x0A, 0x0A])
            for _ in 0..<3 { auxiliary.lines.append(AuxiliaryLines.Line(sourceLine: 0, sourceColumn: 1, prefix: 0, unescapedPipes: [])) }
        }
        pendingBlockChunks = []
    }

    /// Length of the block quote markers (`> `) at the start of a non-lazy line.
    static func markerLength(_ line: ParagraphLine, source: SourceText) -> Int {
        let bytes = source.bytes
        var index = line.lineStart
        var end = line.lineStart
        while index < line.content.lowerBound {
            if bytes[index] == UInt8(ascii: ">") {
                end = index + 1
                if end < line.content.upperBound, bytes[end] == 0x20 { end += 1 }
            }
            index += 1
        }
        return end - line.lineStart
    }

    /// Parses the auxiliary document and puts the tables in place of their paragraphs.
    mutating func build(source: SourceText) {
        // Its own arena scope, nested in the page's: what cmark allocates lives until the page's ends.
        policysite_cmark_arena_enter()
        defer { policysite_cmark_arena_leave() }
        layOutBlockChunks(source: source)
        var text = inlineText
        text.append(contentsOf: blockText)
        // Reference links in cells (`[text][label]`) need the document's definitions, which
        // cmark does not hand out: when a chunk has a `[` and the source may define one (`]:`),
        // the whole source follows, after a line that closes any open block.
        if mayUseReferences, Self.contains(source.bytes, UInt8(ascii: "]"), UInt8(ascii: ":")) {
            text.append(contentsOf: [0xC2, 0xA0, 0x0A, 0x0A])
            text.append(contentsOf: source.bytes)
        }
        // Plain-text cells only: nothing for cmark to parse.
        let parsed: CmarkNode? = text.isEmpty ? nil : text.withUnsafeBufferPointer { CmarkBridge.parse($0, options: parseOptions) }
        defer { if let parsed { cmark_node_free(parsed) } }

        // The top-level blocks of each chunk, found by their start line.
        var chunkOfLine = [Int](repeating: -1, count: auxiliary.lines.count + 2)
        for (index, chunk) in chunks.enumerated() {
            for line in chunk.lines where line < chunkOfLine.count { chunkOfLine[line] = index }
        }
        var blocks = [[CmarkNode]](repeating: [], count: text.isEmpty ? 0 : chunks.count)
        var child = parsed.flatMap { cmark_node_first_child($0) }
        while let node = child {
            child = cmark_node_next(node)
            let line = Int(cmark_node_get_start_line(node))
            guard line < chunkOfLine.count else { break }
            if chunkOfLine[line] >= 0 { blocks[chunkOfLine[line]].append(node) }
        }

        for conversion in conversions {
            let paragraph = conversion.paragraph
            if let leading = conversion.leading, let block = blocks.isEmpty ? nil : blocks[leading].first {
                cmark_node_insert_before(paragraph, block)
                Self.removeNoBreakSpace(block)
                cmark_node_set_user_data(block, PipeTableMark.auxiliary)
            }
            if let table = makeTable(conversion, blocks: blocks, source: source) {
                cmark_node_insert_before(paragraph, table)
                madeTables = true
            }
            if let trailing = conversion.trailing, !blocks.isEmpty {
                if let quote = conversion.escapedQuote {
                    // What followed the paragraph in its own quote goes into a quote of its
                    // own after the escaped lines, as GFM opens a new one there.
                    var rest: CmarkNode?
                    if cmark_node_parent(paragraph) == quote, cmark_node_next(paragraph) != nil, let newQuote = CmarkBridge.newNode(CMARK_NODE_BLOCK_QUOTE) {
                        while let sibling = cmark_node_next(paragraph) { cmark_node_append_child(newQuote, sibling) }
                        rest = newQuote
                    }
                    var after = quote
                    for block in blocks[trailing] {
                        cmark_node_insert_after(after, block)
                        cmark_node_set_user_data(block, PipeTableMark.auxiliary)
                        after = block
                    }
                    if let rest { cmark_node_insert_after(after, rest) }
                } else {
                    for block in blocks[trailing] {
                        cmark_node_insert_before(paragraph, block)
                        cmark_node_set_user_data(block, PipeTableMark.auxiliary)
                    }
                }
            }
            cmark_node_free(paragraph)
        }
    }

    /// The custom blocks and inlines of one table, whose texts are the HTML GFM writes.
    func makeTable(_ conversion: Conversion, blocks: [[CmarkNode]], source: SourceText) -> CmarkNode? {
        guard let table = Self.block(
            siteMarkup ? "<div class=\"table-scroll\">\n<table>" : "<table>",
            siteMarkup ? "</table>\n</div>" : "</table>")
        else { return nil }
        var body: CmarkNode?
        for (number, row) in conversion.rows.enumerated() {
            let isHeader = number == 0
            guard let rowNode = Self.block("<tr>", "</tr>") else { continue }
            for (column, chunk) in row.enumerated() {
                let alignment = column < conversion.alignments.count ? conversion.alignments[column] : .none
                guard let cell = CmarkBridge.newNode(CMARK_NODE_CUSTOM_INLINE) else { continue }
                Self.set(cell, enter: openingTag(isHeader: isHeader, alignment), exit: isHeader ? "</th>\n" : "</td>\n")
                if let chunk, case .plainText(_, let index) = chunks[chunk].kind {
                    cmark_node_set_user_data(cell, PipeTableMark.plainCell(index: index))
                } else {
                    cmark_node_set_user_data(cell, PipeTableMark.cell(line: chunk.map { chunks[$0].lines.lowerBound } ?? 0))
                }
                if let chunk {
                    if case .plainText(let range, _) = chunks[chunk].kind {
                        if let text = Self.textNode(UnsafeBufferPointer(rebasing: source.bytes[range])) { cmark_node_append_child(cell, text) }
                    } else if !blocks.isEmpty, let paragraph = blocks[chunk].first {
                        while let inline = cmark_node_first_child(paragraph) { cmark_node_append_child(cell, inline) }
                        Self.removeNoBreakSpace(cell)
                    }
                }
                cmark_node_append_child(rowNode, cell)
            }
            if isHeader {
                guard let head = Self.block("<thead>", "</thead>") else { continue }
                cmark_node_append_child(head, rowNode)
                cmark_node_append_child(table, head)
            } else {
                if body == nil, let made = Self.block("<tbody>", "</tbody>") {
                    body = made
                    cmark_node_append_child(table, made)
                }
                if let body { cmark_node_append_child(body, rowNode) } else { cmark_node_free(rowNode) }
            }
        }
        return table
    }

    /// A text node holding `bytes`.
    static func textNode(_ bytes: UnsafeBufferPointer<UInt8>) -> CmarkNode? {
        guard let node = CmarkBridge.newNode(CMARK_NODE_TEXT) else { return nil }
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { scratch in
            UnsafeMutableRawPointer(scratch.baseAddress!).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            scratch[bytes.count] = 0
            _ = cmark_node_set_literal(node, scratch.baseAddress)
        }
        return node
    }

    /// The opening tag of a cell; literals, so no string is built per cell.
    func openingTag(isHeader: Bool, _ alignment: PipeTableRows.Alignment) -> StaticString {
        switch (isHeader, siteMarkup, alignment) {
        case (false, _, .none): "<td>"
        case (false, _, .left): "<td align=\"left\">"
        case (false, _, .center): "<td align=\"center\">"
        case (false, _, .right): "<td align=\"right\">"
        case (true, false, .none): "<th>"
        case (true, false, .left): "<th align=\"left\">"
        case (true, false, .center): "<th align=\"center\">"
        case (true, false, .right): "<th align=\"right\">"
        case (true, true, .none): "<th scope=\"col\">"
        case (true, true, .left): "<th scope=\"col\" align=\"left\">"
        case (true, true, .center): "<th scope=\"col\" align=\"center\">"
        case (true, true, .right): "<th scope=\"col\" align=\"right\">"
        }
    }

    /// Sets a custom node's texts from literals (NUL-terminated, which cmark copies).
    static func set(_ node: CmarkNode, enter: StaticString, exit: StaticString) {
        enter.withUTF8Buffer { _ = $0.withMemoryRebound(to: CChar.self) { cmark_node_set_on_enter(node, $0.baseAddress) } }
        exit.withUTF8Buffer { _ = $0.withMemoryRebound(to: CChar.self) { cmark_node_set_on_exit(node, $0.baseAddress) } }
    }

    static func block(_ enter: StaticString, _ exit: StaticString) -> CmarkNode? {
        guard let node = CmarkBridge.newNode(CMARK_NODE_CUSTOM_BLOCK) else { return nil }
        set(node, enter: enter, exit: exit)
        return node
    }

    /// Removes the U+00A0 that opens a chunk from the first text node under `container`.
    static func removeNoBreakSpace(_ container: CmarkNode) {
        guard let first = cmark_node_first_child(container), cmark_node_get_type(first) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(first) else { return }
        let bytes = UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self)
        guard bytes[0] == 0xC2, bytes[1] == 0xA0 else { return }
        if bytes[2] == 0 {
            cmark_node_free(first)
        } else {
            // The rest is copied out before cmark replaces the literal it points into.
            let rest = String(cString: literal + 2)
            cmark_node_set_literal(first, rest)
        }
    }

    /// Whether `first` is directly followed by `second` somewhere in `bytes`.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ first: UInt8, _ second: UInt8) -> Bool {
        guard bytes.count >= 2 else { return false }
        for index in 0..<(bytes.count - 1) where bytes[index] == first && bytes[index + 1] == second { return true }
        return false
    }
}
