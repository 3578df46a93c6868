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
}
