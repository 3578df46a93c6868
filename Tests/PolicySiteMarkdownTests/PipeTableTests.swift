import Foundation
import PolicySiteCore
import Testing
@testable import PolicySiteMarkdown

/// GFM's 24 table examples and the CommonMark examples with tables on.
@Suite struct PipeTableConformanceTests {
    func gfmExamples() throws -> [SpecExample] {
        let examples = try #require(SharedFiles.gfmTableExamples(), "../shared/commonmark/gfm-tables.txt not found beside the repository")
        try #require(examples.count == 24, "expected 24 GFM table examples, found \(examples.count)")
        return examples
    }

    /// GFM's HTML exactly: tables on without the site's markup, raw HTML passed, nothing else.
    static var gfmOptions: MarkdownOptions {
        var options = MarkdownOptions.plain
        options.allowRawHTML = true
        options.tables = true
        return options
    }

    @Test func allGFMTableExamplesGiveGFMsHTMLExactly() throws {
        var failures: [Int] = []
        for example in try gfmExamples() {
            let document = MarkdownRenderer.render(example.markdown, file: "gfm.md", options: Self.gfmOptions)
            if document.html != example.html { failures.append(example.number) }
        }
        #expect(failures == [])
    }

    @Test func commonMarkExamplesAreUnchangedWithTablesOn() throws {
        let examples = try #require(SharedFiles.specExamples(), "../shared/commonmark/spec-0.30.txt not found beside the repository")
        try #require(examples.count == 652)
        var failures: [Int] = []
        for example in examples {
            let document = MarkdownRenderer.render(example.markdown, file: "spec.md", options: Self.gfmOptions)
            if document.html != example.html { failures.append(example.number) }
        }
        #expect(failures == [])
    }

    /// The site's markup is GFM's plus the scrolling wrapper and `scope="col"`, nothing else.
    @Test func siteMarkupOnlyWrapsTablesAndScopesHeaderCells() throws {
        var options = Self.gfmOptions
        options.tableMarkup = true
        var tables = 0
        for example in try gfmExamples() {
            let document = MarkdownRenderer.render(example.markdown, file: "gfm.md", options: options)
            let expected = example.html
                .replacingOccurrences(of: "<table>\n", with: "<div class=\"table-scroll\">\n<table>\n")
                .replacingOccurrences(of: "</table>\n", with: "</table>\n</div>\n")
                .replacingOccurrences(of: "<th", with: "<th scope=\"col\"")
                .replacingOccurrences(of: "<th scope=\"col\"ead>", with: "<thead>")
            #expect(document.html == expected, "example \(example.number)")
            tables += example.html.components(separatedBy: "<table>").count - 1
        }
        #expect(tables == 24)
    }
}
