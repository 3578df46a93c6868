import Testing
import PolicySiteCore
@testable import PolicySiteCodeSets

/// Per-code history over the three real releases, and the stale-guidance query.
@Suite struct ReleaseHistoryTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    static func history() throws -> ReleaseHistory {
        ReleaseHistory(releases: [
            (label: "2017", effectiveDate: day("2017-01-01"), release: try CMSReleaseFiles.release(CMSReleaseFiles.release2017)),
            (label: "2018", effectiveDate: day("2018-01-01"), release: try CMSReleaseFiles.release(CMSReleaseFiles.release2018)),
            (label: "2019", effectiveDate: day("2019-01-01"), release: try CMSReleaseFiles.release(CMSReleaseFiles.release2019)),
        ])
    }

    @Test func comparesEachReleaseWithTheOneBefore() throws {
        let history = try Self.history()
        #expect(history.comparisons.map { "\($0.old.label)->\($0.new.label)" } == ["2017->2018", "2018->2019"])
        #expect(history.newest?.label == "2019")
        #expect(history.orderProblems == [])
        // The same counts as comparing the files two by two.
        #expect(history.comparisons[1].count(of: .longDescriptorChanged) == 114)
    }

    /// G0480: "(1)" inserted in 2018 (with a lab certification code), then unchanged in 2019.
    @Test func historyOfACode() throws {
        let changes = try Self.history().changes(for: "G0480")
        #expect(changes.map(\.releaseLabel) == ["2018"])
        #expect(changes.first?.kinds == [.longDescriptorChanged, .administrativeDataChanged, .actionCodeDisagrees])
        #expect(changes.first?.effectiveDate == Self.day("2018-01-01"))
    }

    /// J7328 ("gel-syn" to "gelsyn-3") changed in 2018 only; G9328 never changed.
    @Test func codesThatChangedOnceOrNever() throws {
        let history = try Self.history()
        #expect(history.changes(for: "J7328").map(\.releaseLabel) == ["2018"])
        #expect(history.changes(for: "G9328") == [])
        #expect(history.changes(for: "Z9999") == [])
        #expect(history.changes(forModifier: "DA").map(\.kinds) == [[.discontinued, .vanishedWithoutTermination]])
    }

    /// Guidance on G9890 reviewed in 2018 is stale (the code was reused in 2019); reviewed on
    /// the 2019 effective date or later it is current. An administrative change alone (E0210's
    /// type of service) does not make guidance stale.
    @Test func staleGuidance() throws {
        let history = try Self.history()
        let stale = history.changesAffectingGuidance(for: "G9890", lastReviewed: Self.day("2018-06-30"))
        #expect(stale.map(\.releaseLabel) == ["2019"])
        #expect(history.changesAffectingGuidance(for: "G9890", lastReviewed: Self.day("2019-01-01")) == [])
        #expect(history.changesAffectingGuidance(for: "E0210", lastReviewed: Self.day("2016-01-01")) == [])
        #expect(history.changesAffectingGuidance(for: "E0210", lastReviewed: Self.day("2016-01-01"),
                                                 kinds: [.administrativeDataChanged]).map(\.releaseLabel) == ["2018"])
        // G0477 was discontinued in 2018: guidance from 2017 is stale, whatever the action code said.
        #expect(history.changesAffectingGuidance(for: "G0477", lastReviewed: Self.day("2017-03-01")).map(\.kinds)
                == [[.discontinued, .administrativeDataChanged, .actionCodeDisagrees]])
    }

    @Test func singleReleaseHasNoHistory() throws {
        let history = ReleaseHistory([.init(label: "2019", effectiveDate: Self.day("2019-01-01"),
                                            release: try CMSReleaseFiles.release(CMSReleaseFiles.release2019))])
        #expect(history.comparisons.isEmpty)
        #expect(history.changes(for: "A5513") == [])
        #expect(ReleaseHistory([]).newest == nil)
    }

    @Test func releasesOutOfOrderAreReported() {
        let empty = HCPCSRelease(file: "x.txt")
        let history = ReleaseHistory([
            .init(label: "2019", effectiveDate: Self.day("2019-01-01"), release: empty),
            .init(label: "2018", effectiveDate: Self.day("2018-01-01"), release: empty),
        ])
        #expect(history.orderProblems == ["release 2018 (2018-01-01) does not take effect after 2019 (2019-01-01)"])
    }
}
