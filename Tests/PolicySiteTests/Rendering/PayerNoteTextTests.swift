import Testing
@testable import PolicySite

/// What a payer note's text says, read from its bytes without making its words: "no data
/// available" (`PayerNotes.saysNoData`), or nothing at all (`PageRenderer.hasWord`).
@Suite struct PayerNoteTextTests {
    @Test func thePhrasesInAnyCaseAndSpacing() {
        #expect(PayerNotes.saysNoData("  no   DATA, available  "))
        #expect(PayerNotes.saysNoData("No data available for this payer (2019)."))
        #expect(PayerNotes.saysNoData("No data is available — for this payer"))
        #expect(!PayerNotes.saysNoData("No data available for this payer at all."))
        #expect(!PayerNotes.saysNoData("No data available for this payers"))
        #expect(!PayerNotes.saysNoData("No data"))
        #expect(!PayerNotes.saysNoData("Nö data available"))
        #expect(!PayerNotes.saysNoData(""))
        // A slice of a page's text, as the notes' plain text is, read in place.
        let page = "Intro. No data available. More."
        #expect(PayerNotes.saysNoData(page[page.range(of: "No data available.")!]))
        #expect(!PayerNotes.saysNoData(page[page.range(of: "No data")!]))
    }

    @Test func aPayerNoteHasAWordWhenItHasALetterOrADigit() {
        #expect(PayerNotes.hasWord("No data available."))
        #expect(PayerNotes.hasWord(" — 42"))
        #expect(PayerNotes.hasWord("— médico"))
        #expect(PayerNotes.hasWord("“Ω”"))
        #expect(!PayerNotes.hasWord(""))
        #expect(!PayerNotes.hasWord(" - * . "))
        #expect(!PayerNotes.hasWord("— … “”"))
    }
}
