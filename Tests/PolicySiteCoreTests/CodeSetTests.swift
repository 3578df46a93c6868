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
}
