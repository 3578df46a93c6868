// Throughput of the Markdown layer (all transformations on) against plain
// `cmark_markdown_to_html`, on about 20 MB of documents of realistic size: the CommonMark spec's
// examples (from ../shared/commonmark beside the repository, when present) and guidance-style
// pages written below. Prints MB/s for both (median of the runs, 5 unless `--runs N`) and the
// ratio. The figure to quote is the guidance corpus (`--guidance`): the product's real input.
// The spec corpus is 97% CommonMark spec examples, which have few codes, links and headings.
//
//     swift run -c release markdown-bench [target-MB] [--guidance] [--runs N] [--breakdown [--only NAME]]

import CCmark
import Foundation
import PolicySiteMarkdown

/// A guidance page like the site's: title, sections, codes, modifiers, links, lists, code.
func guidancePage(_ number: Int) -> String {
    let code = "G\(9300 + number % 90)"
    let other = "G\(9300 + (number + 1) % 90)"
    return """
        # \(code) Guidance

        Report \(code) once per encounter. Use modifier 26 for the professional component and
        modifier TC for the technical component; see [\(other)](\(other).md) for the related measure
        and [payer notes](../codes/\(other).md#payer-notes) for exceptions. Unknown codes such as
        Q\(1000 + number % 9000) are still reported to the validator.

        ## Coverage

        Medicare Part B covers \(code) when *all* of the following are **documented**:

        - the patient meets the measure's denominator criteria;
        - the clinician documents the reason in the note (see `\(code)` in the claim);
        - modifiers 26 and TC are not both appended to the same line.

        ### Medicare

        Claims must carry the quality-data code on the same claim as the E/M service. See the
        [CMS manual](https://www.cms.gov/manuals) chapter 12, section 30.6 &amp; 30.6.1.

        ### Commercial

        > Most commercial payers follow the Medicare rule, but some require modifier 59 or
        > modifiers XE, XS, XP or XU instead. Check the contract.

        ## Payer notes

        1. Aetna: accepts \(code) without modifiers.
        2. UnitedHealthcare: requires modifier GA when an ABN is on file.
        3. Regional plans: see [the table](#coverage) above.

        ```
        CLM*123*100***11:B:1~
        SV1*HC:\(code):26*100*UN*1***1~
        ```

        ## History

        | Year | Change |
        |------|--------|
        | 2019 | Added  |

        Added in the 2019 release; descriptor changed in 2021. Effective dates follow the
        quarterly update. \(code) replaced an older code in the same family.

        """
}

/// The spec's examples joined into documents of about 4 KB.
func specDocuments() -> [String] {
    let specURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/commonmark/spec-0.30.txt").standardizedFileURL
    guard let text = try? String(contentsOf: specURL, encoding: .utf8) else {
        print("note: \(specURL.path) not found; guidance pages only")
        return []
    }
    let fence = String(repeating: "`", count: 32)
    var documents: [String] = []
    var current = ""
    var inMarkdown = false
    var inExample = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line == fence + " example" {
            inExample = true
            inMarkdown = true
        } else if inExample && line == "." {
            inMarkdown = false
            current += "\n"
        } else if inExample && line == fence {
            inExample = false
            if current.utf8.count > 4096 {
                documents.append(current)
                current = ""
            }
        } else if inMarkdown {
            current += line.replacingOccurrences(of: "→", with: "\t") + "\n"
        }
    }
    if !current.isEmpty { documents.append(current) }
    return documents
}

let arguments = CommandLine.arguments.dropFirst()
let runsIndex = arguments.firstIndex(of: "--runs")
let runs = runsIndex.flatMap { arguments.index(after: $0) < arguments.endIndex ? Int(arguments[arguments.index(after: $0)]) : nil } ?? 5
let targetMB = arguments.enumerated()
    .filter { $0.offset == 0 || arguments[arguments.index(arguments.startIndex, offsetBy: $0.offset - 1)] != "--runs" }
    .compactMap { Double($0.element) }.first ?? 20
// The corpus the issue asks for: the spec's examples plus a few KB of guidance (3 pages).
// `--guidance` measures guidance pages only (many codes, links and headings: the worst case).
let guidanceOnly = arguments.contains("--guidance")
/// `--content DIR`: the bodies (front matter removed) of every `.md` file under DIR instead, e.g.
/// a site's `Content/codes`: a team's real pages rather than the synthetic worst case.
let contentFolder = arguments.firstIndex(of: "--content").flatMap { arguments.index(after: $0) < arguments.endIndex ? arguments[arguments.index(after: $0)] : nil }
func contentBodies(_ folder: String) -> [String] {
    let files = (FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".md") }.sorted()
    return files.compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }.map { text in
        // Front matter: a first line `---` up to the next line `---`.
        guard text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) else { return text }
        return String(text[end.upperBound...])
    }
}
let seed = contentFolder.map(contentBodies) ?? ((guidanceOnly ? [] : specDocuments()) + (0..<(guidanceOnly ? 40 : 3)).map(guidancePage))
var corpus: [String] = []
var corpusBytes = 0
while Double(corpusBytes) < targetMB * 1_000_000 {
    for document in seed {
        corpus.append(document)
        corpusBytes += document.utf8.count
    }
}
let known: Set<String> = Set((9300..<9390).map { "G\($0)" })
let resolver = MarkdownLinkResolver(
    codeURL: { known.contains($0) ? "../\($0)/index.html" : nil },
    modifierURL: { ["26", "TC", "59", "GA", "XE", "XS", "XP", "XU"].contains($0) ? "../../modifiers/\($0)/index.html" : nil },
    contentLinkURL: { path in
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return "../\(name.dropLast(3))/index.html"
    })

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

var outputCheck = 0
// `--breakdown` prints where the layer's time goes instead: processor time of this thread (less
// disturbed by other processes than wall time), best of 5, for cmark alone (parse; parse and
// render; parse, a walk over every node, and render: the floor of any layer that walks cmark's
// tree), then the layer with all options, without tables, and bare (no tables, cross-links,
// heading ids or link rewriting). `--only NAME` (spaces as hyphens) runs one line, for perf.
if arguments.contains("--breakdown") {
    let only = arguments.firstIndex(of: "--only").flatMap { arguments.index(after: $0) < arguments.endIndex ? arguments[arguments.index(after: $0)] : nil }
    func rate(_ name: String, _ body: (UnsafePointer<CChar>, Int) -> Void) {
        if let only, only != name.replacingOccurrences(of: " ", with: "-") { return }
        var best = 0.0
        for _ in 0..<5 {
            var start = timespec(), end = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
            for document in corpus { document.withCString { body($0, strlen($0)) } }
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
            let elapsed = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
            best = max(best, Double(corpusBytes) / 1e6 / elapsed)
        }
        print(String(format: "%@: %.1f MB/s, %.1f ms per MB", name, best, 1000 / best))
    }
    rate("cmark parse") { text, count in cmark_node_free(cmark_parse_document(text, count, CMARK_OPT_SOURCEPOS)) }
    rate("cmark parse render") { text, count in
        let document = cmark_parse_document(text, count, CMARK_OPT_SOURCEPOS)
        free(cmark_render_html(document, CMARK_OPT_DEFAULT))
        cmark_node_free(document)
    }
    rate("cmark parse walk render") { text, count in
        let document = cmark_parse_document(text, count, CMARK_OPT_SOURCEPOS)
        let iterator = cmark_iter_new(document)
        var textBytes = 0
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            let node = cmark_iter_get_node(iterator)
            if cmark_node_get_type(node) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(node) { textBytes &+= strlen(literal) }
        }
        cmark_iter_free(iterator)
        outputCheck &+= textBytes
        free(cmark_render_html(document, CMARK_OPT_DEFAULT))
        cmark_node_free(document)
    }
    rate("cmark_markdown_to_html") { text, count in free(cmark_markdown_to_html(text, count, CMARK_OPT_DEFAULT)) }
    rate("layer") { text, _ in outputCheck &+= MarkdownRenderer.render(String(cString: text), file: "bench.md", links: resolver).html.utf8.count }
    var noTables = MarkdownOptions()
    noTables.tables = false
    rate("layer without tables") { text, _ in outputCheck &+= MarkdownRenderer.render(String(cString: text), file: "bench.md", options: noTables, links: resolver).html.utf8.count }
    var bare = noTables
    bare.codeCrossLinks = false
    bare.headingIDs = false
    bare.linkRewriting = false
    rate("layer bare") { text, _ in outputCheck &+= MarkdownRenderer.render(String(cString: text), file: "bench.md", options: bare, links: resolver).html.utf8.count }
    if outputCheck == 42 { print("") }
    exit(0)
}

var layerRates: [Double] = []
var cmarkRates: [Double] = []
/// Per run, plain cmark's time over the layer's: both halves of a run are measured back to
/// back, so on a noisy machine their ratio is steadier than the ratio of the two medians.
var pairedRatios: [Double] = []
let megabytes = Double(corpusBytes) / 1_000_000
let corpusName = contentFolder.map { "pages of \($0)" } ?? (guidanceOnly ? "guidance" : "spec examples + guidance")
// Every guidance page ends with a small pipe table (its History), the worst case for the
// table pass; the spec examples have none that is a table.
let withTables = seed.filter { MarkdownRenderer.render($0, file: "bench.md").html.contains("<table>") }.count
print("corpus: \(corpusName), \(corpus.count) documents, \(String(format: "%.1f", megabytes)) MB (\(seed.count) distinct, \(withTables) with a pipe table)")
for run in 1...max(runs, 1) {
    let layer = seconds {
        for document in corpus {
            let rendered = MarkdownRenderer.render(document, file: "bench.md", links: resolver)
            outputCheck &+= rendered.html.utf8.count
        }
    }
    let plain = seconds {
        for document in corpus {
            document.withCString { pointer in
                if let html = cmark_markdown_to_html(pointer, strlen(pointer), CMARK_OPT_DEFAULT) {
                    outputCheck &+= strlen(html)
                    free(html)
                }
            }
        }
    }
    layerRates.append(megabytes / layer)
    cmarkRates.append(megabytes / plain)
    pairedRatios.append(plain / layer)
    print(String(format: "run %d: layer %.1f MB/s, cmark %.1f MB/s, ratio %.2f", run, megabytes / layer, megabytes / plain, plain / layer))
}
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
let layerMedian = median(layerRates), cmarkMedian = median(cmarkRates)
print(String(format: "median: layer %.1f MB/s, cmark_markdown_to_html %.1f MB/s, ratio %.2f", layerMedian, cmarkMedian, layerMedian / cmarkMedian))
print(String(
    format: "%@ ratio (median of %d paired runs): %.2f of plain cmark%@",
    contentFolder != nil ? "content" : guidanceOnly ? "GUIDANCE" : "spec-corpus", pairedRatios.count, median(pairedRatios),
    guidanceOnly ? "" : " (quote `--guidance`: the product's real input)"))
if outputCheck == 42 { print("") }  // keeps the work observable
