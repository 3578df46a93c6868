import Foundation
import PolicySiteCore
import Testing

/// Swift Testing has its own `SourceLocation`; ours is the file position in diagnostics.
typealias SourceLocation = PolicySiteCore.SourceLocation

/// One example of the CommonMark spec.
struct SpecExample {
    var number: Int
    var markdown: String
    var html: String
    var section: String
}

enum SharedFiles {
    /// `/work/shared` beside the repository: this file is Tests/PolicySiteMarkdownTests/X.swift.
    static func url(_ relativePath: String, filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()  // PolicySiteMarkdownTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository root
            .appendingPathComponent("../shared/\(relativePath)")
            .standardizedFileURL
    }

    /// The 652 examples of `../shared/commonmark/spec-0.30.txt`, or nil when the file is missing.
    static func specExamples() -> [SpecExample]? {
        examples(in: "commonmark/spec-0.30.txt")
    }

    /// The 24 GFM table examples of `../shared/commonmark/gfm-tables.txt`, or nil when missing.
    static func gfmTableExamples() -> [SpecExample]? {
        examples(in: "commonmark/gfm-tables.txt")
    }

    /// The examples of a file in the spec's format: a fence of 32 backticks and `example` (GFM's
    /// own examples add `table`), the Markdown, a `.` line, the HTML, the closing fence.
    static func examples(in relativePath: String) -> [SpecExample]? {
        guard let text = try? String(contentsOf: url(relativePath), encoding: .utf8) else { return nil }
        let fence = String(repeating: "`", count: 32)
        var examples: [SpecExample] = []
        var section = ""
        var markdown: [Substring] = []
        var html: [Substring] = []
        var state = 0  // 0 outside, 1 markdown, 2 html
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            switch state {
            case 0:
                if line == fence + " example" || line.hasPrefix(fence + " example ") {
                    state = 1
                    markdown = []
                    html = []
                } else if line.hasPrefix("#") {
                    section = line.drop { $0 == "#" || $0 == " " }.description
                }
            case 1:
                if line == "." { state = 2 } else { markdown.append(line) }
            default:
                if line == fence {
                    state = 0
                    func joined(_ lines: [Substring]) -> String {
                        lines.map { $0 + "\n" }.joined().replacingOccurrences(of: "→", with: "\t")
                    }
                    examples.append(SpecExample(number: examples.count + 1, markdown: joined(markdown), html: joined(html), section: section))
                } else {
                    html.append(line)
                }
            }
        }
        return examples
    }
}
