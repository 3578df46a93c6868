import Testing
@testable import PolicySite

@Suite struct TemplateEscapingTests {
    @Test func templatesEscapeViewText() throws {
        let (templates, findings) = TemplateSet.load(folder: "Templates", displayFolder: "Templates")
        #expect(findings.isEmpty)
        let view = NotFoundPageView(layout: LayoutView(
            siteTitle: "Tom & Jerry's \"Policies\"", pageTitle: "<Missing>", isSiteTitle: false, crumbTitle: "", homeURL: "index.html", stylesheetURL: "a.css",
            modifiersURL: "m", coverageURL: "c", searchURL: "s", navigation: [], showsHeaderSearch: true, breadcrumbs: [], hasBreadcrumbs: false, toc: [], hasTOC: false,
            previous: nil, next: nil, hasPager: false, asOf: "2019-01-01", codeSetRelease: "2019", revision: nil, canonicalURL: nil, recordURL: "r"))
        let html = String(decoding: try #require(templates).pages.notFound.render(view), as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(html.contains("<title>&lt;Missing&gt; · Tom &amp; Jerry&#39;s &quot;Policies&quot;</title>"))
    }
}
