import Testing
import PolicySiteCore
@testable import PolicySiteCodeSets

/// The definitions of each kind of change, on releases made here record by record, including the
/// cases the real files happen not to have (reinstated, a moved termination date).
@Suite struct ReleaseComparisonSyntheticTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    /// A procedure code record; dates as `YYYY-MM-DD`.
    static func record(
        _ code: String, long: String = "Some service", short: String = "Some svc", added: String = "2010-01-01",
        terminated: String? = nil, action: ActionCode? = .noMaintenance, betos: String? = "M5B",
        kind: HCPCSRecord.Kind = .procedure, line: Int = 1
    ) -> HCPCSRecord {
        HCPCSRecord(
            code: code, recordKind: kind, longDescriptor: long, shortDescriptor: short, betosCode: betos,
            addedDate: day(added), terminationDate: terminated.map(day), actionCode: action,
            location: SourceLocation(file: "test.txt", line: line))
    }

    static func compare(_ old: [HCPCSRecord], _ new: [HCPCSRecord]) -> ReleaseComparison {
        ReleaseComparison(
            old: HCPCSRelease(file: "old.txt", procedureCodes: old.filter { $0.recordKind == .procedure }, modifiers: old.filter { $0.recordKind == .modifier }),
            new: HCPCSRelease(file: "new.txt", procedureCodes: new.filter { $0.recordKind == .procedure }, modifiers: new.filter { $0.recordKind == .modifier }),
            oldLabel: "2018", newLabel: "2019", newEffectiveDate: day("2019-01-01"))
    }

    static func kinds(_ old: HCPCSRecord?, _ new: HCPCSRecord?) -> [CodeChangeKind] {
        compare(old.map { [$0] } ?? [], new.map { [$0] } ?? []).changes.first?.kinds ?? []
    }

    // MARK: - Status from the dates

    @Test func addedWhenNewAndNotTerminated() {
        #expect(Self.kinds(nil, Self.record("G0001", action: .add)) == [.added])
        // The same without CMS saying so.
        #expect(Self.kinds(nil, Self.record("G0001", action: .noMaintenance)) == [.added, .actionCodeDisagrees])
    }

    @Test func addedAlreadyTerminatedIsNeitherAddedNorDiscontinued() {
        let new = Self.record("C9001", added: "2018-04-01", terminated: "2018-12-31", action: .discontinue)
        #expect(Self.kinds(nil, new) == [.addedAlreadyTerminated])
        // A is as good as D here: CMS added it in the year, and it was discontinued in the year.
        var added = new
        added.actionCode = .add
        #expect(Self.kinds(nil, added) == [.addedAlreadyTerminated])
    }

    @Test func discontinuedByTerminationDate() {
        let change = Self.compare([Self.record("G0001")], [Self.record("G0001", terminated: "2018-12-31", action: .discontinue)]).changes
        #expect(change.map(\.kinds) == [[.discontinued]])
        #expect(change.first?.expectedActionCodes == [.discontinue])
    }

    @Test func discontinuedByVanishing() {
        #expect(Self.kinds(Self.record("G0001"), nil) == [.discontinued, .vanishedWithoutTermination])
    }

    @Test func alreadyTerminatedCarriedOverIsNoChange() {
        let old = Self.record("G0001", terminated: "2015-12-31")
        #expect(Self.compare([old], [old]).changes.isEmpty)
    }

    @Test func droppedAfterTerminationIsNotDiscontinued() {
        #expect(Self.kinds(Self.record("G0001", terminated: "2014-12-31"), nil) == [.droppedAfterTermination])
    }

    @Test func reinstatedWhenTerminationDateGoes() {
        let old = Self.record("G0001", terminated: "2017-12-31")
        #expect(Self.kinds(old, Self.record("G0001", action: .reactivate)) == [.reinstated])
        #expect(Self.kinds(old, Self.record("G0001", action: .add)) == [.reinstated])
        #expect(Self.kinds(old, Self.record("G0001", action: .noMaintenance)) == [.reinstated, .actionCodeDisagrees])
    }

    @Test func terminationDateMoved() {
        let old = Self.record("G0001", terminated: "2017-12-31")
        #expect(Self.kinds(old, Self.record("G0001", terminated: "2018-03-31", action: .administrativeChange)) == [.terminationDateChanged])
    }

    // MARK: - Descriptors and administrative data

    @Test func descriptorsComparedWithSpacingCollapsed() {
        let old = Self.record("G0001", long: "Foot exam;  report all", short: "Foot  exam")
        #expect(Self.compare([old], [Self.record("G0001", long: " Foot exam; report all ", short: "Foot exam")]).changes.isEmpty)
        // Case is a change: CMS fixes capitalisation on purpose.
        #expect(Self.kinds(old, Self.record("G0001", long: "Foot Exam; report all", short: "Foot exam", action: .longDescriptorChange))
                == [.longDescriptorChanged])
    }

    @Test func shortDescriptorAlone() {
        #expect(Self.kinds(Self.record("G0001"), Self.record("G0001", short: "Some service", action: .shortDescriptorChange)) == [.shortDescriptorChanged])
        // C names a long descriptor change that did not happen.
        #expect(Self.kinds(Self.record("G0001"), Self.record("G0001", short: "Some service", action: .longDescriptorChange))
                == [.shortDescriptorChanged, .actionCodeDisagrees])
    }

    @Test func administrativeFieldsListedWithValues() throws {
        var new = Self.record("G0001", action: .miscellaneousChange, betos: "T1H")
        new.coverageCode = .nonCovered
        new.pricingIndicators = [.nationalRVUs, .drugs]
        let change = try #require(Self.compare([Self.record("G0001")], [new]).change(forCode: "G0001"))
        #expect(change.kinds == [.administrativeDataChanged])
        #expect(change.administrativeChanges == [
            AdministrativeFieldChange(field: .pricingIndicators, old: nil, new: "11 51"),
            AdministrativeFieldChange(field: .coverageCode, old: nil, new: "M"),
            AdministrativeFieldChange(field: .betosCode, old: "M5B", new: "T1H"),
        ])
        #expect(change.expectedActionCodes == [.administrativeChange, .paymentChange, .miscellaneousChange])
    }

    @Test func addedDateMovedMeansReused() {
        #expect(Self.kinds(Self.record("G0001"), Self.record("G0001", long: "Another service", added: "2018-04-01", action: .add))
                == [.longDescriptorChanged, .addedDateChanged])
    }

    // MARK: - Action codes

    @Test func actionCodeOnAnUnchangedCode() throws {
        let change = try #require(Self.compare([Self.record("G0001")], [Self.record("G0001", action: .add)]).change(forCode: "G0001"))
        #expect(change.kinds == [.actionCodeDisagrees])
        #expect(change.expectedActionCodes == [.noMaintenance])
        // A blank action code claims nothing.
        #expect(Self.compare([Self.record("G0001")], [Self.record("G0001", action: nil)]).changes.isEmpty)
    }

    /// The action code is checked against the most significant change: a discontinued code
    /// whose cross reference was filled in is still "D".
    @Test func mostSignificantChangeDecides() {
        var new = Self.record("G0001", terminated: "2018-12-31", action: .discontinue)
        new.crossReferences = ["80305"]
        #expect(Self.kinds(Self.record("G0001"), new) == [.discontinued, .administrativeDataChanged])
        new.actionCode = .administrativeChange
        #expect(Self.kinds(Self.record("G0001"), new) == [.discontinued, .administrativeDataChanged, .actionCodeDisagrees])
    }

    // MARK: - Modifiers and lookups

    @Test func modifiersComparedApartFromCodes() throws {
        let comparison = Self.compare(
            [Self.record("GA", kind: .modifier), Self.record("G0001")],
            [Self.record("GA", long: "Waiver on file", kind: .modifier, line: 2), Self.record("G0002", action: .add)])
        #expect(comparison.changes.map(\.subject) == ["G0001", "G0002", "modifier GA"])
        let modifier = try #require(comparison.change(forModifier: "GA"))
        #expect(modifier.kinds == [.longDescriptorChanged, .actionCodeDisagrees])
        #expect(comparison.change(forCode: "GA") == nil)
        #expect(modifier.releaseLabel == "2019")
        #expect(modifier.effectiveDate == Self.day("2019-01-01"))
        #expect(comparison.old == ReleaseComparison.Side(label: "2018", effectiveDate: nil, file: "old.txt", procedureCodeCount: 1, modifierCount: 1))
    }
}
