import Testing
@testable import PolicySite

/// A guidance page's own sections are told from the others by their title in any case.
@Suite struct GuidanceSectionTitleTests {
    @Test func theFourTitlesInAnyCaseAndNoOthers() {
        #expect(["Overview", "CLINICAL CONTEXT", "coding Specifications", "payer notes"].allSatisfy(PageRenderer.isGuidanceSection))
        #expect(["Overviews", "Payer  notes", "Clinical", "", "Overvíew", "Références"].filter(PageRenderer.isGuidanceSection) == [])
    }
}
