import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// Pathological Markdown (a list nested 1,000 deep, 50,000 unclosed links, a blockquote
/// 500,000 deep) through the whole pipeline: it builds into a page without a crash (every walk
/// over the tree is iterative; the Markdown layer's own tests cover the parser side). Time and
/// memory are not asserted (debug builds vary); measured once by hand with `build --timings`
/// in a release build, the four files below built in about 0.5 s with 146 MB peak memory.
@Suite struct PathologicalContentTests {
    @Test func pathologicalMarkdownBuildsIntoPages() throws {
        let frontMatter = "---\ntitle: Stress\n---\n"
        let site = try FixtureSite(files: [
            "stress/nested-lists.md": frontMatter + (0..<1000).map { String(repeating: "  ", count: $0) + "- item\n" }.joined(),
            "stress/unclosed-links.md": frontMatter + String(repeating: "[ (](", count: 50_000) + "\n",
            "stress/angle-links.md": frontMatter + String(repeating: "[a](<b", count: 50_000) + "\n",
            "stress/deep-blockquote.md": frontMatter + String(repeating: ">", count: 500_000) + "\n",
        ])
        let report = site.build()
        #expect(report.errorLines == [])
        #expect(report.wroteSite)
        let deep = try site.page("stress/deep-blockquote/index.html")
        #expect(deep.components(separatedBy: "<blockquote>").count - 1 == 500_000)
        let nested = try site.page("stress/nested-lists/index.html")
        #expect(nested.components(separatedBy: "<li>item").count - 1 == 1000)
        #expect(try site.page("stress/unclosed-links/index.html").contains("[ (]([ (]("))
    }
}
