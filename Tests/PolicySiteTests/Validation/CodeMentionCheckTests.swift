import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// `mention-unknown-code`, `mention-terminated-code`.
@Suite struct CodeMentionCheckTests {
    @Test func mentionOfAnUnknownCode() throws {
        let body = Validation.body(replacing: "Coding text.", with: "Report G9999 instead.")
        #expect(try Validation.check(["codes/G9329.md": Validation.page(body: body)]) == [
            "Content/codes/G9329.md:16:8: error: code G9999 is not in the code set (team data (2 codes)) [mention-unknown-code]",
        ])
    }

    @Test func mentionOfATerminatedCode() throws {
        // G9328 has no historical guidance here (its page is removed), so naming it is a finding.
        let body = Validation.body(replacing: "Coding text.", with: "Do not report G9328.")
        let site = try FixtureSite(files: ["codes/G9329.md": Validation.page(body: body)])
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("codes/G9328.md"))
        #expect(site.check().lines == [
            "Content/codes/G9329.md:16:15: warning: code G9328 is terminated: its last day of service was 2015-12-31, before the as-of date 2019-01-01 [mention-terminated-code]",
        ])
    }

    @Test func mentionsThatAreNoFinding() throws {
        // An active code; a terminated code whose own guidance is historical (G9328 in the base site).
        let body = Validation.body(replacing: "Coding text.", with: "Report G9329, not G9328.")
        #expect(try Validation.check(["codes/G9329.md": Validation.page(body: body)]) == [])
        // A historical page naming its own code (the base G9328 page does in its prose).
        let own = FixtureSite.guidanceG9328.replacingOccurrences(of: "Overview text.", with: "G9328 was terminated.")
        #expect(try Validation.check(["codes/G9328.md": own]) == [])
    }
}
