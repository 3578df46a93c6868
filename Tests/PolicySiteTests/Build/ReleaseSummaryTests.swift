import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// The build summary says how many codes each release file held, so a file cut short shows.
@Suite struct ReleaseSummaryTests {
    @Test func theSummaryCountsEachRelease() throws {
        // Two small releases written from the 2018 file's own lines at test time: C9745, the
        // base site's G9328 and G9329, modifier TC; the newer one without C9745.
        let path = sharedRoot.appendingPathComponent("hcpcs/HCPC2018_CONTR_ANWEB_disc.txt").path
        let lines = try String(contentsOfFile: path, encoding: .isoLatin1).split(separator: "\r\n", omittingEmptySubsequences: false)
        func release(_ numbers: [Int]) -> [UInt8] { Array(numbers.map { String(lines[$0 - 1]) + "\r\n" }.joined().utf8) }
        let site = try FixtureSite(files: [
            "site.yml": """
            title: Test site
            asOf: 2019-01-01
            payers: [aetna, medicare]
            releases:
              - { label: "2018", file: releases/a.txt, effective: 2018-01-01 }
              - { label: "2019", file: releases/b.txt, effective: 2019-01-01 }
            rules: { release-unknown-value: off, release-date-invalid: off }

            """,
        ], bytes: ["releases/a.txt": release([1955] + Array(5198...5203) + Array(415...418)), "releases/b.txt": release(Array(5198...5203) + Array(415...418))])
        let report = site.build()
        #expect(report.wroteSite)
        #expect(report.notes == [
            "release 2018 (a.txt): 3 codes, 1 modifier",
            "release 2019 (b.txt): 2 codes, 1 modifier",
            "no sitemap.xml: a sitemap needs absolute URLs; set baseURL in site.yml",
        ])
    }
}
