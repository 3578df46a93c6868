import Testing
@testable import PolicySite
import PolicySiteCore

/// `code-terminated`, `code-not-yet-effective`, `historical-not-terminated`.
@Suite struct CodeStatusCheckTests {
    static let pendingCode = """
    - code: "G9330"
      longDescriptor: "A code added after the as-of date"
      shortDescriptor: "Pending code"
      added: 2019-07-01

    """

    @Test func terminatedCodeWithoutHistoricalFlag() throws {
        let page = FixtureSite.guidanceG9328.replacingOccurrences(of: "historical: true\n", with: "")
        #expect(try Validation.check(["codes/G9328.md": page]) == [
            "Content/codes/G9328.md:2:1: error: code G9328 is terminated: its last day of service was 2015-12-31, before the as-of date 2019-01-01; mark the page 'historical: true' or remove it [code-terminated]",
        ])
    }

    @Test func terminatedCodeMarkedHistoricalIsNoFinding() throws {
        #expect(try Validation.check([:]) == [])
    }

    /// The termination date is the last day of service (record layout, columns 285-292): on
    /// that day the code is still active, the day after it is terminated.
    @Test func terminationDateIsTheLastDayOfService() throws {
        let page = FixtureSite.guidanceG9328.replacingOccurrences(of: "historical: true\n", with: "").replacingOccurrences(of: "2018-11-15", with: "2015-11-15")
        let onTheDay = "title: Test site\nasOf: 2015-12-31\npayers: [aetna, medicare]\n"
        #expect(try Validation.check(["site.yml": onTheDay, "codes/G9328.md": page], rules: ["code-terminated"]) == [])
        let dayAfter = "title: Test site\nasOf: 2016-01-01\npayers: [aetna, medicare]\n"
        #expect(try Validation.check(["site.yml": dayAfter, "codes/G9328.md": page], rules: ["code-terminated"]) == [
            "Content/codes/G9328.md:2:1: error: code G9328 is terminated: its last day of service was 2015-12-31, before the as-of date 2016-01-01; mark the page 'historical: true' or remove it [code-terminated]",
        ])
        // Marked historical on its last day of service: the code is not terminated yet.
        #expect(try Validation.check(["site.yml": onTheDay, "codes/G9328.md": FixtureSite.guidanceG9328.replacingOccurrences(of: "2018-11-15", with: "2015-11-15")], rules: ["historical-not-terminated"]) == [
            "Content/codes/G9328.md:8:1: error: page is marked 'historical: true' but code G9328 is not terminated on the as-of date; remove the flag [historical-not-terminated]",
        ])
    }

    @Test func codeNotYetEffective() throws {
        let codes = FixtureSite.baseFiles["data/codes.yml"]! + Self.pendingCode
        #expect(try Validation.check(["data/codes.yml": codes, "codes/G9330.md": Validation.page(code: "G9330")]) == [
            "Content/codes/G9330.md:2:1: warning: code G9330 takes effect on 2019-07-01, after the as-of date 2019-01-01 [code-not-yet-effective]",
        ])
        // Added on the as-of date: in effect.
        let onTheDay = codes.replacingOccurrences(of: "added: 2019-07-01", with: "added: 2019-01-01")
        #expect(try Validation.check(["data/codes.yml": onTheDay, "codes/G9330.md": Validation.page(code: "G9330")]) == [])
    }

    @Test func historicalFlagOnAnActiveCode() throws {
        #expect(try Validation.check(["codes/G9329.md": Validation.page(extra: "historical: true\n")]) == [
            "Content/codes/G9329.md:5:1: error: page is marked 'historical: true' but code G9329 is not terminated on the as-of date; remove the flag [historical-not-terminated]",
        ])
    }
}
