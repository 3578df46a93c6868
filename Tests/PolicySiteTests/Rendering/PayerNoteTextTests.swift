import Testing
@testable import PolicySite
import PolicySiteCore
import PolicySiteMarkdown

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
        // A phrase as written, in any case, then full stops, spaces or a line break; and what
        // only the words match.
        #expect(PayerNotes.saysNoData("NO DATA AVAILABLE."))
        #expect(PayerNotes.saysNoData("No data is available for this payer. \n"))
        #expect(PayerNotes.saysNoData("No data available !"))
        #expect(PayerNotes.saysNoData("No\tdata  available"))
        #expect(!PayerNotes.saysNoData("Nodata available."))
        #expect(!PayerNotes.saysNoData("No data available x."))
        #expect(!PayerNotes.saysNoData("No data availablf."))
        #expect(PayerNotes.saysNoData(". No data available"))
        // A slice of a page's text, as the notes' plain text is, read in place.
        let page = "Intro. No data available. More."
        #expect(PayerNotes.saysNoData(page[page.range(of: "No data available.")!]))
        #expect(!PayerNotes.saysNoData(page[page.range(of: "No data")!]))
    }

    @Test func aNoteIsFoundUnderItsPayersNameOrAliasInAnyCase() {
        let markdown = """
            ## Payer notes

            ### MEDICARE
            Covered once a year.

            ### bcbs
            No data available.

            ### Cigna Healthcare
            Prior authorization.

            ### Aetnä
            Covered.
            """
        let source = SourceLocation(file: "payers.yml")
        let payers = [
            Payer(id: "medicare", name: "Medicare", source: source),
            Payer(id: "bcbs", name: "Blue Cross Blue Shield", aliases: ["BCBS"], source: source),
            Payer(id: "cigna", name: "Cigna", source: source),
            Payer(id: "aetna", name: "Aetna", aliases: ["AETNÄ"], source: source),
            Payer(id: "uhc", name: "UnitedHealthcare", source: source),
        ]
        let states = PayerNotes.states(of: MarkdownRenderer.render(markdown, file: "G9328.md"), payers: payers)
        #expect(states.map(\.id) == ["medicare", "bcbs", "cigna", "aetna", "uhc"])
        #expect(states.map(\.stateName) == ["note", "no-data", "missing", "note", "missing"])
        #expect(states[0].html == "<p>Covered once a year.</p>\n")
        #expect(states[3].html == "<p>Covered.</p>\n")
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
