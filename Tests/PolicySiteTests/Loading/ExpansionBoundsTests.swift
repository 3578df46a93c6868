import Foundation
import Testing
@testable import PolicySite
@testable import PolicySiteCodeSets
import PolicySiteCore

/// Repeated YAML aliases had no limit (a 143 KB page became a 1 GB HTML page): what YAML may
/// expand to is bounded (`yaml-too-large`, at the first alias), and so is a page (`page-too-large`).
@Suite struct ExpansionBoundsTests {
    /// Nine levels of ten aliases each: 10^8 copies of one line, in eleven lines.
    static let laughs: String = {
        var lines = ["x0: &a0 [\"lol lol lol lol lol lol lol lol lol lol\"]"]
        for level in 1...8 {
            lines.append("x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func aliasesThatExpandPastTheLimitAreOneErrorAtTheFirstAlias() throws {
        let page = "---\ntitle: Laughs\n" + Self.laughs + "---\nBody.\n"
        #expect(try Validation.check(["policies/laughs.md": page]) == [
            "Content/policies/laughs.md:4:10: error: aliases expand this YAML past 1024 KB (ten times its own size, at least 1 MB); write the values out, or repeat fewer of them [yaml-too-large]",
        ])
    }

    @Test func dataFilesAreBoundedToo() throws {
        let (codes, diagnostics) = DataFileLoader.codes(yaml: Self.laughs, file: "Content/data/codes.yml")
        #expect(codes.isEmpty)
        #expect(diagnostics.map(\.description) == [
            "Content/data/codes.yml:2:10: error: aliases expand this YAML past 1024 KB (ten times its own size, at least 1 MB); write the values out, or repeat fewer of them [yaml-too-large]",
        ])
    }

    @Test func aPageLargerThanTheLimitIsAnErrorNamingIt() throws {
        // One page of about 40 KB; every other page of the site is under 24 KB (the largest,
        // the 404 page with its inline stylesheet, is about 15 KB).
        let long = String(repeating: "Documentation requirements apply to every claim line. ", count: 750)
        let site = try FixtureSite(files: ["policies/long.md": "---\ntitle: Long\n---\n\n\(long)\n"])
        var request = site.request()
        request.maxPageBytes = 24 * 1024
        let report = SiteBuilder.build(request)
        #expect(!report.wroteSite)
        let tooLarge = report.diagnostics.filter { $0.rule == "page-too-large" }
        #expect(tooLarge.map(\.location.file) == ["Site/policies/long/index.html"])
        let message = try #require(tooLarge.first?.message)
        #expect(message.hasPrefix("page would be ") && message.hasSuffix(" KB, over the limit of 24 KB; it is not written"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("policies/long/index.html").path))
    }
}
