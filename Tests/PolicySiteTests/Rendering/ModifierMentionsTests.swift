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
}
