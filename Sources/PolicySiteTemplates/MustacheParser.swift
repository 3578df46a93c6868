/// Parses Mustache template text into `MustacheNode`s, as the Mustache specification defines the
/// language: variables, sections, inverted sections, comments, set delimiters, partials, parents
/// and blocks, with the standalone-line whitespace rules.
///
/// It works in three passes over the bytes, none of them recursive, so a template of any depth
/// parses without growing the call stack: tokens (with the delimiters of the moment), then the
/// pairing of opening and closing tags, then the standalone lines; the tree is built last with an
/// explicit stack. Sections nest at most `maximumDepth` deep: deeper is a syntax error, because
/// rendering and checking walk the tree recursively.
struct MustacheParser {
    /// How deep sections, parents and blocks may nest.
    static let maximumDepth = 200

    private let source: [UInt8]
    /// The byte offset at which each line starts.
    private let lineStarts: [Int]

    init(source: [UInt8]) {
        self.source = source
        var starts = [0]
        for (offset, byte) in source.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    // MARK: - Tokens

    enum TagKind: Equatable {
        case variable(escaped: Bool), sectionOpen, invertedOpen, close, comment, delimiters, partial, parentOpen, blockOpen

        var canStandAlone: Bool {
            if case .variable = self { return false }
            return true
        }

        var opens: Bool { self == .sectionOpen || self == .invertedOpen || self == .parentOpen || self == .blockOpen }
    }

    struct Token {
        /// Nil for text.
        var tag: TagKind?
        /// The token's bytes in the source: a text, or a whole tag with its delimiters.
        var start: Int
        var end: Int
        var name = ""
        var standalone = false
        /// The whitespace before a standalone tag.
        var indentation: [UInt8] = []
        /// Text a standalone line removed.
        var removed = false
        /// For an opening tag, the index of its closing tag, and the reverse.
        var partner = -1
    }

    func position(of offset: Int) -> TemplatePosition {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return TemplatePosition(line: low + 1, column: offset - lineStarts[low] + 1)
    }

    private func error(_ message: String, at offset: Int) -> MustacheSyntaxError {
        MustacheSyntaxError(position: position(of: offset), message: message)
    }

    private func matches(_ delimiter: [UInt8], at offset: Int) -> Bool {
        guard offset + delimiter.count <= source.count else { return false }
        for index in delimiter.indices where source[offset + index] != delimiter[index] { return false }
        return true
    }

    private func find(_ delimiter: [UInt8], from offset: Int) -> Int? {
        var index = offset
        while index + delimiter.count <= source.count {
            if source[index] == delimiter[0], matches(delimiter, at: index) { return index }
            index += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// The tag's content without the padding inside it.
    private func trimmed(_ start: Int, _ end: Int) -> (Int, Int) {
        var start = start
        var end = end
        while start < end, Self.isWhitespace(source[start]) { start += 1 }
        while end > start, Self.isWhitespace(source[end - 1]) { end -= 1 }
        return (start, end)
    }

    private func tokenize() throws(MustacheSyntaxError) -> [Token] {
        var tokens: [Token] = []
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)
        var textStart = 0
        var offset = 0

        func addText(_ start: Int, _ end: Int) {
            var lineStart = start
            var index = start
            while index < end {
                if source[index] == UInt8(ascii: "\n") {
                    tokens.append(Token(tag: nil, start: lineStart, end: index + 1))
                    lineStart = index + 1
                }
                index += 1
            }
            if lineStart < end { tokens.append(Token(tag: nil, start: lineStart, end: end)) }
        }

        while offset < source.count {
            guard source[offset] == open[0], matches(open, at: offset) else {
                offset += 1
                continue
            }
            addText(textStart, offset)
            let tagStart = offset
            var contentStart = offset + open.count
            let sigil: UInt8? = contentStart < source.count ? source[contentStart] : nil
            var kind: TagKind
            switch sigil {
            case UInt8(ascii: "#"): kind = .sectionOpen
            case UInt8(ascii: "^"): kind = .invertedOpen
            case UInt8(ascii: "/"): kind = .close
            case UInt8(ascii: "!"): kind = .comment
            case UInt8(ascii: "="): kind = .delimiters
            case UInt8(ascii: ">"): kind = .partial
            case UInt8(ascii: "<"): kind = .parentOpen
            case UInt8(ascii: "$"): kind = .blockOpen
            case UInt8(ascii: "&"): kind = .variable(escaped: false)
            case UInt8(ascii: "{"): kind = .variable(escaped: false)
            default: kind = .variable(escaped: true)
            }
            if case .variable(escaped: true) = kind {} else { contentStart += 1 }
            // The bytes that end this tag: `}` before the closing delimiter for `{{{name}}}`,
            // `=` before it for a delimiter change.
            var ending = close
            if sigil == UInt8(ascii: "{") { ending = [UInt8(ascii: "}")] + close }
            if kind == .delimiters { ending = [UInt8(ascii: "=")] + close }
            guard let contentEnd = find(ending, from: contentStart) else {
                let shown = String(decoding: close, as: UTF8.self)
                let what = sigil == UInt8(ascii: "{") ? "'}\(shown)'" : kind == .delimiters ? "'=\(shown)'" : "'\(shown)'"
                throw error("this tag is never closed: no \(what) follows it", at: tagStart)
            }
            let tagEnd = contentEnd + ending.count
            var token = Token(tag: kind, start: tagStart, end: tagEnd)
            switch kind {
            case .comment:
                break
            case .delimiters:
                let (start, end) = trimmed(contentStart, contentEnd)
                let parts = source[start..<end].split(whereSeparator: Self.isWhitespace)
                guard parts.count == 2, !parts.contains(where: { $0.contains(UInt8(ascii: "=")) }) else {
                    throw error("a delimiter change must give two delimiters separated by a space, neither containing '=' (like {{=<% %>=}})", at: tagStart)
                }
                open = Array(parts[0])
                close = Array(parts[1])
            default:
                let (start, end) = trimmed(contentStart, contentEnd)
                guard start < end else { throw error("this tag has no name", at: tagStart) }
                if let space = source[start..<end].firstIndex(where: Self.isWhitespace) {
                    throw error("a tag's name cannot contain a space ('\(String(decoding: source[start..<space], as: UTF8.self))' is followed by more)", at: tagStart)
                }
                token.name = String(decoding: source[start..<end], as: UTF8.self)
                if kind != .partial, kind != .parentOpen, kind != .blockOpen, token.name != ".",
                   token.name.hasPrefix(".") || token.name.hasSuffix(".") || token.name.contains("..") {
                    throw error("'\(token.name)' is not a name: dots go between names (status.label)", at: tagStart)
                }
            }
            tokens.append(token)
            offset = tagEnd
            textStart = tagEnd
        }
        addText(textStart, source.count)
        return tokens
    }

    // MARK: - Pairs

    private func pair(_ tokens: inout [Token]) throws(MustacheSyntaxError) {
        var open: [Int] = []
        for index in tokens.indices {
            guard let kind = tokens[index].tag else { continue }
            if kind.opens {
                if open.count >= Self.maximumDepth {
                    throw error("sections nest more than \(Self.maximumDepth) deep here", at: tokens[index].start)
                }
                open.append(index)
            } else if kind == .close {
                guard let opener = open.popLast() else {
                    throw error("'\(tokens[index].name)' is closed here but was never opened", at: tokens[index].start)
                }
                guard tokens[opener].name == tokens[index].name else {
                    let opened = position(of: tokens[opener].start)
                    throw error("'\(tokens[index].name)' is closed here, but the section open at this point is '\(tokens[opener].name)' (opened at \(opened))", at: tokens[index].start)
                }
                tokens[opener].partner = index
                tokens[index].partner = opener
            }
        }
        if let unclosed = open.last {
            throw error("'\(tokens[unclosed].name)' is opened here but never closed", at: tokens[unclosed].start)
        }
    }

    // MARK: - Standalone lines

    /// A line that holds nothing but whitespace and one tag that renders no text of its own
    /// (not a variable) is standalone: the line's whitespace and line ending are removed, and
    /// the whitespace before a partial, parent or block becomes its indentation. Inheritance
    /// adds lines of two adjacent tags: a parent opened and closed, a parent and its first
    /// block opened, a last block and its parent closed, and a block opened and closed (whose
    /// line ending stays, so an empty block still ends its line).
    private func markStandaloneLines(_ tokens: inout [Token]) {
        var lineStart = 0
        for index in tokens.indices {
            let endsLine = tokens[index].tag == nil && source[tokens[index].end - 1] == UInt8(ascii: "\n")
            guard endsLine || index == tokens.count - 1 else { continue }
            markIfStandalone(&tokens, lineStart...index)
            lineStart = index + 1
        }
    }

    private func isBlank(_ token: Token) -> Bool {
        var end = token.end
        if end > token.start, source[end - 1] == UInt8(ascii: "\n") {
            end -= 1
            if end > token.start, source[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        }
        return source[token.start..<end].allSatisfy(Self.isSpace)
    }

    private func markIfStandalone(_ tokens: inout [Token], _ line: ClosedRange<Int>) {
        let tags = line.filter { tokens[$0].tag != nil }
        guard let first = tags.first, let last = tags.last, tags.count <= 2 else { return }
        // Text may stand only before the first tag and after the last, and must be blank.
        for index in line where tokens[index].tag == nil {
            guard index < first || index > last, isBlank(tokens[index]) else { return }
        }
        var keepsLineEnding = false
        if tags.count == 1 {
            guard tokens[first].tag!.canStandAlone else { return }
        } else {
            guard tokens[first].end == tokens[last].start else { return }
            let firstKind = tokens[first].tag!
            let lastKind = tokens[last].tag!
            let closesFirst = lastKind == .close && tokens[last].partner == first
            let closedKind = lastKind == .close ? tokens[tokens[last].partner].tag : nil
            let closedByFirst = firstKind == .close ? tokens[tokens[first].partner].tag : nil
            switch (firstKind, lastKind) {
            case (.parentOpen, .close) where closesFirst: break
            case (.parentOpen, .blockOpen): break
            case (.close, .close) where closedByFirst == .blockOpen && closedKind == .parentOpen: break
            case (.blockOpen, .close) where closesFirst: keepsLineEnding = true
            default: return
            }
        }
        if line.lowerBound < first {
            tokens[first].indentation = Array(source[tokens[line.lowerBound].start..<tokens[line.lowerBound].end])
            tokens[line.lowerBound].removed = true
        }
        if line.upperBound > last {
            if keepsLineEnding {
                var start = tokens[line.upperBound].end
                if start > tokens[line.upperBound].start, source[start - 1] == UInt8(ascii: "\n") {
                    start -= 1
                    if start > tokens[line.upperBound].start, source[start - 1] == UInt8(ascii: "\r") { start -= 1 }
                }
                tokens[line.upperBound].start = start
                if start == tokens[line.upperBound].end { tokens[line.upperBound].removed = true }
            } else {
                tokens[line.upperBound].removed = true
            }
        }
        for index in tags { tokens[index].standalone = true }
    }

    // MARK: - Tree

    private struct Frame {
        var opener: Int
        var children: [MustacheNode] = []
        var overrides: [MustacheBlock] = []
    }

    func parse() throws(MustacheSyntaxError) -> [MustacheNode] {
        var tokens = try tokenize()
        try pair(&tokens)
        markStandaloneLines(&tokens)

        var frames = [Frame(opener: -1)]
        for index in tokens.indices where !tokens[index].removed {
            let token = tokens[index]
            let inParent = frames.count > 1 && tokens[frames[frames.count - 1].opener].tag == .parentOpen
            guard let kind = token.tag else {
                // Text inside a parent tag, outside its blocks, is ignored (the specification's rule).
                if !inParent {
                    let startsLine = token.start == 0 || source[token.start - 1] == UInt8(ascii: "\n")
                    frames[frames.count - 1].children.append(.text(Array(source[token.start..<token.end]), startsLine: startsLine))
                }
                continue
            }
            let at = position(of: token.start)
            if inParent, kind != .blockOpen, kind != .close, kind != .comment, kind != .delimiters {
                throw error("only blocks ({{$name}}...{{/name}}) may stand directly inside a parent tag ({{<\(tokens[frames[frames.count - 1].opener].name)}})", at: token.start)
            }
            switch kind {
            case .comment, .delimiters:
                continue
            case .variable(let escaped):
                frames[frames.count - 1].children.append(.variable(MustacheName(token.name), escaped: escaped, at: at))
            case .partial:
                frames[frames.count - 1].children.append(.partial(token.name, indentation: token.standalone ? token.indentation : nil, at: at))
            case .sectionOpen, .invertedOpen, .parentOpen, .blockOpen:
                frames.append(Frame(opener: index))
            case .close:
                let frame = frames.removeLast()
                let opener = tokens[frame.opener]
                let openedAt = position(of: opener.start)
                switch opener.tag! {
                case .sectionOpen, .invertedOpen:
                    frames[frames.count - 1].children.append(.section(MustacheName(opener.name), inverted: opener.tag == .invertedOpen, children: frame.children, at: openedAt))
                case .parentOpen:
                    frames[frames.count - 1].children.append(.parent(opener.name, indentation: opener.standalone ? opener.indentation : nil, overrides: frame.overrides, at: openedAt))
                default:
                    let block = makeBlock(opener: opener, closer: token, children: frame.children, at: openedAt)
                    let parentFrame = frames.count > 1 && tokens[frames[frames.count - 1].opener].tag == .parentOpen
                    if parentFrame {
                        frames[frames.count - 1].overrides.append(block)
                    } else {
                        frames[frames.count - 1].children.append(.block(block))
                    }
                }
            }
        }
        return frames[0].children
    }

    // MARK: - Blocks

    /// A standalone block's content loses the indentation its lines share, which becomes the
    /// indentation it is expanded with (the specification's "block reindentation").
    private func makeBlock(opener: Token, closer: Token, children: [MustacheNode], at position: TemplatePosition) -> MustacheBlock {
        guard opener.standalone else {
            return MustacheBlock(name: opener.name, children: children, indentation: nil, position: position)
        }
        var contentStart = opener.end
        while contentStart < source.count, source[contentStart] != UInt8(ascii: "\n") { contentStart += 1 }
        contentStart = min(contentStart + 1, source.count)
        var contentEnd = closer.start
        if closer.standalone {
            while contentEnd > contentStart, source[contentEnd - 1] != UInt8(ascii: "\n") { contentEnd -= 1 }
        }
        let shared = contentStart < contentEnd ? sharedIndentation(contentStart, contentEnd) : []
        let indentation = shared.isEmpty ? opener.indentation : shared
        return MustacheBlock(name: opener.name, children: Self.dedent(children, by: shared.count), indentation: indentation, position: position)
    }

    /// The leading spaces and tabs that every line of `start..<end` with other text begins with.
    private func sharedIndentation(_ start: Int, _ end: Int) -> [UInt8] {
        var shared: [UInt8]?
        var lineStart = start
        while lineStart < end {
            var lineEnd = lineStart
            while lineEnd < end, source[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            var indentEnd = lineStart
            while indentEnd < lineEnd, Self.isSpace(source[indentEnd]) { indentEnd += 1 }
            let blank = indentEnd == lineEnd || (indentEnd == lineEnd - 1 && source[indentEnd] == UInt8(ascii: "\r"))
            if !blank {
                let indentation = source[lineStart..<indentEnd]
                if let current = shared {
                    shared = Array(zip(current, indentation).prefix { $0 == $1 }.map(\.0))
                } else {
                    shared = Array(indentation)
                }
            }
            lineStart = lineEnd + 1
        }
        return shared ?? []
    }

    /// Takes `count` bytes of indentation off every line of `nodes`; a blank line loses all of
    /// its whitespace.
    static func dedent(_ nodes: [MustacheNode], by count: Int) -> [MustacheNode] {
        guard count > 0 else { return nodes }
        func shortened(_ indentation: [UInt8]?) -> [UInt8]? {
            indentation.map { Array($0.dropFirst(count)) }
        }
        return nodes.map { node in
            switch node {
            case .text(let bytes, let startsLine):
                guard startsLine else { return node }
                var index = 0
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                let blank = index == bytes.count || bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r")
                return .text(Array(bytes[(blank ? index : min(index, count))...]), startsLine: true)
            case .variable:
                return node
            case .section(let name, let inverted, let children, let at):
                return .section(name, inverted: inverted, children: dedent(children, by: count), at: at)
            case .partial(let name, let indentation, let at):
                return .partial(name, indentation: shortened(indentation), at: at)
            case .parent(let name, let indentation, let overrides, let at):
                return .parent(name, indentation: shortened(indentation), overrides: overrides.map { dedent($0, by: count) }, at: at)
            case .block(let block):
                return .block(dedent(block, by: count))
            }
        }
    }

    private static func dedent(_ block: MustacheBlock, by count: Int) -> MustacheBlock {
        if let indentation = block.indentation {
            return MustacheBlock(name: block.name, children: block.children, indentation: Array(indentation.dropFirst(count)), position: block.position)
        }
        return MustacheBlock(name: block.name, children: dedent(block.children, by: count), indentation: nil, position: block.position)
    }
}
