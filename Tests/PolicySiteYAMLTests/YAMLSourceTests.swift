import PolicySiteCore
@testable import PolicySiteYAML
import Testing

/// `YAMLSource.compose`: our own positioned values (kind, text, style, tag, `line:column` of
/// every key and value, keys in the order written) and the problems as diagnostics.
@Suite struct YAMLSourceTests {
    /// One line a node: its kind, a scalar's style, text and tag, and `@line:column`. A
    /// mapping's keys (`key`) and values follow it one and two levels in, a list's items (`-`)
    /// one level in.
    static func dump(_ value: YAMLValue, depth: Int = 0, marker: String = "") -> [String] {
        let lead = String(repeating: "  ", count: depth) + marker
        let at = "@\(value.location.line):\(value.location.column)"
        switch value.content {
        case .scalar(let scalar):
            return ["\(lead)\(scalar.style) \"\(scalar.text)\"\(scalar.tag.map { " <\($0)>" } ?? "") \(at)"]
        case .mapping(let entries):
            return ["\(lead)mapping \(at)"] + entries.flatMap { entry in
                dump(entry.key, depth: depth + 1, marker: "key ") + dump(entry.value, depth: depth + 2)
            }
        case .sequence(let items):
            return ["\(lead)sequence \(at)"] + items.flatMap { dump($0, depth: depth + 1, marker: "- ") }
        }
    }

    @Test func everyKeyAndValueHasItsLineAndColumnAndKeysKeepTheirOrder() throws {
        let text = """
        zeta: G9328
        alpha:
          - "0450"
          - {code: '26', note: !!int 26}
        middle: |
          block text
        empty:
        """
        let (root, diagnostics) = YAMLSource(file: "Content/data/codes.yml").compose(text + "\n")
        #expect(diagnostics == [])
        let value = try #require(root)
        #expect(value.location == SourceLocation(file: "Content/data/codes.yml", line: 1, column: 1))
        #expect(Self.dump(value) == [
            "mapping @1:1",
            "  key plain \"zeta\" <tag:yaml.org,2002:str> @1:1",
            "    plain \"G9328\" @1:7",
            "  key plain \"alpha\" <tag:yaml.org,2002:str> @2:1",
            "    sequence @3:3",
            "      - doubleQuoted \"0450\" <tag:yaml.org,2002:str> @3:5",
            "      - mapping @4:5",
            "        key plain \"code\" <tag:yaml.org,2002:str> @4:6",
            "          singleQuoted \"26\" <tag:yaml.org,2002:str> @4:12",
            "        key plain \"note\" <tag:yaml.org,2002:str> @4:18",
            "          plain \"26\" <tag:yaml.org,2002:int> @4:24",
            "  key plain \"middle\" <tag:yaml.org,2002:str> @5:1",
            "    literal \"block text\n\" <tag:yaml.org,2002:str> @5:9",
            "  key plain \"empty\" <tag:yaml.org,2002:str> @7:1",
            "    plain \"\" @7:7",
        ])
        #expect(value.mapping?.map(\.keyText) == ["zeta", "alpha", "middle", "empty"])
    }

    /// Keys are typed while composing (libyaml compares keys by type for duplicates): in a data
    /// file `0450:` is the number 296, in front matter (composed without the resolver) every
    /// key is text. Front matter's lines count from the file's first line.
    @Test func keysCarryTheTypeTheComposerGaveThemAndFrontMatterIsShifted() throws {
        let data = try #require(YAMLSource(file: "Content/data/codes.yml").compose("0450: {}\nG9328: {}\n").root)
        #expect(Self.dump(data) == [
            "mapping @1:1",
            "  key plain \"0450\" <tag:yaml.org,2002:int> @1:1",
            "    mapping @1:7",
            "  key plain \"G9328\" <tag:yaml.org,2002:str> @2:1",
            "    mapping @2:8",
        ])
        #expect(data.mapping?.first?.key.scalar?.implicitType == "the number 296")
        let frontMatter = YAMLSource(file: "Content/codes/G9328.md", lineOffset: 1, resolvesImplicitTypes: false)
        let page = try #require(frontMatter.compose("code: G9328\n0450: x\n").root)
        #expect(Self.dump(page) == [
            "mapping @2:1",
            "  key plain \"code\" <tag:yaml.org,2002:str> @2:1",
            "    plain \"G9328\" @2:7",
            "  key plain \"0450\" <tag:yaml.org,2002:str> @3:1",
            "    plain \"x\" @3:7",
        ])
        #expect(page.location.description == "Content/codes/G9328.md:2:1")
        #expect(frontMatter.documentStart.description == "Content/codes/G9328.md:2:1")
    }

    /// An alias is a copy of the node it names, at the node's own place.
    @Test func aFewAliasesAreFineAndAreCopiesOfTheirAnchor() throws {
        let (root, diagnostics) = YAMLSource(file: "x.yml").compose("a: &name Aetna\nb: *name\nc: [*name, *name]\n")
        #expect(diagnostics == [])
        #expect(Self.dump(try #require(root)) == [
            "mapping @1:1",
            "  key plain \"a\" <tag:yaml.org,2002:str> @1:1",
            "    plain \"Aetna\" @1:4",
            "  key plain \"b\" <tag:yaml.org,2002:str> @2:1",
            "    plain \"Aetna\" @1:4",
            "  key plain \"c\" <tag:yaml.org,2002:str> @3:1",
            "    sequence @3:4",
            "      - plain \"Aetna\" @1:4",
            "      - plain \"Aetna\" @1:4",
        ])
    }

    /// Nine levels of ten aliases each: 10^8 copies of one line in nine lines; one error at the
    /// first alias, and no tree (copying it would be the gigabytes the bound is there to stop).
    @Test func onlyTextWithAStarMayHaveAliases() {
        #expect(YAMLSource.mayHaveAliases("a: &x 1\nb: *x\n"))
        #expect(YAMLSource.mayHaveAliases("*"))
        #expect(YAMLSource.mayHaveAliases(String(repeating: "title: long enough to be stored apart\n", count: 3) + "note: a*b\n"))
        #expect(!YAMLSource.mayHaveAliases("a: &x 1\nb: x\n"))
        #expect(!YAMLSource.mayHaveAliases(""))
        #expect(!YAMLSource.mayHaveAliases(String(repeating: "title: long enough to be stored apart\n", count: 3)))
    }

    @Test func aliasesThatExpandPastTheLimitAreOneErrorAtTheFirstAlias() {
        var lines = ["x0: &a0 [\"lol lol lol lol lol lol lol lol lol lol\"]"]
        for level in 1...8 {
            lines.append("x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        let (root, diagnostics) = YAMLSource(file: "Content/policies/laughs.md", lineOffset: 2).compose(lines.joined(separator: "\n") + "\n")
        #expect(root == nil)
        #expect(diagnostics.map(\.description) == [
            "Content/policies/laughs.md:4:10: error: aliases expand this YAML past 1024 KB (ten times its own size, at least 1 MB); write the values out, or repeat fewer of them [yaml-too-large]",
        ])
    }

    /// The unclosed list runs on into the next line as plain text, up to the `:` libyaml cannot
    /// take inside it.
    @Test func aSyntaxErrorIsOneDiagnosticAtLibyamlsPlace() {
        let (root, diagnostics) = YAMLSource(file: "Content/data/payers.yml").compose("- id: aetna\n  aliases: [Aetna, AET\n- id: cigna\n")
        #expect(root == nil)
        #expect(diagnostics.map(\.description) == [
            "Content/data/payers.yml:3:5: error: invalid YAML: did not find expected ',' or ']' [yaml-syntax]",
        ])
    }

    @Test func aTabUsedForIndentationIsNamed() {
        let (root, diagnostics) = YAMLSource(file: "Content/about.md", lineOffset: 1).compose("title: About\nlist:\n\t- a\n")
        #expect(root == nil)
        #expect(diagnostics.map(\.description) == [
            "Content/about.md:4:1: error: tab character used for indentation [yaml-syntax]",
        ])
    }

    /// libyaml names the first definition; the error belongs on the repeat.
    @Test func aDuplicateKeyIsReportedAtTheRepeat() {
        let (root, diagnostics) = YAMLSource(file: "Content/data/codes.yml").compose("G9328:\n  longDescriptor: a\nG9329: {}\nG9328: {}\n")
        #expect(root == nil)
        #expect(diagnostics.map(\.description) == [
            "Content/data/codes.yml:4:1: error: duplicate key 'G9328' (first defined at line 1) [yaml-duplicate-key]",
        ])
    }

    @Test func anEmptyDocumentIsNoValueAndNoDiagnostic() {
        let (root, diagnostics) = YAMLSource(file: "Content/site.yml").compose("# only a comment\n")
        #expect(root == nil)
        #expect(diagnostics == [])
    }
}
