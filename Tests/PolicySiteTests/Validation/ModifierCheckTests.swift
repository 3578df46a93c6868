import Testing
@testable import PolicySite
import PolicySiteCore

/// `modifier-unknown`, `modifier-terminated`, in front matter and in prose.
@Suite struct ModifierCheckTests {
    static let modifiers = FixtureSite.baseFiles["data/modifiers.yml"]! + """
    - code: "GX"
      descriptor: "A modifier terminated before the as-of date"
      level: II
      terminated: 2017-12-31

    """

    @Test func unknownModifierInFrontMatter() throws {
        let extra = "modifiers:\n  - code: \"ZZ\"\n    whenToUse: Never.\n"
        #expect(try Validation.check(["codes/G9329.md": Validation.page(extra: extra)]) == [
            "Content/codes/G9329.md:6:5: error: modifier \"ZZ\" is not in the modifier data [modifier-unknown]",
        ])
    }

    @Test func lowerCaseModifierSuggestsTheDefinedOne() throws {
        let extra = "modifiers:\n  - code: \"tc\"\n    whenToUse: Technical component.\n"
        #expect(try Validation.check(["codes/G9329.md": Validation.page(extra: extra)]) == [
            "Content/codes/G9329.md:6:5: error: modifier \"tc\" is not in the modifier data; did you mean \"TC\"? [modifier-unknown]",
        ])
    }

    @Test func unknownModifierInProse() throws {
        let body = Validation.body(replacing: "Coding text.", with: "Append modifier ZZ here.")
        #expect(try Validation.check(["codes/G9329.md": Validation.page(body: body)]) == [
            "Content/codes/G9329.md:16:17: error: modifier \"ZZ\" is not in the modifier data [modifier-unknown]",
        ])
    }

    @Test func terminatedModifier() throws {
        let extra = "modifiers:\n  - code: \"GX\"\n    whenToUse: Never.\n"
        let body = Validation.body(replacing: "Coding text.", with: "Append modifier GX here.")
        #expect(try Validation.check(["data/modifiers.yml": Self.modifiers, "codes/G9329.md": Validation.page(extra: extra, body: body)]) == [
            "Content/codes/G9329.md:6:5: error: modifier \"GX\" is terminated: its last day of service was 2017-12-31, before the as-of date 2019-01-01 [modifier-terminated]",
            "Content/codes/G9329.md:19:17: error: modifier \"GX\" is terminated: its last day of service was 2017-12-31, before the as-of date 2019-01-01 [modifier-terminated]",
        ])
    }

    @Test func knownModifiersAreNoFinding() throws {
        let extra = "modifiers:\n  - code: \"TC\"\n    whenToUse: Technical component.\n"
        let body = Validation.body(replacing: "Coding text.", with: "Use modifiers 26 and TC.")
        #expect(try Validation.check(["codes/G9329.md": Validation.page(extra: extra, body: body)]) == [])
        // A historical page may name a modifier terminated since.
        let historical = FixtureSite.guidanceG9328.replacingOccurrences(of: "modifier 26", with: "modifier GX")
        #expect(try Validation.check(["data/modifiers.yml": Self.modifiers, "codes/G9328.md": historical]) == [])
    }
}
