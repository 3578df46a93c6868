/// Which raw HTML a site that opts in to raw HTML (`rawHTML: true`) may publish.
///
/// A raw HTML node (cmark's `html_block` or `html_inline`) is kept only when every tag in it
/// is on the tag allowlist, every attribute on the attribute allowlist, and every URL
/// attribute passes `URLSafety`; anything else in the node — a comment, `<script>`, an `on*=`
/// handler, a `javascript:` URL, a tag this check cannot read — drops the whole node, which
/// is reported. This is a check of what cmark already delimited, not an HTML parser: tags are
/// read with `HTMLTagScanner`, as the anchor scanner and link rebasing read them; a `<` that
/// starts no tag is text, as browsers read it, but `</` that starts no end tag (a comment to a
/// browser), an unquoted value and an attribute name outside `a-z 0-9 -` are rejected rather
/// than guessed at.
enum RawHTMLAllowlist {
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
    /// `"javascript: URL"`), or nil when every piece of it is allowed. Tags are read with
    /// `HTMLTagScanner`; text between them is allowed, but for `</` that starts no end tag.
    static func rejection(of html: UnsafeBufferPointer<UInt8>) -> String? {
        let scanner = HTMLTagScanner(html)
        func isPlainName(_ name: String) -> Bool {
            !name.isEmpty && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        }
        for token in scanner {
            switch token {
            case .comment, .cdata, .declaration:
                return "comment or declaration"
            case .processingInstruction:
                return "processing instruction"
            case .unclosedTag(let name, _):
                return "unclosed tag <\(name)"
            case .text(let range):
                // A browser reads `</3>` as a comment: this check does not guess at it.
                if html[range].starts(with: "</".utf8) { return "unreadable tag" }
            case .endTag(let name, let range):
                guard tags.contains(name) else { return "<\(name)>" }
                // Nothing but space between the name and `>`.
                let rest = html[(range.lowerBound + 2 + name.utf8.count)..<(range.upperBound - 1)]
                guard rest.allSatisfy(HTMLTagScanner.isSpace) else { return "unreadable tag </\(name)" }
            case .startTag(let name, let attributes, _, _):
                guard tags.contains(name) else { return "<\(name)>" }
                for attribute in attributes {
                    guard isPlainName(attribute.name) else { return "unreadable attribute in <\(name)>" }
                    guard self.attributes.contains(attribute.name) else { return "\(attribute.name)= attribute" }
                    guard let value = attribute.value else { continue }
                    guard attribute.quote != nil else { return "unquoted \(attribute.name)= value" }
                    if html[value].contains(UInt8(ascii: "<")) { return "'<' in \(attribute.name)= value" }
                    if attribute.name == "href" || attribute.name == "src" || attribute.name == "cite" {
                        // The browser decodes character references before it reads the scheme
                        // (`javascript&#58;`, `jav&#x09;ascript:`).
                        guard let decoded = HTMLCharacterReference.decodeURLStart(scanner.rawValue(attribute) ?? "") else {
                            return "unreadable character reference in \(attribute.name)= value"
                        }
                        if let scheme = URLSafety.disallowedScheme(in: decoded, isImage: name == "img" && attribute.name == "src") {
                            return "\(scheme): URL"
                        }
                    }
                }
            }
        }
        return nil
    }

    /// The ids a kept raw HTML node gives elements (`<a id="notes">`), as a browser reads them:
    /// they share the page with heading ids.
    static func ids(in html: UnsafeBufferPointer<UInt8>) -> [String] {
        let scanner = HTMLTagScanner(html)
        var ids: [String] = []
        for case .startTag(let name, let attributes, _, _) in scanner {
            for attribute in attributes where attribute.name == "id" || (attribute.name == "name" && name == "a") {
                if let value = scanner.decodedValue(attribute), !value.isEmpty { ids.append(value) }
            }
        }
        return ids
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
