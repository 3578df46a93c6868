// The only file that talks to libcmark (with the pipe table pass). cmark allocates from the
// calling thread's arena (`CCmarkArena`): every parse and every node made here happens inside a
// `withArena` scope, which reclaims the whole tree when it ends, so every string is copied out
// and no C pointer outlives the call that made it. Walks use `cmark_iter` (never recursion), so
// a 500,000-deep block quote cannot overflow the stack. cmark keeps no global state and each
// thread has its own arena, so documents may be rendered on several threads at once.

import CCmark
import CCmarkArena
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

    /// cmark's allocator for everything made here: the calling thread's arena. Written once,
    /// when first used, and only read after.
    nonisolated(unsafe) static let memory: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(to: cmark_mem(
            calloc: policysite_cmark_arena_calloc, realloc: policysite_cmark_arena_realloc, free: policysite_cmark_arena_free))
        return memory
    }()

    /// Runs `body` in a scope of this thread's arena: what cmark allocates in it is reclaimed
    /// when the outermost scope ends, so no cmark pointer may leave `body`.
    @inline(__always)
    static func withArena<Result>(_ body: () -> Result) -> Result {
        policysite_cmark_arena_enter()
        defer { policysite_cmark_arena_leave() }
        return body()
    }

    /// Parses `source` with the arena's allocator (call inside `withArena`); nil when cmark fails.
    static func parse(_ source: UnsafeBufferPointer<UInt8>, options: Int32) -> CmarkNode? {
        guard let parser = cmark_parser_new_with_mem(options, memory) else { return nil }
        defer { cmark_parser_free(parser) }
        source.withMemoryRebound(to: CChar.self) { chars in
            // cmark wants a non-null pointer even for an empty document.
            if let base = chars.baseAddress, !chars.isEmpty { cmark_parser_feed(parser, base, chars.count) }
        }
        return cmark_parser_finish(parser)
    }

    /// A new node from the arena (call inside `withArena`).
    static func newNode(_ type: cmark_node_type) -> CmarkNode? {
        cmark_node_new_with_mem(type, memory)
    }

    /// Parses one document, runs the pipe table pass over cmark's tree, and hands `body` the
    /// tree as an immutable `MarkdownNodeTable` with a handle that applies the passes' edits and
    /// renders. cmark's objects live only during the call.
    /// - Parameters:
    ///   - isValidUTF8: the caller knows `source` is valid UTF-8 (a `String`'s bytes, or bytes
    ///     `UTF8Check` found nothing wrong with): cmark then skips its own check, which would only
    ///     copy the line.
    ///   - tables: nil for no tables, else whether tables get the site's markup.
    static func withDocument<Result>(
        _ source: UnsafeBufferPointer<UInt8>, isValidUTF8: Bool, tables: Bool?,
        _ body: (inout CmarkDocument, inout SourceText) -> Result
    ) -> Result? {
        withArena { withParsedDocument(source, isValidUTF8: isValidUTF8, tables: tables, body) }
    }

    private static func withParsedDocument<Result>(
        _ source: UnsafeBufferPointer<UInt8>, isValidUTF8: Bool, tables: Bool?,
        _ body: (inout CmarkDocument, inout SourceText) -> Result
    ) -> Result? {
        let parseOptions = isValidUTF8 ? CMARK_OPT_SOURCEPOS : self.parseOptions
        guard let root = parse(source, options: parseOptions) else { return nil }
        // Not freed node by node: the tree is the arena's, reclaimed when `withDocument` returns.
        var sourceText = SourceText(bytes: source)
        var findings: [PipeTablePass.Finding] = []
        var auxiliary = AuxiliaryLines()
        var madeTables = false
        if let siteMarkup = tables {
            var pass = PipeTablePass(siteMarkup: siteMarkup, parseOptions: parseOptions)
            pass.run(root, source: &sourceText)
            findings = pass.findings
            auxiliary = pass.auxiliary
            madeTables = pass.madeTables
        }
        var document = CmarkDocument(root: root, tableFindings: findings)
        document.snapshot(auxiliary: madeTables ? auxiliary : nil, sourceSize: source.count)
        return body(&document, &sourceText)
    }

    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    // MARK: - Document

    /// One parsed document: its table, and the cmark nodes behind the table's rows (which never
    /// leave this file).
    struct CmarkDocument {
        fileprivate let root: CmarkNode
        /// cmark's node for each row of `table`; a heading's entry is replaced by its wrapper.
        fileprivate var nodes: [CmarkNode] = []
        /// Rows of the headings replaced by a wrapper block (`wrapHeading`), in document order:
        /// a part marker beside one goes in the wrapper's own text rather than a node of its own.
        private var wrappedHeadings: [Int] = []
        /// The tree after the table pass, as values.
        private(set) var table = MarkdownNodeTable()
        /// The table pass's `pipe-table` findings, sorted.
        let tableFindings: [PipeTablePass.Finding]

        fileprivate init(root: CmarkNode, tableFindings: [PipeTablePass.Finding]) {
            self.root = root
            self.tableFindings = tableFindings
        }

        /// Records the tree in one `cmark_iter` walk. Nodes the table pass moved from its
        /// auxiliary document (under a marked root, see `PipeTableMark`) get the file's positions.
        fileprivate mutating func snapshot(auxiliary: AuxiliaryLines?, sourceSize: Int) {
            guard let iterator = cmark_iter_new(root) else { return }
            defer { cmark_iter_free(iterator) }
            var builder = MarkdownNodeTable.Builder(expectedNodes: sourceSize / 12 + 16, literalBytes: sourceSize + 64)
            // A local rather than `self.nodes` in the loop: one uniqueness check per document.
            var nodes: [CmarkNode] = []
            nodes.reserveCapacity(sourceSize / 12 + 16)
            defer { self.nodes = nodes }
            /// Open containers: row, and whether the table pass marked it (its exit leaves the
            /// auxiliary nodes), so an exit needs nothing more from cmark.
            var open: [(index: Int, marked: Bool)] = []
            open.reserveCapacity(16)
            let hasAuxiliary = auxiliary != nil
            var auxiliaryDepth = 0
            var cellMark = 0
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                if event == CMARK_EVENT_EXIT {
                    // Containers are exactly the nodes `cmark_iter` exits (`isLeaf`).
                    if let (index, marked) = open.popLast() {
                        if marked { auxiliaryDepth -= 1 }
                        builder.end(index)
                    }
                    continue
                }
                guard let node = cmark_iter_get_node(iterator) else { break }
                let type = cmark_node_get_type(node)
                var marked = false
                var isCell = false
                if hasAuxiliary, Self.mayBeMarked(type), let mark = cmark_node_get_user_data(node) {
                    marked = true
                    if !Self.isLeaf(type) { auxiliaryDepth += 1 }
                    if PipeTableMark.isCell(mark) {
                        cellMark = Int(bitPattern: mark)
                        isCell = true
                    }
                }
                var line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
                if auxiliaryDepth > 0 || marked, let auxiliary {
                    // A node the pass made has no position: a plain-text cell's text, which
                    // starts the cell.
                    if line == 0, cellMark & 3 == 3, cellMark >> 2 < auxiliary.plainCells.count {
                        (line, column) = auxiliary.plainCells[cellMark >> 2]
                    } else if let mapped = auxiliary.sourcePosition(line: line, column: column) {
                        (line, column) = mapped
                    }
                }
                let kind = MarkdownTree.Kind(type)
                let index: Int
                switch type {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                    index = builder.add(
                        kind, depth: open.count, line: line, column: column, isCell: isCell, literal: Self.bytes(cmark_node_get_literal(node)))
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                    index = builder.add(
                        kind, depth: open.count, line: line, column: column, isCell: isCell, literal: Self.bytes(cmark_node_get_url(node)))
                    builder.setTitle(index, Self.bytes(cmark_node_get_title(node)))
                case CMARK_NODE_HEADING:
                    index = builder.add(
                        kind, depth: open.count, line: line, column: column, isCell: isCell,
                        headingLevel: Int(cmark_node_get_heading_level(node)))
                default:
                    index = builder.add(kind, depth: open.count, line: line, column: column, isCell: isCell)
                }
                nodes.append(node)
                if kind.isContainer { open.append((index, marked)) }
            }
            table = builder.table()
        }

        private static func bytes(_ pointer: UnsafePointer<CChar>?) -> UnsafeBufferPointer<UInt8> {
            guard let pointer else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
        }

        /// Whether the table pass may have marked a node of this type (see `PipeTableMark`):
        /// blocks and cells. Text and other inlines, most of the nodes, are never asked.
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

        // MARK: Edits

        /// Applies what the passes decided to cmark's tree: link destinations, blanked raw HTML,
        /// cross-links, heading wrappers.
        mutating func apply(_ edits: MarkdownEdits) {
            for (node, url) in edits.destinations { cmark_node_set_url(nodes[node], url) }
            for node in edits.blankedHTML { cmark_node_set_literal(nodes[node], "") }
            edits.crossLinkHTML.withUnsafeBufferPointer { html in
                for replacement in edits.textReplacements {
                    if !replaceByHTML(replacement.node, html: html.baseAddress! + replacement.html) {
                        split(replacement.node, pieces: edits.pieces[replacement.pieces])
                    }
                }
            }
            for node in edits.textSplits { split(node.node, pieces: edits.pieces[node.pieces]) }
            edits.headingHTML.withUnsafeBufferPointer { html in
                if !edits.headings.isEmpty { wrappedHeadings.reserveCapacity(edits.headings.count) }
                for heading in edits.headings {
                    wrapHeading(heading.node, enter: html.baseAddress! + heading.enter, exit: html.baseAddress! + heading.exit)
                }
            }
        }

        /// Replaces a text node by one custom inline holding `html` (NUL-terminated).
        private mutating func replaceByHTML(_ index: Int, html: UnsafePointer<UInt8>) -> Bool {
            let node = nodes[index]
            guard let inline = CmarkBridge.newNode(CMARK_NODE_CUSTOM_INLINE) else { return false }
            html.withMemoryRebound(to: CChar.self, capacity: 1) { _ = cmark_node_set_on_enter(inline, $0) }
            guard cmark_node_insert_before(node, inline) != 0 else {
                cmark_node_free(inline)
                return false
            }
            cmark_node_free(node)
            return true
        }

        /// Replaces the linked identifiers of a text node by link nodes.
        private func split(_ index: Int, pieces: ArraySlice<CrossLinkPiece>) {
            let node = nodes[index]
            let range = table.literalRange(index)
            table.bytes.withUnsafeBufferPointer { all in
                let literal = UnsafeBufferPointer(rebasing: all[range])
                withUnsafeTemporaryAllocation(of: CChar.self, capacity: literal.count + 1) { scratch in
                    /// `literal[range]` as a NUL-terminated string in `scratch`.
                    func terminated(_ range: Range<Int>) -> UnsafePointer<CChar> {
                        let base = scratch.baseAddress!
                        if !range.isEmpty {
                            UnsafeMutableRawPointer(base).copyMemory(from: literal.baseAddress! + range.lowerBound, byteCount: range.count)
                        }
                        base[range.count] = 0
                        return UnsafePointer(base)
                    }
                    var cursor = 0
                    for piece in pieces {
                        if piece.offset > cursor {
                            guard let before = CmarkBridge.newNode(CMARK_NODE_TEXT) else { return }
                            cmark_node_set_literal(before, terminated(cursor..<piece.offset))
                            cmark_node_insert_before(node, before)
                        }
                        guard let link = CmarkBridge.newNode(CMARK_NODE_LINK) else { return }
                        guard let label = CmarkBridge.newNode(CMARK_NODE_TEXT) else {
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
        }

        /// Replaces a heading by a custom block holding a custom inline with the wrapper's HTML
        /// around the heading's own children, so cmark still renders and escapes the text. The
        /// block's own enter/exit text stays empty: cmark writes a newline around a custom
        /// block's text, which would land inside the `<hN>`.
        private mutating func wrapHeading(_ index: Int, enter: UnsafePointer<UInt8>, exit: UnsafePointer<UInt8>) {
            let node = nodes[index]
            guard let block = CmarkBridge.newNode(CMARK_NODE_CUSTOM_BLOCK) else { return }
            guard let inline = CmarkBridge.newNode(CMARK_NODE_CUSTOM_INLINE) else {
                cmark_node_free(block)
                return
            }
            enter.withMemoryRebound(to: CChar.self, capacity: 1) { _ = cmark_node_set_on_enter(inline, $0) }
            exit.withMemoryRebound(to: CChar.self, capacity: 1) { _ = cmark_node_set_on_exit(inline, $0) }
            cmark_node_append_child(block, inline)
            while let child = cmark_node_first_child(node) {
                cmark_node_append_child(inline, child)
            }
            cmark_node_insert_before(node, block)
            cmark_node_free(node)
            nodes[index] = block
            wrappedHeadings.append(index)
        }

        // MARK: Rendering

        /// Renders the document and returns the HTML of each part: `parts` are consecutive
        /// ranges of `topBlocks` (row indices of the top-level blocks) covering all of them.
        func render(topBlocks: [Int], parts: [Range<Int>], allowRawHTML: Bool, forceSeparate: Bool = false) -> RenderedParts {
            let options = CmarkBridge.renderOptions(allowRawHTML: allowRawHTML)
            if !forceSeparate, let rendered = renderWithMarkers(topBlocks: topBlocks, parts, options: options) {
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

        /// A separator rendered between parts so the document is rendered in one call: two
        /// Unicode noncharacters around a word. It is only trusted when the output holds exactly
        /// as many as were inserted (an entity such as `&#xFDD0;` in the page could fake one);
        /// otherwise each part is rendered on its own, which gives the same bytes, only slower.
        /// U+FDD0, `policysite-part`, U+FDD1 (Swift has no literal for noncharacters).
        static let partMarkerBytes: [UInt8] = [0xEF, 0xB7, 0x90] + Array("policysite-part".utf8) + [0xEF, 0xB7, 0x91]
        static let partMarkerCString: [CChar] = partMarkerBytes.map { CChar(bitPattern: $0) } + [0]

        private func renderWithMarkers(topBlocks: [Int], _ parts: [Range<Int>], options: Int32) -> RenderedParts? {
            // One marker per boundary between parts, before the first block of the next part (or
            // at the end when only empty parts follow). A boundary right after or before a
            // wrapped heading (every boundary between a page's sections, as parts alternate
            // headings and bodies) goes in the wrapper block's exit or enter text: cmark writes
            // a custom block's text between newlines, as it writes a marker block's, so the HTML
            // is the same, with no node to make and render. Markers at one place are joined by
            // newlines, as marker blocks would be.
            let made = Self.partMarkerCString.withUnsafeBufferPointer { one in
                Self.twoPartMarkersCString.withUnsafeBufferPointer { two in
                    placeMarkers(topBlocks: topBlocks, parts, one: one.baseAddress!, two: two.baseAddress!)
                }
            }
            guard made else {
                clearMarkers()
                return nil
            }
            guard let html = cmark_render_html(root, options) else {
                clearMarkers()
                return nil
            }
            defer { memory.pointee.free(html) }
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
            guard segments.count == parts.count else {
                clearMarkers()
                return nil
            }
            return RenderedParts(bytes: output, segments: segments)
        }

        /// Two markers with the newline cmark writes between two marker blocks.
        static let twoPartMarkersCString: [CChar] = partMarkerCString.dropLast() + [0x0A] + partMarkerCString

        /// Puts one marker per boundary between parts (see `renderWithMarkers`): in the text of
        /// a wrapper beside it, else in a custom block of its own; false when cmark fails.
        private func placeMarkers(topBlocks: [Int], _ parts: [Range<Int>], one: UnsafePointer<CChar>, two: UnsafePointer<CChar>) -> Bool {
            var pending = (block: -1, isExit: false, count: 0)
            let wrapped = wrappedHeadings
            // Boundaries only move forward, and so do the blocks beside them: one walk over the
            // wrapped headings. `next` is the first at or after the block before the boundary.
            var next = 0
            for part in parts.dropLast() {
                let boundary = part.upperBound
                var block = -1, isExit = false
                if boundary > 0 {
                    let before = topBlocks[boundary - 1]
                    while next < wrapped.count, wrapped[next] < before { next += 1 }
                    if next < wrapped.count, wrapped[next] == before {
                        block = before
                        isExit = true
                    }
                }
                if block < 0, boundary < topBlocks.count {
                    let after = topBlocks[boundary]
                    var candidate = next
                    while candidate < wrapped.count, wrapped[candidate] < after { candidate += 1 }
                    if candidate < wrapped.count, wrapped[candidate] == after { block = after }
                }
                if block >= 0 {
                    if pending.block == block, pending.isExit == isExit {
                        pending.count += 1
                    } else {
                        setMarkers(pending, one: one, two: two)
                        pending = (block, isExit, 1)
                    }
                    continue
                }
                guard let marker = CmarkBridge.newNode(CMARK_NODE_CUSTOM_BLOCK) else { return false }
                _ = cmark_node_set_on_enter(marker, one)
                if boundary < topBlocks.count {
                    cmark_node_insert_before(nodes[topBlocks[boundary]], marker)
                } else {
                    cmark_node_append_child(root, marker)
                }
            }
            setMarkers(pending, one: one, two: two)
            return true
        }

        /// Gives a wrapper `count` markers as its enter or exit text (none when `block` is -1).
        private func setMarkers(_ pending: (block: Int, isExit: Bool, count: Int), one: UnsafePointer<CChar>, two: UnsafePointer<CChar>) {
            guard pending.block >= 0 else { return }
            func set(_ text: UnsafePointer<CChar>) {
                if pending.isExit { _ = cmark_node_set_on_exit(nodes[pending.block], text) } else { _ = cmark_node_set_on_enter(nodes[pending.block], text) }
            }
            switch pending.count {
            case 1: set(one)
            case 2: set(two)
            default:
                // Three or more parts meet only where several parts are empty: rare.
                var text = Array(Self.partMarkerCString.dropLast())
                for _ in 1..<pending.count { text += [0x0A] + Self.partMarkerCString.dropLast() }
                text.append(0)
                text.withUnsafeBufferPointer { set($0.baseAddress!) }
            }
        }

        /// Empties the enter and exit text of every wrapper, where `placeMarkers` may have put
        /// markers, before the parts are rendered one by one.
        private func clearMarkers() {
            for block in wrappedHeadings {
                _ = cmark_node_set_on_enter(nodes[block], "")
                _ = cmark_node_set_on_exit(nodes[block], "")
            }
        }

        /// Renders consecutive top-level blocks alone: they are moved under a fresh document
        /// node, which is rendered and freed with them.
        private func render(_ blocks: ArraySlice<Int>, into bytes: inout [UInt8], options: Int32) {
            guard !blocks.isEmpty, let container = CmarkBridge.newNode(CMARK_NODE_DOCUMENT) else { return }
            defer { cmark_node_free(container) }
            for block in blocks { cmark_node_append_child(container, nodes[block]) }
            guard let html = cmark_render_html(container, options) else { return }
            defer { memory.pointee.free(html) }
            bytes.append(contentsOf: UnsafeBufferPointer(start: UnsafeRawPointer(html).assumingMemoryBound(to: UInt8.self), count: strlen(html)))
        }
    }

    /// The node tree as Swift values, in document order; see `MarkdownTree`.
    static func tree(_ source: [UInt8], lineOffset: Int) -> [MarkdownTree.Node] {
        withArena { source.withUnsafeBufferPointer { treeOfParsedDocument($0, lineOffset: lineOffset) } }
    }

    private static func treeOfParsedDocument(_ source: UnsafeBufferPointer<UInt8>, lineOffset: Int) -> [MarkdownTree.Node] {
        guard let document = parse(source, options: parseOptions) else { return [] }
        // Reclaimed with the arena when `tree` returns.
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

}

extension MarkdownTree.Kind {
    @inline(__always)
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

