import Testing
@testable import PolicySite
import PolicySiteCore

/// `code-list-marker`: `00102. Anesthesia ...` first on a line is an ordered list item numbered
/// 102 for CommonMark, and the code leaves the page. A warning at the marker gives
/// the escape that keeps it.
@Suite struct CodeListMarkerTests {
    static let codes = FixtureSite.baseFiles["data/codes.yml"]! + """
    - code: "00100"
      longDescriptor: "Anesthesia for procedures on salivary glands, including biopsy"
      shortDescriptor: "Anesth salivary gland"
    - code: "00102"
      longDescriptor: "Anesthesia for procedures involving plastic repair of cleft lip"
      shortDescriptor: "Anesth repair of cleft lip"

    """

    static let anesthesia = """
    ---
    title: Anesthesia codes we review
    ---

    ## As a bulleted list

    - 00100. Anesthesia for salivary gland procedures.
    - 00102. Anesthesia for cleft lip repair.

    ## As lines of a paragraph

    00100. Anesthesia for salivary gland procedures; see the payer notes.
    00102) Anesthesia for cleft lip repair.

    ## Not list items

    The range ends at
    00102. This line continues the paragraph: an ordered list cannot interrupt one unless it starts at 1.

    ```
    00100. in a code block
    ```

        00102. indented code

    Escaped: 00100\\. Anesthesia.

    """

    @Test func everyCodeThatMarkdownMakesAListNumberIsAWarningAtItsMarker() throws {
        let lines = try Validation.check(["data/codes.yml": Self.codes, "policies/anesthesia.md": Self.anesthesia])
        #expect(lines == [
            "Content/policies/anesthesia.md:7:3: warning: line starts with code 00100 followed by '.', which Markdown reads as list number 100: the code leaves the text, its link and the search index; write 00100\\. to keep it [code-list-marker]",
            "Content/policies/anesthesia.md:8:3: warning: line starts with code 00102 followed by '.', which Markdown reads as list number 102: the code leaves the text, its link and the search index; write 00102\\. to keep it [code-list-marker]",
            "Content/policies/anesthesia.md:12:1: warning: line starts with code 00100 followed by '.', which Markdown reads as list number 100: the code leaves the text, its link and the search index; write 00100\\. to keep it [code-list-marker]",
            "Content/policies/anesthesia.md:13:1: warning: line starts with code 00102 followed by ')', which Markdown reads as list number 102: the code leaves the text, its link and the search index; write 00102\\) to keep it [code-list-marker]",
        ])
    }

    /// The quick look finds a marker on the first line and on a last line with no line break
    /// after it; a body without one gives no finding.
    @Test func markersOnTheFirstAndLastLinesAreFound() {
        let findings = CodeListMarkerCheck.check("00100. First\n\nText.\n\n00102) Last", file: "Content/policies/a.md", lineOffset: 4)
        #expect(findings.map { "\($0.location.file):\($0.location.line):\($0.location.column) \($0.rule)" } == [
            "Content/policies/a.md:5:1 code-list-marker", "Content/policies/a.md:9:1 code-list-marker",
        ])
        #expect(CodeListMarkerCheck.check("Text.\n00100 is no marker\n\n", file: "a.md", lineOffset: 0).count == 0)
        #expect(CodeListMarkerCheck.check("", file: "a.md", lineOffset: 0).count == 0)
    }

    @Test func theEscapeKeepsTheCodeInThePage() throws {
        let fixed = Self.anesthesia.replacingOccurrences(of: "00100. Anesthesia for salivary gland procedures;", with: "00100\\. Anesthesia for salivary gland procedures;")
        let site = try FixtureSite(files: ["data/codes.yml": Self.codes, "policies/anesthesia.md": fixed])
        let report = site.build()
        #expect(!report.lines.contains { $0.contains(":12:1:") })
        #expect(try site.page("policies/anesthesia/index.html").contains("<p>00100. Anesthesia for salivary gland procedures; see the payer notes."))
    }

    @Test func aGuidancePageIsCheckedToo() throws {
        let page = Validation.page(body: Validation.body(replacing: "Coding text.", with: "Coding text.\n\n00100. Anesthesia."))
        let lines = try Validation.check(["data/codes.yml": Self.codes, "codes/G9329.md": page], rules: ["code-list-marker"])
        #expect(lines == [
            "Content/codes/G9329.md:18:1: warning: line starts with code 00100 followed by '.', which Markdown reads as list number 100: the code leaves the text, its link and the search index; write 00100\\. to keep it [code-list-marker]",
        ])
    }
}
