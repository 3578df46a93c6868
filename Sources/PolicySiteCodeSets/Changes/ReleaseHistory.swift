import PolicySiteCore

/// Several releases of the code set in order, oldest first, and what changed from each to the
/// next: the per-code history a site shows in a code's "History" block and checks guidance
/// pages against.
///
/// The newest release is the site's code set; the older ones only give history. Each
/// consecutive pair is compared once, when the history is made.
///
/// ```swift
/// let history = ReleaseHistory([
///     .init(label: "2018", effectiveDate: jan2018, release: release2018),
///     .init(label: "2019", effectiveDate: jan2019, release: release2019),
/// ])
/// for change in history.changesAffectingGuidance(for: "G9890", lastReviewed: reviewed) { ... }
/// ```
public struct ReleaseHistory: Sendable {
    /// One release with the label and effective date `site.yml` gives it.
    public struct Entry: Sendable {
        /// `2019`, `2019 Q2`: how pages name the release.
        public var label: String
        /// The day the release takes effect (January 1 for an annual release).
        public var effectiveDate: CalendarDate
        public var release: HCPCSRelease

        public init(label: String, effectiveDate: CalendarDate, release: HCPCSRelease) {
            self.label = label
            self.effectiveDate = effectiveDate
            self.release = release
        }
    }

    /// The releases, oldest first, as given.
    public let entries: [Entry]
    /// `comparisons[i]` compares `entries[i]` with `entries[i + 1]`.
    public let comparisons: [ReleaseComparison]

    private let procedureHistory: [String: [CodeChange]]
    private let modifierHistory: [String: [CodeChange]]

    /// Compares each release with the one before it.
    ///
    /// - Parameter entries: The releases, oldest first. They are not reordered: if the dates
    ///   do not increase, `orderProblems` says so, for the caller to report where the list was
    ///   written.
    public init(_ entries: [Entry]) {
        self.entries = entries
        var comparisons: [ReleaseComparison] = []
        var procedureHistory: [String: [CodeChange]] = [:]
        var modifierHistory: [String: [CodeChange]] = [:]
        for (older, newer) in zip(entries, entries.dropFirst()) {
            let comparison = ReleaseComparison(
                old: older.release, new: newer.release, oldLabel: older.label, newLabel: newer.label,
                oldEffectiveDate: older.effectiveDate, newEffectiveDate: newer.effectiveDate)
            for change in comparison.changes {
                switch change.recordKind {
                case .procedure: procedureHistory[change.code, default: []].append(change)
                case .modifier: modifierHistory[change.code, default: []].append(change)
                }
            }
            comparisons.append(comparison)
        }
        self.comparisons = comparisons
        self.procedureHistory = procedureHistory
        self.modifierHistory = modifierHistory
    }

    /// Makes a history from (label, effective date, release) triples, oldest first.
    public init(releases: [(label: String, effectiveDate: CalendarDate, release: HCPCSRelease)]) {
        self.init(releases.map { Entry(label: $0.label, effectiveDate: $0.effectiveDate, release: $0.release) })
    }

    /// The newest release: the site's code set. Nil for an empty history.
    var newest: Entry? { entries.last }

    /// Every release in which a procedure code changed, oldest first, each with its kinds;
    /// empty when it never changed (or the history has a single release).
    func changes(for code: String) -> [CodeChange] { procedureHistory[code] ?? [] }

    /// Every release in which a modifier changed, oldest first.
    func changes(forModifier modifier: String) -> [CodeChange] { modifierHistory[modifier] ?? [] }

    /// The changes that make guidance about `code` stale: releases that took effect after the
    /// guidance was last reviewed and changed the code in one of `kinds` (by default a
    /// descriptor changed, the code was discontinued, reinstated or reused; see
    /// `CodeChangeKind.guidanceAffecting`). Guidance reviewed on the effective date itself is
    /// current.
    ///
    /// - Parameters:
    ///   - code: The procedure code the guidance page covers.
    ///   - lastReviewed: The page's last-reviewed date.
    ///   - kinds: The kinds that count.
    /// - Returns: Oldest first; empty when the guidance is current.
    public func changesAffectingGuidance(
        for code: String, lastReviewed: CalendarDate, kinds: Set<CodeChangeKind> = CodeChangeKind.guidanceAffecting
    ) -> [CodeChange] {
        changes(for: code).filter { change in
            guard let effective = change.effectiveDate, lastReviewed < effective else { return false }
            return change.affectsGuidance(kinds: kinds)
        }
    }

    /// One sentence per release whose effective date is not after the one before it
    /// ("release 2018 (2018-01-01) does not take effect after 2019 (2019-01-01)"); empty when the
    /// list is in order. Histories built from such a list compare the releases in the order given.
    var orderProblems: [String] {
        zip(entries, entries.dropFirst()).compactMap { older, newer in
            newer.effectiveDate > older.effectiveDate ? nil
                : "release \(newer.label) (\(newer.effectiveDate)) does not take effect after \(older.label) (\(older.effectiveDate))"
        }
    }
}
