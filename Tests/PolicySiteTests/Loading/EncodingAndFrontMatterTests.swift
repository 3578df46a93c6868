import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// Files with a byte-order mark, CRLF line ends, front-matter fence variants and bytes that
/// are not UTF-8, as a kind: every
/// file's bytes are checked and normalised before the front matter is looked for.
@Suite struct EncodingAndFrontMatterTests {
    @Test func byteOrderMarkIsStrippedOnceBeforeTheFence() throws {
        let control = try FixtureSite()
        control.build()
        let withBOM = try FixtureSite(bytes: ["codes/G9328.md": [0xEF, 0xBB, 0xBF] + Array(FixtureSite.guidanceG9328.utf8)])
        let report = withBOM.build()
        #expect(report.errorLines == [])
        let page = try withBOM.page("codes/G9328/index.html")
        #expect(page == (try control.page("codes/G9328/index.html")))
        #expect(!page.contains("\u{FEFF}"))
        #expect(page.contains("<h2 id=\"overview\">"))
    }

    @Test func crlfAndLoneCRBecomeLF() throws {
        let crlf = FixtureSite.guidanceG9328.replacingOccurrences(of: "\n", with: "\r\n")
        let site = try FixtureSite(files: ["codes/G9328.md": crlf, "data/payers.yml": FixtureSite.baseFiles["data/payers.yml"]!.replacingOccurrences(of: "\n", with: "\r")])
        let control = try FixtureSite()
        #expect(site.build().errorLines == [])
        control.build()
        #expect(try site.page("codes/G9328/index.html") == control.page("codes/G9328/index.html"))
        #expect(!site.snapshot().values.contains { $0.contains(0x0D) })
    }

    @Test func blockScalarUnderCRLFKeepsLFOnly() throws {
        let source = SourceText.decode(Array("---\r\ntitle: |\r\n  Line one\r\n  Line two\r\n---\r\nBody\r\n".utf8), file: "x.md").0!
        let split = FrontMatterSplit.split(source).0!
        #expect(split.yaml == "title: |\n  Line one\n  Line two\n")
        #expect(split.body == "Body\n")
        #expect(split.bodyLineOffset == 5)
    }

    @Test func decodedTextKnowsWhereItStartsInTheFile() throws {
        let plain = try #require(SourceText.decode(Array("---\ntitle: A\n---\nBody\n".utf8), file: "a.md").0)
        #expect(plain.text == "---\ntitle: A\n---\nBody\n")
        #expect(plain.fileOffset == 0)
        let marked = try #require(SourceText.decode([0xEF, 0xBB, 0xBF] + Array("caf\u{E9}\n".utf8), file: "a.md").0)
        #expect(marked.text == "caf\u{E9}\n")
        #expect(marked.fileOffset == 3)
        let carriageReturns = try #require(SourceText.decode([0xEF, 0xBB, 0xBF] + Array("a\r\nb\rc".utf8), file: "a.md").0)
        #expect(carriageReturns.text == "a\nb\nc")
        #expect(carriageReturns.fileOffset == nil)
        let empty = try #require(SourceText.decode([0xEF, 0xBB, 0xBF], file: "a.md").0)
        #expect(empty.text == "")
        #expect(empty.fileOffset == 3)
        let (invalid, findings) = SourceText.decode(Array("ok\n".utf8) + [0xC3, 0x28], file: "a.md")
        #expect(invalid == nil)
        #expect(findings == [.error("encoding", "not valid UTF-8 at byte offset 3 (0xC3)", at: SourceLocation(file: "a.md", line: 2, column: 1))])
    }

    @Test func fenceVariants() throws {
        func split(_ text: String) -> (FrontMatterSplit?, [Diagnostic]) {
            FrontMatterSplit.split(SourceText.decode(Array(text.utf8), file: "Content/codes/x.md").0!)
        }
        // Trailing spaces and tabs on the fences are ignored.
        #expect(split("--- \ntitle: A\n---\t\nBody\n").0 == FrontMatterSplit(yaml: "title: A\n", yamlLineOffset: 1, body: "Body\n", bodyLineOffset: 3))
        // Front matter only, no final newline: an empty body.
        #expect(split("---\ntitle: B\n---").0 == FrontMatterSplit(yaml: "title: B\n", yamlLineOffset: 1, body: "", bodyLineOffset: 3))
        // Never closed: an error at line 1, and no split (the YAML is not published as text).
        let unterminated = split("---\ntitle: C\n\nBody that the YAML would swallow\n")
        #expect(unterminated.0 == nil)
        #expect(unterminated.1.map(\.description) == ["Content/codes/x.md:1:1: error: front matter opened but never closed (add a '---' line after the YAML) [front-matter-unterminated]"])
        // Empty front matter, and a body that keeps its own fences and blank lines.
        #expect(split("---\n---\n\n---\nx\n\n").0 == FrontMatterSplit(yaml: "\n", yamlLineOffset: 1, body: "\n---\nx\n\n", bodyLineOffset: 2))
        // Only an opening fence.
        #expect(split("---").0 == nil)
        // A blank line first: no front matter; `---` is Markdown.
        #expect(split("\n---\ntitle: D\n---\n").0?.yaml == nil)
    }

    @Test func fenceIsThreeHyphensAndBlanksOnly() throws {
        func split(_ text: String) -> FrontMatterSplit? {
            FrontMatterSplit.split(SourceText.decode(Array(text.utf8), file: "Content/codes/x.md").0!).0
        }
        // `----`, `--- x`, `---\u{301}` (a combining mark on the third hyphen) and a non-breaking
        // space close nothing: the YAML runs on to the real fence.
        #expect(split("---\na: 1\n----\n--- x\n---\u{301}\n---\u{A0}\n--- \t \nBody\n") == FrontMatterSplit(
            yaml: "a: 1\n----\n--- x\n---\u{301}\n---\u{A0}\n", yamlLineOffset: 1, body: "Body\n", bodyLineOffset: 7))
        #expect(split("----\na: 1\n---\n")?.yaml == nil)
        #expect(split("--\n---\n")?.yaml == nil)
        #expect(split("é\n---\n---\n")?.body == "é\n---\n---\n")
    }

    @Test func unterminatedAndMissingFrontMatterFailTheBuild() throws {
        let site = try FixtureSite(files: [
            "codes/G9329.md": "---\ncode: G9329\ntitle: Never closed\n\n## Overview\n",
            "policies/no-front-matter.md": "\n---\ntitle: D\n---\nBody\n",
        ])
        let report = site.build()
        #expect(report.lines == [
            "Content/codes/G9329.md:1:1: error: front matter opened but never closed (add a '---' line after the YAML) [front-matter-unterminated]",
            "Content/policies/no-front-matter.md:1:1: error: page has no front matter; start the file with '---', a 'title:' line and '---' [front-matter-missing]",
        ])
        #expect(!report.wroteSite)
    }

    @Test func nonUTF8FilesAreErrorsWithTheirOffset() throws {
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("---\r\ntitle: x\r\n---\r\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let site = try FixtureSite(bytes: [
            "payers/utf16le-bom.md": utf16,
            "payers/latin1.md": Array("---\ntitle: \"Latin-1\"\n---\nM".utf8) + [0xE9] + Array("dico\n".utf8),
            "payers/cp1252-quotes.md": Array("---\ntitle: \"CP1252\"\n---\n".utf8) + [0x93] + Array("prior auth".utf8) + [0x94] + Array(" required\n".utf8),
            "payers/utf8-bad-tail.md": Array("---\ntitle: \"Bad tail\"\n---\nValid text then a stray byte: ".utf8) + [0xFF, 0x0A],
        ])
        let report = site.build()
        #expect(report.lines == [
            "Content/payers/cp1252-quotes.md:4:1: error: not valid UTF-8 at byte offset 24 (0x93) [encoding]",
            "Content/payers/latin1.md:4:2: error: not valid UTF-8 at byte offset 26 (0xE9) [encoding]",
            "Content/payers/utf16le-bom.md:1:1: error: UTF-16 LE (BOM) detected; convert to UTF-8 [encoding]",
            "Content/payers/utf8-bad-tail.md:4:31: error: not valid UTF-8 at byte offset 56 (0xFF) [encoding]",
        ])
        #expect(!report.wroteSite)
    }

    /// The body's line count is taken from a slice of the file's text, without a copy.
    @Test func aSliceCountsItsOwnLines() {
        let text = "---\ntitle: A\n---\nOne\nTwo"
        let body = text[text.range(of: "One")!.lowerBound...]
        #expect(SourceText.lineCount(body) == 2)
        #expect(SourceText.lineCount(body + "\n") == 2)
        #expect(SourceText.lineCount(text[text.endIndex...]) == 0)
        #expect(SourceText.lineCount("\n\n") == 2)
        // A slice counts as its text does: a final `\r\n` is one character, not a final "\n".
        let crlf = "a\r\nb\r\n", lf = "a\nb\n"
        let counts: [Int] = [SourceText.lineCount(Substring(crlf)), SourceText.lineCount(crlf), SourceText.lineCount(Substring(lf))]
        #expect(counts == [3, 3, 2])
        // Only the slice's own line feeds count, not those of the text after it.
        let long = String(repeating: "x\n", count: 40) + "tail"
        let middle = long[long.index(long.startIndex, offsetBy: 4)..<long.index(long.startIndex, offsetBy: 11)]
        #expect(middle == "x\nx\nx\nx")
        #expect(SourceText.lineCount(middle) == 4)
        #expect(SourceText.lineCount(long[...]) == 41)
    }
}
