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

    /// `<table>`, `<img>`, `comment`, ... for the first tag of the HTML (read with
    /// `HTMLTagScanner`); nil for a closing tag (`</sup>`), whose opening tag was already
    /// reported.
    static func describe(_ html: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        while index < html.count, html[index] == 0x20 || html[index] == 0x09 || html[index] == 0x0A { index += 1 }
        guard index < html.count, html[index] == UInt8(ascii: "<") else { return "block" }
        var scanner = HTMLTagScanner(UnsafeBufferPointer(rebasing: html[index...]))
        switch scanner.next() {
        case .comment: return "comment"
        case .processingInstruction: return "processing instruction"
        case .cdata: return "CDATA section"
        case .declaration: return "declaration"
        case .endTag: return nil
        case .startTag(let name, _, _, _), .unclosedTag(let name, _): return "<" + name + ">"
        case .text(let range):
            return scanner.html[range].starts(with: "</".utf8) ? nil : "tag"
        case nil: return "tag"
        }
    }
}
