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
        // Fences are found on the UTF-8 bytes, and the YAML and the body are slices between
        // them: splitting a file into lines and joining them again costs more than parsing it.
        let utf8 = text.utf8
        func lineEnd(from start: String.Index) -> String.Index {
            utf8[start...].firstIndex(of: 0x0A) ?? utf8.endIndex
        }
        let firstEnd = lineEnd(from: utf8.startIndex)
        guard !text.isEmpty, isFence(text[..<firstEnd]) else {
            return (FrontMatterSplit(yaml: nil, yamlLineOffset: 0, body: text[...], bodyLineOffset: 0), [])
        }
        var lineStart = firstEnd == utf8.endIndex ? firstEnd : utf8.index(after: firstEnd)
        var lineNumber = 1
        while lineStart < utf8.endIndex {
            let end = lineEnd(from: lineStart)
            if isFence(text[lineStart..<end]) {
                let bodyStart = end == utf8.endIndex ? end : utf8.index(after: end)
                let yaml = String(text[(utf8.index(after: firstEnd))..<lineStart])
                return (FrontMatterSplit(yaml: yaml.isEmpty ? "\n" : yaml, yamlLineOffset: 1, body: text[bodyStart...], bodyLineOffset: lineNumber + 1), [])
            }
            lineStart = end == utf8.endIndex ? end : utf8.index(after: end)
            lineNumber += 1
        }
        return (nil, [.error("front-matter-unterminated", "front matter opened but never closed (add a '---' line after the YAML)", at: SourceLocation(file: source.file, line: 1, column: 1))])
    }

    static func isFence(_ line: Substring) -> Bool {
        guard line.hasPrefix("---") else { return false }
        return line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
