/// One kind of change to a procedure code or modifier between an older release (OLD) and a newer
/// one (NEW), computed from the records' dates and text, never from the action code alone.
///
/// Definitions, with "terminated in a release" meaning the code's record in that release carries
/// a termination date (whatever that date is: CMS sets it when it discontinues a code, and keeps
/// the code listed with it for four years):
///
/// - A code is **discontinued** in NEW when it was in use in OLD (listed, no termination date)
///   and NEW either gives it a termination date or no longer lists it at all.
/// - A code listed with a termination date in both releases is **already terminated**, carried
///   over: that is no change (unless the date itself moves, `terminationDateChanged`).
/// - A code is **reinstated** when OLD lists it with a termination date and NEW lists it without
///   one (CMS's action code R, "re-activate").
///
/// Cases are declared in the order change lists show them; the last three are findings about
/// CMS's data rather than changes CMS announced.
public enum CodeChangeKind: String, CaseIterable, Sendable, Hashable, Comparable, Codable {
    /// Not in OLD; in NEW without a termination date.
    case added
    /// In use in OLD (no termination date), and in NEW either terminated or not listed.
    case discontinued
    /// Terminated in OLD, listed without a termination date in NEW.
    case reinstated
    /// Listed in both; the long descriptor differs once runs of white space are collapsed (CMS
    /// cuts long descriptors into 80-column chunks, and re-cutting them changes only spacing).
    case longDescriptorChanged
    /// Listed in both; the short descriptor differs (white space collapsed, as above).
    case shortDescriptorChanged
    /// Listed in both; at least one administrative field differs (coverage code, pricing
    /// indicators, BETOS code, type of service, ASC payment group and date, ...; see
    /// `AdministrativeField`). Which fields, with their values, is in `CodeChange.administrativeChanges`.
    case administrativeDataChanged
    /// Listed in both; the added date differs. CMS does this when it reuses a code number for a
    /// new service (G9890 and G9891 in 2019), so the code's meaning may be new.
    case addedDateChanged
    /// Terminated in both releases, with different termination dates.
    case terminationDateChanged
    /// Terminated in OLD and no longer listed in NEW: CMS drops discontinued codes after four
    /// years. Not a discontinuation, which happened earlier.
    case droppedAfterTermination

    // MARK: Findings about the data

    /// In use in OLD and not listed in NEW at all: discontinued (this code also has
    /// `discontinued`) without the termination date CMS's rules call for.
    case vanishedWithoutTermination
    /// Not in OLD, and in NEW already with a termination date: the code came and went between
    /// the two releases. Not counted as `added` (it cannot be billed) nor as `discontinued`
    /// (it was never in use in a release).
    case addedAlreadyTerminated
    /// NEW's action code does not match what the data shows (see `CodeChange.expectedActionCodes`):
    /// for example "N" (no maintenance) on a code whose long descriptor changed.
    case actionCodeDisagrees

    /// Whether this kind is a finding about CMS's data rather than a change.
    public var isFinding: Bool {
        switch self {
        case .vanishedWithoutTermination, .addedAlreadyTerminated, .actionCodeDisagrees: true
        default: false
        }
    }

    /// The kinds that make guidance written before the release stale: what the code means or
    /// whether it can be billed changed. Administrative changes (pricing, BETOS, ...) are left
    /// out: guidance pages describe payers' rules for the service, not Medicare's pricing data.
    public static let guidanceAffecting: Set<CodeChangeKind> = [
        .discontinued, .reinstated, .longDescriptorChanged, .shortDescriptorChanged,
        .addedDateChanged, .addedAlreadyTerminated, .vanishedWithoutTermination,
    ]

    /// A heading for a group of changes: "Long descriptor changed".
    public var title: String {
        switch self {
        case .added: "Added"
        case .discontinued: "Discontinued"
        case .reinstated: "Reinstated"
        case .longDescriptorChanged: "Long descriptor changed"
        case .shortDescriptorChanged: "Short descriptor changed"
        case .administrativeDataChanged: "Administrative data changed"
        case .addedDateChanged: "Added date changed (code reused)"
        case .terminationDateChanged: "Termination date changed"
        case .droppedAfterTermination: "Dropped after termination"
        case .vanishedWithoutTermination: "Finding: vanished without a termination date"
        case .addedAlreadyTerminated: "Finding: added already terminated"
        case .actionCodeDisagrees: "Finding: action code disagrees with the data"
        }
    }

    /// Declaration order, which is the order change lists show.
    public static func < (lhs: CodeChangeKind, rhs: CodeChangeKind) -> Bool { lhs.order < rhs.order }

    private var order: Int { CodeChangeKind.allCases.firstIndex(of: self)! }
}
