import Testing
@testable import PolicySite
import PolicySiteCore

/// `hidden-character`: zero-width characters, bidirectional controls and no-break spaces where
/// they change what text means, at their column with their code point; and every message shows
/// them escaped, so two names that look alike never print alike.
@Suite struct HiddenCharacterTests {
    @Test func aZeroWidthSpaceInsideACodeInProseIsReportedAsTheCodeItHides() throws {
        let page = Validation.page(body: Validation.body(replacing: "Coding text.", with: "Bill G93\u{200B}99 for this."))
        #expect(try Validation.check(["codes/G9329.md": page]) == [
            "Content/codes/G9329.md:16:9: error: zero-width space (U+200B) in \"G93U+200B99\" splits code G9399, so no check, link or search sees it; delete it [hidden-character]",
        ])
    }

    @Test func aRightToLeftOverrideInATitleIsAnError() throws {
        let page = Validation.page().replacingOccurrences(of: "title: Test guidance", with: "title: Test \u{202E}guidance")
        #expect(try Validation.check(["codes/G9329.md": page]) == [
            "Content/codes/G9329.md:3:13: error: right-to-left override (U+202E) in \"U+202Eguidance\": an invisible control that changes the order the text shows in; delete it [hidden-character]",
        ])
    }

    @Test func aNoBreakSpaceInAHeadingButNotInProse() throws {
        let body = Validation.body(replacing: "## Clinical context\n\nContext text.", with: "## Clinical\u{00A0}context\n\nContext\u{00A0}text.")
        let lines = try Validation.check(["codes/G9329.md": Validation.page(body: body)], rules: ["hidden-character"])
        #expect(lines == [
            "Content/codes/G9329.md:10:12: error: no-break space (U+00A0) in \"ClinicalU+00A0context\" in a heading: it shows as a space but does not match one; write a plain space [hidden-character]",
        ])
    }

    @Test func payerNamesAndCodesInDataFiles() throws {
        let payers = FixtureSite.baseFiles["data/payers.yml"]!.replacingOccurrences(of: "name: Aetna", with: "name: Aet\u{200D}na")
        let codes = FixtureSite.baseFiles["data/codes.yml"]!.replacingOccurrences(of: "- code: \"G9329\"", with: "- code: \"G9329\u{FEFF}\"")
        let lines = try Validation.check(["data/payers.yml": payers, "data/codes.yml": codes], rules: ["hidden-character"])
        #expect(lines == [
            "Content/data/codes.yml:9:15: error: zero-width no-break space (U+FEFF) in \"\"G9329U+FEFF\"\": an invisible character, so the text differs from what it shows; delete it [hidden-character]",
            "Content/data/payers.yml:2:12: error: zero-width joiner (U+200D) in \"AetU+200Dna\": an invisible character, so the text differs from what it shows; delete it [hidden-character]",
        ])
    }

    @Test func emojiJoinersInProseAreLeftAlone() throws {
        let page = Validation.page(body: Validation.body(replacing: "Coding text.", with: "Coding text \u{1F469}\u{200D}\u{2695}\u{FE0F}."))
        #expect(try Validation.check(["codes/G9329.md": page]) == [])
    }

    @Test func everyMessageShowsHiddenCharactersEscaped() {
        let finding = Diagnostic.error("payer-unknown", "payer \"Aet\u{200B}na\" is not in payers.yml", at: SourceLocation(file: "x.md"))
        #expect(finding.message == "payer \"AetU+200Bna\" is not in payers.yml")
        #expect(HiddenCharacters.escaped("a\u{00A0}b\u{202F}c\u{2066}d") == "aU+00A0bU+202FcU+2066d")
        #expect(HiddenCharacters.escaped("plain — text") == "plain — text")
    }

    @Test func aPayerHeadingWithAHiddenCharacterPrintsDifferentlyFromThePayer() throws {
        let body = Validation.body(replacing: "### Aetna", with: "### Aet\u{200B}na")
        let lines = try Validation.check(["codes/G9329.md": Validation.page(body: body)], rules: ["payer-unknown", "hidden-character"])
        #expect(lines == [
            "Content/codes/G9329.md:20:1: error: payer \"AetU+200Bna\" is not in payers.yml; did you mean \"Aetna\"? [payer-unknown]",
            "Content/codes/G9329.md:20:8: error: zero-width space (U+200B) in \"AetU+200Bna\": an invisible character, so the text differs from what it shows; delete it [hidden-character]",
        ])
    }
}
