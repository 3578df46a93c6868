/// Moves HTML rendered for one page onto another: a payer note is Markdown of a code page
/// (`codes/G9328/`), and the payer pages (`payers/medicare/`, `payers/medicare/page/2/`) show it
/// as it is. Its relative `href` and `src` values are resolved against the page they were
/// written for and made relative to the page that shows them; a link to an id of the code page
/// (`#overview`) points back at the code page. Absolute URLs (`https:`, `mailto:`, `/`) stay.
///
/// It reads the HTML the Markdown layer writes, raw HTML that `rawHTML: true` lets through
/// included: an `href` or `src` attribute in any case, with space around `=`, its value in
/// double or single quotes. An unquoted value is left as it is.
enum LinkRebase {
    static func rebase(_ html: String, from source: SitePath, to destination: SitePath) -> String {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        var copied = 0
        var index = 0
        while let value = nextAttributeValue(in: bytes, from: index) {
            output += bytes[copied..<value.lowerBound]
            let text = String(decoding: bytes[value], as: UTF8.self)
            output += Array(rebased(text, from: source, to: destination).utf8)
            copied = value.upperBound
            index = value.upperBound
        }
        guard copied > 0 else { return html }
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }

    /// The range of the next quoted `href` or `src` value at or after `start`.
    private static func nextAttributeValue(in bytes: [UInt8], from start: Int) -> Range<Int>? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
        func matches(_ name: String, at position: Int) -> Bool {
            let name = Array(name.utf8)
            guard position + name.count <= bytes.count else { return false }
            return zip(bytes[position..<(position + name.count)], name).allSatisfy { $0 | 0x20 == $1 }
        }
        var position = start
        while position < bytes.count {
            defer { position += 1 }
            guard isSpace(bytes[position]) else { continue }
            var cursor = position + 1
            if matches("href", at: cursor) { cursor += 4 } else if matches("src", at: cursor) { cursor += 3 } else { continue }
            while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else { continue }
            cursor += 1
            while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") else { continue }
            let quote = bytes[cursor]
            guard let close = bytes[(cursor + 1)...].firstIndex(of: quote) else { return nil }
            return (cursor + 1)..<close
        }
        return nil
    }

    static func rebased(_ value: String, from source: SitePath, to destination: SitePath) -> String {
        if value.hasPrefix("#") { return destination.relativeURL(to: source) + value }
        let cut = value.firstIndex { $0 == "?" || $0 == "#" } ?? value.endIndex
        let path = value[..<cut], suffix = value[cut...]
        // A scheme (`https:`, `mailto:`) comes before any `/`; `/x` is the server's, not ours.
        if path.hasPrefix("/") || path.prefix(while: { $0 != "/" }).contains(":") || path.isEmpty { return value }
        guard let segments = source.resolving(path) else { return value }
        let target = segments.joined(separator: "/") + (path.hasSuffix("/") && !segments.isEmpty ? "/" : "")
        return destination.relativeURL(toFile: target) + suffix
    }
}
