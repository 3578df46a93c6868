/// cmark's tree for one document, after the pipe table pass, as an immutable flat table: one
/// row per node in document order (cmark's enter order), and every literal, URL and title as a
/// byte range of one buffer. `CmarkBridge` makes it in one walk; the site's passes
/// (`SearchTextPass`, `InlinePositionPass`, `LinkPass`, `RawHTMLPass`, `CodeMentionPass`,
/// `HeadingPass`, `SectionPass`) only read it, and what they decide goes back to the bridge as
/// `MarkdownEdits`.
///
/// Why flat: no Swift object per node (a page has thousands), one append per node when it is
/// made, and a 500,000-deep block quote is a long array, not a deep structure to build or free.
struct MarkdownNodeTable {
    typealias Kind = MarkdownTree.Kind

    /// One node.
    struct Row {
        var kind: Kind
        /// Whether it is a table cell, whose text is a word of its own in the search text.
        var isCell: Bool
        /// 1-6 for a heading, 0 for other nodes.
        var headingLevel: UInt8
        /// 0 for the document, 1 for a top-level block.
        var depth: Int32
        /// Index one past the node's last descendant: its descendants are rows `i+1..<end`.
        var end: Int32
        /// 1-based start line before `lineOffset`, mapped back to the file for nodes the table
        /// pass moved from its auxiliary document (0 for a node the pass made).
        var line: Int32
        /// 1-based start column in UTF-8 bytes, as cmark reports it (mapped like `line`).
        var column: Int32
        /// Text, code, code block and HTML literal, or a link's or image's destination: a range
        /// of `bytes` (empty for other nodes).
        var literalStart: Int32
        var literalEnd: Int32
    }

    let rows: [Row]
    /// Links' and images' titles as ranges of `bytes`, by row in document order (few nodes have
    /// one; a sorted list, so a link without one costs no hashing).
    let titles: [(node: Int, range: Range<Int>)]
    /// Every literal, URL and title, one after another.
    let bytes: [UInt8]

    /// How many rows of some kinds there are, so each pass sizes its lists once rather than
    /// growing them (a page is small: a list's growth steps cost as much as filling it).
    struct Counts {
        var topBlocks = 0
        var headings = 0
        /// Links and images.
        var links = 0
        /// Raw HTML blocks and inlines.
        var rawHTML = 0
    }

    let counts: Counts

    init(rows: [Row], titles: [(node: Int, range: Range<Int>)], bytes: [UInt8], counts: Counts = Counts()) {
        self.rows = rows
        self.titles = titles
        self.bytes = bytes
        self.counts = counts
    }

    /// No nodes.
    init() {
        self.init(rows: [], titles: [], bytes: [])
    }

    var count: Int { rows.count }

    /// The node's literal (or destination) as a range of `bytes`.
    func literalRange(_ node: Int) -> Range<Int> {
        Int(rows[node].literalStart)..<Int(rows[node].literalEnd)
    }

    /// The node's literal as a string.
    func literal(_ node: Int) -> String {
        String(decoding: bytes[literalRange(node)], as: UTF8.self)
    }

    /// A link's or image's title.
    func title(_ node: Int) -> String {
        guard !titles.isEmpty else { return "" }
        var low = 0, high = titles.count
        while low < high {
            let middle = (low + high) / 2
            if titles[middle].node < node { low = middle + 1 } else { high = middle }
        }
        guard low < titles.count, titles[low].node == node else { return "" }
        return String(decoding: bytes[titles[low].range], as: UTF8.self)
    }

    /// A heading's level, 1-6.
    func headingLevel(_ node: Int) -> Int {
        Int(rows[node].headingLevel)
    }

    /// Calls `body` with the literal's bytes, borrowed for the call.
    func withLiteral<R>(_ node: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[literalRange(node)])) }
    }

    /// Walks the table as `cmark_iter` walks the tree: `enter` for every node, `exit` for every
    /// container after its descendants, in document order. Iterative: no recursion.
    func walk(enter: (Int) -> Void, exit: (Int) -> Void) {
        var open: [Int] = []
        open.reserveCapacity(16)
        for node in 0..<count {
            while let last = open.last, Int(rows[last].end) <= node {
                open.removeLast()
                exit(last)
            }
            enter(node)
            if rows[node].kind.isContainer { open.append(node) }
        }
        while let last = open.popLast() { exit(last) }
    }

    /// One line per node, indented by depth: `heading @1:1 level=2`, `text @1:3 "Title"`. For
    /// tests and debugging.
    func dump() -> String {
        var out = ""
        for node in 0..<count {
            let row = rows[node]
            out += String(repeating: "  ", count: Int(row.depth))
            out += "\(row.kind.rawValue) @\(row.line):\(row.column)"
            if row.kind == .heading { out += " level=\(row.headingLevel)" }
            if row.isCell { out += " cell" }
            if row.literalEnd > row.literalStart {
                var text = ""
                for character in literal(node) { text += character == "\n" ? "\\n" : String(character) }
                out += row.kind == .link || row.kind == .image ? " url=\"\(text)\"" : " \"\(text)\""
            }
            out += "\n"
        }
        return out
    }
}

extension MarkdownNodeTable {
    /// Collects rows in enter order; `end` closes a container once its descendants are in.
    struct Builder {
        private var rows: [Row] = []
        private var titles: [(node: Int, range: Range<Int>)] = []
        private var bytes: [UInt8] = []
        private var counts = Counts()

        init(expectedNodes: Int, literalBytes: Int) {
            rows.reserveCapacity(expectedNodes)
            bytes.reserveCapacity(literalBytes)
        }

        /// Adds a node (a leaf until `end` says otherwise) and returns its index.
        mutating func add(
            _ kind: Kind, depth: Int, line: Int, column: Int, isCell: Bool, headingLevel: Int = 0,
            literal: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)
        ) -> Int {
            let index = rows.count
            switch kind {
            case .heading: counts.headings += 1
            case .link, .image: counts.links += 1
            case .htmlBlock, .htmlInline: counts.rawHTML += 1
            default: break
            }
            if depth == 1 { counts.topBlocks += 1 }
            let start = Int32(truncatingIfNeeded: bytes.count)
            if !literal.isEmpty { bytes.append(contentsOf: literal) }
            rows.append(Row(
                kind: kind, isCell: isCell, headingLevel: UInt8(clamping: headingLevel), depth: Int32(truncatingIfNeeded: depth),
                end: Int32(truncatingIfNeeded: index + 1), line: Int32(truncatingIfNeeded: line), column: Int32(truncatingIfNeeded: column),
                literalStart: start, literalEnd: Int32(truncatingIfNeeded: bytes.count)))
            return index
        }

        /// The container at `index` has no more descendants.
        mutating func end(_ index: Int) {
            rows[index].end = Int32(truncatingIfNeeded: rows.count)
        }

        mutating func setTitle(_ index: Int, _ title: UnsafeBufferPointer<UInt8>) {
            guard !title.isEmpty else { return }
            let start = bytes.count
            bytes.append(contentsOf: title)
            titles.append((index, start..<bytes.count))
        }

        func table() -> MarkdownNodeTable {
            MarkdownNodeTable(rows: rows, titles: titles, bytes: bytes, counts: counts)
        }
    }
}
