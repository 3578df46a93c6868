import Testing
@testable import PolicySite

/// What counts as a prose mention of a modifier (see `ModifierMentions`): the forms coders
/// write, never a bare two-letter word.
@Suite struct ModifierMentionsTests {
    let known: Set<String> = ["26", "25", "50", "TC", "GA", "XU", "XS", "59", "RT"]

    func scan(_ text: String) -> [String] { ModifierMentions.scan(text, known: known) }

    @Test func theWordModifierBeforeOrAfter() {
        #expect(scan("Use modifier TC for the technical component.") == ["TC"])
        #expect(scan("Modifier 26 applies.") == ["26"])
        #expect(scan("MODIFIER GA is required") == ["GA"])
        #expect(scan("modifiers 59, XS or XU") == ["59", "XS", "XU"])
        #expect(scan("modifiers 26/TC") == ["26", "TC"])
        #expect(scan("modifiers 26 and TC") == ["26", "TC"])
        #expect(scan("Append the TC modifier.") == ["TC"])
        #expect(scan("26 modifiers are common") == ["26"])
    }

    @Test func codesWithTheModifierAppended() {
        #expect(scan("Bill G9329-26 and 70450-TC.") == ["26", "TC"])
        #expect(scan("(0001U-GA)") == ["GA"])
        #expect(scan("Append -TC, or (-RT) for the right side.") == ["RT", "TC"])
        #expect(scan("-XU at the start") == ["XU"])
    }

    @Test func notMentions() {
        // A bare abbreviation, a lower-case word, part of a word, numbers and dates.
        #expect(scan("TC and GA alone are not mentions; nor is tc or Tc.") == [])
        #expect(scan("ETC, TCM, XUX, 26th, GA-based, TC-99") == [])
        #expect(scan("CT-TC, a range 2014-15, -25 degrees, -50 percent") == [])
        #expect(scan("dates 2019-01-01 and 2015-12-31") == [])
        #expect(scan("modifier tc, modifier T, modifierTC, modifier 262") == [])
        #expect(scan("G93291-26 is not a code") == [])
        // Unknown modifiers are never reported.
        #expect(scan("modifier ZZ and G9329-QQ") == [])
    }

    @Test func eachOnceAndSorted() {
        #expect(scan("modifier TC, then TC modifier, then G9329-TC and modifier 26") == ["26", "TC"])
    }

    /// Eight bytes at a time: a byte that can start a form is found wherever it falls in the
    /// eight (prose of every length from 0 to 16 bytes before each mention).
    @Test func mentionsAtEveryOffsetOfEightBytes() {
        #expect(ModifierMentions.formStarts(0x6867_6665_6463_6261) == 0)                    // "abcdefgh"
        #expect(ModifierMentions.formStarts(0x2E2C_2F2B_6E6C_2020) == 0)                    // "  ln+/,."
        #expect(ModifierMentions.formStarts(0x6867_6D65_6463_6261) == 0x0000_8000_0000_0000) // "abcdemgh"
        #expect(ModifierMentions.formStarts(0x5A41_3930_2D60_5B40) == 0x8080_8080_8000_0000) // "@[`-09AZ"
        var found: [[String]] = []
        for padding in 0...16 {
            let prose = String(repeating: "a", count: padding) + " "
            found.append(scan(prose + "use modifier TC, " + prose + "bill G9329-26, " + prose + "(-RT) " + prose + "then the XU modifier"))
        }
        #expect(found == Array(repeating: ["26", "RT", "TC", "XU"], count: 17))
        #expect(scan("ETC, TCM and tc, in " + String(repeating: "prose ", count: 20)) == [])
    }
}
