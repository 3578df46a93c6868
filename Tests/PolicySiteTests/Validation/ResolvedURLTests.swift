import Testing
@testable import PolicySite

/// `ResolvedURL` splits an ASCII path by its bytes and any other path by characters; both must
/// give what a browser resolves: segments decoded and in NFC, `.`/`..` found after decoding.
@Suite struct ResolvedURLTests {
    let code = SitePath(["codes", "G9328"])

    func resolved(_ path: String, from page: SitePath) -> [String] {
        let url = ResolvedURL(path, from: page)
        return url.folders + [url.name, url.isAboveTop ? "above" : "inside"]
    }

    @Test func asciiPathsResolveSegmentBySegment() {
        #expect(resolved("../../modifiers/26/", from: code) == ["modifiers", "26", "", "inside"])
        #expect(resolved("/codes/G9329", from: code) == ["codes", "G9329", "inside"])
        #expect(resolved("a//b/./c", from: .root) == ["a", "b", "c", "inside"])
        #expect(resolved("", from: code) == ["codes", "G9328", "", "inside"])
        #expect(resolved("/", from: code) == ["", "inside"])
        #expect(resolved("..", from: code) == ["codes", "", "inside"])
        #expect(resolved(".", from: code) == ["codes", "G9328", "", "inside"])
        #expect(resolved("../../../x", from: code) == ["x", "above"])
        #expect(resolved("/..", from: code) == ["", "above"])
    }

    /// ASCII without escapes is read from its bytes: `.`, `..` and empty segments anywhere,
    /// names that only start with dots, a trailing slash, many levels up.
    @Test func plainASCIIPathsResolveAsTheSplitDoes() {
        #expect(resolved("./a/../b", from: code) == ["codes", "G9328", "b", "inside"])
        #expect(resolved("a/..", from: code) == ["codes", "G9328", "", "inside"])
        #expect(resolved("a/../", from: code) == ["codes", "G9328", "", "inside"])
        #expect(resolved("/a/b/..", from: code) == ["a", "", "inside"])
        #expect(resolved("x/.../.y/..z", from: .root) == ["x", "...", ".y", "..z", "inside"])
        #expect(resolved("../../../../a/b/", from: code) == ["a", "b", "", "above"])
        #expect(resolved("//", from: code) == ["", "inside"])
        #expect(resolved("../G9329/index.html", from: code) == ["codes", "G9329", "index.html", "inside"])
        #expect(resolved("..//.", from: .root) == ["", "above"])
    }

    /// The files that would serve a URL: a folder's `index.html`; a name as a file, then as a
    /// folder; at the top of the site too.
    @Test func candidatesNameTheFilesThatServeTheURL() {
        #expect(ResolvedURL("../G9329/", from: code).candidates == ["codes/G9329/index.html"])
        #expect(ResolvedURL("../G9329", from: code).candidates == ["codes/G9329", "codes/G9329/index.html"])
        #expect(ResolvedURL("/", from: code).candidates == ["index.html"])
        #expect(ResolvedURL("/robots.txt", from: code).candidates == ["robots.txt", "robots.txt/index.html"])
        #expect(ResolvedURL("../../policies/médico/", from: code).candidates == ["policies/médico/index.html"])
    }

    @Test func escapesAreDecodedBeforeDotSegmentsAndNormalized() {
        // `%2E%2E` is `..` once decoded; `e%CC%81` (e + combining acute) becomes NFC `é`.
        #expect(resolved("%2E%2E/x%20y", from: code) == ["codes", "x y", "inside"])
        #expect(resolved("m%C3%A9dico/e%CC%81", from: .root) == ["médico", "\u{E9}", "inside"])
        #expect(resolved("a/%2e", from: .root) == ["a", "", "inside"])
    }

    @Test func nonASCIIPathsAreSplitByCharacters() {
        // A combining mark after `/` makes one character with it, which is no separator.
        #expect(resolved("a/\u{301}b", from: .root) == ["a/\u{301}b", "inside"])
        #expect(resolved("me\u{301}dico/x", from: .root) == ["m\u{E9}dico", "x", "inside"])
        #expect(resolved("/é/../ü", from: code) == ["ü", "inside"])
    }

    @Test func segmentsSplitAsTheCharacterSplitDoes() {
        #expect(LinkCheck.segments(of: "", omittingEmpty: false) == [""])
        #expect(LinkCheck.segments(of: "", omittingEmpty: true) == [])
        #expect(LinkCheck.segments(of: "/Content//codes/", omittingEmpty: false) == ["", "Content", "", "codes", ""])
        #expect(LinkCheck.segments(of: "/Content//codes/", omittingEmpty: true) == ["Content", "codes"])
        #expect(LinkCheck.segments(of: "a/\u{301}b/c", omittingEmpty: true) == ["a/\u{301}b", "c"])
        #expect(LinkCheck.folder(of: "Content/policies/médico.md") == ["Content", "policies"])
        #expect(LinkCheck.resolve("../codes/./G9329.md", in: ["Content", "policies"]) == "Content/codes/G9329.md")
        #expect(LinkCheck.resolve("../../x.md", in: ["Content"]) == nil)
    }

    /// An ASCII file's folders are made from its bytes, as the split gives them: empty
    /// segments kept, the last dropped.
    @Test func asciiFoldersAreTheSplitWithoutTheLastSegment() {
        let files = ["Content/codes/G9328.md", "G9328.md", "", "/Content//codes/", "a/b/"]
        #expect(files.map(LinkCheck.folder(of:)) == [["Content", "codes"], [], [], ["", "Content", "", "codes"], ["a", "b"]])
        #expect(files.map { LinkCheck.segments(of: $0, omittingEmpty: false).dropLast().map(String.init) } == files.map(LinkCheck.folder(of:)))
    }

    /// Plain paths (ASCII, no escapes, in an ASCII folder) are resolved from their bytes; they
    /// must come out as the general resolver gives them, which the others still take.
    @Test func plainPathsResolveAsAnyOther() {
        let cases: [(String, [String], String?)] = [
            ("../codes/./G9329.md", ["Content", "policies"], "Content/codes/G9329.md"),
            ("../policies/imaging-documentation.md", ["Content", "codes"], "Content/policies/imaging-documentation.md"),
            ("x.md", ["Content"], "Content/x.md"),
            ("a//b/./c/../d.md", ["Content", "p"], "Content/p/a/b/d.md"),
            ("sub/../..", ["Content", "p"], "Content"),
            ("sub/../../..", ["Content", "p"], nil),
            ("../..", ["Content", "p"], nil),
            ("../../x.md", ["Content"], nil),
            ("..", ["Content"], nil),
            ("x/../../y.md", ["Content"], nil),
            ("", ["Content", "p"], "Content/p"),
            ("./", [], ""),
            ("../x.md", ["", "abs", "Content"], "/abs/x.md"),
            ("x.md", ["", "Content"], "/Content/x.md"),
            ("/x.md", ["Content"], nil),
            // Not plain: an escape, a non-ASCII path, a non-ASCII folder.
            ("m%C3%A9dico.md", ["Content"], "Content/médico.md"),
            ("me\u{301}dico.md", ["Content"], "Content/m\u{E9}dico.md"),
            ("x.md", ["Content", "me\u{301}dico"], "Content/m\u{E9}dico/x.md"),
        ]
        for (path, folder, expected) in cases {
            #expect(LinkCheck.resolve(path, in: folder) == expected, "\(path) in \(folder)")
        }
    }

    /// Random plain paths against the resolver's rule written out simply: split at `/`, skip
    /// empty and `.`, `..` drops the last part and may not drop the first.
    @Test func plainPathsMatchTheRuleOnRandomPaths() {
        func reference(_ path: String, _ folder: [String]) -> String? {
            guard !path.hasPrefix("/") else { return nil }
            var parts = folder
            for piece in path.split(separator: "/", omittingEmptySubsequences: true) {
                if piece == "." { continue }
                if piece == ".." {
                    guard parts.count > 1 else { return nil }
                    parts.removeLast()
                } else {
                    parts.append(String(piece))
                }
            }
            return parts.joined(separator: "/")
        }
        let pieces = ["a", "b.md", ".", "..", "", "...", ".x", "codes"]
        let folders: [[String]] = [[], ["Content"], ["Content", "p"], ["", "abs"], ["", "abs", "Content", "codes"]]
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<5_000 {
            let path = (0..<next(6)).map { _ in pieces[next(pieces.count)] }.joined(separator: "/")
            let folder = folders[next(folders.count)]
            #expect(LinkCheck.resolve(path, in: folder) == reference(path, folder), "\(path) in \(folder)")
        }
    }

    @Test func hrefsNameTheFileThatServesThem() {
        #expect(PageRenderer.sitePath(ofHref: "../G9329/#s", from: code) == "codes/G9329/index.html")
        #expect(PageRenderer.sitePath(ofHref: "../G9329", from: code) == "codes/G9329/index.html")
        #expect(PageRenderer.sitePath(ofHref: "scan.png?x=1#p", from: code) == "codes/G9328/scan.png")
        #expect(PageRenderer.sitePath(ofHref: "../../policies/m%C3%A9dico/", from: code) == "policies/médico/index.html")
        #expect(PageRenderer.sitePath(ofHref: "../../policies/médico/?q", from: code) == "policies/médico/index.html")
        // A last segment with a dot names a file, one without a folder, in ASCII or not.
        #expect(PageRenderer.sitePath(ofHref: "notes.v2#x", from: code) == "codes/G9328/notes.v2")
        #expect(PageRenderer.sitePath(ofHref: "notes", from: code) == "codes/G9328/notes/index.html")
        #expect(PageRenderer.sitePath(ofHref: "médico.pdf", from: code) == "codes/G9328/médico.pdf")
        #expect(PageRenderer.sitePath(ofHref: "m%C3%A9dico", from: code) == "codes/G9328/médico/index.html")
        for external in ["https://cms.gov/x", "/abs", "#top", "?q", "a:b/c", "mäil:x", "../../../x"] {
            #expect(PageRenderer.sitePath(ofHref: external, from: code) == nil)
        }
        // A colon after the query or fragment does not make a scheme; an empty href is this page.
        #expect(PageRenderer.sitePath(ofHref: "../G9329/index.html#a:b", from: code) == "codes/G9329/index.html")
        #expect(PageRenderer.sitePath(ofHref: "../G9329/?t=10:30", from: code) == "codes/G9329/index.html")
        #expect(PageRenderer.sitePath(ofHref: "", from: code) == nil)
        #expect(PageRenderer.sitePath(ofHref: "x/y:z#q", from: code) == nil)
    }

    @Test func rebasedKeepsSchemesQueriesAndServerPaths() {
        let payer = SitePath(["payers", "medicare"])
        #expect(LinkRebase.rebased("mailto:a@b.org", from: code, to: payer) == "mailto:a@b.org")
        #expect(LinkRebase.rebased("?q=1", from: code, to: payer) == "?q=1")
        #expect(LinkRebase.rebased("/abs/x", from: code, to: payer) == "/abs/x")
        #expect(LinkRebase.rebased("a/b:c?x#y", from: code, to: payer) == "../../codes/G9328/a/b%3Ac?x#y")
        #expect(LinkRebase.rebased("../G9329/#s", from: code, to: SitePath(["payers", "medicare", "page", "2"])) == "../../../../codes/G9329/#s")
        #expect(LinkRebase.rebased("ü/x?y", from: code, to: payer) == "../../codes/G9328/%C3%BC/x?y")
    }
}
