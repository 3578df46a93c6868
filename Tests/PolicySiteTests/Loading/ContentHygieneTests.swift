import Testing
@testable import PolicySite
import PolicySiteCore

/// Files editors leave beside content, and payer aliases that would make one note two payers'.
@Suite struct ContentHygieneTests {
    /// These once stopped a build with `path-invalid`.
    @Test func editorBackupAndLockFilesAreIgnored() throws {
        let page = FixtureSite.guidanceG9328
        let site = try FixtureSite(files: [
            "codes/G9328.md~": page, "codes/#G9328.md#": page, "codes/.#G9328.md": page,
            "codes/.G9328.md.swp": "swap", ".DS_Store": "x", "policies/p.md~": "old",
        ])
        let report = site.build()
        #expect(report.lines == [])
        #expect(report.wroteSite)
        #expect(site.snapshot().keys.filter { $0.contains("~") || $0.contains("#") || $0.contains("swp") || $0.contains("DS_Store") } == [])
        // A file merely containing '#' or '~' is still content.
        #expect(ContentWalker.isIgnored("G9328.md~"))
        #expect(ContentWalker.isIgnored("#G9328.md#"))
        #expect(!ContentWalker.isIgnored("#"))
        #expect(!ContentWalker.isIgnored("a#b.md"))
        #expect(!ContentWalker.isIgnored("~notes.md"))
    }

    @Test func aPathIsTheFolderASlashAndTheName() {
        #expect(ContentWalker.path("/srv/site/Content/codes", "G9328.md") == "/srv/site/Content/codes/G9328.md")
        #expect(ContentWalker.path("Content", "caf\u{E9}.md") == "Content/caf\u{E9}.md")
        #expect(ContentWalker.path("", "site.yml") == "/site.yml")
        #expect(ContentWalker.isIgnored("##"))
        #expect(!ContentWalker.isIgnored("#\u{301}#"))
    }

    /// `bcbs` aliasing `Aetna` once gave the code page two `<h3 id="aetna">`.
    @Test func payerAliasCollidingWithAnotherPayerIsADuplicate() throws {
        let payers = "- id: aetna\n  name: Aetna\n- id: medicare\n  name: Medicare\n  aliases: [CMS, aetna]\n- id: cigna\n  name: Cigna\n  aliases: [cms]\n"
        let site = try FixtureSite(files: ["data/payers.yml": payers])
        let report = site.check()
        #expect(report.errorLines == [
            "Content/data/payers.yml:3:3: error: alias 'aetna' of payer 'medicare' is the id or name of payer 'aetna'; a note under it would belong to both [data-duplicate]",
            "Content/data/payers.yml:6:3: error: alias 'cms' of payer 'cigna' is also an alias of payer 'medicare'; a note under it would belong to both [data-duplicate]",
        ])
    }
}
