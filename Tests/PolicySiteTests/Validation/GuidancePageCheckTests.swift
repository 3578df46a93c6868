import Testing
@testable import PolicySite
import PolicySiteCore

/// `code-unknown`, `code-format`, `page-duplicate`, `filename-mismatch`.
@Suite struct GuidancePageCheckTests {
    @Test func baseSiteAndAnActivePageCheckClean() throws {
        #expect(try Validation.check(["codes/G9329.md": Validation.page()]) == [])
    }

    @Test func codeUnknown() throws {
        #expect(try Validation.check(["codes/G9330.md": Validation.page(code: "G9330")]) == [
            "Content/codes/G9330.md:2:1: error: code G9330 is not in the code set (team data (2 codes)) [code-unknown]",
        ])
    }

    @Test func codeFormat() throws {
        #expect(try Validation.check(["codes/G932.md": Validation.page(code: "G932")]) == [
            "Content/codes/G932.md:2:1: error: code 'G932' is not an HCPCS Level II code (a letter A-V and four digits) or a five-character Level I code [code-format]",
        ])
        // A Level I code in the team's data is a valid code. Quoted in the front matter too:
        // unquoted, 99213 is a number to other YAML tools (identifier-unquoted).
        let levelI = "- code: \"99213\"\n  longDescriptor: \"Office visit\"\n  shortDescriptor: \"Office visit\"\n"
        #expect(try Validation.check([
            "data/codes.yml": FixtureSite.baseFiles["data/codes.yml"]! + levelI,
            "codes/99213.md": Validation.page(code: "\"99213\""),
        ]) == [])
    }

    @Test func pageDuplicateByCaseVariantOfTheFileName() throws {
        #expect(try Validation.check(["codes/g9328.md": FixtureSite.guidanceG9328]) == [
            "Content/codes/g9328.md:2:1: error: second guidance page for code G9328 (the first is Content/codes/G9328.md; the file names differ only in case) [page-duplicate]",
        ])
    }

    /// Two pages for one code that the code set does not have: the first is unknown, the
    /// second a duplicate of it (the duplicate check covers codes outside the code set too).
    @Test func pageDuplicateOfAnUnknownCode() throws {
        #expect(try Validation.check([
            "codes/G9330.md": Validation.page(code: "G9330"),
            "codes/g9330.md": Validation.page(code: "G9330"),
        ]) == [
            "Content/codes/G9330.md:2:1: error: code G9330 is not in the code set (team data (2 codes)) [code-unknown]",
            "Content/codes/g9330.md:2:1: error: second guidance page for code G9330 (the first is Content/codes/G9330.md; the file names differ only in case) [page-duplicate]",
        ])
    }

    @Test func filenameMismatch() throws {
        #expect(try Validation.check(["codes/G9330.md": Validation.page(code: "G9329")]) == [
            "Content/codes/G9330.md:2:1: error: file name 'G9330.md' does not match the code 'G9329' in its front matter; rename the file to G9329.md [filename-mismatch]",
        ])
    }
}
