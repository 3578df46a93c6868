import CCmark
import Foundation
import PolicySiteCore
import Testing
@testable import PolicySiteMarkdown

/// Runs the CommonMark 0.30 spec examples through the layer in its three modes.
@Suite struct ConformanceTests {
    /// Missing spec file must fail, not pass silently: the spec lives in ../shared/commonmark.
    func examples() throws -> [SpecExample] {
        let examples = try #require(SharedFiles.specExamples(), "../shared/commonmark/spec-0.30.txt not found beside the repository")
        try #require(examples.count == 652, "expected 652 spec examples, found \(examples.count)")
        return examples
    }

    static var conformanceOptions: MarkdownOptions {
        var options = MarkdownOptions.plain
        options.allowRawHTML = true
        return options
    }

    @Test func allExamplesPassWithTransformsOffAndRawHTMLAllowed() throws {
        var failures: [Int] = []
        for example in try examples() {
            let document = MarkdownRenderer.render(example.markdown, file: "spec.md", options: Self.conformanceOptions)
            if document.html != example.html { failures.append(example.number) }
        }
        #expect(failures == [], "examples differing from the spec")
    }

    /// Sections are rendered part by part; the parts must add up to the whole.
    @Test func partsAddUpToTheWholeForEveryExample() throws {
        for example in try examples() {
            let document = MarkdownRenderer.render(example.markdown, file: "spec.md")
            let joined = document.preambleHTML + document.sections.map { $0.headingHTML + $0.html }.joined()
            #expect(joined == document.html, "example \(example.number)")
        }
    }

    /// Safe mode differs from the spec only where raw HTML was omitted (no spec example has a
    /// dangerous URL). Each of these equals cmark's own safe-mode output.
    static let safeModeDifferences: [Int] = [
        21, 31, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165,
        166, 167, 168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 181, 182, 183, 184, 185,
        186, 187, 188, 189, 190, 191, 201, 308, 309, 344, 474, 475, 476, 490, 493, 523, 535, 612, 613, 614,
        615, 616, 622, 624, 627, 628, 629, 630, 631, 642, 643,
    ]

    @Test func safeModeDiffersOnlyByOmittedRawHTML() throws {
        var differing: [Int] = []
        for example in try examples() {
            let document = MarkdownRenderer.render(example.markdown, file: "spec.md", options: .plain)
            guard document.html != example.html else { continue }
            differing.append(example.number)
            let cmarkSafe = example.markdown.withCString { pointer -> String in
                guard let html = cmark_markdown_to_html(pointer, strlen(pointer), CMARK_OPT_DEFAULT) else { return "" }
                defer { free(html) }
                return String(cString: html)
            }
            #expect(document.html == cmarkSafe, "example \(example.number) differs from cmark's safe mode")
            let dropped = document.rawHTML.contains { $0.dropped } || document.diagnostics.contains { $0.rule == "url-scheme" }
            #expect(dropped, "example \(example.number) differs without omitted raw HTML or a dropped URL")
            #expect(document.html.contains("<!-- raw HTML omitted -->"), "example \(example.number)")
        }
        #expect(differing == Self.safeModeDifferences)
    }

    /// A resolver that knows every code, modifier and content file, so every transform fires.
    static let knowsEverything = MarkdownLinkResolver(
        codeURL: { "../\($0)/index.html" }, modifierURL: { "../../modifiers/\($0)/index.html" },
        contentLinkURL: { "page:\($0)" })

    /// Examples that change with all transforms on, beyond heading ids and anchors, and why.
    static let transformDifferences: [Int: String] = [
        483: "`[](./target.md)` is a link to a content file: link rewriting turns it into the page URL",
    ]

    @Test func transformsChangeOnlyHeadingsExceptListedExamples() throws {
        var options = MarkdownOptions()
        options.allowRawHTML = true
        var differing: [Int] = []
        for example in try examples() {
            let document = MarkdownRenderer.render(example.markdown, file: "spec.md", options: options, links: Self.knowsEverything)
            if Self.removingHeadingIDs(document.html) != example.html { differing.append(example.number) }
        }
        #expect(differing == Self.transformDifferences.keys.sorted())
    }

    /// `<h2 id="x">Text <a class="anchor" ...>#</a></h2>` -> `<h2>Text</h2>`.
    static func removingHeadingIDs(_ html: String) -> String {
        var result = html
        result = result.replacingOccurrences(of: #"<h([1-6]) id="[^"]*">"#, with: "<h$1>", options: .regularExpression)
        result = result.replacingOccurrences(
            of: ##" <a class="anchor" href="#[^"]*" aria-label="Link to this section">#</a></h([1-6])>"##,
            with: "</h$1>", options: .regularExpression)
        return result
    }
}
