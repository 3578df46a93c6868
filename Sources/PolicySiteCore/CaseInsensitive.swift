import Foundation

extension String {
    /// True when the two texts are equal ignoring case ("Payer notes" and "payer NOTES"), as
    /// Foundation's `caseInsensitiveCompare` has it. ASCII texts, nearly all section and payer
    /// names, are compared byte by byte: the Foundation call took 2.5% of a full build.
    public func equalsIgnoringCase(_ other: String) -> Bool {
        var left = self, right = other
        let folded: Bool? = left.withUTF8 { a in
            right.withUTF8 { b in
                for byte in a where byte >= 0x80 { return nil }
                for byte in b where byte >= 0x80 { return nil }
                guard a.count == b.count else { return false }
                for index in 0..<a.count {
                    let x = a[index], y = b[index]
                    if x == y { continue }
                    let lower = x | 0x20
                    guard lower == y | 0x20, lower >= 0x61, lower <= 0x7A else { return false }
                }
                return true
            }
        }
        return folded ?? (caseInsensitiveCompare(other) == .orderedSame)
    }

    /// The text's words, lowercased and joined by single spaces: a word is a run of letters,
    /// or of letters and digits with `digits`. "No data available." gives "no data available".
    /// With `limit`, it stops once it has `limit` bytes: the result is then a prefix of the
    /// whole at least that long (enough to test a prefix, or emptiness with 1, without
    /// lowercasing a whole note).
    public func lowercasedWords(digits: Bool = false, limit: Int = .max) -> String {
        var text = self
        let ascii: String? = text.withUTF8 { bytes in
            var words: [UInt8] = []
            words.reserveCapacity(Swift.min(bytes.count, limit))
            var pendingSpace = false
            for byte in bytes {
                if words.count >= limit { break }
                if byte >= 0x80 { return nil }
                let lower = byte | 0x20
                let isWordByte = (lower >= 0x61 && lower <= 0x7A) || (digits && byte >= 0x30 && byte <= 0x39)
                if isWordByte {
                    if pendingSpace { words.append(0x20); pendingSpace = false }
                    words.append(byte >= 0x41 && byte <= 0x5A ? lower : byte)
                } else {
                    pendingSpace = !words.isEmpty
                }
            }
            return String(decoding: words, as: UTF8.self)
        }
        guard let ascii else {
            let words = lowercased().split { !($0.isLetter || (digits && $0.isNumber)) }.joined(separator: " ")
            return limit < words.utf8.count ? String(decoding: words.utf8.prefix(limit), as: UTF8.self) : words
        }
        return ascii
    }
}
