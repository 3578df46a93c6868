/// A modifier: two characters appended to a procedure code, such as `26` (professional
/// component, a CPT/Level I modifier) or `TC` (technical component, HCPCS Level II).
///
/// From `Content/data/modifiers.yml`, or from a CMS release (record id 7, columns 4-5);
/// CMS release files carry Level II modifiers only.
public struct Modifier: Hashable, Sendable {
    /// Two characters; always a string (`26` is not a number).
    public var code: String
    /// The long descriptor (CMS columns 12-91 and continuation lines).
    public var descriptor: String
    /// The short descriptor, where the source has one (CMS columns 92-119).
    public var shortDescriptor: String?
    public var level: ModifierLevel
    public var addedDate: CalendarDate?
    public var terminationDate: CalendarDate?
    public var source: SourceLocation

    public init(
        code: String, descriptor: String, shortDescriptor: String? = nil, level: ModifierLevel,
        addedDate: CalendarDate? = nil, terminationDate: CalendarDate? = nil, source: SourceLocation
    ) {
        self.code = code
        self.descriptor = descriptor
        self.shortDescriptor = shortDescriptor
        self.level = level
        self.addedDate = addedDate
        self.terminationDate = terminationDate
        self.source = source
    }

    public func status(asOf date: CalendarDate) -> CodeStatus {
        CodeStatus(added: addedDate, terminated: terminationDate, asOf: date)
    }
}

/// Level I modifiers are CPT's (AMA); Level II are HCPCS's (CMS).
public enum ModifierLevel: String, Hashable, Sendable {
    case levelI = "I"
    case levelII = "II"
}

/// A payer whose policies the guidance pages describe (Aetna, Cigna, Medicare, ...).
public struct Payer: Hashable, Sendable {
    /// A stable slug such as `bcbs`, used in URLs and `site.yml`.
    public var id: String
    /// The name authors write as the `### <name>` heading: "Blue Cross Blue Shield".
    public var name: String
    /// Other names authors might use ("BCBS"); a note under an alias is a finding.
    public var aliases: [String]
    /// The payer's provider portal, if any; checked against the URL scheme allowlist.
    public var portalURL: String?
    /// Where `portalURL` is written, for findings about it.
    public var portalURLLocation: SourceLocation?
    public var source: SourceLocation

    public init(id: String, name: String, aliases: [String] = [], portalURL: String? = nil, portalURLLocation: SourceLocation? = nil, source: SourceLocation) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.portalURL = portalURL
        self.portalURLLocation = portalURLLocation
        self.source = source
    }
}
