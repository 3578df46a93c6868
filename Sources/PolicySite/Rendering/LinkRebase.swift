/// Moves HTML rendered for one page onto another: a payer note is Markdown of a code page
/// (`codes/G9328/`), and the payer pages (`payers/medicare/`, `payers/medicare/page/2/`) show it
/// as it is. Its relative `href` and `src` values are resolved against the page they were
/// written for and made relative to the page that shows them; a link to an id of the code page
/// (`#overview`) points back at the code page. Absolute URLs (`https:`, `mailto:`, `/`) stay.
///
/// It reads the HTML the Markdown layer writes (attributes in double quotes), not any HTML.
enum LinkRebase {
    static func rebase(_ html: String, from source: SitePath, to destination: SitePath) -> String {
        guard html.contains("href=\"") || html.contains("src=\"") else { return html }
        var output = ""
        output.reserveCapacity(html.utf8.count + 64)
        var rest = html[...]
        while let attribute = nextAttribute(in: rest) {
            output += rest[..<attribute.valueStart]
            let value = rest[attribute.valueStart..<attribute.valueEnd]
            output += rebased(String(value), from: source, to: destination)
            rest = rest[attribute.valueEnd...]
        }
        output += rest
        return output
    }

    /// The range of the next ` href="..."` or ` src="..."` value.
    private static func nextAttribute(in text: Substring) -> (valueStart: Substring.Index, valueEnd: Substring.Index)? {
        var search = text
        while true {
            let href = search.range(of: " href=\"")
            let src = search.range(of: " src=\"")
            guard let opener = [href, src].compactMap({ $0 }).min(by: { $0.lowerBound < $1.lowerBound }) else { return nil }
            if let close = search[opener.upperBound...].firstIndex(of: "\"") { return (opener.upperBound, close) }
            search = search[opener.upperBound...]
        }
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
