import PolicySiteCore
@testable import PolicySiteYAML
import Testing

/// `YAMLMappingReader` over our own values: typed reads, their diagnostics at the key's or the
/// value's place, unknown keys.
@Suite struct YAMLMappingReaderTests {
    static func reader(_ text: String, subject: String = "code G9328") throws -> YAMLMappingReader {
        let root = try #require(YAMLSource(file: "Content/data/codes.yml").compose(text).root)
        var failure: [Diagnostic] = []
        let reader = try #require(YAMLMappingReader(root, subject: subject, failure: &failure))
        #expect(failure == [])
        return reader
    }

    @Test func nullIsNothingTildeOrNullWrittenPlain() {
        #expect(YAMLScalar("").isNull)
        #expect(YAMLScalar("~").isNull)
        #expect(YAMLScalar("null").isNull)
        #expect(!YAMLScalar("null", style: .doubleQuoted).isNull)
        #expect(YAMLScalar("null", style: .doubleQuoted).textIsNullWord)
        #expect(!YAMLScalar("Null").isNull)
        #expect(!YAMLScalar("nul").isNull)
        #expect(!YAMLScalar("nulls").isNull)
        #expect(!YAMLScalar("~~").isNull)
        #expect(!YAMLScalar("-").isNull)
        #expect(!YAMLScalar("Guidance for A0021").isNull)
    }

    @Test func aKeyWrittenTwiceAsDifferentTypesIsKnownBothTimes() throws {
        // Plain `1` is an integer and quoted "1" a string: not a duplicate to the composer.
        var reader = try Self.reader("1: a\n\"1\": b\nother: c\n")
        #expect(reader.string("1") == "a")
        reader.rejectUnknownKeys()
        #expect(reader.diagnostics.map(\.description) == [
            "Content/data/codes.yml:3:1: error: unknown key 'other' in code G9328 (known keys: 1) [yaml-unknown-key]",
        ])
    }

    @Test func keysPastTheSixtyFourthAreCheckedToo() throws {
        let keys = (1...70).map { "k\($0)" }
        var reader = try Self.reader(keys.map { "\($0): x\n" }.joined())
        for key in keys.dropLast() { _ = reader.string(key) }
        reader.rejectUnknownKeys()
        #expect(reader.diagnostics.map(\.rule) == ["yaml-unknown-key"])
        #expect(reader.diagnostics.first?.location.description == "Content/data/codes.yml:70:1")
        var everyKey = try Self.reader(keys.map { "\($0): x\n" }.joined())
        for key in keys { _ = everyKey.string(key) }
        everyKey.rejectUnknownKeys()
        #expect(everyKey.diagnostics == [])
    }

    @Test func readsKeysInOrderWithTheirPlaces() throws {
        var reader = try Self.reader("code: G9328\naliases:\n  - no\n  - Aetna\nadded: 2019-01-01\n")
        #expect(reader.keys == ["code", "aliases", "added"])
        #expect(reader.identifier("code") == "G9328")
        #expect(reader.texts("aliases") == ["no", "Aetna"])
        #expect(reader.date("added") == CalendarDate(parsing: "2019-01-01"))
        #expect(reader.location(ofKey: "aliases").description == "Content/data/codes.yml:2:1")
        #expect(reader.location(ofValue: "aliases").description == "Content/data/codes.yml:3:3")
        #expect(reader.location(ofKey: "absent").description == "Content/data/codes.yml:1:1")
        reader.rejectUnknownKeys()
        #expect(reader.diagnostics.map(\.description) == [
            "Content/data/codes.yml:3:5: warning: aliases no must be quoted (\"no\"): YAML tools read no as the boolean false [identifier-unquoted]",
        ])
    }

    @Test func wrongTypesMissingAndUnknownKeysAreDiagnosticsAtTheirPlace() throws {
        var reader = try Self.reader("code: [G9328]\nhistorical: 'yes'\ncount: 12x\nterminated: 2019-13-01\nbetso: D1A\n")
        #expect(reader.string("code") == nil)
        #expect(reader.bool("historical") == nil)
        #expect(reader.integer("count", in: 1...10, unit: "items") == nil)
        #expect(reader.date("terminated") == nil)
        #expect(reader.string("longDescriptor", required: true) == nil)
        reader.rejectUnknownKeys()
        #expect(reader.diagnostics.map(\.description) == [
            "Content/data/codes.yml:1:7: error: 'code' in code G9328 must be text, not a list [yaml-type]",
            "Content/data/codes.yml:2:13: error: 'historical' in code G9328 must be true or false (unquoted), not 'yes' [yaml-type]",
            "Content/data/codes.yml:3:8: error: 'count' in code G9328 must be a whole number from 1 to 10 (items), not '12x' [yaml-type]",
            "Content/data/codes.yml:4:13: error: 'terminated' in code G9328 is not a date (YYYY-MM-DD): '2019-13-01' [date-invalid]",
            "Content/data/codes.yml:1:1: error: code G9328 is missing the required key 'longDescriptor' [yaml-missing-key]",
            "Content/data/codes.yml:5:1: error: unknown key 'betso' in code G9328 (known keys: code, count, historical, longDescriptor, terminated) [yaml-unknown-key]",
        ])
    }

    /// Keys asked more than once, or asked and absent, are named once in the unknown-key
    /// message, sorted.
    @Test func knownKeysAreNamedOnceSortedWhateverTheAsking() throws {
        var reader = try Self.reader("title: A\nbetso: D1A\ncode: G9328\n")
        #expect(reader.text("title") == "A")
        #expect(reader.identifier("code") == "G9328")
        #expect(reader.string("title") == "A")
        #expect(reader.texts("zeta") == nil)
        #expect(reader.location(ofValue: "code").description == "Content/data/codes.yml:3:7")
        reader.rejectUnknownKeys()
        #expect(reader.diagnostics.map(\.description) == [
            "Content/data/codes.yml:2:1: error: unknown key 'betso' in code G9328 (known keys: code, title, zeta) [yaml-unknown-key]",
        ])
    }

    @Test func aValueThatIsNotAMappingIsOneDiagnostic() throws {
        let root = try #require(YAMLSource(file: "Content/data/codes.yml").compose("- G9328\n").root)
        var failure: [Diagnostic] = []
        #expect(YAMLMappingReader(root.sequence![0], subject: "code", failure: &failure) == nil)
        #expect(failure.map(\.description) == ["Content/data/codes.yml:1:3: error: code must be a mapping of keys to values [yaml-type]"])
    }
}
