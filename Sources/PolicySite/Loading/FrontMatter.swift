#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicySiteCore

/// A Markdown file split into its YAML front matter and its body.
///
/// Front matter opens with `---` on the file's first line and closes with the next `---` line
/// (trailing spaces and tabs allowed on both fences). A file whose first line is anything else
/// has no front matter: `---` further down is Markdown (a thematic break).
struct FrontMatterSplit: Sendable, Equatable {
    /// The YAML between the fences; nil when the file has no front matter.
    var yaml: String?
    /// Lines before the YAML's first line (1: the opening fence).
    var yamlLineOffset: Int
    /// The Markdown after the closing fence: a slice of the file's text, so that a guidance
    /// page, whose body is read again when it renders, is not copied while it loads.
    var body: Substring
    /// Lines before the body's first line, to add to Markdown positions.
    var bodyLineOffset: Int

    /// Splits `source`; an opening fence without a closing one is an error
    /// (`front-matter-unterminated`) and gives no split.
    static func split(_ source: SourceText) -> (FrontMatterSplit?, [Diagnostic]) {
        let text = source.text
        // Fences are found on the UTF-8 bytes, in place, and the YAML and the body are slices
        // between them: splitting a file into lines and joining them again costs more than
        // parsing it, and walking `String.UTF8View` indices cost more than the Markdown split.
        var bytes = text
        let fences: (yamlStart: Int, yamlEnd: Int, bodyStart: Int, bodyLineOffset: Int)?? = bytes.withUTF8 { utf8 in
            // `memchr`: `firstIndex(of:)` on the slice tested the front matter byte by byte.
            func lineEnd(from start: Int) -> Int {
                guard start < utf8.count, let base = utf8.baseAddress,
                      let found = memchr(base + start, 0x0A, utf8.count - start) else { return utf8.count }
                return UnsafeRawPointer(found) - UnsafeRawPointer(base)
            }
            let firstEnd = lineEnd(from: 0)
            guard !utf8.isEmpty, isFence(UnsafeBufferPointer(rebasing: utf8[..<firstEnd])) else { return .some(nil) }
            let yamlStart = firstEnd == utf8.count ? firstEnd : firstEnd + 1
            var lineStart = yamlStart
            var lineNumber = 1
            while lineStart < utf8.count {
                let end = lineEnd(from: lineStart)
                if isFence(UnsafeBufferPointer(rebasing: utf8[lineStart..<end])) {
                    return (yamlStart, lineStart, end == utf8.count ? end : end + 1, lineNumber + 1)
                }
                lineStart = end == utf8.count ? end : end + 1
                lineNumber += 1
            }
            return nil
        }
        guard let fences else {
            return (nil, [.error("front-matter-unterminated", "front matter opened but never closed (add a '---' line after the YAML)", at: SourceLocation(file: source.file, line: 1, column: 1))])
        }
        guard let fences else {
            return (FrontMatterSplit(yaml: nil, yamlLineOffset: 0, body: text[...], bodyLineOffset: 0), [])
        }
        let utf8 = text.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        let yaml = String(text[index(fences.yamlStart)..<index(fences.yamlEnd)])
        return (FrontMatterSplit(yaml: yaml.isEmpty ? "\n" : yaml, yamlLineOffset: 1, body: text[index(fences.bodyStart)...], bodyLineOffset: fences.bodyLineOffset), [])
    }

    /// `---` and then only spaces and tabs. Compared byte by byte: a line that passes is ASCII,
    /// one character a byte, so this is the test on its characters.
    static func isFence(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.count >= 3, line[0] == 0x2D, line[1] == 0x2D, line[2] == 0x2D else { return false }
        return line[3...].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
