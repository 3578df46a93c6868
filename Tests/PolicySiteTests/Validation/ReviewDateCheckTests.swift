import Testing
@testable import PolicySite
import PolicySiteCore

/// `review-overdue`, `date-invalid`.
@Suite struct ReviewDateCheckTests {
    static func page(reviewed: String) -> String {
        Validation.page().replacingOccurrences(of: "lastReviewed: 2018-11-15", with: "lastReviewed: \(reviewed)")
    }

    @Test func reviewOverdue() throws {
        #expect(try Validation.check(["codes/G9329.md": Self.page(reviewed: "2017-12-31")]) == [
            "Content/codes/G9329.md:4:1: warning: last reviewed 2017-12-31, more than 12 months before the as-of date 2019-01-01; review the page and update lastReviewed [review-overdue]",
        ])
    }

    @Test func reviewedExactlyOneIntervalAgoIsNotOverdue() throws {
        #expect(try Validation.check(["codes/G9329.md": Self.page(reviewed: "2018-01-01")]) == [])
    }

    @Test func reviewIntervalFromSiteConfiguration() throws {
        let site = "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare]\nreviewIntervalMonths: 6\n"
        #expect(try Validation.check(["site.yml": site, "codes/G9329.md": Self.page(reviewed: "2018-06-30")]) == [
            "Content/codes/G9329.md:4:1: warning: last reviewed 2018-06-30, more than 6 months before the as-of date 2019-01-01; review the page and update lastReviewed [review-overdue]",
        ])
    }

    @Test func dateAfterTheAsOfDate() throws {
        #expect(try Validation.check(["codes/G9329.md": Self.page(reviewed: "2019-03-01")]) == [
            "Content/codes/G9329.md:4:1: error: lastReviewed 2019-03-01 is after the as-of date 2019-01-01 [date-invalid]",
        ])
    }

    @Test func dateThatDoesNotParse() throws {
        #expect(try Validation.check(["codes/G9329.md": Self.page(reviewed: "2018-02-30")]) == [
            "Content/codes/G9329.md:4:15: error: 'lastReviewed' in front matter is not a date (YYYY-MM-DD): '2018-02-30' [date-invalid]",
        ])
    }
}
