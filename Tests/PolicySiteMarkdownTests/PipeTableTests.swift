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

/// Splitting rows and recognising delimiter rows, as GFM's scanners do.
@Suite struct PipeTableRowsTests {
    func cells(_ line: String) -> [String]? {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var cells: [Range<Int>] = []
            guard PipeTableRows.cells(buffer, 0..<buffer.count, into: &cells) else { return nil }
            return cells.map { String(decoding: buffer[$0], as: UTF8.self) }
        }
    }

    func isDelimiter(_ line: String) -> Bool {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { PipeTableRows.isDelimiterRow($0, 0..<$0.count) }
    }

    @Test func rowsSplitOnUnescapedPipesWithOptionalOuterPipes() {
        #expect(cells("| a | b \\| c |  ") == ["a", "b \\| c"])
        #expect(cells("a|b") == ["a", "b"])
        #expect(cells("| d || e |") == ["d", "", "e"])
        #expect(cells("|x|") == ["x"])
        #expect(cells("||") == [""])
        // A backslash before a pipe always keeps it in the cell, even an escaped backslash.
        #expect(cells("| \\\\| b |") == ["\\\\| b"])
        #expect(cells("| `a|b` |") == ["`a", "b`"])
        #expect(cells("|") == nil)
        #expect(cells("") == nil)
    }

    @Test func delimiterRowsHaveDashesWithOptionalColonsInEveryCell() {
        #expect(isDelimiter("| :-- | --- | :-: | --: |"))
        #expect(isDelimiter("---|---"))
        #expect(isDelimiter(":-:"))
        #expect(isDelimiter("|-|  "))
        #expect(isDelimiter("--- |"))
        #expect(!isDelimiter("| --- | x |"))
        #expect(!isDelimiter("| :: |"))
        #expect(!isDelimiter("|"))
        #expect(!isDelimiter("| - - |"))
        #expect(!isDelimiter("|| --- |"))
    }
}

/// The site's work inside cells, positions, search text and `pipe-table` findings.
@Suite struct PipeTableSiteTests {
    static let resolver = MarkdownLinkResolver(
        codeURL: { $0 == "G9328" ? "../G9328/index.html" : nil }, modifierURL: { $0 == "26" ? "../../modifiers/26/index.html" : nil },
        contentLinkURL: { $0 == "policy.md" ? "../../policies/policy/index.html" : nil })

    func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: "codes/G9329.md", line: line, column: column) }

    @Test func cellsGetCrossLinksRewrittenLinksAndFindingsAtTheirColumns() {
        let markdown = """
            Intro line.

            | Situation | Report |
            | :-- | --- |
            | Reason documented | G9328 and [policy](policy.md) |
            | x \\| y | G9999 <b>x</b> [bad](javascript:alert(1)) |
            """
        let document = MarkdownRenderer.render(markdown, file: "codes/G9329.md", lineOffset: 2, links: Self.resolver)
        #expect(document.html == """
            <p>Intro line.</p>
            <div class="table-scroll">
            <table>
            <thead>
            <tr>
            <th scope="col" align="left">Situation</th>
            <th scope="col">Report</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td align="left">Reason documented</td>
            <td><a href="../G9328/index.html">G9328</a> and <a href="../../policies/policy/index.html">policy</a></td>
            </tr>
            <tr>
            <td align="left">x | y</td>
            <td>G9999 <!-- raw HTML omitted -->x<!-- raw HTML omitted --> <a href="">bad</a></td>
            </tr>
            </tbody>
            </table>
            </div>

            """)
        #expect(document.mentions == [
            MarkdownMention(kind: .code, identifier: "G9328", isKnown: true, location: at(7, 23), isLinked: true),
            MarkdownMention(kind: .code, identifier: "G9999", isKnown: false, location: at(8, 12)),
        ])
        #expect(document.links.map(\.location) == [at(7, 33), at(8, 27)])
        #expect(document.links.map(\.href) == ["../../policies/policy/index.html", ""])
        #expect(document.rawHTML.map(\.location) == [at(8, 18), at(8, 22)])
        #expect(document.diagnostics == [
            .warning("raw-html", "raw HTML <b> omitted by Markdown safe mode", at: at(8, 18)),
            .error("url-scheme", "link uses disallowed scheme 'javascript'", at: at(8, 27)),
        ])
        #expect(document.pipeTables == [])
    }

    @Test func tableTextIsSearchTextOneRowALine() {
        let markdown = """
            ## Coding specifications

            | Situation | Report |
            | --- | --- |
            | Reason *documented* | G9328 |
            | Not documented | `G9329` |
            """
        let document = MarkdownRenderer.render(markdown, file: "codes/G9329.md", links: Self.resolver)
        #expect(document.sections.map(\.plainText) == ["Situation Report\nReason documented G9328\nNot documented G9329"])
        #expect(document.sections.first?.html.hasPrefix("<div class=\"table-scroll\">\n<table>\n") == true)
    }

    /// A payer note (a `###` subsection) holds a table like any section.
    @Test func payerNotesHoldTables() {
        let markdown = "## Payer notes\n\n### Medicare\n\n| Year | Paid |\n|---|--:|\n| 2015 | no |\n\nSource: CMS.\n"
        let document = MarkdownRenderer.render(markdown, file: "codes/G9329.md", links: Self.resolver)
        let note = document.sections.first?.subsections.first
        #expect(note?.title == "Medicare")
        #expect(note?.plainText == "Year Paid\n2015 no\nSource: CMS.")
        #expect(note?.html == """
            <div class="table-scroll">
            <table>
            <thead>
            <tr>
            <th scope="col">Year</th>
            <th scope="col" align="right">Paid</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>2015</td>
            <td align="right">no</td>
            </tr>
            </tbody>
            </table>
            </div>
            <p>Source: CMS.</p>

            """)
    }

    @Test func tablesInBlockQuotesAndListItems() {
        let markdown = """
            > | a | b |
            > |---|--:|
            > | G9328 | y |

            - | c |
              |---|
              | modifier 26 |
            """
        let document = MarkdownRenderer.render(markdown, file: "codes/G9329.md", options: PipeTableConformanceTests.gfmOptions, links: Self.resolver)
        #expect(document.html == """
            <blockquote>
            <table>
            <thead>
            <tr>
            <th>a</th>
            <th align="right">b</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>G9328</td>
            <td align="right">y</td>
            </tr>
            </tbody>
            </table>
            </blockquote>
            <ul>
            <li>
            <table>
            <thead>
            <tr>
            <th>c</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>modifier 26</td>
            </tr>
            </tbody>
            </table>
            </li>
            </ul>

            """)
        #expect(document.mentions.map(\.location) == [at(3, 5), at(7, 14)])
    }

    /// Lines before the header stay a paragraph; a line GFM reads as another block ends the table.
    @Test func paragraphLinesAroundTheTable() {
        let markdown = """
            Before *the* table G9328
            | a | b |
            |---|---|
            | c | d |
            2. item G9328
            """
        let document = MarkdownRenderer.render(markdown, file: "codes/G9329.md", options: PipeTableConformanceTests.gfmOptions, links: Self.resolver)
        #expect(document.html == """
            <p>Before <em>the</em> table G9328</p>
            <table>
            <thead>
            <tr>
            <th>a</th>
            <th>b</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>c</td>
            <td>d</td>
            </tr>
            </tbody>
            </table>
            <ol start="2">
            <li>item G9328</li>
            </ol>

            """)
        #expect(document.mentions.map(\.location) == [at(1, 20), at(5, 9)])
    }

    @Test func referenceLinksInCellsUseTheDocumentsDefinitions() {
        let markdown = "| [see][r] |\n|---|\n\n[r]: policy.md\n"
        let document = MarkdownRenderer.render(markdown, file: "codes/G9329.md", links: Self.resolver)
        #expect(document.links == [MarkdownLink(
            destination: "policy.md", href: "../../policies/policy/index.html", title: "", isImage: false, location: at(1, 3), text: "see")])
        #expect(document.html.contains("<th scope=\"col\"><a href=\"../../policies/policy/index.html\">see</a></th>"))
    }

    @Test func wouldBeTablesAreReported() {
        let markdown = """
            | a | b | c |
            | --- | --- |
            | x | y | z |

            | Payer | Covered |
            | Aetna | yes |

            > Lead-in:
            > | Payer | Covered |

            Not | a table
            just text, | nor this.
            """
        let document = MarkdownRenderer.render(markdown, file: "codes/G9329.md", lineOffset: 2)
        let noDelimiter = "line looks like a table row, but no delimiter row (| --- | --- |) follows the header; it renders as text"
        #expect(document.diagnostics == [
            .warning("pipe-table", "table header has 3 cells but its delimiter row has 2; it renders as text: give both rows the same number of cells", at: at(3, 1)),
            .warning("pipe-table", noDelimiter, at: at(7, 1)),
            .warning("pipe-table", noDelimiter, at: at(11, 3)),
        ])
        #expect(document.pipeTables == [at(3, 1), at(7, 1), at(11, 3)])
        #expect(!document.html.contains("<table>"))
    }
}

/// The plain-text fast path makes exactly the text node cmark would make of a cell.
@Suite struct PipeTablePlainTextTests {
    /// The inline children cmark makes of a cell's text in the auxiliary document: kind, literal.
    func cmarkInlines(_ text: String) -> [String] {
        let tree = MarkdownTree(parsing: "\u{A0}" + text + "\n")
        return tree.nodes.filter { $0.depth == 2 }.map { "\($0.kind.rawValue):\($0.literal)" }
    }

    @Test func plainTextIsWhatCmarkMakesOneTextNodeOf() {
        let samples = [
            "2019", "Aetna", "In 2014 and 2015", "G9328 (modifier 26)", "a - b: c; d, e. f? g/h", "Émile's \"quoted\" — ok", "1. not a list",
            "# not a heading", "> not a quote", "x  y", "a * b", "a_b", "[x]", "<b>", "&amp;", "`c`", "a\\b", "wow!", "x]",
        ]
        var plain: [String] = []
        for sample in samples {
            let bytes = Array(sample.utf8)
            let isPlain = bytes.withUnsafeBufferPointer { PipeTablePass.isPlainText($0, mayBeInvalidUTF8: false) }
            if isPlain {
                plain.append(sample)
                #expect(cmarkInlines(sample) == ["text:\u{A0}" + sample], "\(sample)")
            }
        }
        #expect(plain == Array(samples.prefix(10)))
        #expect(Array("é".utf8).withUnsafeBufferPointer { PipeTablePass.isPlainText($0, mayBeInvalidUTF8: true) } == false)
    }
}
