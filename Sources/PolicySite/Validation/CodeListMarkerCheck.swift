import Foundation
import PolicySiteCore
import PolicySiteMarkdown

/// Rule `code-list-marker`: a list item whose marker is a code. CommonMark reads `00102.` (or
/// `00102)`) at the start of a line as an ordered-list marker numbered 102, so a Level I code
/// written first on a line leaves the text, its link and the search index, and the reader sees
/// a list number that is not the code (a list of Level I anesthesia codes did this). The finding is at the marker and gives the
/// escape that keeps the code: `00102\.`.
///
/// Lines are picked by a cheap look at their start; only a body with such a line is parsed
/// again (`MarkdownTree`, plain cmark) to learn which of them cmark really made a list item,
/// so a code in a code block or in the middle of a paragraph is not reported.
enum CodeListMarkerCheck {
    /// Findings in a Markdown body whose first line is line `lineOffset + 1` of `file`.
    static func check(_ body: String, file: String, lineOffset: Int) -> [Diagnostic] {
        // The quick look runs on every page, line by line over the bytes, allocating nothing.
        // Line breaks are found with `memchr` (vectorised): `firstIndex(of:)` read the body a
        // byte at a time, most of the check's cost on a page with no such line.
        let found = body.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress else { return mayStartWithCodeMarker(bytes) }
            var start = 0
            while start <= bytes.count {
                let end = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
                    .map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? bytes.count
                if mayStartWithCodeMarker(UnsafeBufferPointer(rebasing: bytes[start..<end])) { return true }
                start = end + 1
            }
            return false
        } ?? true
        guard found else { return [] }
        let lines = body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        let tree = MarkdownTree(parsing: body)
        var diagnostics: [Diagnostic] = []
        for node in tree.nodes where node.kind == .item {
            guard node.startLine >= 1, node.startLine <= lines.count else { continue }
            let line = lines[node.startLine - 1]
            let start = node.startColumn - 1
            guard start >= 0, let marker = codeMarker(line, at: start) else { continue }
            let code = String(decoding: line[start..<(start + 5)], as: UTF8.self)
            let delimiter = Character(Unicode.Scalar(marker))
            diagnostics.append(.warning(
                "code-list-marker",
                "line starts with code \(code) followed by '\(delimiter)', which Markdown reads as list number \(Int(code) ?? 0): the code leaves the text, its link and the search index; write \(code)\\\(delimiter) to keep it",
                at: SourceLocation(file: file, line: node.startLine + lineOffset, column: node.startColumn)))
        }
        return diagnostics
    }

    /// The delimiter (`.` or `)`) when five digits at `start` and then the delimiter and a
    /// space, a tab or the line's end form an ordered-list marker; nil otherwise.
    static func codeMarker<Line: RandomAccessCollection<UInt8>>(_ line: Line, at start: Int) -> UInt8? where Line.Index == Int {
        guard start + 6 <= line.count, line[start..<(start + 5)].allSatisfy({ $0 &- 0x30 < 10 }) else { return nil }
        let delimiter = line[start + 5]
        guard delimiter == UInt8(ascii: ".") || delimiter == UInt8(ascii: ")") else { return nil }
        guard start + 6 == line.count || line[start + 6] == UInt8(ascii: " ") || line[start + 6] == UInt8(ascii: "\t") || line[start + 6] == UInt8(ascii: "\r") else { return nil }
        return delimiter
    }

    /// Whether the line, after indentation, block quote and bullet markers, starts with such a
    /// marker: the quick look that decides whether the body is parsed again.
    static func mayStartWithCodeMarker<Line: RandomAccessCollection<UInt8>>(_ line: Line) -> Bool where Line.Index == Int {
        var index = 0
        scan: while index < line.count {
            switch line[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"): index += 1
            default: break scan
            }
        }
        return codeMarker(line, at: index) != nil
    }
}
