/// cmark's tree for one document, after the pipe table pass, as an immutable flat table: one
/// row per node in document order (cmark's enter order), columns in parallel arrays, and every
/// literal, URL and title as a byte range of one buffer. `CmarkBridge.snapshot` makes it in one
/// walk; the site's passes (`SearchTextPass`, `InlinePositionPass`, `LinkPass`, `RawHTMLPass`,
/// `CodeMentionPass`, `HeadingPass`, `SectionPass`) only read it, and what they decide comes back
/// to the bridge as `MarkdownEdits`.
///
/// Why flat: no Swift object per node (a page has thousands), and a 500,000-deep block quote is
/// a long array, not a deep structure to build or free.
struct MarkdownNodeTable {
    typealias Kind = MarkdownTree.Kind

    /// The node's type.
    let kinds: [Kind]
    /// Index one past the node's last descendant: the children of node `i` are `i+1..<ends[i]`.
    let ends: [Int32]
    /// 0 for the document, 1 for a top-level block.
    let depths: [Int32]
    /// 1-based start line before `lineOffset`, mapped back to the file for nodes the table pass
    /// moved from its auxiliary document.
    let lines: [Int32]
    /// 1-based start column in UTF-8 bytes, as cmark reports it (mapped like `lines`).
    let columns: [Int32]
    /// Text, code, code block and HTML literal; a link's or image's destination: a range of
    /// `bytes` (empty for other nodes).
    let literalStarts: [Int32]
    let literalEnds: [Int32]
    /// 1-6 for a heading, 0 for other nodes.
    let headingLevels: [UInt8]
    /// A link's or image's title as a range of `bytes`, by node index (few nodes have one).
    let titles: [Int: Range<Int>]
    /// Nodes whose text starts a table cell (a word of its own in the search text).
    let cellStarts: Set<Int>
    /// Every literal, URL and title, one after another.
    let bytes: [UInt8]

    init(
        kinds: [Kind], ends: [Int32], depths: [Int32], lines: [Int32], columns: [Int32],
        literalStarts: [Int32], literalEnds: [Int32], headingLevels: [UInt8], titles: [Int: Range<Int>], cellStarts: Set<Int>, bytes: [UInt8]
    ) {
        self.kinds = kinds
        self.ends = ends
        self.depths = depths
        self.lines = lines
        self.columns = columns
        self.literalStarts = literalStarts
        self.literalEnds = literalEnds
        self.headingLevels = headingLevels
        self.titles = titles
        self.cellStarts = cellStarts
        self.bytes = bytes
    }

    /// No nodes.
    init() {
        self.init(kinds: [], ends: [], depths: [], lines: [], columns: [], literalStarts: [], literalEnds: [], headingLevels: [], titles: [:], cellStarts: [], bytes: [])
    }

    var count: Int { kinds.count }

    /// The node's literal (or destination) as a range of `bytes`.
    func literalRange(_ node: Int) -> Range<Int> {
        Int(literalStarts[node])..<Int(literalEnds[node])
    }

    /// The node's literal as a string.
    func literal(_ node: Int) -> String {
        String(decoding: bytes[literalRange(node)], as: UTF8.self)
    }

    /// A link's or image's title.
    func title(_ node: Int) -> String {
        guard let range = titles[node] else { return "" }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// A heading's level, 1-6.
    func headingLevel(_ node: Int) -> Int {
        Int(headingLevels[node])
    }

    /// Calls the literal's bytes, borrowed for the call.
    func withLiteral<R>(_ node: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[literalRange(node)])) }
    }

    /// Walks the table as `cmark_iter` walks the tree: `enter` for every node, `exit` for every
    /// container after its descendants, in document order. Iterative: no recursion.
    func walk(enter: (Int) -> Void, exit: (Int) -> Void) {
        var open: [Int] = []
        open.reserveCapacity(16)
        for node in 0..<count {
            while let last = open.last, Int(ends[last]) <= node {
                open.removeLast()
                exit(last)
            }
            enter(node)
            if kinds[node].isContainer { open.append(node) }
        }
        while let last = open.popLast() { exit(last) }
    }

    /// One line per node, indented by depth: `heading @1:1 level=2`, `text @1:3 "Title"`. For
    /// tests and debugging.
    func dump() -> String {
        var out = ""
        for node in 0..<count {
            out += String(repeating: "  ", count: Int(depths[node]))
            out += "\(kinds[node].rawValue) @\(lines[node]):\(columns[node])"
            if kinds[node] == .heading { out += " level=\(headingLevel(node))" }
            if cellStarts.contains(node) { out += " cell" }
            let range = literalRange(node)
            if !range.isEmpty {
                let text = literal(node).replacingOccurrences(of: "\n", with: "\\n")
                out += kinds[node] == .link || kinds[node] == .image ? " url=\"\(text)\"" : " \"\(text)\""
            }
            out += "\n"
        }
        return out
    }
}

extension MarkdownNodeTable {
    /// Collects rows in enter order; `end` closes a container once its descendants are in.
    struct Builder {
        var kinds: [Kind] = []
        var ends: [Int32] = []
        var depths: [Int32] = []
        var lines: [Int32] = []
        var columns: [Int32] = []
        var literalStarts: [Int32] = []
        var literalEnds: [Int32] = []
        var headingLevels: [UInt8] = []
        var titles: [Int: Range<Int>] = [:]
        var cellStarts: Set<Int> = []
        var bytes: [UInt8] = []

        init(expectedNodes: Int, literalBytes: Int) {
            kinds.reserveCapacity(expectedNodes)
            ends.reserveCapacity(expectedNodes)
            depths.reserveCapacity(expectedNodes)
            lines.reserveCapacity(expectedNodes)
            columns.reserveCapacity(expectedNodes)
            literalStarts.reserveCapacity(expectedNodes)
            literalEnds.reserveCapacity(expectedNodes)
            headingLevels.reserveCapacity(expectedNodes)
            bytes.reserveCapacity(literalBytes)
        }

        /// Adds a node (a leaf until `end` says otherwise) and returns its index.
        mutating func add(_ kind: Kind, depth: Int, line: Int, column: Int, isCell: Bool) -> Int {
            let index = kinds.count
            kinds.append(kind)
            ends.append(Int32(truncatingIfNeeded: index + 1))
            depths.append(Int32(truncatingIfNeeded: depth))
            lines.append(Int32(truncatingIfNeeded: line))
            columns.append(Int32(truncatingIfNeeded: column))
            let here = Int32(truncatingIfNeeded: bytes.count)
            literalStarts.append(here)
            literalEnds.append(here)
            headingLevels.append(0)
            if isCell { cellStarts.insert(index) }
            return index
        }

        /// The container at `index` has no more descendants.
        mutating func end(_ index: Int) {
            ends[index] = Int32(truncatingIfNeeded: kinds.count)
        }

        mutating func setLiteral(_ index: Int, _ literal: UnsafeBufferPointer<UInt8>) {
            literalStarts[index] = Int32(truncatingIfNeeded: bytes.count)
            bytes.append(contentsOf: literal)
            literalEnds[index] = Int32(truncatingIfNeeded: bytes.count)
        }

        mutating func setTitle(_ index: Int, _ title: UnsafeBufferPointer<UInt8>) {
            guard !title.isEmpty else { return }
            let start = bytes.count
            bytes.append(contentsOf: title)
            titles[index] = start..<bytes.count
        }

        mutating func setHeadingLevel(_ index: Int, _ level: Int) {
            headingLevels[index] = UInt8(clamping: level)
        }

        func table() -> MarkdownNodeTable {
            MarkdownNodeTable(
                kinds: kinds, ends: ends, depths: depths, lines: lines, columns: columns, literalStarts: literalStarts,
                literalEnds: literalEnds, headingLevels: headingLevels, titles: titles, cellStarts: cellStarts, bytes: bytes)
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        var result = ""
        for character in self { result += String(character) == target ? replacement : String(character) }
        return result
    }
}
