import PolicySiteMarkdown

/// Moves HTML rendered for one page onto another: a payer note is Markdown of a code page
/// (`codes/G9328/`), and the payer pages (`payers/medicare/`, `payers/medicare/page/2/`) show it
/// as it is. Its relative `href` and `src` values are resolved against the page they were
/// written for and made relative to the page that shows them; a link to an id of the code page
/// (`#overview`) points back at the code page. Absolute URLs (`https:`, `mailto:`, `/`) stay.
///
/// It reads the HTML the Markdown layer writes, raw HTML that `rawHTML: true` lets through
/// included, with `HTMLTagScanner`: an `href` or `src` attribute of a start tag, in any case,
/// its value in double or single quotes. An unquoted value is left as it is.
enum LinkRebase {
    /// Values already rebased onto one page from pages of one depth, for a page that shows
    /// many notes (a payer page shows a note of each of its thousand codes). Only a value that
    /// first climbs out of every folder of its page (`../../policies/imaging/` from
    /// `codes/G9328/`) is kept: it lands on the same page from any page as deep, and the
    /// notes link the same few pages, so each is resolved once a page instead of once a note.
    struct Memo {
        let destination: SitePath
        let sourceDepth: Int
        /// `../` once for each folder of a source page.
        fileprivate let climb: [UInt8]
        /// Rebased values by value as written.
        fileprivate(set) var rebased: [String: String] = [:]

        /// A memo for notes of pages `sourceDepth` folders deep shown on `destination`.
        init(destination: SitePath, sourceDepth: Int) {
            self.destination = destination
            self.sourceDepth = sourceDepth
            climb = Array(String(repeating: "../", count: sourceDepth).utf8)
        }
    }

    static func rebase(_ html: String, from source: SitePath, to destination: SitePath) -> String {
        var memo: Memo?
        return rebase(html, from: source, to: destination, memo: &memo)
    }

    /// `rebase(_:from:to:)`, reading and filling `memo` when it is for `destination` and pages
    /// as deep as `source`.
    static func rebase(_ html: String, from source: SitePath, to destination: SitePath, memo: inout Memo?) -> String {
        let usesMemo = memo.map { $0.destination == destination && $0.sourceDepth == source.segments.count } ?? false
        var html = html
        let output: [UInt8]? = html.withUTF8 { bytes in
            var output: [UInt8] = []
            var copied = 0
            for case .startTag(_, let attributes, _, _) in HTMLTagScanner(bytes) {
                for attribute in attributes where (attribute.name == "href" || attribute.name == "src") && attribute.quote != nil {
                    guard let value = attribute.value else { continue }
                    if copied == 0 { output.reserveCapacity(bytes.count + 64) }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<value.lowerBound]))
                    let valueBytes = UnsafeBufferPointer(rebasing: bytes[value])
                    let text = String(decoding: valueBytes, as: UTF8.self)
                    if usesMemo, valueBytes.starts(with: memo!.climb) {
                        if let known = memo!.rebased[text] {
                            output.append(contentsOf: known.utf8)
                        } else {
                            let made = rebased(text, from: source, to: destination)
                            memo!.rebased[text] = made
                            output.append(contentsOf: made.utf8)
                        }
                    } else {
                        output.append(contentsOf: rebased(text, from: source, to: destination).utf8)
                    }
                    copied = value.upperBound
                }
            }
            guard copied > 0 else { return nil }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return output
        }
        return output.map { String(decoding: $0, as: UTF8.self) } ?? html
    }

    static func rebased(_ value: String, from source: SitePath, to destination: SitePath) -> String {
        if value.utf8.first == UInt8(ascii: "#") { return destination.relativeURL(to: source) + value }
        let cut: String.Index, isLocal: Bool
        if value.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: every byte is a character, and a payer page rebases hundreds of notes'
            // links, so the marks are found by their bytes.
            let bytes = value.utf8
            cut = bytes.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? value.endIndex
            let firstSegment = bytes[..<cut].prefix { $0 != UInt8(ascii: "/") }
            isLocal = cut != value.startIndex && bytes.first != UInt8(ascii: "/") && !firstSegment.contains(UInt8(ascii: ":"))
        } else {
            cut = value.firstIndex { $0 == "?" || $0 == "#" } ?? value.endIndex
            let path = value[..<cut]
            isLocal = !(path.hasPrefix("/") || path.prefix(while: { $0 != "/" }).contains(":") || path.isEmpty)
        }
        let path = value[..<cut], suffix = value[cut...]
        // A scheme (`https:`, `mailto:`) comes before any `/`; `/x` is the server's, not ours.
        guard isLocal else { return value }
        // Resolved as the link check resolves it (percent-escapes decoded, NFC), so a link the
        // check passed on the code page still lands from the payer page.
        let resolved = ResolvedURL(String(path), from: source)
        guard !resolved.isAboveTop else { return value }
        let folders = resolved.folders.joined(separator: "/")
        let target = resolved.name.isEmpty ? (folders.isEmpty ? "" : folders + "/") : (folders.isEmpty ? "" : folders + "/") + resolved.name
        return destination.relativeURL(toFile: target) + suffix
    }
}
