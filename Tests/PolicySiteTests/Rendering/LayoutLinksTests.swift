import Testing
@testable import PolicySite

/// The links every page's layout has, made once per depth (`LayoutLinks`), and the relative
/// URLs they are made of: exactly what each page wrote when it made its own.
@Suite struct LayoutLinksTests {
    @Test func relativeURLsAreWrittenInOnePiece() {
        let code = SiteModel.codePath("G0008")
        #expect(SitePath.root.relativeURL(to: .root) == "index.html")
        #expect(code.relativeURL(to: .root) == "../../index.html")
        #expect(code.relativeURL(to: SiteModel.codePath("G0009"), fragment: "medicare") == "../../codes/G0009/index.html#medicare")
        #expect(code.relativeURL(to: SitePath(["guías", "médico"]), fragment: "a b/c") == "../../gu%C3%ADas/m%C3%A9dico/index.html#a%20b%2Fc")
        #expect(SiteModel.listPage(SiteModel.payerPath("uhc"), number: 2).relativeURL(toFile: "assets/site.css") == "../../../../assets/site.css")
        #expect(SitePath(["a"]).relativeURL(toFile: "search/ïndex.js") == "../search/%C3%AFndex.js")
    }

    static func describe(_ items: [NavItemView]) -> [String] {
        items.map { "\($0.title) \($0.url)\($0.current.map { " [\($0)]" } ?? "")" }
    }

    @Test func aCodePageMarksSectionsAsItsPart() {
        let links = LayoutLinks(depth: 2, hasHistory: false)
        #expect(Self.describe(links.navigation(at: SiteModel.codePath("G0008"))) == [
            "Home ../../index.html",
            "Sections ../../index.html#sections-heading [true]",
            "Modifiers ../../modifiers/index.html",
            "Payers ../../index.html#payers-heading",
            "Coverage ../../coverage/index.html",
            "Checks ../../checks/index.html",
        ])
        #expect([links.homeURL, links.stylesheetURL, links.modifiersURL, links.coverageURL, links.searchURL, links.recordURL] == [
            "../../index.html", "../../assets/site.css", "../../modifiers/index.html", "../../coverage/index.html",
            "../../search/index.html", "../../publication/index.html",
        ])
    }

    @Test func anEntrysOwnPageIsMarkedAsThePage() {
        let home = LayoutLinks(depth: 0, hasHistory: true)
        #expect(Self.describe(home.navigation(at: .root)) == [
            "Home index.html [page]",
            "Sections index.html#sections-heading",
            "Modifiers modifiers/index.html",
            "Payers index.html#payers-heading",
            "Coverage coverage/index.html",
            "Checks checks/index.html",
            "Changes changes/index.html",
        ])
        let depthOne = LayoutLinks(depth: 1, hasHistory: true)
        #expect(Self.describe(depthOne.navigation(at: SiteModel.changesIndexPath)).last == "Changes ../changes/index.html [page]")
        #expect(Self.describe(depthOne.navigation(at: SiteModel.modifierIndexPath))[2] == "Modifiers ../modifiers/index.html [page]")
        // A page in no entry's part of the site, and a modifier page below the index.
        #expect(Self.describe(depthOne.navigation(at: SitePath(["policies"]))).filter { $0.hasSuffix("]") } == [])
        #expect(Self.describe(LayoutLinks(depth: 2, hasHistory: true).navigation(at: SiteModel.modifierPath("TC"))).filter { $0.hasSuffix("]") } == [
            "Modifiers ../../modifiers/index.html [true]",
        ])
    }

    @Test func aPayerNoteHasAWordWhenItHasALetterOrADigit() {
        #expect(PageRenderer.hasWord("No data available."))
        #expect(PageRenderer.hasWord(" — 42"))
        #expect(PageRenderer.hasWord("— médico"))
        #expect(PageRenderer.hasWord("“Ω”"))
        #expect(!PageRenderer.hasWord(""))
        #expect(!PageRenderer.hasWord(" - * . "))
        #expect(!PageRenderer.hasWord("— … “”"))
    }
}

/// A guidance page's own sections are told from the others by their title in any case.
@Suite struct GuidanceSectionTitleTests {
    @Test func theFourTitlesInAnyCaseAndNoOthers() {
        #expect(["Overview", "CLINICAL CONTEXT", "coding Specifications", "payer notes"].allSatisfy(PageRenderer.isGuidanceSection))
        #expect(["Overviews", "Payer  notes", "Clinical", "", "Overvíew", "Références"].filter(PageRenderer.isGuidanceSection) == [])
    }
}

/// "No data available" as a note says it, read from its ASCII bytes without making its words.
@Suite struct NoDataPhraseTests {
    @Test func thePhrasesInAnyCaseAndSpacing() {
        #expect(PayerNotes.saysNoData("  no   DATA, available  "))
        #expect(PayerNotes.saysNoData("No data available for this payer (2019)."))
        #expect(PayerNotes.saysNoData("No data is available — for this payer"))
        #expect(!PayerNotes.saysNoData("No data available for this payer at all."))
        #expect(!PayerNotes.saysNoData("No data available for this payers"))
        #expect(!PayerNotes.saysNoData("No data"))
        #expect(!PayerNotes.saysNoData("Nö data available"))
        #expect(!PayerNotes.saysNoData(""))
    }
}
