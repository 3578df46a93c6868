/// Short descriptions of raw HTML for diagnostics and `MarkdownRawHTML.snippet`.
enum RawHTMLDescription {
    static let snippetLimit = 200

    /// The HTML as written, cut to `snippetLimit` bytes at a character boundary.
    static func snippet(_ html: UnsafeBufferPointer<UInt8>) -> String {
        var end = min(html.count, snippetLimit)
        // Back up to the start of a UTF-8 sequence so the cut does not split a character.
        while end < html.count, end > 0, html[end] & 0xC0 == 0x80 { end -= 1 }
        // Without trailing line feeds (a CR LF pair is one character, not a line feed: kept).
        while end > 0, html[end - 1] == 0x0A, !(end > 1 && html[end - 2] == 0x0D) { end -= 1 }
        return String(decoding: html[..<end], as: UTF8.self)
    }

    /// `<table>`, `<img>`, `comment`, ... for the first tag of the HTML; nil for a closing tag
    /// (`</sup>`), whose opening tag was already reported.
    static func describe(_ html: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        while index < html.count, html[index] == 0x20 || html[index] == 0x09 || html[index] == 0x0A { index += 1 }
        guard index < html.count, html[index] == UInt8(ascii: "<") else { return "block" }
        let rest = html[(index + 1)...]
        if rest.starts(with: "!--".utf8) { return "comment" }
        if rest.starts(with: "?".utf8) { return "processing instruction" }
        if rest.starts(with: "![CDATA[".utf8) { return "CDATA section" }
        if rest.starts(with: "!".utf8) { return "declaration" }
        if rest.starts(with: "/".utf8) { return nil }
        let name = rest.prefix { byte in
            (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
        }
        guard !name.isEmpty else { return "tag" }
        return "<" + String(decoding: name, as: UTF8.self).lowercased() + ">"
    }
}
