/// The procedure codes and modifiers a site knows, keyed by their identifier.
///
/// Lists come out sorted by identifier compared as bytes (`0001U` < `00100` < `0450` < `G9328`),
/// never in dictionary or file-system order.
///
/// The codes are kept in one array in that order, with each code's place in it beside them: a
/// dictionary of codes keeps a code-sized slot for every bucket (over twice as many buckets as
/// codes at 100,000 codes, 38 MB), and the renderer's sorted list of codes was a second copy of
/// every code. `sortedCodes` is now that array itself, shared, not copied.
///
/// Codes and modifiers are found by `IdentifierIndex` (a binary search over the identifiers
/// packed into integers), not by hashing the `String` asked for.
public struct CodeSet: Sendable {
    /// All codes, sorted by code (bytewise).
    public private(set) var sortedCodes: [HCPCSCode] = []
    /// Each code's index in `sortedCodes`.
    private var positions = IdentifierIndex()
    public private(set) var modifiers: [String: Modifier] = [:]
    /// The modifiers in the order they were first added, for `modifierPositions`.
    private var modifierList: [Modifier] = []
    /// Each modifier's index in `modifierList`.
    private var modifierPositions = IdentifierIndex()
    /// A label for where the codes came from ("2019 CMS release", "Content/data/codes.yml").
    public var releaseLabel: String

    /// A set of `codes` (of two with one identifier, the later) and `modifiers`.
    public init(releaseLabel: String, codes: consuming [HCPCSCode] = [], modifiers: [Modifier] = []) {
        self.releaseLabel = releaseLabel
        self.modifiers.reserveCapacity(modifiers.count)
        insert(contentsOf: consume codes)
        for modifier in modifiers { insert(modifier) }
    }

    public subscript(code code: String) -> HCPCSCode? { position(ofCode: code).map { sortedCodes[$0] } }
    public subscript(modifier code: String) -> Modifier? {
        modifierPositions.position(of: code) { modifierList[$0].code }.map { modifierList[$0] }
    }

    /// The index in `sortedCodes` of the code `code`.
    @inline(__always)
    private func position(ofCode code: String) -> Int? {
        positions.position(of: code) { sortedCodes[$0].code }
    }

    /// Whether the set has the code `code`: asked for every code a page names, it finds the
    /// code's place only, where `self[code:] != nil` copied the code's record (a retain of
    /// each of its strings).
    public func contains(code: String) -> Bool { position(ofCode: code) != nil }

    /// `body` of the code `code` read where it is in `sortedCodes`, or nil when the set has no
    /// such code: the copy `self[code:]` returns retains each of the code's strings, for each
    /// code page and each code a page names.
    public func withCode<Result>(_ code: String, _ body: (borrowing HCPCSCode) throws -> Result) rethrows -> Result? {
        guard let position = position(ofCode: code) else { return nil }
        return try sortedCodes.withUnsafeBufferPointer { try body($0[position]) }
    }

    /// How many codes the set has.
    public var codeCount: Int { sortedCodes.count }

    /// Adds or replaces a code. Adding a code the set lacks moves the codes after it: add many
    /// with `insert(contentsOf:)`.
    public mutating func insert(_ code: HCPCSCode) {
        if let position = position(ofCode: code.code) {
            sortedCodes[position] = code
        } else {
            insert(contentsOf: [code])
        }
    }

    /// Adds or replaces codes (of two with one identifier, the later), sorting once for all
    /// the codes the set lacked.
    public mutating func insert(contentsOf codes: consuming [HCPCSCode]) {
        if sortedCodes.isEmpty {
            // A whole release at once: its array becomes the set's and is sorted in place.
            sortedCodes = consume codes
        } else {
            var added: [HCPCSCode] = []
            for code in codes {
                if let position = position(ofCode: code.code) {
                    sortedCodes[position] = code
                } else {
                    added.append(code)
                }
            }
            guard !added.isEmpty else { return }
            sortedCodes += added
        }
        sortedCodes.sortKeepingLastOfEachKey(\.code)
        positions = IdentifierIndex(count: sortedCodes.count) { sortedCodes[$0].code }
    }

    /// Adds or replaces a modifier.
    public mutating func insert(_ modifier: Modifier) {
        modifiers[modifier.code] = modifier
        if let position = modifierPositions.position(of: modifier.code, identifierAt: { modifierList[$0].code }) {
            modifierList[position] = modifier
        } else {
            modifierPositions.append(modifier.code, at: modifierList.count)
            modifierList.append(modifier)
        }
    }

    /// All modifiers, sorted by code (bytewise).
    public var sortedModifiers: [Modifier] { modifiers.values.sorted { $0.code.utf8.lexicographicallyPrecedes($1.code.utf8) } }
}
