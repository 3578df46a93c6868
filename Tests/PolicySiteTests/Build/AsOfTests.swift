import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// `asOf: today` and `--as-of` (`BuildRequest.asOf`): reviews become overdue and codes
/// terminated without anyone editing `site.yml`; a fixed day still gives byte-identical output.
@Suite struct AsOfTests {
    static let day = CalendarDate(year: 2020, month: 3, day: 1)!

    @Test func asOfTodayIsTheDayOfTheBuild() throws {
        let site = try FixtureSite(files: ["site.yml": "title: Test site\nasOf: today\npayers: [aetna, medicare]\n"])
        var request = site.request()
        request.today = Self.day
        let report = SiteBuilder.build(request)
        #expect(report.lines == [
            "Content/codes/G9328.md:7:1: warning: last reviewed 2018-11-15, more than 12 months before the as-of date 2020-03-01; review the page and update lastReviewed [review-overdue]",
        ])
        #expect(report.notes == [
            "status as of 2020-03-01 (asOf: today, the UTC day of this build)",
            "no sitemap.xml: a sitemap needs absolute URLs; set baseURL in site.yml",
        ])
        #expect(try site.page("index.html").contains("<p>Code set: team data (2 codes) · Status as of 2020-03-01 · <a href=\"publication/index.html\">Publication record</a></p>"))
        // The same day twice: the same bytes.
        let first = site.snapshot()
        #expect(SiteBuilder.build(request).wroteSite)
        #expect(site.snapshot() == first)
    }

    @Test func asOfOptionOverridesTheSiteFile() throws {
        let site = try FixtureSite()
        var request = site.request()
        // G9328's last day of service: the code is still active, so its historical flag is wrong.
        request.asOf = CalendarDate(year: 2015, month: 12, day: 31)
        let report = SiteBuilder.build(request, write: false)
        #expect(report.lines == [
            "Content/codes/G9328.md:7:1: error: lastReviewed 2018-11-15 is after the as-of date 2015-12-31 [date-invalid]",
            "Content/codes/G9328.md:8:1: error: page is marked 'historical: true' but code G9328 is not terminated on the as-of date; remove the flag [historical-not-terminated]",
        ])
        request.asOf = Self.day
        let later = SiteBuilder.build(request)
        #expect(later.lines == [
            "Content/codes/G9328.md:7:1: warning: last reviewed 2018-11-15, more than 12 months before the as-of date 2020-03-01; review the page and update lastReviewed [review-overdue]",
        ])
        #expect(later.notes.first == "status as of 2020-03-01 (--as-of, over site.yml's asOf)")
    }

    @Test func todayIsTheUTCDay() {
        // 2019-12-31 23:30 UTC is 2020-01-01 in Tokyo and still 2019-12-31 in UTC.
        #expect(CalendarDate.todayUTC(now: Date(timeIntervalSince1970: 1_577_835_000)).description == "2019-12-31")
    }
}
