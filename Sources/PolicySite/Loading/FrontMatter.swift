import PolicySiteCore

/// A Markdown file split into its YAML front matter and its body.
///
/// Front matter opens with `---` on the file's first line and closes with the next `---` line
/// (trailing spaces and tabs allowed on both fences). A file whose first line is anything else
/// has no front matter: `---` further down is Markdown (a thematic break).
public struct FrontMatterSplit: Sendable, Equatable {
    /// The YAML between the fences; nil when the file has no front matter.
    public var yaml: String?
    /// Lines before the YAML's first line (1: the opening fence).
    public var yamlLineOffset: Int
    /// The Markdown after the closing fence.
    public var body: String
    /// Lines before the body's first line, to add to Markdown positions.
    public var bodyLineOffset: Int

    /// Splits `source`; an opening fence without a closing one is an error
    /// (`front-matter-unterminated`) and gives no split.
    public static func split(_ source: SourceText) -> (FrontMatterSplit?, [Diagnostic]) {
        let text = source.text
        // Split on the UTF-8 bytes: splitting a String walks it Character by Character.
        var lines: [Substring] = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first, isFence(first) else {
            return (FrontMatterSplit(yaml: nil, yamlLineOffset: 0, body: text, bodyLineOffset: 0), [])
        }
        guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) }) else {
            return (nil, [.error("front-matter-unterminated", "front matter opened but never closed (add a '---' line after the YAML)", at: SourceLocation(file: source.file, line: 1, column: 1))])
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let bodyLines = lines[(close + 1)...]
        var body = bodyLines.joined(separator: "\n")
        if !bodyLines.isEmpty, text.hasSuffix("\n") { body += "\n" }
        return (FrontMatterSplit(yaml: yaml + "\n", yamlLineOffset: 1, body: body, bodyLineOffset: close + 1), [])
    }

    static func isFence(_ line: Substring) -> Bool {
        guard line.hasPrefix("---") else { return false }
        return line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
