@testable import PolicySiteYAML
import Testing

/// What other YAML tools make of unquoted identifiers such as `00100`, `0450`, `1E10`: the values measured with
/// `Yams.load` (00100 -> 64, 0450 -> 296, 02 -> 2, 09 -> 9.0, 1E10 -> 1.0e10, 10:30 -> 630).
@Suite struct YAMLImplicitTypeTests {
    @Test(arguments: [
        ("00100", "the number 64"),
        ("0450", "the number 296"),
        ("02", "the number 2"),
        ("09", "the number 9"),
        ("26", "the number 26"),
        ("99213", "the number 99213"),
        ("1E10", "the number 10000000000"),
        ("1.5", "the number 1.5"),
        ("1_000", "the number 1000"),
        ("0x1F", "the number 31"),
        ("0b101", "the number 5"),
        ("-5", "the number -5"),
        (".inf", "the number infinity"),
        ("10:30", "the base-60 number 630"),
        ("yes", "the boolean true"),
        ("Off", "the boolean false"),
        ("NULL", "null (no value)"),
        ("2019-01-01", "a date"),
    ])
    func plainScalarsOtherToolsDoNotReadAsText(text: String, reading: String) {
        #expect(YAMLScalar(text).implicitType == reading)
    }

    @Test(arguments: ["G9328", "0001U", "TC", "26A", "A4561", "M5B", "0450-01", "I"])
    func plainScalarsThatStayText(text: String) {
        #expect(YAMLScalar(text).implicitType == nil)
    }

    @Test func quotedAndTaggedScalarsAreText() throws {
        let root = try #require(YAMLSource(file: "x.yml").compose("a: \"00100\"\nb: '0450'\nc: !!str 26\nd: 26\ne: !!int 0450\nf: |\n  26\n").root)
        let values = try #require(root.mapping).map { $0.value.scalar! }
        #expect(values.map(\.implicitType) == [nil, nil, nil, "the number 26", "the number 296", nil])
    }

    /// Front matter is composed without the default resolver (its keys are names); its values
    /// are still resolved as other tools resolve them when a lint asks.
    @Test func valuesComposedWithoutTheResolverAreResolvedWhenAsked() throws {
        let root = try #require(YAMLSource(file: "p.md", lineOffset: 1, resolvesImplicitTypes: false).compose("code: 0450\nowner: no\n").root)
        #expect(try #require(root.mapping).map(\.value.scalar?.implicitType) == ["the number 296", "the boolean false"])
    }
}
