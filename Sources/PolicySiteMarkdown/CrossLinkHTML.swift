/// The HTML cmark writes for a text node and for a link around an identifier, for
/// `DocumentBuilder.replaceByHTML`: byte for byte what `cmark_render_html` gives for the nodes
/// it replaces, so that only the cost changes. Rendering stays cmark's everywhere else.
enum CrossLinkHTML {
    /// Appends `text` escaped as cmark escapes a text node (`escape_html`, not secure): `&`,
    /// `<`, `>` and `"` become entities, every other byte is copied.
    static func appendEscapedText(_ text: UnsafeBufferPointer<UInt8>, to html: inout [UInt8]) {
        var runStart = 0
        for index in 0..<text.count {
            let entity: StaticString
            switch text[index] {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&quot;"
            default: continue
            }
            html.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
            html.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            runStart = index + 1
        }
        html.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
    }

    /// Appends `<a href="HREF">TEXT</a>`, as cmark renders a link without title whose URL is
    /// plain (see `isPlainHref`) around one text node.
    static func appendLink(href: String, text: UnsafeBufferPointer<UInt8>, to html: inout [UInt8]) {
        html.append(contentsOf: #"<a href=""#.utf8)
        html.append(contentsOf: href.utf8)
        html.append(contentsOf: #"">"#.utf8)
        appendEscapedText(text, to: &html)
        html.append(contentsOf: "</a>".utf8)
    }

    /// Whether cmark writes `href` into the attribute exactly as it is and never blanks it: not
    /// empty, and only ASCII letters, digits and `-._~/#`, which its URL escaping leaves alone.
    /// Without a `:` no scheme can be there for its unsafe-URL check (`javascript:` ...).
    static func isPlainHref(_ href: String) -> Bool {
        guard !href.isEmpty else { return false }
        for byte in href.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"), UInt8(ascii: "#"):
                continue
            default:
                return false
            }
        }
        return true
    }
}
