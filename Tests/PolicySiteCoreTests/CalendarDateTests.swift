import Testing
@testable import PolicySiteCore

@Suite struct CalendarDateTests {
    @Test func parsesBothForms() {
        #expect(CalendarDate(parsing: "2015-12-31") == CalendarDate(year: 2015, month: 12, day: 31))
        #expect(CalendarDate(parsing: "20151231") == CalendarDate(year: 2015, month: 12, day: 31))
        #expect(CalendarDate(parsing: "2015-02-29") == nil)
        #expect(CalendarDate(parsing: "2016-02-29")?.description == "2016-02-29")
        #expect(CalendarDate(parsing: "2015-13-01") == nil)
        #expect(CalendarDate(parsing: "        ") == nil)
    }

    /// Written digit by digit: every field padded with zeros, each digit position exercised.
    @Test func descriptionPadsEveryField() throws {
        let dates = try [(999, 10, 9), (10, 9, 10), (100, 1, 1), (1234, 5, 26), (9876, 11, 30)]
            .map { try #require(CalendarDate(year: $0.0, month: $0.1, day: $0.2)) }
        #expect(dates.map(\.description) == ["0999-10-09", "0010-09-10", "0100-01-01", "1234-05-26", "9876-11-30"])
    }

    @Test func subtractsMonthsClamping() {
        #expect(CalendarDate(parsing: "2019-03-31")!.subtracting(months: 1)?.description == "2019-02-28")
        #expect(CalendarDate(parsing: "2019-01-15")!.subtracting(months: 12)?.description == "2018-01-15")
        // The ends of the calendar and of Int: nil, never a trap.
        #expect(CalendarDate(parsing: "0001-06-01")!.subtracting(months: 5)?.description == "0001-01-01")
        #expect(CalendarDate(parsing: "0001-06-01")!.subtracting(months: 6) == nil)
        #expect(CalendarDate(parsing: "9999-12-31")!.subtracting(months: -1) == nil)
        #expect(CalendarDate(parsing: "9999-12-31")!.subtracting(months: Int.max) == nil)
        #expect(CalendarDate(parsing: "0001-01-01")!.subtracting(months: Int.min) == nil)
    }

    /// Packed in four bytes: the fields read back, and the order is the calendar's at every
    /// boundary of the packing (day, month, year, the ends of the range).
    @Test func packedDatesKeepTheirFieldsAndOrder() throws {
        let dates = try ["0001-01-01", "0001-01-31", "0001-02-01", "0001-12-31", "0002-01-01", "2015-12-31", "2016-02-29", "2019-01-01", "9999-12-31"]
            .map { try #require(CalendarDate(parsing: $0)) }
        #expect(dates.map(\.description) == ["0001-01-01", "0001-01-31", "0001-02-01", "0001-12-31", "0002-01-01", "2015-12-31", "2016-02-29", "2019-01-01", "9999-12-31"])
        #expect(dates.map { [$0.year, $0.month, $0.day] }[6] == [2016, 2, 29])
        #expect(dates.map { [$0.year, $0.month, $0.day] }[8] == [9999, 12, 31])
        for (earlier, later) in zip(dates, dates.dropFirst()) {
            #expect(earlier < later && !(later < earlier) && earlier != later, "\(earlier) < \(later)")
        }
        #expect(dates.shuffled().sorted() == dates)
        #expect(Set(dates + dates).count == dates.count)
        #expect(MemoryLayout<CalendarDate>.size == 4)
        #expect(MemoryLayout<CalendarDate?>.size == 5)
    }

    @Test func statusFollowsDates() {
        let asOf = CalendarDate(parsing: "2019-01-01")!
        #expect(CodeStatus(added: CalendarDate(parsing: "2014-01-01"), terminated: CalendarDate(parsing: "2015-12-31"), asOf: asOf).label == "Terminated (last day of service: 2015-12-31)")
        #expect(CodeStatus(added: CalendarDate(parsing: "2019-01-01"), terminated: nil, asOf: asOf) == .active)
        #expect(CodeStatus(added: CalendarDate(parsing: "2019-01-02"), terminated: nil, asOf: asOf).label == "Effective 2019-01-02")
    }

    /// The termination date is the last day of service: active on it, terminated the day after.
    @Test func terminationDateBoundary() {
        let last = CalendarDate(parsing: "2018-12-31")
        #expect(CodeStatus(added: nil, terminated: last, asOf: CalendarDate(parsing: "2018-12-30")!) == .active)
        #expect(CodeStatus(added: nil, terminated: last, asOf: CalendarDate(parsing: "2018-12-31")!) == .active)
        #expect(CodeStatus(added: nil, terminated: last, asOf: CalendarDate(parsing: "2019-01-01")!) == .terminated(last!))
    }

    @Test func identifierGrammar() {
        #expect(HCPCSIdentifier.isLevelIICode("G9328"))
        #expect(!HCPCSIdentifier.isLevelIICode("W9328"))
        #expect(!HCPCSIdentifier.isLevelIICode("../../x"))
        #expect(HCPCSIdentifier.isLevelICode("0001U"))
        #expect(HCPCSIdentifier.isModifier("26") && HCPCSIdentifier.isModifier("TC") && !HCPCSIdentifier.isModifier("t"))
        #expect(HCPCSSection(code: "G9328")?.name == "Procedures and Professional Services (Temporary)")
        #expect(HCPCSSection(code: "A0021") == .a && HCPCSSection(code: "V5008") == .v)
        // Letters without a section, lower case, other lengths, a letter after the first, Level I.
        for code in ["D1234", "U0001", "W9328", "g9328", "G932", "G93288", "G932X", "99213", "", "\u{C4}1234"] {
            #expect(HCPCSSection(code: code) == nil, "\(code)")
        }
    }
}
