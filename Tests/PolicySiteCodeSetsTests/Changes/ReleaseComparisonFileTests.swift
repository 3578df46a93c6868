import Testing
import PolicySiteCore
@testable import PolicySiteCodeSets

/// The comparison of the real CMS releases, 2017 to 2018 and 2018 to 2019.
///
/// The counts are checked against `IndependentReleaseComparison`, which derives them in the test
/// from the raw files by the 2019 record layout's columns and the definitions of
/// `CodeChangeKind`, sharing no code with the reader or the comparison. Each named code's raw
/// lines were also read by eye (`sed -n LINEp FILE | cut -c...`): for instance G0477's 2018
/// line 3394 has termination date `20161231` in columns 285-292 and `N` in column 293, where its
/// 2017 line 3322 has no termination date.
@Suite struct ReleaseComparisonFileTests {
    static func comparison(_ old: String, _ new: String) throws -> ReleaseComparison {
        ReleaseComparison(
            old: try CMSReleaseFiles.release(old), new: try CMSReleaseFiles.release(new),
            oldLabel: String(old.prefix(6)), newLabel: String(new.prefix(8)))
    }

    static func from2017() throws -> ReleaseComparison { try comparison(CMSReleaseFiles.release2017, CMSReleaseFiles.release2018) }
    static func from2018() throws -> ReleaseComparison { try comparison(CMSReleaseFiles.release2018, CMSReleaseFiles.release2019) }

    // MARK: - Counts per kind

    /// The kinds of every changed code, derived independently from the raw files.
    static func independent(_ old: String, _ new: String) throws -> [String: Set<CodeChangeKind>] {
        _ = try CMSReleaseFiles.release(old)  // fails with where the files were looked for
        return try IndependentReleaseComparison.kinds(old: CMSReleaseFiles.folder + "/" + old, new: CMSReleaseFiles.folder + "/" + new)
    }

    /// Every changed code with its kinds, as the library and the independent read find them.
    static func expectBothAgree(_ comparison: ReleaseComparison, _ independent: [String: Set<CodeChangeKind>]) {
        let found = Dictionary(uniqueKeysWithValues: comparison.changes.map { ("\($0.recordKind == .procedure ? "procedure" : "modifier") \($0.code)", Set($0.kinds)) })
        #expect(found == independent)
        #expect(comparison.counts == IndependentReleaseComparison.counts(independent))
    }

    @Test func counts2017To2018() throws {
        let comparison = try Self.from2017()
        Self.expectBothAgree(comparison, try Self.independent(CMSReleaseFiles.release2017, CMSReleaseFiles.release2018))
        #expect(comparison.counts == [
            .added: 154, .discontinued: 29, .reinstated: 0, .longDescriptorChanged: 59, .shortDescriptorChanged: 70,
            .administrativeDataChanged: 94, .addedDateChanged: 0, .terminationDateChanged: 0, .droppedAfterTermination: 107,
            .vanishedWithoutTermination: 0, .addedAlreadyTerminated: 14, .actionCodeDisagrees: 24,
        ])
        #expect(comparison.changes.count == 457)
        // Of those, modifiers: 11 added, 2 discontinued, 2 with new long and short descriptors.
        #expect(comparison.count(of: .added, recordKind: .modifier) == 11)
        #expect(comparison.count(of: .discontinued, recordKind: .modifier) == 2)
        #expect(comparison.count(of: .longDescriptorChanged, recordKind: .modifier) == 2)
        #expect(comparison.count(of: .shortDescriptorChanged, recordKind: .modifier) == 2)
    }

    @Test func counts2018To2019() throws {
        let comparison = try Self.from2018()
        Self.expectBothAgree(comparison, try Self.independent(CMSReleaseFiles.release2018, CMSReleaseFiles.release2019))
        #expect(comparison.counts == [
            .added: 228, .discontinued: 36, .reinstated: 0, .longDescriptorChanged: 114, .shortDescriptorChanged: 101,
            .administrativeDataChanged: 72, .addedDateChanged: 2, .terminationDateChanged: 0, .droppedAfterTermination: 0,
            .vanishedWithoutTermination: 3, .addedAlreadyTerminated: 16, .actionCodeDisagrees: 28,
        ])
        #expect(comparison.changes.count == 456)
        #expect(comparison.count(of: .added, recordKind: .modifier) == 7)
        #expect(comparison.count(of: .discontinued, recordKind: .modifier) == 4)
        #expect(comparison.count(of: .vanishedWithoutTermination, recordKind: .modifier) == 1)
        #expect(comparison.count(of: .actionCodeDisagrees, recordKind: .modifier) == 2)
    }

    @Test func groupsFollowKindOrderAndCounts() throws {
        let comparison = try Self.from2018()
        #expect(comparison.groups.map(\.kind) == [
            .added, .discontinued, .longDescriptorChanged, .shortDescriptorChanged, .administrativeDataChanged,
            .addedDateChanged, .vanishedWithoutTermination, .addedAlreadyTerminated, .actionCodeDisagrees,
        ])
        for group in comparison.groups { #expect(group.changes.count == comparison.count(of: group.kind)) }
        // Procedure codes first, each part sorted bytewise.
        let codes = comparison.changes.filter { $0.recordKind == .procedure }.map(\.code)
        #expect(codes == codes.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(comparison.changes.last?.recordKind == .modifier)
    }

    // MARK: - Action codes that disagree with the data

    /// Every disagreement, with the file's action code: 23 codes CMS marked `N` (no
    /// maintenance) whose data did change, and one marked `P`.
    @Test func actionCodeDisagreements2017To2018() throws {
        let found = try Self.from2017().changes(of: .actionCodeDisagrees).map { "\($0.subject) \($0.actionCode?.rawValue ?? "-")" }
        #expect(found == [
            // Added (not in 2017) but marked "no maintenance".
            "C1842 N",
            // Type of service, cross references or lab certification changed.
            "E0210 N", "E0627 N", "E0628 N", "E0629 N", "E0776 N",
            // "arthrograpy" corrected to "arthrography".
            "G0259 N",
            "G0475 N", "G0476 N",
            // Terminated 2016-12-31 in 2018, in use in 2017: discontinued, marked N.
            "G0477 N", "G0478 N", "G0479 N",
            "G0480 N", "G0481 N", "G0482 N", "G0483 N",
            "G0499 N", "G0500 N", "G0659 N", "G8896 N", "J3010 N", "J3060 N",
            // "gel-syn" renamed "gelsyn-3" (long and short) and ASC approval added; P names neither
            // descriptor change.
            "J7328 P",
            "J7342 N",
        ])
    }

    @Test func actionCodeDisagreements2018To2019() throws {
        let found = try Self.from2018().changes(of: .actionCodeDisagrees).map { "\($0.subject) \($0.actionCode?.rawValue ?? "-")" }
        #expect(found == [
            // The shifted 2018 ASC dates, now written properly: an administrative change marked N.
            "C9488 N", "C9745 N", "C9746 N", "C9747 N",
            "G0279 N", "G8891 N", "G9367 N", "G9368 N",
            // "comprehensive care for joint replacement model" became "cms innovation center ...".
            "G9481 N", "G9482 N", "G9483 N", "G9484 N", "G9485 N", "G9486 N", "G9487 N", "G9488 N", "G9489 N", "G9490 N",
            // Descriptors swapped with G9367/G9368's old ones.
            "G9637 N", "G9638 N",
            "G9801 N",
            // Not in the 2018 file, marked N in 2019.
            "G9868 N", "G9869 N", "G9870 N",
            "G9898 N",
            // Added in 2018-04 after the 2018 file; first listed in 2019 with C.
            "Q2041 C",
            // Listed in 2018 already and unchanged, still marked A (added) in 2019.
            "modifier QQ A", "modifier VM A",
        ])
    }

    // MARK: - Named codes

    /// G0477: in use in 2017; the 2018 file gives it termination date 2016-12-31 and a cross
    /// reference to CPT 80305, and still says "N".
    @Test func g0477DiscontinuedUnderActionN() throws {
        let change = try #require(try Self.from2017().change(forCode: "G0477"))
        #expect(change.kinds == [.discontinued, .administrativeDataChanged, .actionCodeDisagrees])
        #expect(change.old?.terminationDate == nil)
        #expect(change.new?.terminationDate == CalendarDate(year: 2016, month: 12, day: 31))
        #expect(change.administrativeChanges == [AdministrativeFieldChange(field: .crossReferences, old: nil, new: "80305")])
        #expect(change.actionCode == .noMaintenance)
        #expect(change.expectedActionCodes == [.discontinue])
        #expect(change.releaseLabel == "HCPC2018" && change.previousReleaseLabel == "HCPC17")
    }

    /// C9484: first listed in 2018, added 2017-04-01 and terminated 2017-12-31 (a quarterly
    /// code that came and went between two annual files).
    @Test func c9484AddedAlreadyTerminated() throws {
        let change = try #require(try Self.from2017().change(forCode: "C9484"))
        #expect(change.kinds == [.addedAlreadyTerminated])
        #expect(change.old == nil)
        #expect(change.new?.addedDate == CalendarDate(year: 2017, month: 4, day: 1))
        #expect(change.new?.terminationDate == CalendarDate(year: 2017, month: 12, day: 31))
        #expect(change.actionCode == .discontinue)
    }

    /// J7342: "Installation" corrected to "Instillation"; the action code says no change.
    @Test func j7342LongDescriptorUnderActionN() throws {
        let change = try #require(try Self.from2017().change(forCode: "J7342"))
        #expect(change.kinds == [.longDescriptorChanged, .actionCodeDisagrees])
        #expect(change.longDescriptorDiff == [
            .init(.removed, "Installation,"), .init(.added, "Instillation,"), .init(.equal, "ciprofloxacin otic suspension, 6 mg"),
        ])
    }

    /// E0210: type of service "A L P R" became "A L P" (columns 261-265).
    @Test func e0210TypeOfService() throws {
        let change = try #require(try Self.from2017().change(forCode: "E0210"))
        #expect(change.kinds == [.administrativeDataChanged, .actionCodeDisagrees])
        #expect(change.administrativeChanges == [AdministrativeFieldChange(field: .typeOfService, old: "A L P R", new: "A L P")])
    }

    /// G9226: 2017 has two spaces after "pulse exam;", 2018 one. Spacing is no change.
    @Test func g9226SpacingIsNoChange() throws {
        #expect(try Self.from2017().change(forCode: "G9226") == nil)
    }

    /// G9328, terminated 2015-12-31 and listed unchanged in all three files: already
    /// terminated, carried over, no change.
    @Test func g9328AlreadyTerminatedIsNoChange() throws {
        #expect(try Self.from2017().change(forCode: "G9328") == nil)
        #expect(try Self.from2018().change(forCode: "G9328") == nil)
    }

    /// C1204 (terminated 2013-12-31, listed in 2017 at line 1482, gone in 2018): dropped after
    /// CMS's four years, not discontinued.
    @Test func c1204DroppedAfterTermination() throws {
        let change = try #require(try Self.from2017().change(forCode: "C1204"))
        #expect(change.kinds == [.droppedAfterTermination])
        #expect(change.new == nil)
        #expect(change.expectedActionCodes == [])
    }

    /// A5513: "durometer or higher)" became "durometer (or higher)", with a Carriers Manual
    /// reference and a new coverage code; action B says exactly that.
    @Test func a5513LongDescriptorAndAdministrative() throws {
        let change = try #require(try Self.from2018().change(forCode: "A5513"))
        #expect(change.kinds == [.longDescriptorChanged, .administrativeDataChanged])
        #expect(change.actionCode == .administrativeAndLongDescriptorChange)
        #expect(change.administrativeChanges == [
            AdministrativeFieldChange(field: .carriersManualReferences, old: nil, new: "2134"),
            AdministrativeFieldChange(field: .coverageCode, old: "C", new: "D"),
        ])
        let marked = try #require(change.longDescriptorDiff).filter { $0.change != .equal }
        #expect(marked == [.init(.removed, "or"), .init(.added, "(or")])
    }

    /// G9890: a macular exam quality code in 2018, re-added 2018-04-01 as a diabetes prevention
    /// program bridge payment. Action A agrees with the new added date.
    @Test func g9890Reused() throws {
        let change = try #require(try Self.from2018().change(forCode: "G9890"))
        #expect(change.kinds == [.longDescriptorChanged, .shortDescriptorChanged, .administrativeDataChanged, .addedDateChanged])
        #expect(change.old?.shortDescriptor == "Mac exam perf")
        #expect(change.new?.shortDescriptor == "Em bridge payment")
        #expect(change.old?.addedDate == CalendarDate(year: 2018, month: 1, day: 1))
        #expect(change.new?.addedDate == CalendarDate(year: 2018, month: 4, day: 1))
        #expect(change.administrativeChanges == [AdministrativeFieldChange(field: .betosCode, old: "Z2", new: "Y1")])
        #expect(change.actionCode == .add)
        #expect(change.summary(of: .addedDateChanged) == #"added date 2018-01-01 -> 2018-04-01 "Em bridge payment""#)
        #expect(change.summary(of: .administrativeDataChanged) == "BETOS code Z2 -> Y1")
    }

    /// G9976 and modifier DA: in use in 2018 (no termination date), gone from 2019.
    @Test func vanishedWithoutTermination() throws {
        let comparison = try Self.from2018()
        #expect(comparison.changes(of: .vanishedWithoutTermination).map(\.subject) == ["G9976", "G9977", "modifier DA"])
        let modifier = try #require(comparison.change(forModifier: "DA"))
        #expect(modifier.kinds == [.discontinued, .vanishedWithoutTermination])
        #expect(modifier.old?.longDescriptor == "Oral health assessment by a licensed health professional other than a dentist")
        #expect(modifier.new == nil)
        #expect(modifier.actionCode == nil)
    }

    /// C9488's 2018 ASC fields were unreadable (a warning, left blank); 2019 has them.
    @Test func c9488ASCFields() throws {
        let change = try #require(try Self.from2018().change(forCode: "C9488"))
        #expect(change.administrativeChanges == [
            AdministrativeFieldChange(field: .ascPaymentGroup, old: nil, new: "YY"),
            AdministrativeFieldChange(field: .ascPaymentGroupEffectiveDate, old: nil, new: "2017-04-01"),
        ])
    }
}
