/// The procedure codes and modifiers a site knows, keyed by their identifier.
///
/// Lists come out sorted by identifier compared as bytes (`00100` < `0001U` < `0450` < `G9328`),
/// never in dictionary or file-system order.
public struct CodeSet: Sendable {
    public private(set) var codes: [String: HCPCSCode] = [:]
    public private(set) var modifiers: [String: Modifier] = [:]
    /// A label for where the codes came from ("2019 CMS release", "Content/data/codes.yml").
    public var releaseLabel: String

    public init(releaseLabel: String, codes: [HCPCSCode] = [], modifiers: [Modifier] = []) {
        self.releaseLabel = releaseLabel
        self.codes.reserveCapacity(codes.count)
        self.modifiers.reserveCapacity(modifiers.count)
        for code in codes { self.codes[code.code] = code }
        for modifier in modifiers { self.modifiers[modifier.code] = modifier }
    }

    public subscript(code code: String) -> HCPCSCode? { codes[code] }
    public subscript(modifier code: String) -> Modifier? { modifiers[code] }

    /// Adds or replaces a code.
    public mutating func insert(_ code: HCPCSCode) { codes[code.code] = code }
    /// Adds or replaces a modifier.
    public mutating func insert(_ modifier: Modifier) { modifiers[modifier.code] = modifier }

    /// All codes, sorted by code (bytewise). The keys are sorted, not the codes: a code is a
    /// large value, and sorting moves what it sorts.
    public var sortedCodes: [HCPCSCode] {
        codes.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { codes[$0]! }
    }
    /// All modifiers, sorted by code (bytewise).
    public var sortedModifiers: [Modifier] { modifiers.values.sorted { $0.code.utf8.lexicographicallyPrecedes($1.code.utf8) } }
}
