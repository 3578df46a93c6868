/// The line-level syntax of GitHub Flavored Markdown pipe tables: splitting a row into cells and
/// recognising a delimiter row. Only what GFM's table extension (cmark-gfm `table.c`,
/// `ext_scanners.re`) does on one line; block structure stays cmark's and each cell's inline
/// content is parsed by cmark (see `PipeTablePass`).
///
/// Every function takes a line without its line ending and without leading whitespace, as
/// `(bytes, range)`, and answers in offsets into the same buffer, so a cell knows its column.
enum PipeTableRows {
    enum Alignment: Equatable { case none, left, center, right }

    /// GFM's `spacechar`: space, tab, vertical tab, form feed.
    @inline(__always)
    static func isSpaceChar(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }

    /// cmark's `cmark_isspace`, which GFM trims cells with.
    @inline(__always)
    static func isTrimmed(_ byte: UInt8) -> Bool {
        isSpaceChar(byte) || byte == 0x0A || byte == 0x0D
    }

    /// The cells of a row, as trimmed byte ranges (escaped pipes `\|` still in them), appended to
    /// `cells`; false when the row has no cell at all (an empty line, a lone `|`).
    ///
    /// A row is `|? cell (| cell)* |?`. A `|` ends a cell unless a backslash comes right before
    /// it: GFM's cell scanner takes the longest match of `(\\punct | [^|])+`, which always
    /// swallows `\|`, even after another backslash (`\\|`).
    static func cells(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into cells: inout [Range<Int>]) -> Bool {
        let end = range.upperBound
        cells.removeAll(keepingCapacity: true)
        /// `| spacechar*` at `index`: its length, 0 when there is no pipe.
        func pipe(at index: Int) -> Int {
            guard index < end, bytes[index] == UInt8(ascii: "|") else { return 0 }
            var next = index + 1
            while next < end, isSpaceChar(bytes[next]) { next += 1 }
            return next - index
        }
        var offset = range.lowerBound
        offset += pipe(at: offset)
        while offset < end {
            var cellEnd = offset
            while cellEnd < end {
                if bytes[cellEnd] == UInt8(ascii: "|"), cellEnd == offset || bytes[cellEnd - 1] != UInt8(ascii: "\\") { break }
                cellEnd += 1
            }
            let pipeLength = pipe(at: cellEnd)
            if cellEnd > offset || pipeLength > 0 {
                var start = offset, stop = cellEnd
                while start < stop, isTrimmed(bytes[start]) { start += 1 }
                while stop > start, isTrimmed(bytes[stop - 1]) { stop -= 1 }
                cells.append(start..<stop)
            }
            // Without a pipe the cell ran to the end of the line: the row is complete.
            offset = cellEnd + pipeLength
        }
        return !cells.isEmpty
    }

    /// Whether the line is a delimiter row, `|? marker (| marker)* |?` where a marker is
    /// `:? -+ :?` with optional spaces around (GFM's `scan_table_start`).
    static func isDelimiterRow(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let end = range.upperBound
        var index = range.lowerBound
        func skipSpaces() { while index < end, isSpaceChar(bytes[index]) { index += 1 } }
        /// Consumes one marker; false (leaving `index` anywhere) when there is none.
        func marker() -> Bool {
            skipSpaces()
            if index < end, bytes[index] == UInt8(ascii: ":") { index += 1 }
            let dashes = index
            while index < end, bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index > dashes else { return false }
            if index < end, bytes[index] == UInt8(ascii: ":") { index += 1 }
            skipSpaces()
            return true
        }
        if index < end, bytes[index] == UInt8(ascii: "|") { index += 1 }
        guard marker() else { return false }
        while index < end, bytes[index] == UInt8(ascii: "|") {
            index += 1
            let afterPipe = index
            if marker() { continue }
            // The pipe was the optional trailing one: only spaces may follow.
            index = afterPipe
            skipSpaces()
            return index == end
        }
        return index == end
    }

    /// The alignment a delimiter cell (`:--`, `:-:`, `--:`, `---`) asks for.
    static func alignment(_ bytes: UnsafeBufferPointer<UInt8>, _ cell: Range<Int>) -> Alignment {
        guard !cell.isEmpty else { return .none }
        let left = bytes[cell.lowerBound] == UInt8(ascii: ":")
        let right = bytes[cell.upperBound - 1] == UInt8(ascii: ":")
        switch (left, right) {
        case (true, true): return .center
        case (true, false): return .left
        case (false, true): return .right
        case (false, false): return .none
        }
    }
}
