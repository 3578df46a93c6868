/// HCPCS coverage code (record layout field 16, column 230): Medicare coverage status.
public enum CoverageCode: String, Hashable, Sendable, CaseIterable {
    case carrierJudgment = "C"
    case specialCoverageInstructions = "D"
    case notPayable = "I"
    case nonCovered = "M"
    case nonCoveredByStatute = "S"

    /// The meaning given in the record layout (HCPCS2019_recordlayout.txt, field 30), word for word.
    public var meaning: String {
        switch self {
        case .carrierJudgment: "Carrier judgment"
        case .specialCoverageInstructions: "Special coverage instructions apply"
        case .notPayable: "Not payable by Medicare"
        case .nonCovered: "Non-covered by Medicare"
        case .nonCoveredByStatute: "Non-covered by Medicare statute"
        }
    }
}

/// HCPCS action code (record layout field 30, column 293): the change CMS says it made.
public enum ActionCode: String, Hashable, Sendable, CaseIterable {
    case add = "A"
    case administrativeAndLongDescriptorChange = "B"
    case longDescriptorChange = "C"
    case discontinue = "D"
    case administrativeChange = "F"
    case noMaintenance = "N"
    case paymentChange = "P"
    case reactivate = "R"
    case shortDescriptorChange = "S"
    case miscellaneousChange = "T"

    /// The meaning given in the record layout (HCPCS2019_recordlayout.txt, field 30), word for word.
    public var meaning: String {
        switch self {
        case .add: "Add procedure or modifier code"
        case .administrativeAndLongDescriptorChange: "Change in both administrative data field and long description of procedure or modifier code"
        case .longDescriptorChange: "Change in long description of procedure or modifier code"
        case .discontinue: "Discontinue procedure or modifier code"
        case .administrativeChange: "Change in administrative data field of procedure or modifier code"
        case .noMaintenance: "No maintenance for this code"
        case .paymentChange: "Payment change (MOG, pricing indicator codes, anesthesia base units, Ambulatory Surgical Centers)"
        case .reactivate: "Re-activate discontinued/deleted procedure or modifier code"
        case .shortDescriptorChange: "Change in short description of procedure code"
        case .miscellaneousChange: "Miscellaneous change (BETOS, type of service)"
        }
    }
}

/// The HCPCS Level II sections, by a code's first letter.
public enum HCPCSSection: String, Hashable, Sendable, CaseIterable, Comparable {
    case a = "A", b = "B", c = "C", e = "E", g = "G", h = "H", j = "J", k = "K", l = "L"
    case m = "M", p = "P", q = "Q", r = "R", s = "S", t = "T", v = "V"

    /// The section of a Level II code, by its first letter; nil for anything else.
    /// Read from the code's first byte: every code page, list row and pager asks, several times
    /// a code, and building a one-letter string to look up the raw value cost more than the rest.
    public init?(code: String) {
        guard HCPCSIdentifier.isLevelIICode(code), let first = code.utf8.first,
              first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z"),
              let section = Self.byLetter[Int(first - UInt8(ascii: "A"))] else { return nil }
        self = section
    }

    /// The section of each letter A-Z (nil for the letters no section has), made from the
    /// cases' raw values.
    private static let byLetter: [HCPCSSection?] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { letter in
        allCases.first { $0.rawValue.utf8.first == letter }
    }

    public var letter: String { rawValue }

    /// The section's name as CMS groups the Level II codes.
    public var name: String {
        switch self {
        case .a: "Transportation, Medical and Surgical Supplies, Miscellaneous and Experimental"
        case .b: "Enteral and Parenteral Therapy"
        case .c: "Outpatient PPS"
        case .e: "Durable Medical Equipment"
        case .g: "Procedures and Professional Services (Temporary)"
        case .h: "Alcohol and Drug Abuse Treatment Services"
        case .j: "Drugs Administered Other Than Oral Method"
        case .k: "Durable Medical Equipment for DME MACs (Temporary)"
        case .l: "Orthotic and Prosthetic Procedures and Devices"
        case .m: "Medical Services"
        case .p: "Pathology and Laboratory Services"
        case .q: "Miscellaneous Services (Temporary)"
        case .r: "Diagnostic Radiology Services"
        case .s: "Commercial Payers (Temporary)"
        case .t: "State Medicaid Agencies"
        case .v: "Vision and Hearing Services"
        }
    }

    public static func < (lhs: HCPCSSection, rhs: HCPCSSection) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The grammar of code and modifier identifiers. Identifiers become URL path segments, so
/// nothing that fails these checks may reach the file system.
public enum HCPCSIdentifier {
    /// A letter A-V (less the unused ones is not enforced here) and four digits: `G9328`.
    public static func isLevelIICode(_ text: String) -> Bool { onBytes(text, isLevelIICode) }

    /// Five characters, the first four digits, the last a digit or `F`, `T` or `U` (CPT
    /// categories I-III and PLA codes): `99213`, `0001U`, `00100`.
    static func isLevelICode(_ text: String) -> Bool { onBytes(text, isLevelICode) }

    /// A Level I or Level II procedure code.
    public static func isProcedureCode(_ text: String) -> Bool { onBytes(text, isProcedureCode) }

    /// Two characters, upper-case letters or digits: `26`, `TC`, `59`, `GA`.
    public static func isModifier(_ text: String) -> Bool { onBytes(text, isModifier) }

    /// `test` over the text's UTF-8, read in place: a code is a small string, and copying it
    /// into an array first was most of the cost of asking (several times per code and page).
    private static func onBytes(_ text: String, _ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(test) ?? Array(text.utf8).withUnsafeBufferPointer(test)
    }

    // MARK: - The grammar on bytes (a release file's columns), which the text forms use

    /// `isLevelIICode` for bytes: exactly five, a letter A-V and four digits.
    public static func isLevelIICode(bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(isLevelIICode) }

    /// `isLevelICode` for bytes: exactly five, four digits and a digit or `F`, `T`, `U`.
    static func isLevelICode(bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(isLevelICode) }

    /// `isProcedureCode` for bytes.
    public static func isProcedureCode(bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(isProcedureCode) }

    /// `isModifier` for bytes: exactly two, upper-case letters or digits.
    public static func isModifier(bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(isModifier) }

    private static func isLevelIICode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 5, (UInt8(ascii: "A")...UInt8(ascii: "V")).contains(bytes[0]) else { return false }
        return bytes[1...].allSatisfy(isDigit)
    }

    private static func isLevelICode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 5, bytes[0..<4].allSatisfy(isDigit) else { return false }
        return isDigit(bytes[4]) || bytes[4] == UInt8(ascii: "F") || bytes[4] == UInt8(ascii: "T") || bytes[4] == UInt8(ascii: "U")
    }

    private static func isProcedureCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { isLevelIICode(bytes) || isLevelICode(bytes) }

    private static func isModifier(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 2 && bytes.allSatisfy { isDigit($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
