import Testing
@testable import PolicySite

/// The "render pages" step starts the pages that list many codes first; the results are read
/// back in job order, so the order only changes which core renders what.
@Suite struct RenderOrderTests {
    @Test func bigListPagesStartFirstAndEachGroupKeepsItsOrder() {
        let jobs: [PageRenderer.Job] = [
            .coverage(page: 1), .payer(0, page: 1), .home, .search, .code("A0021"), .codeData("A0021"),
            .codesIndex, .modifier("26"), .section(nil), .page(0), .notFound, .payer(1, page: 2),
        ]
        #expect(SiteBuilder.biggestFirst(jobs) == [0, 1, 6, 8, 11, 2, 3, 10, 4, 5, 7, 9])
        #expect(SiteBuilder.biggestFirst([]) == [])
    }
}
