import Testing
@testable import PolicySite

@Suite struct SearchTextTests {
    @Test func compactCollapsesEveryRunOfWhiteSpace() {
        #expect(SearchIndex.compact("  Overview\n\nReport  G9328\tonce.\r\n") == "Overview Report G9328 once.")
        #expect(SearchIndex.compact("\n \t") == "")
        // Text with other scripts takes the Character path, which also knows no-break space.
        #expect(SearchIndex.compact(" Übersicht\u{00A0}\u{00A0}G9328 \n") == "Übersicht G9328")
    }

    @Test func noDataNotesAreOnlyTheStatement() {
        #expect(PayerNotes.saysNoData("No data available."))
        #expect(PayerNotes.saysNoData("No data is available for this payer."))
        #expect(!PayerNotes.saysNoData("No data available. Medicare pays the global fee."))
        #expect(!PayerNotes.saysNoData(String(repeating: "No data available. ", count: 10)))
    }
}
