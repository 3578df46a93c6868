import Testing
@testable import PolicySite
import PolicySiteCore

/// `payer-unknown`, `payer-alias`, `payer-duplicate`, `payer-missing`, `payer-no-data-conflict`,
/// `payer-source-missing`. Base site payers: Aetna, Medicare (alias CMS).
@Suite struct PayerNotesCheckTests {
    static func check(medicare note: String, heading: String = "### Medicare") throws -> [String] {
        let body = Validation.body(replacing: "### Medicare\n\nNo data available.", with: "\(heading)\n\n\(note)")
        return try Validation.check(["codes/G9329.md": Validation.page(body: body)])
    }

    @Test func payerUnknown() throws {
        let body = Validation.standardBody + "\n### Humana\n\nNo data available.\n"
        #expect(try Validation.check(["codes/G9329.md": Validation.page(body: body)]) == [
            "Content/codes/G9329.md:28:1: error: payer \"Humana\" is not in payers.yml [payer-unknown]",
        ])
    }

    @Test func payerUnknownMisspeltCountsAsTheNoteForThatPayer() throws {
        #expect(try Self.check(medicare: "No data available.", heading: "### Medicaer") == [
            "Content/codes/G9329.md:24:1: error: payer \"Medicaer\" is not in payers.yml; did you mean \"Medicare\"? [payer-unknown]",
        ])
    }

    @Test func payerInPayersFileButNotOfTheSite() throws {
        let payers = FixtureSite.baseFiles["data/payers.yml"]! + "- id: cigna\n  name: Cigna\n"
        let body = Validation.standardBody + "\n### Cigna\n\nNo data available.\n"
        #expect(try Validation.check(["data/payers.yml": payers, "codes/G9329.md": Validation.page(body: body)]) == [
            "Content/codes/G9329.md:28:1: error: payer \"Cigna\" is in payers.yml but not among the site's payers in site.yml; the note is not published [payer-unknown]",
        ])
    }

    @Test func payerAlias() throws {
        #expect(try Self.check(medicare: "No data available.", heading: "### CMS") == [
            "Content/codes/G9329.md:24:1: warning: payer note \"CMS\" uses an alias; write the payer's name: \"### Medicare\" [payer-alias]",
        ])
    }

    @Test func payerDuplicate() throws {
        let body = Validation.standardBody + "\n### Aetna\n\nNo data available.\n"
        #expect(try Validation.check(["codes/G9329.md": Validation.page(body: body)]) == [
            "Content/codes/G9329.md:28:1: error: second note for Aetna (the first is at line 20); only the first is published [payer-duplicate]",
        ])
    }

    @Test func payerMissing() throws {
        let body = Validation.body(replacing: "\n### Medicare\n\nNo data available.\n", with: "")
        #expect(try Validation.check(["codes/G9329.md": Validation.page(body: body)]) == [
            "Content/codes/G9329.md:18:1: warning: no note for Medicare; add \"### Medicare\" with the note, or with \"No data available.\" [payer-missing]",
        ])
    }

    @Test func payerNoteEmpty() throws {
        let body = Validation.body(replacing: "### Medicare\n\nNo data available.\n", with: "### Medicare\n")
        #expect(try Validation.check(["codes/G9329.md": Validation.page(body: body)]) == [
            "Content/codes/G9329.md:24:1: error: note for Medicare is empty: the heading has nothing under it; write the note, or \"No data available.\" [payer-note-empty]",
        ])
    }

    @Test func payerNoDataConflict() throws {
        #expect(try Self.check(medicare: "No data available. Medicare pays for G9329 in 2019.") == [
            "Content/codes/G9329.md:24:1: error: note for Medicare says no data is available and then says more; keep one or the other [payer-no-data-conflict]",
        ])
        #expect(try Self.check(medicare: "No data is available for this payer.") == [])
    }

    @Test func payerSourceMissing() throws {
        #expect(try Self.check(medicare: "Medicare pays for G9329.") == [
            "Content/codes/G9329.md:24:1: warning: note for Medicare cites no source; add a link or a policy reference (\"Source: ...\") [payer-source-missing]",
        ])
    }

    @Test func payerSourcesThatCount() throws {
        #expect(try Self.check(medicare: "Medicare pays for G9329 ([manual](https://www.cms.gov/manual)).") == [])
        #expect(try Self.check(medicare: "Medicare pays for G9329. Source: CMS claims processing manual.") == [])
        #expect(try Self.check(medicare: "Medicare pays for G9329 under LCD L34567.") == [])
        #expect(try Self.check(medicare: "Covered per Clinical Policy Bulletin 0123.") == [])
    }

    @Test func linkInAnotherNoteIsNotThisNotesSource() throws {
        let body = Validation.body(replacing: "### Aetna\n\nNo data available.", with: "### Aetna\n\nAetna pays. Source: [bulletin](https://www.aetna.com/).")
            .replacingOccurrences(of: "### Medicare\n\nNo data available.", with: "### Medicare\n\nMedicare pays.")
        #expect(try Validation.check(["codes/G9329.md": Validation.page(body: body)]) == [
            "Content/codes/G9329.md:24:1: warning: note for Medicare cites no source; add a link or a policy reference (\"Source: ...\") [payer-source-missing]",
        ])
    }

    /// The byte test of a note's first word answers as the words would, digits and text that is
    /// not ASCII included.
    @Test func startsWithNoDataAnswersAsTheNotesWords() {
        let notes: [Substring] = [
            "No data available. Source: LCD L34567.", "  *no* DATA is available, but see CPB 0123.", "Nodata available.",
            "Covered. No data available.", "1 no data available", "Ñ no data available", "no data available — café",
            "No data", "",
        ]
        #expect(notes.map(PayerNotesCheck.startsWithNoData) == [true, true, false, false, false, false, true, false, false])
    }
}
