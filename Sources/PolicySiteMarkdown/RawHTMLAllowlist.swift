/// Which raw HTML a site that opts in to raw HTML (`rawHTML: true`) may publish.
///
/// A raw HTML node (cmark's `html_block` or `html_inline`) is kept only when every tag in it
/// is on the tag allowlist, every attribute on the attribute allowlist, and every URL
/// attribute passes `URLSafety`; anything else in the node — a comment, `<script>`, an `on*=`
/// handler, a `javascript:` URL, a tag this check cannot read — drops the whole node, which
/// is reported. This is a check of what cmark already delimited, not an HTML parser: it only
/// recognises the plain tag shapes `<name attr="value" ...>`, `</name>` and `<name/>`, and
/// rejects everything else rather than guess.
public enum RawHTMLAllowlist {
    /// Tags for text-level markup and tables, which Markdown lacks.
    public static let tags: Set<String> = [
        "a", "abbr", "b", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "div",
        "dl", "dt", "em", "figcaption", "figure", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
        "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "u", "ul",
    ]

    /// Attributes allowed on any allowed tag; `href` and `src` are checked as URLs.
    public static let attributes: Set<String> = [
        "id", "name", "class", "title", "lang", "dir", "colspan", "rowspan", "scope", "headers", "align",
        "href", "src", "alt", "width", "height", "start", "type", "open", "datetime", "cite",
    ]

    /// Why `html` may not be published (`"<script>"`, `"comment"`, `"onerror= attribute"`,
    /// `"javascript: URL"`), or nil when every piece of it is allowed.
    public static func rejection(of html: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        let count = html.count
        func byte(_ offset: Int) -> UInt8? { index + offset < count ? html[index + offset] : nil }
        func isNameByte(_ value: UInt8) -> Bool {
            (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39) || value == 0x2D
        }
        func isSpace(_ value: UInt8) -> Bool { value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D || value == 0x0C }
        func readName() -> String {
            let start = index
            while index < count, isNameByte(html[index]) { index += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: html[start..<index]), as: UTF8.self).lowercased()
        }
        func skipSpace() { while index < count, isSpace(html[index]) { index += 1 } }

        while index < count {
            guard html[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            index += 1
            if byte(0) == UInt8(ascii: "!") { return "comment or declaration" }
            if byte(0) == UInt8(ascii: "?") { return "processing instruction" }
            let closing = byte(0) == UInt8(ascii: "/")
            if closing { index += 1 }
            let name = readName()
            guard !name.isEmpty else { return "unreadable tag" }
            guard tags.contains(name) else { return "<\(name)>" }
            if closing {
                skipSpace()
                guard byte(0) == UInt8(ascii: ">") else { return "unreadable tag </\(name)" }
                index += 1
                continue
            }
            // Attributes, until `>` or `/>`.
            while true {
                skipSpace()
                guard let next = byte(0) else { return "unclosed tag <\(name)" }
                if next == UInt8(ascii: ">") { index += 1; break }
                if next == UInt8(ascii: "/"), byte(1) == UInt8(ascii: ">") { index += 2; break }
                let attribute = readName()
                guard !attribute.isEmpty else { return "unreadable attribute in <\(name)>" }
                guard attributes.contains(attribute) else { return "\(attribute)= attribute" }
                skipSpace()
                var value = ""
                if byte(0) == UInt8(ascii: "=") {
                    index += 1
                    skipSpace()
                    guard let quote = byte(0), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                        return "unquoted \(attribute)= value"
                    }
                    index += 1
                    let start = index
                    while index < count, html[index] != quote {
                        if html[index] == UInt8(ascii: "<") { return "'<' in \(attribute)= value" }
                        index += 1
                    }
                    guard index < count else { return "unclosed \(attribute)= value" }
                    value = String(decoding: UnsafeBufferPointer(rebasing: html[start..<index]), as: UTF8.self)
                    index += 1
                }
                if attribute == "href" || attribute == "src" || attribute == "cite" {
                    // The browser decodes character references before it reads the scheme
                    // (`javascript&#58;`, `jav&#x09;ascript:`).
                    guard let decoded = HTMLCharacterReference.decodeURLStart(value) else {
                        return "unreadable character reference in \(attribute)= value"
                    }
                    if let scheme = URLSafety.disallowedScheme(in: decoded, isImage: name == "img" && attribute == "src") {
                        return "\(scheme): URL"
                    }
                }
            }
        }
        return nil
    }

    /// `a` for `<a href="...">`: the lower-cased name of a lone start tag, else nil.
    static func openingTagName(_ html: UnsafeBufferPointer<UInt8>) -> String? {
        guard html.first == UInt8(ascii: "<"), html.count > 1, html[1] != UInt8(ascii: "/") else { return nil }
        let name = html.dropFirst().prefix { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
        return name.isEmpty ? nil : String(decoding: name, as: UTF8.self).lowercased()
    }

    /// `a` for `</a>`: the lower-cased name of a lone end tag, else nil.
    static func closingTagName(_ html: UnsafeBufferPointer<UInt8>) -> String? {
        guard html.count > 3, html[0] == UInt8(ascii: "<"), html[1] == UInt8(ascii: "/"), html.last == UInt8(ascii: ">") else { return nil }
        let name = html[2..<(html.count - 1)]
        guard name.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }) else { return nil }
        return String(decoding: name, as: UTF8.self).lowercased()
    }
}
