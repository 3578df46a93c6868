import Foundation

extension String {
    /// True when the two texts are equal ignoring case ("Payer notes" and "payer NOTES"), as
    /// Foundation's `caseInsensitiveCompare` has it. ASCII texts, nearly all section and payer
    /// names, are compared byte by byte: the Foundation call took 2.5% of a full build.
    public func equalsIgnoringCase(_ other: String) -> Bool {
        // Read in place (`withContiguousStorageIfAvailable` does not copy a native or small
        // string): copying both into `var`s for `withUTF8` retained and released each, over a
        // million times a build.
        let folded: Bool??? = utf8.withContiguousStorageIfAvailable { (a: UnsafeBufferPointer<UInt8>) -> Bool?? in
            other.utf8.withContiguousStorageIfAvailable { (b: UnsafeBufferPointer<UInt8>) -> Bool? in Self.asciiEqualsIgnoringCase(a, b) }
        }
        if let folded, let folded { return folded ?? (caseInsensitiveCompare(other) == .orderedSame) }
        var left = self, right = other
        let copied = left.withUTF8 { a in right.withUTF8 { b in Self.asciiEqualsIgnoringCase(a, b) } }
        return copied ?? (caseInsensitiveCompare(other) == .orderedSame)
    }

    /// Whether two ASCII texts are equal ignoring case; nil when either has a byte over 0x7F
    /// (Foundation decides those).
    private static func asciiEqualsIgnoringCase(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard isASCII(a), isASCII(b) else { return nil }
        guard a.count == b.count else { return false }
        for index in 0..<a.count {
            let x = a[index], y = b[index]
            if x == y { continue }
            let lower = x | 0x20
            guard lower == y | 0x20, lower >= 0x61, lower <= 0x7A else { return false }
        }
        return true
    }

    /// Whether every byte is under 0x80, read eight at a time (most names and titles compared
    /// differ in length, and then this is all the comparison reads).
    @inline(__always)
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var pointer = bytes.baseAddress.map(UnsafeRawPointer.init) else { return true }
        var remaining = bytes.count
        var bits: UInt64 = 0
        while remaining >= 8 {
            bits |= pointer.loadUnaligned(as: UInt64.self)
            pointer += 8
            remaining -= 8
        }
        while remaining > 0 {
            bits |= UInt64(pointer.load(as: UInt8.self))
            pointer += 1
            remaining -= 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// The text's words, lowercased and joined by single spaces: a word is a run of letters,
    /// or of letters and digits with `digits`. "No data available." gives "no data available".
    /// With `limit`, it stops once it has `limit` bytes: the result is then a prefix of the
    /// whole at least that long (enough to test a prefix, or emptiness with 1, without
    /// lowercasing a whole note).
    public func lowercasedWords(digits: Bool = false, limit: Int = .max) -> String {
        var text = self
        let ascii: String? = text.withUTF8 { bytes in
            var isASCII = true
            let words = String(unsafeUninitializedCapacity: Self.wordsCapacity(bytes.count, limit: limit)) { words in
                guard let count = Self.asciiLowercasedWords(bytes, digits: digits, limit: limit, into: words) else {
                    isASCII = false
                    return 0
                }
                return count
            }
            return isASCII ? words : nil
        }
        guard let ascii else {
            let words = lowercased().split { !($0.isLetter || (digits && $0.isNumber)) }.joined(separator: " ")
            return limit < words.utf8.count ? String(decoding: words.utf8.prefix(limit), as: UTF8.self) : words
        }
        return ascii
    }

    /// The bytes `asciiLowercasedWords` may write for `byteCount` bytes of text and `limit`:
    /// a word byte may follow the space that reached the limit.
    public static func wordsCapacity(_ byteCount: Int, limit: Int) -> Int {
        limit >= byteCount ? byteCount : limit + 1
    }

    /// `lowercasedWords(digits:limit:)` of ASCII `bytes`, written into `words` (at least
    /// `wordsCapacity` bytes); returns how many bytes it wrote, or nil at a byte over 0x7F
    /// before the limit. Callers that only compare the words give a buffer on the stack: no
    /// string is made.
    public static func asciiLowercasedWords(_ bytes: UnsafeBufferPointer<UInt8>, digits: Bool, limit: Int, into words: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var count = 0
        var pendingSpace = false
        for byte in bytes {
            if count >= limit { break }
            if byte >= 0x80 { return nil }
            let lower = byte | 0x20
            let isWordByte = (lower >= 0x61 && lower <= 0x7A) || (digits && byte >= 0x30 && byte <= 0x39)
            if isWordByte {
                if pendingSpace {
                    words[count] = 0x20
                    count += 1
                    pendingSpace = false
                }
                words[count] = byte >= 0x41 && byte <= 0x5A ? lower : byte
                count += 1
            } else {
                pendingSpace = count > 0
            }
        }
        return count
    }
}
