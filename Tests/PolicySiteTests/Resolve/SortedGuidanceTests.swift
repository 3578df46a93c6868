import Testing
@testable import PolicySite
import PolicySiteCore

/// Guidance in code order: found by walking the code set's sorted codes, or sorted when a page
/// is not keyed by its own code; both give the bytewise order of the pages' codes.
@Suite struct SortedGuidanceTests {
    static func page(_ code: String) -> GuidanceSource {
        let matter = GuidanceFrontMatter(
            code: code, codeLocation: SourceLocation(file: "Content/codes/\(code).md", line: 2), title: code, serviceType: nil,
            sitesOfService: [], modifiers: [], lastReviewed: nil, lastReviewedLocation: SourceLocation(file: "x"), owner: nil,
            historical: false, descriptor: nil, descriptorLocation: SourceLocation(file: "x"), suppressions: [])
        return GuidanceSource(
            file: "Content/codes/\(code).md", absolutePath: "/nowhere/\(code).md", fingerprint: ContentFingerprint([]), bodyByteOffset: 0,
            fileStem: code, frontMatter: matter, bodyLineOffset: 0, bodyLineCount: 0)
    }

    static let codeSet = CodeSet(releaseLabel: "test", codes: ["G9328", "0450T", "00100", "0001U", "A0021", "J0120"].map {
        HCPCSCode(code: $0, longDescriptor: $0, shortDescriptor: $0, source: SourceLocation(file: "codes.yml"))
    })

    @Test func pagesOfTheCodeSetComeInCodeOrder() {
        let guidance = Dictionary(uniqueKeysWithValues: ["J0120", "0001U", "G9328", "00100"].map { ($0, Self.page($0)) })
        #expect(SiteModel.sortedByCode(guidance, codeSet: Self.codeSet).map(\.frontMatter.code) == ["0001U", "00100", "G9328", "J0120"])
    }

    @Test func aPageTheWalkCannotFindIsSorted() {
        // Keyed by another code than its own, and a code the set lacks: sorted by their own codes.
        var guidance = Dictionary(uniqueKeysWithValues: ["J0120", "A0021"].map { ($0, Self.page($0)) })
        guidance["0450T"] = Self.page("Q4100")
        guidance["K0001"] = Self.page("K0001")
        #expect(SiteModel.sortedByCode(guidance, codeSet: Self.codeSet).map(\.frontMatter.code) == ["A0021", "J0120", "K0001", "Q4100"])
    }
}
