import Testing
@testable import PolicySite
import PolicySiteCore

/// `descriptor-mismatch`.
@Suite struct DescriptorCheckTests {
    @Test func quotedDescriptorMatchesIgnoringCaseAndSpacing() throws {
        let extra = "descriptor: >-\n  DICOM format image data available to   non-affiliated\n  external healthcare facilities\n"
        #expect(try Validation.check(["codes/G9329.md": Validation.page(extra: extra)]) == [])
    }

    @Test func quotedDescriptorDiffers() throws {
        let extra = "descriptor: Dicom format image data available to affiliated external healthcare facilities\n"
        #expect(try Validation.check(["codes/G9329.md": Validation.page(extra: extra)]) == [
            "Content/codes/G9329.md:5:1: error: descriptor differs from the official long descriptor of G9329 from \"affiliated\" (word 7); official: \"Dicom format image data available to non-affiliated external healthcare facilities\" [descriptor-mismatch]",
        ])
    }

    @Test func quotedDescriptorStopsShort() throws {
        let extra = "descriptor: Dicom format image data available\n"
        #expect(try Validation.check(["codes/G9329.md": Validation.page(extra: extra)]) == [
            "Content/codes/G9329.md:5:1: error: descriptor differs from the official long descriptor of G9329 after word 5 (the official text goes on); official: \"Dicom format image data available to non-affiliated external healthcare facilities\" [descriptor-mismatch]",
        ])
    }
}
