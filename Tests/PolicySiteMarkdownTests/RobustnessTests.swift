import Foundation
import PolicySiteCore
import Testing
@testable import PolicySiteMarkdown

/// No input crashes, hangs or overflows the stack (deep nesting, long runs of
/// unclosed brackets). Limits are generous for debug builds.
@Suite struct RobustnessTests {
    static let resolver = MarkdownLinkResolver(
        codeURL: { "../\($0)/index.html" }, modifierURL: { "../../modifiers/\($0)/index.html" },
        contentLinkURL: { "page/\($0)" })

    func render(_ markdown: String, seconds limit: Double = 20) -> MarkdownDocument {
        let clock = ContinuousClock()
        var document = MarkdownDocument()
        let elapsed = clock.measure {
            document = MarkdownRenderer.render(markdown, file: "stress.md", lineOffset: 3, links: Self.resolver)
        }
        #expect(elapsed < .seconds(limit), "took \(elapsed)")
        return document
    }

    @Test func invalidUTF8IsReportedWithItsLineAndReplaced() {
        let bytes: [UInt8] = Array("ok\nbad ".utf8) + [0xFF] + Array(" here\r\n".utf8) + [0xC3, 0x28] + Array(" two \u{E9}\n".utf8)
            + [0xED, 0xA0, 0x80] + Array("\n".utf8) + [0xF0, 0x9F, 0x98] + Array("\n".utf8)
        let document = MarkdownRenderer.render(bytes, file: "codes/G9328.md", lineOffset: 4)
        func invalid(_ line: Int, _ column: Int, _ byte: String) -> Diagnostic {
            .error("utf8-invalid", "invalid UTF-8 byte 0x\(byte); shown as U+FFFD", at: SourceLocation(file: "codes/G9328.md", line: line, column: column))
        }
        #expect(document.diagnostics == [invalid(6, 5, "FF"), invalid(7, 1, "C3"), invalid(8, 1, "ED"), invalid(9, 1, "F0")])
        #expect(document.html.hasPrefix("<p>ok\nbad \u{FFFD} here\n\u{FFFD}( two \u{E9}\n"))
    }

    @Test func manyInvalidLinesAreSummarised() {
        let bytes = [UInt8](repeating: 0, count: 0) + Array(repeating: [0xFE, 0x0A], count: 150).flatMap { $0 }
        let diagnostics = UTF8Check.problems(in: bytes, file: "a.md")
        #expect(diagnostics.count == 101)
        #expect(diagnostics.last == .error("utf8-invalid", "invalid UTF-8 on 50 more lines", at: SourceLocation(file: "a.md", line: 150, column: 1)))
    }

    @Test func nulBytesBecomeReplacementCharacters() {
        let document = MarkdownRenderer.render(Array("a\u{0}b G9328\n".utf8), file: "a.md", links: Self.resolver)
        #expect(document.html == "<p>a\u{FFFD}b <a href=\"../G9328/index.html\">G9328</a></p>\n")
        #expect(document.diagnostics.isEmpty)
    }

    @Test func twentyMegabyteSingleLine() {
        var line = String(repeating: "plain words & more ", count: 20 * 1024 * 1024 / 19)
        line += "G9328 [x](G9329.md)\n"
        let document = render(line)
        #expect(document.html.utf8.count > 20_000_000)
        #expect(document.mentions.count == 1)
        #expect(document.mentions[0].location.column == line.utf8.count - 19)
        #expect(document.links.map(\.href) == ["page/G9329.md"])
    }

    @Test func tenThousandNestedBlockQuotes() {
        let document = render(String(repeating: "> ", count: 10_000) + "G9328\n")
        #expect(document.html.hasPrefix("<blockquote>\n<blockquote>"))
        #expect(document.mentions.count == 1)
    }

    @Test func tenThousandNestedListItems() {
        let document = render(String(repeating: "- ", count: 10_000) + "deep\n")
        #expect(document.html.components(separatedBy: "<li>").count == 10_001)
    }

    @Test func thousandLevelNestedList() {
        var markdown = ""
        for level in 0..<1000 { markdown += String(repeating: "  ", count: level) + "* foo\n" }
        let document = render(markdown)
        #expect(document.html.hasPrefix("<ul>\n<li>foo\n<ul>"))
    }

    @Test func hundredThousandOpenBrackets() {
        let document = render(String(repeating: "[", count: 100_000) + "\n")
        #expect(document.html == "<p>" + String(repeating: "[", count: 100_000) + "</p>\n")
    }

    @Test func unclosedAndAngleLinks() {
        let unclosed = render(String(repeating: "[ (](", count: 50_000) + "\n")
        #expect(unclosed.links.isEmpty)
        let angle = render(String(repeating: "[a](<b", count: 50_000) + "\n")
        #expect(angle.links.isEmpty)
        #expect(angle.html.hasPrefix("<p>[a](&lt;b[a]"))
    }

    /// A blockquote nested deeper than any real page: a recursive walk overflows near depth 175,000; ours is iterative.
    @Test func halfMillionDeepBlockQuote() {
        let document = render(String(repeating: ">", count: 500_000) + " x G9328\n", seconds: 60)
        #expect(document.html.hasPrefix("<blockquote>\n<blockquote>\n"))
        #expect(document.html.contains("<p>x <a href=\"../G9328/index.html\">G9328</a></p>"))
        #expect(document.mentions.map(\.location) == [SourceLocation(file: "stress.md", line: 4, column: 500_004)])
        let tree = MarkdownTree(parsing: String(repeating: ">", count: 500_000) + " x\n")
        #expect(tree.nodes.count == 500_003)
        #expect(tree.nodes.last?.depth == 500_002)
    }

    /// cmark keeps no global state: many documents at once give the same results as one by one.
    @Test func concurrentRenderingMatchesSerial() async throws {
        let examples = try #require(SharedFiles.specExamples(), "../shared/commonmark/spec-0.30.txt not found beside the repository")
        let inputs = examples.map(\.markdown) + [CrossLinkTests.page]
        let serial = inputs.map { MarkdownRenderer.render($0, file: "a.md", links: Self.resolver).html }
        let parallel = await withTaskGroup(of: (Int, String).self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var last = ""
                    for (index, input) in inputs.enumerated() where index % 8 == worker {
                        last = MarkdownRenderer.render(input, file: "a.md", links: Self.resolver).html
                        if last != serial[index] { return (index, last) }
                    }
                    return (-1, last)
                }
            }
            var mismatches: [Int] = []
            for await (index, _) in group where index >= 0 { mismatches.append(index) }
            return mismatches
        }
        #expect(parallel == [])
    }
}

extension CrossLinkTests {
    /// A guidance-style page with codes, modifiers, links and sections.
    static let page = """
        # G9328 Guidance

        Report G9328 with modifier 26 when only the professional component applies; see [G9329](G9329.md).

        ## Payer notes

        Modifiers 26 and TC split the service.
        """
}
