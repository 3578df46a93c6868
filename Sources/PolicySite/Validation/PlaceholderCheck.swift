import Foundation
import PolicySiteCore
import PolicySiteMarkdown

/// Text that `policysite new` left for the author to replace: rule `placeholder`. Every such
/// line starts with `Placeholder:`, so an unfinished page never publishes quietly (a warning,
/// an error under `check --strict`).
enum PlaceholderCheck {
    /// What every scaffold placeholder starts with.
    static let marker = "Placeholder:"

    /// A guidance page's placeholders. The file is read again only when the rendered page or
    /// its front matter holds the marker, which a finished page never does.
    static func check(_ page: GuidanceSource, _ document: MarkdownDocument) -> [Diagnostic] {
        let matter = page.frontMatter
        guard holdsMarker(document.html) || holdsMarker(matter.title) || holdsMarker(matter.owner ?? "") else { return [] }
        return scan(file: page.absolutePath, displayPath: page.file)
    }

    /// Whether `text` holds the marker, compared byte for byte: the marker is ASCII, and
    /// Foundation's `contains` costs as much as the rest of a page's checks together. Every
    /// guidance page's whole HTML is searched, so `memchr` (vectorised) finds each candidate
    /// last byte, the colon, and only there are the rest compared: a colon is rarer in a page
    /// than a capital P, at which a search for the first byte stopped.
    static func holdsMarker(_ text: String) -> Bool {
        let marker = markerBytes
        guard let last = marker.last, text.utf8.count >= marker.count else { return false }
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            // Where the marker's last byte may be: from its length - 1 to the end.
            var end = marker.count - 1
            while end < bytes.count {
                guard let found = memchr(base + end, Int32(last), bytes.count - end) else { return false }
                end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                if memcmp(base + end + 1 - marker.count, marker, marker.count) == 0 { return true }
                end += 1
            }
            return false
        }
    }

    /// The marker's bytes, made once.
    private static let markerBytes = Array(marker.utf8)

    /// The placeholders in the general pages' bodies (the scaffold leaves none in their
    /// front matter).
    static func run(_ context: ValidationContext) -> [Diagnostic] {
        context.model.pages.flatMap { page -> [Diagnostic] in
            guard page.body.contains(marker) else { return [] }
            return scan(text: page.body, displayPath: page.file, lineOffset: page.bodyLineOffset)
        }
    }

    static func scan(file: String, displayPath: String) -> [Diagnostic] {
        guard let bytes = FileManager.default.contents(atPath: file) else { return [] }
        return scan(text: String(decoding: bytes, as: UTF8.self), displayPath: displayPath, lineOffset: 0)
    }

    /// One finding per marker, at its line and column (UTF-8 bytes, as every position is).
    static func scan(text: String, displayPath: String, lineOffset: Int) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var searchStart = line.startIndex
            while let range = line.range(of: marker, range: searchStart..<line.endIndex) {
                let column = line.utf8.distance(from: line.startIndex, to: range.lowerBound) + 1
                findings.append(.warning("placeholder", "text left by `policysite new` to fill in; replace it with the page's own text", at: SourceLocation(file: displayPath, line: lineOffset + index + 1, column: column)))
                searchStart = range.upperBound
            }
        }
        return findings
    }
}
