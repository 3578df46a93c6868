import PolicySiteCore
import Testing
@testable import PolicySiteMarkdown

/// Where a table meets other blocks, beyond GFM's own 24 examples. Each expected HTML is what
/// GitHub's reference implementation (cmark-gfm, as the `cmarkgfm` 2025.10.22 Python package
/// builds it) writes for the same input with raw HTML allowed.
@Suite struct PipeTableEdgeCaseTests {
    static let cases: [(name: String, markdown: String, html: String)] = [
        ("aThematicBreakAfterATableEndsIt", "| a | b |\n| - | - |\n| c | d |\n---\n",
         "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>c</td>\n<td>d</td>\n</tr>\n</tbody>\n</table>\n<hr />\n"),
        ("equalsSignsAfterATableAreARow", "| a | b |\n| - | - |\n| c | d |\n===\n",
         "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>c</td>\n<td>d</td>\n</tr>\n<tr>\n<td>===</td>\n<td></td>\n</tr>\n</tbody>\n</table>\n"),
        ("aLazyLineDoesNotContinueATableInAQuote", "> | a | b |\n> | - | - |\n| c | d |\n",
         "<blockquote>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n</table>\n</blockquote>\n<p>| c | d |</p>\n"),
        ("anEscapedPipeInACodeSpanOfTheHeader", "| `a\\|b` | c |\n| - | - |\n| d | e |\n",
         "<table>\n<thead>\n<tr>\n<th><code>a|b</code></th>\n<th>c</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>d</td>\n<td>e</td>\n</tr>\n</tbody>\n</table>\n"),
        ("aSecondTableAfterABlankLine", "| a |\n| - |\n| b |\n\n| x | y |\n| - | - |\n",
         "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n<table>\n<thead>\n<tr>\n<th>x</th>\n<th>y</th>\n</tr>\n</thead>\n</table>\n"),
        ("aTableRightAfterAParagraph", "para\n| a | b |\n| - | - |\n| c | d |\n",
         "<p>para</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>c</td>\n<td>d</td>\n</tr>\n</tbody>\n</table>\n"),
        ("aTableInAListItem", "- | a | b |\n  | - | - |\n  | c | d |\n",
         "<ul>\n<li>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>c</td>\n<td>d</td>\n</tr>\n</tbody>\n</table>\n</li>\n</ul>\n"),
        ("aHeadingEndsATable", "| a |\n| - |\n| b |\n# h\n",
         "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n<h1>h</h1>\n"),
        ("aFenceEndsATable", "| a |\n| - |\n| b |\n```\ncode\n```\n",
         "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n<pre><code>code\n</code></pre>\n"),
        ("aRowOfOnlyAPipe", "| a |\n| - |\n|\n| b |\n",
         "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n<p>|\n| b |</p>\n"),
        ("aLazyLineClosesTheQuoteAndWhatFollowsOpensANewOne", "> | a |\n> | - |\n| c |\n>\n> more\n",
         "<blockquote>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n</blockquote>\n<p>| c |</p>\n<blockquote>\n<p>more</p>\n</blockquote>\n"),
        ("aLazyLineInANestedQuoteKeepsTheOuterQuote", "> > | a |\n> > | - |\n> | c |\n",
         "<blockquote>\n<blockquote>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n</blockquote>\n<p>| c |</p>\n</blockquote>\n"),
        ("linesAfterALazyLineAreReadOutsideTheQuote", "> | a |\n> | - |\n> | b |\n| c |\n> d\n",
         "<blockquote>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n</blockquote>\n<p>| c |</p>\n<blockquote>\n<p>d</p>\n</blockquote>\n"),
        ("aSetextHeadingAfterAParagraphAndATableInAQuote", "> x\n> | a |\n> | - |\n> ---\n",
         "<blockquote>\n<p>x</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n<hr />\n</blockquote>\n"),
    ]

    @Test(arguments: cases.map(\.name))
    func givesCmarkGFMsHTML(_ name: String) throws {
        let example = try #require(Self.cases.first { $0.name == name })
        let document = MarkdownRenderer.render(example.markdown, file: "edge.md", options: PipeTableConformanceTests.gfmOptions)
        #expect(document.html == example.html)
    }
}

/// The look at the whole file that lets a page without a table skip the table pass.
@Suite struct PipeTablePrecheckTests {
    static func mayHoldTable(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer { PipeTablePass.mayHoldTable($0) }
    }

    @Test func aPipeOrAColonBesideADashMayHoldATable() {
        #expect(Self.mayHoldTable("a | b") == true)
        #expect(Self.mayHoldTable("a\n:-") == true)
        #expect(Self.mayHoldTable("a\n-:") == true)
        #expect(Self.mayHoldTable("x\n---:\n") == true)
    }

    @Test func proseWithColonsAndDashesHoldsNone() {
        #expect(Self.mayHoldTable("") == false)
        #expect(Self.mayHoldTable(":") == false)
        #expect(Self.mayHoldTable("Source: the manual - chapter 12\n- item: one\n") == false)
        #expect(Self.mayHoldTable("## Payer notes\n\nNo data available.\n") == false)
    }

    /// A table without any pipe is still found through its delimiter row's colon (as GFM does:
    /// one column).
    @Test func aTableWithoutPipesIsStillFound() {
        let document = MarkdownRenderer.render("Year\n:--:\n", file: "t.md", options: PipeTableConformanceTests.gfmOptions)
        #expect(document.html == "<table>\n<thead>\n<tr>\n<th align=\"center\">Year</th>\n</tr>\n</thead>\n</table>\n")
    }
}
