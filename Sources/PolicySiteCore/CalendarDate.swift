/// A day in the proleptic Gregorian calendar, with no time and no time zone.
///
/// HCPCS dates (added, action effective, termination) and the site's "as of" date are days;
/// modelling them as `Foundation.Date` would let a time zone shift them by one.
///
/// Stored in four bytes (year, month and day packed in order, so that comparing the packed
/// values compares the days): a CMS record carries six dates and a release a hundred thousand
/// records, and three `Int`s a date made each record and code-set entry about 150 bytes larger.
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// `year << 9 | month << 5 | day`: 14 bits of year (1-9999), 4 of month, 5 of day.
    private let packed: UInt32

    public var year: Int { Int(packed >> 9) }
    public var month: Int { Int(packed >> 5 & 0xF) }
    public var day: Int { Int(packed & 0x1F) }

    /// Returns nil unless the day exists (leap years included).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        packed = UInt32(year) << 9 | UInt32(month) << 5 | UInt32(day)
    }

    /// Parses `YYYY-MM-DD` (front matter, YAML data) or `YYYYMMDD` (CMS release files).
    public init?(parsing text: some StringProtocol) {
        let digits = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = digits[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        let parts: (Range<Int>, Range<Int>, Range<Int>)
        if digits.count == 10, digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-") {
            parts = (0..<4, 5..<7, 8..<10)
        } else if digits.count == 8 {
            parts = (0..<4, 4..<6, 6..<8)
        } else {
            return nil
        }
        guard let year = number(parts.0), let month = number(parts.1), let day = number(parts.2) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`.
    /// Ten ASCII bytes written in place: every date of every code page and JSON twin is
    /// formatted here, and interpolating padded numbers cost ~2.6 K instructions a call.
    /// The initializer keeps the year in 1-9999, so four digits always suffice.
    public var description: String {
        let (year, month, day) = (self.year, self.month, self.day)
        return String(unsafeUninitializedCapacity: 10) { bytes in
            func digit(_ value: Int) -> UInt8 { UInt8(truncatingIfNeeded: value) &+ 0x30 }
            bytes[0] = digit(year / 1000)
            bytes[1] = digit(year / 100 % 10)
            bytes[2] = digit(year / 10 % 10)
            bytes[3] = digit(year % 10)
            bytes[4] = UInt8(ascii: "-")
            bytes[5] = digit(month / 10)
            bytes[6] = digit(month % 10)
            bytes[7] = UInt8(ascii: "-")
            bytes[8] = digit(day / 10)
            bytes[9] = digit(day % 10)
            return 10
        }
    }

    /// The date `months` calendar months earlier, clamped to the last day of a shorter month;
    /// nil when that is before 0001-01-01 or after 9999-12-31 (any `months`, however large or
    /// negative, gives an answer, never a trap).
    public func subtracting(months: Int) -> CalendarDate? {
        let (total, overflow) = (year * 12 + (month - 1)).subtractingReportingOverflow(months)
        guard !overflow, total >= 12 else { return nil }
        let newYear = total / 12
        let newMonth = total % 12 + 1
        guard newYear <= 9999 else { return nil }
        let newDay = min(day, CalendarDate.daysIn(month: newMonth, year: newYear))
        return CalendarDate(year: newYear, month: newMonth, day: newDay)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        lhs.packed < rhs.packed
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
