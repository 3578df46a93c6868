/// The HTML cmark writes for a text node and for a link around an identifier, for
/// `CodeMentionPass`: byte for byte what `cmark_render_html` gives for the nodes
/// it replaces, so that only the cost changes. Rendering stays cmark's everywhere else.
enum CrossLinkHTML {
    /// Appends `text` escaped as cmark escapes a text node (`escape_html`, not secure): `&`,
    /// `<`, `>` and `"` become entities, every other byte is copied.
    static func appendEscapedText(_ text: UnsafeBufferPointer<UInt8>, to html: inout [UInt8]) {
        html.appendWritten(maximum: maximumEscapedCount(text.count)) { $0.writeEscapedText(text) }
    }

    /// The most bytes `count` bytes of text can take escaped (`&quot;` for each).
    static func maximumEscapedCount(_ count: Int) -> Int { 6 * count }

    /// Appends `<a href="HREF">TEXT</a>`, as cmark renders a link without title around one text
    /// node, when `href` is plain (see `isPlainHref`); false, appending nothing, when it is not.
    static func appendLink(href: String, text: UnsafeBufferPointer<UInt8>, to html: inout [UInt8]) -> Bool {
        var href = href
        return href.withUTF8 { url in
            guard isPlainHref(url) else { return false }
            html.appendWritten(maximum: maximumEscapedCount(text.count) + url.count + 15) { writer in
                writeLink(url: url, text: text, to: &writer)
            }
            return true
        }
    }

    /// Writes `<a href="URL">TEXT</a>` for a plain `url` (see `isPlainHref`), `text` escaped:
    /// at most `url.count + 15` bytes and the escaped text's.
    static func writeLink(url: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>, to writer: inout ByteWriter) {
        writer.write(#"<a href=""#)
        writer.write(url)
        writer.write(#"">"#)
        writer.writeEscapedText(text)
        writer.write("</a>")
    }

    /// Whether cmark writes the URL into the attribute exactly as it is and never blanks it: not
    /// empty, and only ASCII letters, digits and `-._~/#`, which its URL escaping leaves alone.
    /// Without a `:` no scheme can be there for its unsafe-URL check (`javascript:` ...).
    static func isPlainHref(_ url: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !url.isEmpty else { return false }
        for byte in url {
            // One bit per ASCII byte (see `plainHrefBytes`): a shift and a test, not a switch.
            guard byte < 0x80, (byte < 0x40 ? plainHrefBytes.low : plainHrefBytes.high) >> UInt64(byte & 0x3F) & 1 != 0 else { return false }
        }
        return true
    }

    /// The bytes `isPlainHref` accepts, as bits: `low` for 0x00-0x3F (`#`, `-`, `.`, `/`,
    /// digits), `high` for 0x40-0x7F (letters, `_`, `~`).
    static let plainHrefBytes: (low: UInt64, high: UInt64) = (0x03FF_E008_0000_0000, 0x47FF_FFFE_87FF_FFFE)

    static func isPlainHref(_ href: String) -> Bool {
        var href = href
        return href.withUTF8 { isPlainHref($0) }
    }
}
