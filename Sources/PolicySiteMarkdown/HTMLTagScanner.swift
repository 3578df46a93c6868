/// The tags of a piece of HTML, one at a time: the one reading of tags and attributes that
/// the raw HTML allowlist, the anchor scanner, link rebasing, the templates' literal ids and
/// the raw HTML descriptions share, so that they cannot read the same bytes two ways.
///
/// It follows the HTML tokenizer's rules for what it recognises — tag names of ASCII letters,
/// digits and `-`; attribute names up to space, `/`, `>` or `=`; values in double quotes, single
/// quotes or unquoted up to space or `>`; comments to `-->`; declarations and processing
/// instructions to `>` — and gives everything else back as text. It is not an HTML parser:
/// no tree, no implied tags, no raw text elements. A value's character references are decoded
/// on request (`HTMLTagScanner.Attribute.decodedValue`), as a browser decodes them.
public struct HTMLTagScanner: IteratorProtocol, Sequence {
    /// One attribute of a start tag. Ranges are byte offsets into the scanned HTML.
    public struct Attribute: Sendable {
        /// Lower-cased, as HTML compares attribute names.
        public var name: String
        /// The value's bytes, without quotes; nil for an attribute without `=`.
        public var value: Range<Int>?
        /// `"` or `'`; nil for an unquoted value (or none).
        public var quote: UInt8?
    }

    /// What the scanner found at `range` (byte offsets into the scanned HTML).
    public enum Token: Sendable {
        /// `<name ...>` or `<name .../>`; `name` lower-cased.
        case startTag(name: String, attributes: [Attribute], selfClosing: Bool, range: Range<Int>)
        /// `</name>`; `name` lower-cased.
        case endTag(name: String, range: Range<Int>)
        /// `<!-- ... -->`.
        case comment(range: Range<Int>)
        /// `<![CDATA[ ... ]]>`.
        case cdata(range: Range<Int>)
        /// `<!DOCTYPE ...>` and other `<!...>`.
        case declaration(range: Range<Int>)
        /// `<? ... >`.
        case processingInstruction(range: Range<Int>)
        /// A tag cut off before its `>`, from its `<` to the end of the HTML.
        case unclosedTag(name: String, range: Range<Int>)
        /// Anything else, a `<` that starts no tag included.
        case text(range: Range<Int>)
    }

    public let html: UnsafeBufferPointer<UInt8>
    private var index = 0

    /// Scans `html`, which must stay valid while the scanner is used.
    public init(_ html: UnsafeBufferPointer<UInt8>) {
        self.html = html
    }

    public mutating func next() -> Token? {
        let count = html.count
        guard index < count else { return nil }
        let start = index
        guard html[index] == UInt8(ascii: "<") else {
            index = Self.find(UInt8(ascii: "<"), in: html, from: index + 1) ?? count
            return .text(range: start..<index)
        }
        let rest = UnsafeBufferPointer(rebasing: html[(index + 1)...])
        if rest.starts(with: "!--".utf8) {
            index = Self.find("-->", in: html, from: index + 4).map { $0 + 3 } ?? count
            return .comment(range: start..<index)
        }
        if rest.starts(with: "![CDATA[".utf8) {
            index = Self.find("]]>", in: html, from: index + 9).map { $0 + 3 } ?? count
            return .cdata(range: start..<index)
        }
        if rest.first == UInt8(ascii: "!") || rest.first == UInt8(ascii: "?") {
            index = Self.find(UInt8(ascii: ">"), in: html, from: index + 2).map { $0 + 1 } ?? count
            return rest.first == UInt8(ascii: "!") ? .declaration(range: start..<index) : .processingInstruction(range: start..<index)
        }
        let isEndTag = rest.first == UInt8(ascii: "/")
        var cursor = index + (isEndTag ? 2 : 1)
        let nameStart = cursor
        while cursor < count, Self.isNameByte(html[cursor]) { cursor += 1 }
        guard cursor > nameStart, nameStart < count, Self.isLetter(html[nameStart]) else {
            // `a < b`, `<3`: text, as browsers read it.
            index = Self.find(UInt8(ascii: "<"), in: html, from: index + 1) ?? count
            return .text(range: start..<index)
        }
        let name = Self.lowercased(html[nameStart..<cursor])
        if isEndTag {
            guard let close = Self.find(UInt8(ascii: ">"), in: html, from: cursor) else {
                index = count
                return .unclosedTag(name: name, range: start..<count)
            }
            index = close + 1
            return .endTag(name: name, range: start..<index)
        }
        var attributes: [Attribute] = []
        var selfClosing = false
        while true {
            while cursor < count, Self.isSpace(html[cursor]) || (html[cursor] == UInt8(ascii: "/") && !(cursor + 1 < count && html[cursor + 1] == UInt8(ascii: ">"))) {
                cursor += 1
            }
            guard cursor < count else {
                index = count
                return .unclosedTag(name: name, range: start..<count)
            }
            if html[cursor] == UInt8(ascii: ">") {
                cursor += 1
                break
            }
            if html[cursor] == UInt8(ascii: "/") {  // `/>`
                selfClosing = true
                cursor += 2
                break
            }
            let attributeStart = cursor
            // The first byte may be `=` (HTML reads `<a =x>` as an attribute named `=x`).
            cursor += 1
            while cursor < count, !Self.isSpace(html[cursor]), html[cursor] != UInt8(ascii: "/"), html[cursor] != UInt8(ascii: ">"), html[cursor] != UInt8(ascii: "=") {
                cursor += 1
            }
            var attribute = Attribute(name: Self.lowercased(html[attributeStart..<cursor]), value: nil, quote: nil)
            var probe = cursor
            while probe < count, Self.isSpace(html[probe]) { probe += 1 }
            if probe < count, html[probe] == UInt8(ascii: "=") {
                cursor = probe + 1
                while cursor < count, Self.isSpace(html[cursor]) { cursor += 1 }
                if cursor < count, html[cursor] == UInt8(ascii: "\"") || html[cursor] == UInt8(ascii: "'") {
                    let quote = html[cursor]
                    guard let close = Self.find(quote, in: html, from: cursor + 1) else {
                        index = count
                        return .unclosedTag(name: name, range: start..<count)
                    }
                    attribute.value = (cursor + 1)..<close
                    attribute.quote = quote
                    cursor = close + 1
                } else {
                    let valueStart = cursor
                    while cursor < count, !Self.isSpace(html[cursor]), html[cursor] != UInt8(ascii: ">") { cursor += 1 }
                    attribute.value = valueStart..<cursor
                }
            }
            attributes.append(attribute)
        }
        index = cursor
        return .startTag(name: name, attributes: attributes, selfClosing: selfClosing, range: start..<index)
    }

    /// The attribute's value as a browser reads it: character references decoded; nil when it
    /// has none.
    public func decodedValue(_ attribute: Attribute) -> String? {
        attribute.value.map { HTMLCharacterReference.decode(String(decoding: UnsafeBufferPointer(rebasing: html[$0]), as: UTF8.self)) }
    }

    /// The attribute's value as written; nil when it has none.
    public func rawValue(_ attribute: Attribute) -> String? {
        attribute.value.map { String(decoding: UnsafeBufferPointer(rebasing: html[$0]), as: UTF8.self) }
    }

    /// The tokens of `html` in order.
    public static func tokens(_ html: UnsafeBufferPointer<UInt8>) -> [Token] {
        Array(HTMLTagScanner(html))
    }

    static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }

    /// Names are nearly always lower case already: then no copy is made to lower them.
    static func lowercased(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        guard bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes[start...].firstIndex(of: byte)
    }

    static func find(_ needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}
