import Testing
@testable import PolicySite
import PolicySiteCore

/// Every number and date a user gives in `site.yml` is range-checked into a positioned
/// finding; none crashes the build (`maxFileSizeKB: 9223372036854775807`,
/// `reviewIntervalMonths: 24217` and `asOf: 0001-06-01` once ended it with exit 132).
@Suite struct SettingRangeTests {
    static let base = "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare]\n"

    /// The findings of `check` and of `build` (which must agree, and must write nothing).
    static func findings(_ site: String) throws -> [String] {
        let fixture = try FixtureSite(files: ["site.yml": site])
        let checked = fixture.check().lines
        let built = fixture.build()
        #expect(built.lines == checked)
        #expect(!built.wroteSite || !checked.contains { $0.contains(": error: ") })
        return checked
    }

    @Test(arguments: [
        ("maxFileSizeKB", "KB, the largest content file read", 1_048_576),
        ("reviewIntervalMonths", "months between reviews", 1200),
        ("pagerSize", "codes a page of the coverage matrix and the payer pages", 1_000_000),
    ])
    func numbersOutsideTheirRange(key: String, unit: String, maximum: Int) throws {
        let bounds = "from 1 to \(maximum) (\(unit))"
        let position = "Content/site.yml:4:\(key.count + 3)"
        for value in ["0", "-1", String(maximum + 1), "9223372036854775807", "99999999999999999999", "-9223372036854775808"] {
            #expect(try Self.findings(Self.base + "\(key): \(value)\n") == [
                "\(position): error: '\(key)' in site.yml must be \(bounds), not \(value) [site-config]",
            ])
        }
        for value in ["abc", "1.5", "1e3", "0x10", "'-'"] {
            let shown = value == "'-'" ? "-" : value
            #expect(try Self.findings(Self.base + "\(key): \(value)\n") == [
                "\(position): error: '\(key)' in site.yml must be a whole number \(bounds), not '\(shown)' [yaml-type]",
            ])
        }
        #expect(try Self.findings(Self.base + "\(key): 1\n").allSatisfy { !$0.contains(": error: ") })
        #expect(try Self.findings(Self.base + "\(key): \(maximum)\n").allSatisfy { !$0.contains(": error: ") })
    }

    @Test func asOfAtTheEndsOfTheCalendar() throws {
        func site(_ asOf: String) -> String { "title: Test site\nasOf: \(asOf)\npayers: [aetna, medicare]\n" }
        // The first representable day, with the default 12-month interval reaching before it.
        #expect(try Self.findings(site("0001-06-01")) == [
            "Content/codes/G9328.md:2:1: warning: code G9328 takes effect on 2014-01-01, after the as-of date 0001-06-01 [code-not-yet-effective]",
            "Content/codes/G9328.md:7:1: error: lastReviewed 2018-11-15 is after the as-of date 0001-06-01 [date-invalid]",
            "Content/codes/G9328.md:8:1: error: page is marked 'historical: true' but code G9328 is not terminated on the as-of date; remove the flag [historical-not-terminated]",
        ])
        #expect(try Self.findings(site("0001-01-01")).count == 3)
        #expect(try Self.findings(site("9999-12-31") + "reviewIntervalMonths: 1200\n") == [
            "Content/codes/G9328.md:7:1: warning: last reviewed 2018-11-15, more than 1200 months before the as-of date 9999-12-31; review the page and update lastReviewed [review-overdue]",
        ])
        for bad in ["0000-12-31", "10000-01-01", "2019-02-29", "abc", "2019-1-1", "-2019-01-01"] {
            #expect(try Self.findings(site(bad)) == [
                "Content/site.yml:2:7: error: 'asOf' in site.yml is not a date (YYYY-MM-DD): '\(bad)' [date-invalid]",
            ])
        }
    }

    @Test func asOfOptionAtTheEndsOfTheCalendar() throws {
        let fixture = try FixtureSite(files: ["site.yml": Self.base + "reviewIntervalMonths: 1200\n"])
        var request = fixture.request()
        request.asOf = CalendarDate(year: 1, month: 1, day: 1)
        #expect(SiteBuilder.build(request, write: false).lines.count == 3)
        request.asOf = CalendarDate(year: 9999, month: 12, day: 31)
        #expect(SiteBuilder.build(request).lines == [
            "Content/codes/G9328.md:7:1: warning: last reviewed 2018-11-15, more than 1200 months before the as-of date 9999-12-31; review the page and update lastReviewed [review-overdue]",
        ])
    }
}
