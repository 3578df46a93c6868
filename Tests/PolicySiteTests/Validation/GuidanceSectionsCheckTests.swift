import Testing
@testable import PolicySite
import PolicySiteCore

/// `section-missing`, `section-order`, `section-unknown`, `section-duplicate`, `section-empty`.
@Suite struct GuidanceSectionsCheckTests {
    static func check(_ body: String) throws -> [String] {
        try Validation.check(["codes/G9329.md": Validation.page(body: body)])
    }

    @Test func sectionMissing() throws {
        #expect(try Self.check(Validation.body(replacing: "## Clinical context\n\nContext text.\n\n", with: "")) == [
            "Content/codes/G9329.md:10:1: warning: guidance section \"Clinical context\" is missing (it belongs before \"Coding specifications\") [section-missing]",
        ])
    }

    @Test func aSectionAtTheWrongLevelIsNamed() throws {
        #expect(try Self.check(Validation.body(replacing: "## Overview", with: "# Overview")) == [
            "Content/codes/G9329.md:6:1: warning: guidance section \"Overview\" is missing: \"# Overview\" is a level-1 heading; write it as \"## Overview\" [section-missing]",
        ])
    }

    @Test func lastSectionMissingPointsAtTheEndOfThePage() throws {
        let body = String(Validation.standardBody[..<Validation.standardBody.range(of: "## Payer notes")!.lowerBound])
        // The body ends after line 17 of the file (5 front matter lines + 12 body lines).
        #expect(try Self.check(body) == [
            "Content/codes/G9329.md:17:1: warning: guidance section \"Payer notes\" is missing [section-missing]",
        ])
    }

    @Test func sectionOrder() throws {
        let swapped = Validation.body(replacing: "## Overview\n\nOverview text.\n\n## Clinical context\n\nContext text.", with: "## Clinical context\n\nContext text.\n\n## Overview\n\nOverview text.")
        #expect(try Self.check(swapped) == [
            "Content/codes/G9329.md:10:1: warning: section \"Overview\" comes after \"Clinical context\"; the order is Overview, Clinical context, Coding specifications, Payer notes [section-order]",
        ])
    }

    @Test func sectionUnknown() throws {
        #expect(try Self.check(Validation.standardBody + "\n## Billing tips\n\nTips.\n") == [
            "Content/codes/G9329.md:28:1: warning: section \"Billing tips\" is not one of the guidance sections (Overview, Clinical context, Coding specifications, Payer notes); it is shown after the payer notes [section-unknown]",
        ])
        #expect(try Self.check(Validation.body(replacing: "## Overview", with: "## Overveiw")).contains(
            "Content/codes/G9329.md:6:1: warning: section \"Overveiw\" is not one of the guidance sections (Overview, Clinical context, Coding specifications, Payer notes); did you mean \"Overview\"? [section-unknown]"))
    }

    @Test func sectionDuplicate() throws {
        #expect(try Self.check(Validation.standardBody + "\n## Overview\n\nMore.\n") == [
            "Content/codes/G9329.md:28:1: error: second \"Overview\" section (the first is at line 6); only the first is shown [section-duplicate]",
        ])
    }

    @Test func sectionEmpty() throws {
        #expect(try Self.check(Validation.body(replacing: "Context text.\n", with: "")) == [
            "Content/codes/G9329.md:10:1: warning: section \"Clinical context\" has no text [section-empty]",
        ])
    }

    /// `hasNoText` answers as `isAllWhiteSpace` does, for ASCII and other white space.
    @Test func hasNoTextAnswersAsIsAllWhiteSpace() {
        let texts: [Substring] = ["", " \n\t\r", "\u{00A0}\u{3000}\n", " x", "\u{00A0}x", "é", "\n\nText."]
        #expect(texts.map(GuidanceSectionsCheck.hasNoText) == [true, true, true, false, false, false, false])
        #expect(texts.map(\.isAllWhiteSpace) == [true, true, true, false, false, false, false])
    }

    /// A title of another length is not a required section; one of the same length is, in any case.
    @Test func requiredTitlesMatchByLengthThenCase() {
        let titles = ["overview", "PAYER NOTES", "Payer note", "Clinical  context", "Coding specifications", "Overvieww", ""]
        #expect(titles.map { GuidanceSectionsCheck.requiredIndex($0) } == [0, 3, nil, nil, 2, nil, nil])
    }

    @Test func titlesMatchInAnyCase() throws {
        #expect(try Self.check(Validation.body(replacing: "## Clinical context", with: "## Clinical Context")) == [])
    }
}
