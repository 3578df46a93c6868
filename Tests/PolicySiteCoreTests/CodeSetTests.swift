import Testing
@testable import PolicySiteCore

/// The code set's codes, kept sorted in one array with an index.
@Suite struct CodeSetTests {
    static func code(_ code: String, _ descriptor: String) -> HCPCSCode {
        HCPCSCode(code: code, longDescriptor: descriptor, shortDescriptor: "", source: SourceLocation(file: "codes.yml"))
    }

    @Test func codesComeOutInByteOrderAndTheLaterOfTwoWins() {
        let set = CodeSet(releaseLabel: "x", codes: [
            Self.code("G9328", "first"), Self.code("0450", "a"), Self.code("00100", "b"), Self.code("0001U", "c"), Self.code("G9328", "second"),
        ])
        #expect(set.sortedCodes.map(\.code) == ["0001U", "00100", "0450", "G9328"])
        #expect(set.codeCount == 4)
        #expect(set[code: "G9328"]?.longDescriptor == "second")
        #expect(set[code: "0450"]?.longDescriptor == "a")
        #expect(set[code: "G932"] == nil)
        #expect(set.contains(code: "0001U"))
        #expect(!set.contains(code: "G932"))
        #expect(!set.contains(code: "g9328"))
        #expect(set.withCode("G9328") { $0.longDescriptor } == "second")
        #expect(set.withCode("0001U") { $0.code } == "0001U")
        #expect(set.withCode("G932") { $0.code } == nil)
        #expect(CodeSet(releaseLabel: "x").codeCount == 0)
    }

    @Test func insertingReplacesInPlaceOrAddsInOrder() {
        var set = CodeSet(releaseLabel: "x", codes: [Self.code("G0008", "a"), Self.code("G9328", "b")])
        set.insert(Self.code("G9328", "replaced"))
        set.insert(Self.code("A0021", "added"))
        set.insert(contentsOf: [Self.code("Z9999", "z"), Self.code("G0008", "again"), Self.code("C1000", "c"), Self.code("Z9999", "z2")])
        #expect(set.sortedCodes.map(\.code) == ["A0021", "C1000", "G0008", "G9328", "Z9999"])
        #expect(set.sortedCodes.map(\.longDescriptor) == ["added", "c", "again", "replaced", "z2"])
        for code in set.sortedCodes { #expect(set[code: code.code] == code) }
        set.insert(contentsOf: [])
        #expect(set.codeCount == 5)
    }

    static func modifier(_ code: String, _ descriptor: String) -> Modifier {
        Modifier(code: code, descriptor: descriptor, level: .levelII, source: SourceLocation(file: "modifiers.yml"))
    }

    /// Codes that do not pack into the index's integers (longer than eight bytes, non-ASCII)
    /// are found as `String`'s `==` finds them, canonical equivalence included.
    @Test func codesThatDoNotPackAreFoundAsEqualTextsAre() {
        let set = CodeSet(releaseLabel: "x", codes: [
            Self.code("LONGCODE-2019", "long"), Self.code("G9328", "g"), Self.code("\u{212A}0001", "kelvin"), Self.code("0450", "a"), Self.code("ABCDEFGH", "eight"),
        ])
        #expect(set.sortedCodes.map(\.code) == ["0450", "ABCDEFGH", "G9328", "LONGCODE-2019", "\u{212A}0001"])
        #expect(set[code: "LONGCODE-2019"]?.longDescriptor == "long")
        #expect(set[code: "ABCDEFGH"]?.longDescriptor == "eight")
        #expect(set[code: "ABCDEFG"] == nil)
        #expect(set[code: "ABCDEFGHI"] == nil)
        // U+212A KELVIN SIGN is canonically equivalent to "K": a dictionary keyed by `String` found it.
        #expect(set[code: "K0001"]?.longDescriptor == "kelvin")
        #expect(set[code: "\u{212A}0001"]?.longDescriptor == "kelvin")
        #expect(set.contains(code: "G9328"))
        #expect(!set.contains(code: ""))
        #expect(!set.contains(code: "G9328\u{0}"))
        #expect(!set.contains(code: "\u{E9}0001"))
    }

    @Test func modifiersAreFoundAndTheLaterOfTwoWins() {
        var set = CodeSet(releaseLabel: "x", modifiers: [Self.modifier("TC", "technical"), Self.modifier("26", "professional"), Self.modifier("TC", "technical, again")])
        #expect(set[modifier: "TC"]?.descriptor == "technical, again")
        #expect(set[modifier: "26"]?.descriptor == "professional")
        #expect(set[modifier: "tc"] == nil)
        #expect(set[modifier: "T"] == nil)
        set.insert(Self.modifier("25", "significant"))
        set.insert(Self.modifier("26", "replaced"))
        set.insert(Self.modifier("LONGMODIFIER", "unpacked"))
        #expect(set[modifier: "25"]?.descriptor == "significant")
        #expect(set[modifier: "26"]?.descriptor == "replaced")
        #expect(set[modifier: "LONGMODIFIER"]?.descriptor == "unpacked")
        #expect(set.modifiers.count == 4)
        #expect(set.sortedModifiers.map(\.code) == ["25", "26", "LONGMODIFIER", "TC"])
        #expect(set.sortedModifiers.map(\.descriptor) == ["significant", "replaced", "unpacked", "technical, again"])
    }

    /// Packed identifiers compare as their texts do bytewise, a prefix first.
    @Test func packedIdentifiersKeepTheBytewiseOrder() {
        let identifiers = ["0001U", "00100", "0450", "04500", "A", "G9328", "Z", "ZZZZZZZZ"]
        let keys = identifiers.map { IdentifierIndex.pack($0)! }
        #expect(keys == keys.sorted())
        #expect(IdentifierIndex.pack("0450") == 0x3034_3530_0000_0000)
        #expect(IdentifierIndex.pack("ZZZZZZZZZ") == nil)
        #expect(IdentifierIndex.pack("") == nil)
        #expect(IdentifierIndex.pack("\u{E9}") == nil)
    }
}
