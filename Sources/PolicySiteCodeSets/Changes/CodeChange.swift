import PolicySiteCore

/// How one procedure code or modifier changed from one release to the next: the kinds of
/// change, both records, and the action code CMS gave it next to what the data implies.
///
/// Made by `ReleaseComparison`; only codes with at least one kind are made.
public struct CodeChange: Sendable, Hashable {
    /// The procedure code (`G9328`) or modifier (`GA`).
    public var code: String
    /// Whether `code` is a procedure code or a modifier.
    public var recordKind: HCPCSRecord.Kind
    /// The newer release's label (`2019`, or its file name when compared without labels).
    public var releaseLabel: String
    /// The older release's label.
    var previousReleaseLabel: String
    /// The newer release's effective date; nil when the comparison was given none.
    public var effectiveDate: CalendarDate?
    /// What changed, sorted in `CodeChangeKind` declaration order, no repeats; never empty.
    public var kinds: [CodeChangeKind]
    /// The record in the older release; nil when the code was added.
    public var old: HCPCSRecord?
    /// The record in the newer release; nil when the code is no longer listed.
    public var new: HCPCSRecord?
    /// The administrative fields that differ, in column order; empty unless `kinds` contains
    /// `administrativeDataChanged`.
    public var administrativeChanges: [AdministrativeFieldChange]
    /// The action codes that would describe the most significant change the data shows (for
    /// example `[.longDescriptorChange, .administrativeAndLongDescriptorChange]` when the long
    /// descriptor changed, `[.noMaintenance]` when nothing did); empty when NEW no longer lists
    /// the code and so has no action code to check.
    var expectedActionCodes: [ActionCode]

    init(
        code: String, recordKind: HCPCSRecord.Kind, releaseLabel: String, previousReleaseLabel: String,
        effectiveDate: CalendarDate?, kinds: [CodeChangeKind], old: HCPCSRecord?, new: HCPCSRecord?,
        administrativeChanges: [AdministrativeFieldChange] = [], expectedActionCodes: [ActionCode] = []
    ) {
        self.code = code
        self.recordKind = recordKind
        self.releaseLabel = releaseLabel
        self.previousReleaseLabel = previousReleaseLabel
        self.effectiveDate = effectiveDate
        self.kinds = kinds
        self.old = old
        self.new = new
        self.administrativeChanges = administrativeChanges
        self.expectedActionCodes = expectedActionCodes
    }

    /// The action code in the newer release's file; nil when NEW does not list the code or
    /// leaves the column blank.
    public var actionCode: ActionCode? { new?.actionCode }

    /// Whether this change includes `kind`.
    public func has(_ kind: CodeChangeKind) -> Bool { kinds.contains(kind) }

    /// Whether guidance last reviewed before this release should be reviewed again (any kind
    /// in `kinds`, `CodeChangeKind.guidanceAffecting` by default).
    public func affectsGuidance(kinds: Set<CodeChangeKind> = CodeChangeKind.guidanceAffecting) -> Bool {
        self.kinds.contains { kinds.contains($0) }
    }

    /// The long descriptors word by word, for showing `<del>`/`<ins>`; nil unless both releases
    /// list the code.
    public var longDescriptorDiff: [DescriptorDiff.Token]? {
        guard let old, let new else { return nil }
        return DescriptorDiff.tokens(from: old.longDescriptor, to: new.longDescriptor)
    }

    /// The short descriptors word by word; nil unless both releases list the code.
    public var shortDescriptorDiff: [DescriptorDiff.Token]? {
        guard let old, let new else { return nil }
        return DescriptorDiff.tokens(from: old.shortDescriptor, to: new.shortDescriptor)
    }

    /// How messages and lists name the subject: `G9328`, `modifier GA`.
    public var subject: String { recordKind == .procedure ? code : "modifier \(code)" }
}
