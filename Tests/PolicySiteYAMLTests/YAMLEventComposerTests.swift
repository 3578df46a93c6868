import PolicySiteCore
@testable import PolicySiteYAML
import Testing

/// Front matter composed from libyaml's events gives exactly the values Yams's composer gives,
/// and leaves to Yams every document it does not compose (whose diagnostics only Yams makes).
@Suite struct YAMLEventComposerTests {
    static let frontMatter = YAMLSource(file: "Content/codes/G9328.md", lineOffset: 1, resolvesImplicitTypes: false)

    @Test(arguments: [
        "code: G9328\ntitle: Guidance for G9328\nlastReviewed: 2018-11-01\n",
        "code: A0021\ntitle: 'Quoted: yes'\nowner: \"Double \\t quoted\"\nsitesOfService: [Physician office, Hospital outpatient department]\n",
        "title: x\npayers:\n  - aetna\n  - 'cigna'\nnotes: |\n  line one\n  line two\nsummary: >\n  folded\n  text\n",
        "suppress:\n  - rule: code-mention\n    reason: the page quotes a terminated code\n  - {rule: review-date, reason: \"later\"}\n",
        "title:\nempty: ''\nnull: ~\n\"quoted key\": 1\n'single key': 2\n",
        "title: Prothèse — ü\n# a comment\nkey:   value with trailing spaces   \n",
        "[a, b, {c: d}]\n",
        "just a scalar\n",
        "---\n",
        "",
        "# only a comment\n",
    ])
    func eventsComposeWhatYamsComposes(text: String) {
        let yams = Self.frontMatter.composeWithYams(text)
        #expect(yams.diagnostics.isEmpty)
        #expect(YAMLEventComposer.compose(text, for: Self.frontMatter) == .document(yams.root))
    }

    @Test func keysAreResolvedStringsAndValuesKeepNoTag() {
        let text = "code: G9328\ntitle: \"Guidance\"\n"
        let expected = YAMLValue(.mapping([
            YAMLMappingEntry(
                key: YAMLValue(.scalar(YAMLScalar("code", tag: "tag:yaml.org,2002:str")), at: SourceLocation(file: "Content/codes/G9328.md", line: 2, column: 1)),
                value: YAMLValue(.scalar(YAMLScalar("G9328")), at: SourceLocation(file: "Content/codes/G9328.md", line: 2, column: 7))),
            YAMLMappingEntry(
                key: YAMLValue(.scalar(YAMLScalar("title", tag: "tag:yaml.org,2002:str")), at: SourceLocation(file: "Content/codes/G9328.md", line: 3, column: 1)),
                value: YAMLValue(.scalar(YAMLScalar("Guidance", style: .doubleQuoted, tag: "tag:yaml.org,2002:str")), at: SourceLocation(file: "Content/codes/G9328.md", line: 3, column: 8))),
        ]), at: SourceLocation(file: "Content/codes/G9328.md", line: 2, column: 1))
        #expect(YAMLEventComposer.compose(text, for: Self.frontMatter) == .document(expected))
    }

    @Test(arguments: [
        "a: &x 1\nb: *x\n",
        "a: !!str 26\n",
        "a: !custom [1]\n",
        "title: one\ntitle: two\n",
        "title: one\n'title': two\n",
        "? [a, b]\n: c\n",
        "a: 1\n---\nb: 2\n",
        "a: [1, 2\n",
        "a:\n\t- tab\n",
        (0..<32).map { "key\($0): \($0)\n" }.joined() + "last: 1\n",
    ])
    func documentsComposersMustCheckGoToYams(text: String) {
        #expect(YAMLEventComposer.compose(text, for: Self.frontMatter) == .needsComposer)
    }

    @Test func yamsStillReportsWhatItRejects() {
        let (root, diagnostics) = Self.frontMatter.compose("title: one\ntitle: two\n")
        #expect(root == nil)
        #expect(diagnostics == [.error("yaml-duplicate-key", "duplicate key 'title' (first defined at line 2)", at: SourceLocation(file: "Content/codes/G9328.md", line: 3, column: 1))])
    }
}
