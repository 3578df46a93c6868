import Foundation

/// Gives each heading of one page a unique `id`, GitHub-style, so deep links and the table of
/// contents land on the right section.
///
/// The algorithm, deterministic and in document order:
/// 1. Slug: lower-case the heading text; keep Unicode letters, marks and numbers; turn each space
///    and hyphen into `-` (no collapsing: `a - b` gives `a---b`); drop everything else
///    (punctuation, symbols, `_`). Digits are kept as they are: `99213` stays `99213`,
///    `26/TC` becomes `26tc`. An empty slug becomes `section`.
/// 2. Unique: if the slug is already used on the page (by an earlier heading or a reserved id the
///    templates emit), append `-1`, `-2`, ... and keep incrementing until the id is free. So
///    `Notes`, `Notes 1`, `Notes 2`, `Notes`, `Notes` give `notes`, `notes-1`, `notes-2`,
///    `notes-3`, `notes-4`.
struct HeadingIDGenerator: Sendable {
    /// The ids this page's Markdown took, in a list while there are few (a page has a dozen
    /// headings: comparing a dozen strings is cheaper than hashing one), all in `usedSet` from
    /// `usedListLimit` on. Kept apart from `reserved`, which every page shares: a set seeded
    /// with the reserved ids would be copied by each page's first heading.
    private var usedList: [String] = []
    private var usedSet: Set<String> = []
    static let usedListLimit = 16
    /// The next suffix to try per slug, so a page of many equal headings stays linear: the
    /// first `usedListLimit` slugs in a list (a page repeats a few, and finding one costs less
    /// than hashing it), any more in a dictionary.
    private var nextSuffixes: [(base: String, suffix: Int)] = []
    private var moreNextSuffixes: [String: Int] = [:]
    private let reserved: Set<String>

    /// - Parameter reservedIDs: ids the page already has outside the Markdown.
    public init(reservedIDs: Set<String> = []) {
        reserved = reservedIDs
    }

    private func isReserved(_ id: String) -> Bool {
        !reserved.isEmpty && reserved.contains(id)
    }

    private func isUsed(_ id: String) -> Bool {
        usedList.count < Self.usedListLimit ? usedList.contains(id) : usedSet.contains(id)
    }

    /// Marks `id` used; false when it already was.
    private mutating func insertUsed(_ id: String) -> Bool {
        guard usedList.count < Self.usedListLimit else { return usedSet.insert(id).inserted }
        if usedList.contains(id) { return false }
        // Grown once for a page's usual dozen headings rather than doubling from one.
        if usedList.isEmpty { usedList.reserveCapacity(Self.usedListLimit) }
        usedList.append(id)
        if usedList.count == Self.usedListLimit { usedSet = Set(usedList) }
        return true
    }

    /// Marks `id` used when `isTaken` just said it was not: no second search.
    private mutating func addUsed(_ id: String) {
        guard usedList.count < Self.usedListLimit else {
            usedSet.insert(id)
            return
        }
        if usedList.isEmpty { usedList.reserveCapacity(Self.usedListLimit) }
        usedList.append(id)
        if usedList.count == Self.usedListLimit { usedSet = Set(usedList) }
    }

    private func isTaken(_ id: String) -> Bool {
        isReserved(id) || isUsed(id)
    }

    /// Who already has an id that raw HTML gives an element (see `claim`).
    enum IDOwner: Sendable, Equatable {
        /// The page outside the Markdown: the templates, or what the site adds.
        case page
        /// A heading or raw HTML earlier in the Markdown.
        case content
    }

    /// Takes an id that raw HTML gives an element (`<a id="notes">`), which cannot be changed
    /// as a heading's can: later headings then avoid it. Returns who already had it, or nil
    /// when it was free.
    public mutating func claim(_ id: String) -> IDOwner? {
        if isReserved(id) { return .page }
        return insertUsed(id) ? nil : .content
    }

    /// The unique id for a heading with this text; remembers it.
    public mutating func id(for text: String) -> String {
        let base = Self.slug(text)
        if !isReserved(base), insertUsed(base) { return base }
        let known = nextSuffixes.firstIndex { $0.base == base }
        var suffix = known.map { nextSuffixes[$0].suffix }
            ?? (nextSuffixes.count == Self.usedListLimit ? moreNextSuffixes[base] : nil) ?? 1
        var candidate = Self.suffixed(base, suffix)
        while isTaken(candidate) {
            suffix += 1
            candidate = Self.suffixed(base, suffix)
        }
        addUsed(candidate)
        if let known {
            nextSuffixes[known].suffix = suffix + 1
        } else if nextSuffixes.count < Self.usedListLimit {
            // Grown once, as `usedList`: a page's reserved ids give a few of these.
            if nextSuffixes.isEmpty { nextSuffixes.reserveCapacity(Self.usedListLimit) }
            nextSuffixes.append((base, suffix + 1))
        } else {
            moreNextSuffixes[base] = suffix + 1
        }
        return candidate
    }

    /// `base-suffix` (`notes-2`) for a suffix of at least 1, written at once: `base + "-" +
    /// String(suffix)` would make two strings on the way and format the number generically.
    static func suffixed(_ base: String, _ suffix: Int) -> String {
        var digits = 1, rest = suffix / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var base = base
        return base.withUTF8 { baseBytes in
            String(unsafeUninitializedCapacity: baseBytes.count + 1 + digits) { bytes in
                _ = UnsafeMutableBufferPointer(rebasing: bytes[..<baseBytes.count]).initialize(from: baseBytes)
                bytes[baseBytes.count] = 0x2D
                var value = suffix, index = baseBytes.count + digits
                for _ in 0..<digits {
                    bytes[index] = 0x30 + UInt8(value % 10)
                    value /= 10
                    index -= 1
                }
                return baseBytes.count + 1 + digits
            }
        }
    }

    /// Step 1 of the algorithm alone (not unique).
    public static func slug(_ text: String) -> String {
        // Most headings are ASCII: slug the bytes directly.
        var text = text
        if let slug = text.withUTF8({ Self.asciiSlug($0) }) { return slug }
        return unicodeSlug(text)
    }

    /// The slug of an ASCII heading; nil when the text is not all ASCII.
    static func asciiSlug(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
        // One pass: a non-ASCII byte (rare in headings) abandons the slug written so far,
        // rather than every heading's bytes being read twice.
        var isASCII = true
        let slug = String(unsafeUninitializedCapacity: utf8.count) { bytes in
            var count = 0
            for byte in utf8 {
                switch byte {
                case 0x20, 0x2D: bytes[count] = 0x2D
                case 0x30...0x39, 0x61...0x7A: bytes[count] = byte
                case 0x41...0x5A: bytes[count] = byte + 0x20
                case 0x80...:
                    isASCII = false
                    return 0
                default: continue
                }
                count += 1
            }
            return count
        }
        guard isASCII else { return nil }
        return slug.isEmpty ? "section" : slug
    }

    /// The slug of any heading (step 1), scalar by scalar.
    static func unicodeSlug(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        // In NFC: a heading typed with combining marks (NFD) gets the id a link typed in NFC
        // reaches, since browsers compare ids code point by code point.
        for scalar in text.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if scalar == " " || scalar == "-" {
                result.append("-")
                continue
            }
            if scalar.isASCII {
                let value = scalar.value
                if (0x30...0x39).contains(value) || (0x61...0x7A).contains(value) { result.append(scalar) }
                continue
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark,
                 .decimalNumber, .letterNumber, .otherNumber:
                result.append(scalar)
            default:
                break
            }
        }
        return result.isEmpty ? "section" : String(result)
    }
}
