import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// `link-broken`: link forms (relative, `.md`, folder, `/`-rooted), a fragment whose case
/// differs from the anchor's, anchors from the final HTML, same-page anchors, static files and assets. G9329's page is `/codes/G9329/`.
@Suite struct LinkCheckTests {
    static let guides: [String: String] = [
        "guides/index.md": "---\ntitle: Guides\n---\n\n## TC\n\nTechnical component.\n",
        "guides/tc.md": "---\ntitle: Modifier TC\n---\n\n## Modifier TC\n\nTechnical component.\n",
        "images/logo.png": "PNG",
    ]

    /// G9329's guidance with `lines` as its overview (the first on line 8).
    static func check(overview lines: [String], site: String? = nil) throws -> [String] {
        var files = guides
        files["codes/G9329.md"] = Validation.page(body: Validation.body(replacing: "Overview text.", with: lines.joined(separator: "\n")))
        if let site { files["site.yml"] = site }
        return try Validation.check(files, rules: ["link-broken", "raw-html"])
    }

    @Test func linkForms() throws {
        #expect(try Self.check(overview: [
            "1. [root index.html](/index.html)",
            "2. [folder](../../guides/)",
            "3. [with query](../../guides/?view=table)",
            "4. [index, query, fragment](../../guides/index.html?x=1#tc)",
            "5. [source-relative .md](../guides/tc.md)",
            "6. [extensionless](../guides/tc)",
            "7. [missing extensionless](../guides/zz)",
            "8. [missing .md](../guides/zz.md)",
            "9. [URL-relative mistake](../guides/)",
        ]) == [
            "Content/codes/G9329.md:13:4: error: link target '../guides/tc' resolves to /codes/guides/tc, which does not exist; did you mean '../guides/tc.md'? [link-broken]",
            "Content/codes/G9329.md:14:4: error: link target '../guides/zz' resolves to /codes/guides/zz, which does not exist [link-broken]",
            "Content/codes/G9329.md:15:4: error: link target '../guides/zz.md': Content/guides/zz.md is not a page of the site [link-broken]",
            "Content/codes/G9329.md:16:4: error: link target '../guides/' resolves to /codes/guides/, which does not exist; did you mean '../guides/index.md'? [link-broken]",
        ])
    }

    @Test func fragmentCase() throws {
        #expect(try Self.check(overview: [
            "- [upper-case fragment](../guides/tc.md#Modifier-TC)",
            "- [lower-case fragment](../guides/tc.md#modifier-tc)",
        ]) == [
            "Content/codes/G9329.md:8:3: error: fragment '#Modifier-TC' not found in /guides/tc/; did you mean '#modifier-tc' (differs only in case)? [link-broken]",
        ])
    }

    @Test func anchorsFromTheFinalHTML() throws {
        let lines = [
            "See [billing rules](#billing-rules) and [payer summary](#payer-summary).",
            "",
            "<a id=\"billing-rules\"></a>",
            "",
            "<p id=\"payer-summary\">Payer summary.</p>",
        ]
        // Safe mode drops the raw HTML, so the anchors are not on the page.
        let safeMode = try Self.check(overview: lines)
        #expect(safeMode == [
            "Content/codes/G9329.md:8:5: error: fragment '#billing-rules' not found in /codes/G9329/ [link-broken]",
            "Content/codes/G9329.md:8:41: error: fragment '#payer-summary' not found in /codes/G9329/ [link-broken]",
            "Content/codes/G9329.md:10:1: warning: raw HTML <a> omitted by Markdown safe mode [raw-html]",
            "Content/codes/G9329.md:12:1: warning: raw HTML <p> omitted by Markdown safe mode [raw-html]",
        ])
        let rawHTMLSite = "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare]\nrawHTML: true\n"
        #expect(try Self.check(overview: lines, site: rawHTMLSite) == [])
    }

    @Test func samePageAnchors() throws {
        let page = """
        ---
        title: Documentation
        ---
        - [typo, must fail](#documentation-requirement)
        - [empty fragment, valid](#)
        - [top, valid](#top)
        - [TOP, valid](#TOP)

        ## Documentation requirements
        Text.

        """
        #expect(try Validation.check(["guides/docs.md": page]) == [
            "Content/guides/docs.md:4:3: error: fragment '#documentation-requirement' not found in /guides/docs/; did you mean '#documentation-requirements'? [link-broken]",
        ])
    }

    @Test func sectionAnchorsOfGuidanceAndCodePages() throws {
        #expect(try Self.check(overview: [
            "[coding](#coding-specifications), [summary](#code-summary), [G9328 notes](../G9328/#payer-notes),",
            "[policy](../../policies/p/), [G9328 page](../G9328/index.html#medicare)",
        ]) == [])
    }

    @Test func staticFilesAndAssets() throws {
        let found = try Self.check(overview: [
            "![logo](../../images/logo.png) [stylesheet](../../assets/site.css) [checks](../../checks/)",
            "![logo, source-relative](../images/logo.png) [missing](../../assets/none.css)",
        ])
        #expect(found == [
            "Content/codes/G9329.md:9:1: error: link target '../images/logo.png' resolves to /codes/images/logo.png, which does not exist; did you mean '../../images/logo.png'? [link-broken]",
            "Content/codes/G9329.md:9:46: error: link target '../../assets/none.css' resolves to /assets/none.css, which does not exist [link-broken]",
        ])
    }

    @Test func caseOnlyDifferenceInAPath() throws {
        #expect(try Self.check(overview: ["[G9328](../g9328/)", "[above the top](../../../x/)"]) == [
            "Content/codes/G9329.md:8:1: error: link target '../g9328/' resolves to /codes/g9328/, which does not exist; did you mean /codes/G9328/ (differs only in case)? [link-broken]",
            "Content/codes/G9329.md:9:1: error: link target '../../../x/' goes above the top of the site [link-broken]",
        ])
    }

    @Test func externalLinksAreNotChecked() throws {
        #expect(try Self.check(overview: ["[cms](https://www.cms.gov/x) [mail](mailto:a@b.org) [host](//example.org/x)"]) == [])
    }

    /// Schemes, queries and fragments are found by their ASCII marks, whatever the text
    /// around them.
    @Test func aLinkIsSplitAtItsMarks() {
        #expect(LinkCheck.isExternal("https://example.org/a"))
        #expect(LinkCheck.isExternal("mailto:team@example.org"))
        #expect(LinkCheck.isExternal("//cdn.example.org/x.js"))
        #expect(LinkCheck.isExternal("\u{DC}berblick:x"))
        #expect(!LinkCheck.isExternal("../codes/G9328/"))
        #expect(!LinkCheck.isExternal("a/b:c"))
        #expect(!LinkCheck.isExternal("?q=a:b"))
        #expect(!LinkCheck.isExternal("#a:b"))
        #expect(!LinkCheck.isExternal(""))
        let plain = LinkCheck.parts(of: "../guides/index.html?x=1#tc")
        #expect(plain.path == "../guides/index.html")
        #expect(plain.fragment == "tc")
        // Decomposed letters on both sides; the fragment comes back decoded, in NFC.
        let accented = LinkCheck.parts(of: "../gu\u{301}ias/?v=#me\u{301}dico%20x?y")
        #expect(accented.path == "../gu\u{301}ias/")
        #expect(accented.fragment == "m\u{E9}dico x?y")
        let bare = LinkCheck.parts(of: "page.html?a#")
        #expect(bare.path == "page.html")
        #expect(bare.fragment == "")
        #expect(LinkCheck.parts(of: "page.html").fragment == nil)
        #expect(LinkCheck.parts(of: "page.html").path == "page.html")
        // The first `#` ends the path; a `?` after it belongs to the fragment.
        let marks = LinkCheck.parts(of: "a/b#c?d#e")
        #expect(marks.path == "a/b")
        #expect(marks.fragment == "c?d#e")
        let only = LinkCheck.parts(of: "#top")
        #expect(only.path == "")
        #expect(only.fragment == "top")
        let query = LinkCheck.parts(of: "a?b?c")
        #expect(query.path == "a")
        #expect(query.fragment == nil)
        // A slice is searched for escapes within its own bounds.
        #expect(LinkCheck.percentDecoded("a%20b%2".dropLast(2)) == "a b")
        #expect(LinkCheck.percentDecoded("a%20b".dropLast(4)) == "a")
        #expect(LinkCheck.percentDecoded("100%") == "100%")
    }

    @Test func anchorScannerReadsIdsAndAnchorNames() {
        let html = Array(##"<h2 id="a-b">x</h2><!-- <p id="hidden"> --><a name='n1' href="#x">y</a><span name="not-an-anchor" ID=up>z</span><p id="amp&amp;x">"##.utf8)
        #expect(AnchorScanner.anchors(in: html) == ["a-b", "n1", "up", "amp&x"])
    }
}

/// Internal links in every form (to `.md` sources, folders, anchors, assets): the build rewrites exactly the links the check
/// resolves, through the same resolution, so a link that passes works from `file://` and under
/// any sub-path.
@Suite struct OneResolverTests {
    @Test func percentEncodedAndSlashlessLinksAreResolvedAndRewritten() throws {
        let site = try FixtureSite(files: [
            "policies/prior auth.md": "---\ntitle: Prior authorization\nslug: prior-auth\n---\n\n## Steps\n\nAsk first.\n",
            "policies/p.md": """
                ---
                title: Links
                ---

                [a](prior%20auth.md) [b](/modifiers/%54C/) [c](/policies/prior%2Dauth/#steps) [d](/codes/G9328#coding-specifications)
                [e](/codes/G9328/index.html) [f](../../codes/G9329) [g](/policies/prior-auth)

                """,
        ])
        #expect(site.build().errorLines == [])
        let page = try site.page("policies/p/index.html")
        #expect(page.contains(#"<p><a href="../../policies/prior-auth/index.html">a</a> <a href="../../modifiers/TC/index.html">b</a> <a href="../../policies/prior-auth/index.html#steps">c</a> <a href="../../codes/G9328/index.html#coding-specifications">d</a>"#))
        #expect(page.contains(#"<a href="../../codes/G9328/index.html">e</a> <a href="../../codes/G9329/index.html">f</a> <a href="../../policies/prior-auth/index.html">g</a></p>"#))
    }

    /// The check runs in parts on all cores: a broken link on each of ten guidance pages and
    /// on a general page is found once each, whichever part holds the page.
    @Test func everyPageIsCheckedOnceWhenTheCheckRunsInParts() throws {
        let codes = (30...39).map { "G93\($0)" }
        var files: [String: String] = ["policies/p.md": "---\ntitle: Links\n---\n\n[a](../../gone/)\n"]
        files["data/codes.yml"] = FixtureSite.baseFiles["data/codes.yml"]! + codes.map { code in
            "- code: \"\(code)\"\n  longDescriptor: \"Test code \(code)\"\n  shortDescriptor: \"Test \(code)\"\n  added: 2014-01-01\n  coverage: C\n  betos: M5B\n"
        }.joined()
        for code in codes {
            files["codes/\(code).md"] = Validation.page(code: code, body: Validation.body(replacing: "Overview text.", with: "[a](../../gone-\(code)/)"))
        }
        #expect(try Validation.check(files) == codes.map { code in
            "Content/codes/\(code).md:8:1: error: link target '../../gone-\(code)/' resolves to /gone-\(code)/, which does not exist [link-broken]"
        } + [
            "Content/policies/p.md:5:1: error: link target '../../gone/' resolves to /gone/, which does not exist [link-broken]",
        ])
    }

    @Test func aBrokenLinkNamesTheNearestPage() throws {
        let site = try FixtureSite(files: ["policies/p.md": "---\ntitle: Links\n---\n\n[a](/codes/G9238/) [b](../../modifers/TC/)\n"])
        #expect(site.check().lines.filter { $0.contains("link-broken") } == [
            "Content/policies/p.md:5:1: error: link target '/codes/G9238/' resolves to /codes/G9238/, which does not exist; did you mean /codes/G9328/? [link-broken]",
            "Content/policies/p.md:5:20: error: link target '../../modifers/TC/' resolves to /modifers/TC/, which does not exist; did you mean /modifiers/TC/? [link-broken]",
        ])
    }
}

/// Non-ASCII file names, slugs, headings and links: allowed, compared in NFC, and published
/// percent-encoded.
@Suite struct UnicodePathTests {
    static let nfd = "me\u{301}dico"  // "médico" with a combining acute accent
    static let nfc = "m\u{E9}dico"

    @Test func nonASCIINamesArePagesLinkedInNFCAndPercentEncoded() throws {
        let site = try FixtureSite(files: [
            "policies/\(Self.nfd).md": "---\ntitle: Médico\n---\n\n## Revisi\u{6F}\u{301}n anual\n\nTexto.\n",
            "policies/links.md": "---\ntitle: Links\nslug: enlaces-\(Self.nfc)\n---\n\n[a](\(Self.nfc).md#revisi\u{F3}n-anual) [b](/policies/m%C3%A9dico/)\n",
        ])
        #expect(site.build().errorLines == [])
        // The folders are written in NFC.
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("policies/\(Self.nfc)/index.html").path))
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("policies/enlaces-\(Self.nfc)/index.html").path))
        let links = try site.page("policies/enlaces-\(Self.nfc)/index.html")
        #expect(links.contains(#"<a href="../../policies/m%C3%A9dico/index.html#revisi%C3%B3n-anual">a</a> <a href="../../policies/m%C3%A9dico/index.html">b</a>"#))
        // The NFD heading has the NFC id.
        #expect(try site.page("policies/\(Self.nfc)/index.html").contains("id=\"revisi\u{F3}n-anual\""))
    }

    @Test func namesThatDifferOnlyByNormalisationCollide() throws {
        // Swift compares strings by canonical equivalence, so the two names go in two
        // dictionaries: as keys of one they would be the same key.
        let site = try FixtureSite(
            files: ["policies/\(Self.nfd).md": "---\ntitle: One\n---\n\nOne.\n"],
            bytes: ["policies/\(Self.nfc).md": Array("---\ntitle: Two\n---\n\nTwo.\n".utf8)])
        let collisions = site.check().lines.filter { $0.contains("page-collision") }
        #expect(collisions.count == 1)
        #expect(collisions.first?.contains("Site/policies/\(Self.nfc)/index.html <- ") == true)
    }

    @Test func segmentsStillRefuseWhatIsNotALetterOrDigit() {
        #expect(SitePath.isValidSegment("m\u{E9}dico"))
        #expect(SitePath.isValidSegment("\u{533B}\u{7597}"))
        #expect(!SitePath.isValidSegment("a b"))
        #expect(!SitePath.isValidSegment("a/b"))
        #expect(!SitePath.isValidSegment(".hidden"))
        #expect(!SitePath.isValidSegment("a\u{200B}b"))
        #expect(SitePath.percentEncoded("policies/m\u{E9}dico/index.html") == "policies/m%C3%A9dico/index.html")
    }
}
