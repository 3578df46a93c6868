/// Finds procedure codes and modifiers named in a run of text.
///
/// - A Level II code: a letter `A`-`V` and four digits, as a whole word (`G9328`, not `XG9328`
///   or `G93281`).
/// - A modifier: the word `modifier` (any case) and a two-character modifier (`modifier 26`),
///   or `modifiers` and a list (`modifiers 26 and TC`, `modifiers 59, XS or XU`, `modifiers 26/TC`).
/// Level I (CPT) codes are not matched: five digits are too often a number.
///
/// Runs on every text node of every page, so it works on raw bytes and allocates nothing but
/// the matches it appends.
enum CodeMentionScanner {
    struct Match: Equatable {
        var kind: MarkdownMention.Kind
        /// Byte offset and length of the identifier in the scanned text.
        var offset: Int
        var length: Int
    }

    /// All matches in `text`, in order.
    static func scan(_ text: UnsafeBufferPointer<UInt8>) -> [Match] {
        var matches: [Match] = []
        scan(text, into: &matches)
        return matches
    }

    /// Appends all matches in `text`, in order, to `matches` (a buffer the caller reuses).
    ///
    /// A match can only start at an upper-case `A`-`V` or an `m` (`M` is among the first) that
    /// does not follow a word byte. Most text has neither for several bytes, so the scan
    /// looks at eight bytes at a time for one (`candidates`) and checks the byte before only
    /// there.
    static func scan(_ text: UnsafeBufferPointer<UInt8>, into matches: inout [Match]) {
        guard let base = text.baseAddress else { return }
        let classes = byteClasses
        let count = text.count
        var index = 0
        while index < count {
            if count - index >= 8 {
                let mask = candidates(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                if mask == 0 {
                    index += 8
                    continue
                }
                index += mask.trailingZeroBitCount >> 3
            } else if classes[Int(base[index])] & Self.startsMatch == 0 {
                index += 1
                continue
            }
            let byte = base[index]
            if index > 0, classes[Int(base[index - 1])] & Self.wordByte != 0 {
                index += 1
                continue
            }
            // `M` can start either a code or the word "modifier".
            if byte | 0x20 == 0x6D, let end = scanModifiers(text, from: index, into: &matches) {
                index = end
                continue
            }
            if byte &- 0x41 < 22, index + 5 <= count,
               isDigit(base[index + 1]), isDigit(base[index + 2]), isDigit(base[index + 3]), isDigit(base[index + 4]),
               index + 5 == count || !isWordByte(base[index + 5]) {
                matches.append(Match(kind: .code, offset: index, length: 5))
                index += 5
                continue
            }
            index += 1
        }
    }

    /// The high bit of each byte of `word` (eight bytes of text, the first lowest) that is `A`-`V`
    /// or `m`, and of no other: per byte without carries between bytes, so every set bit is a
    /// candidate (the bit tricks of "Bit Twiddling Hacks": `hasbetween` and an exact zero test).
    @inline(__always)
    static func candidates(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7 = ones &* 0x7F, high = ones &* 0x80
        let seven = word & low7
        // Bytes b with 0x40 < b < 0x57, ASCII only (`& ~word` drops bytes from 0x80).
        let between = (ones &* (127 + 0x57) &- seven) & ~word & (seven &+ ones &* (127 - 0x40)) & high
        // Bytes equal to `m`: zero after the XOR.
        let xored = word ^ (ones &* 0x6D)
        let isM = ~((xored & low7) &+ low7 | xored | low7)
        return between | isM
    }

    static let wordByte: UInt8 = 1
    static let startsMatch: UInt8 = 2
    /// Per byte value: `wordByte` for what `isWordByte` accepts, `startsMatch` for `A`-`V`, `m`
    /// and `M`. Made once and never freed, so a scan reads it without retaining an array.
    // nonisolated(unsafe) because a pointer is not `Sendable`; sharing it is safe: the table is
    // written only here, in a static initializer (run once, before any reader gets the
    // pointer), and read-only after.
    nonisolated(unsafe) static let byteClasses: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for value in 0...255 {
            let byte = UInt8(value)
            table[value] = (isWordByte(byte) ? wordByte : 0) | ((byte &- 0x41 < 22 || byte | 0x20 == 0x6D) ? startsMatch : 0)
        }
        return UnsafePointer(table)
    }()

    /// Matches `modifier XX` or `modifiers XX (, | and | or | / ) YY ...` at `start`; returns the
    /// index after the last identifier, nil when there is no match.
    private static func scanModifiers(_ text: UnsafeBufferPointer<UInt8>, from start: Int, into matches: inout [Match]) -> Int? {
        let count = text.count
        // "modifier", compared case-insensitively as 8 bytes.
        guard start + 8 < count,
              text[start] | 0x20 == 0x6D, text[start + 1] | 0x20 == 0x6F, text[start + 2] | 0x20 == 0x64,
              text[start + 3] | 0x20 == 0x69, text[start + 4] | 0x20 == 0x66, text[start + 5] | 0x20 == 0x69,
              text[start + 6] | 0x20 == 0x65, text[start + 7] | 0x20 == 0x72
        else { return nil }
        var index = start + 8
        let plural = text[index] | 0x20 == UInt8(ascii: "s")
        if plural { index += 1 }
        guard index < count, text[index] == 0x20 else { return nil }
        while index < count, text[index] == 0x20 { index += 1 }
        guard identifier(text, at: index) else { return nil }
        matches.append(Match(kind: .modifier, offset: index, length: 2))
        index += 2
        guard plural else { return index }
        while true {
            guard let separator = separatorLength(text, at: index), identifier(text, at: index + separator) else { return index }
            matches.append(Match(kind: .modifier, offset: index + separator, length: 2))
            index += separator + 2
        }
    }

    /// The length of the list separator at `index` — the first of `, and `, `, or `, `, `,
    /// ` and `, ` or `, ` / `, `/`, ` & ` that is there — or nil.
    static func separatorLength(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        func has(_ pattern: StaticString, at offset: Int) -> Bool {
            let length = pattern.utf8CodeUnitCount
            guard text.count - offset >= length else { return false }
            let bytes = pattern.utf8Start
            for position in 0..<length where text[offset + position] != bytes[position] { return false }
            return true
        }
        guard index < text.count else { return nil }
        switch text[index] {
        case UInt8(ascii: ","):
            if has(", and ", at: index) { return 6 }
            if has(", or ", at: index) { return 5 }
            if has(", ", at: index) { return 2 }
        case UInt8(ascii: " "):
            if has(" and ", at: index) { return 5 }
            if has(" or ", at: index) { return 4 }
            if has(" / ", at: index) { return 3 }
            if has(" & ", at: index) { return 3 }
        case UInt8(ascii: "/"):
            return 1
        default:
            break
        }
        return nil
    }

    /// Two upper-case letters or digits forming a whole word at `index`.
    private static func identifier(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 2 <= text.count else { return false }
        func allowed(_ byte: UInt8) -> Bool { isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) }
        guard allowed(text[index]), allowed(text[index + 1]) else { return false }
        return index + 2 == text.count || !isWordByte(text[index + 2])
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// ASCII letters, digits and `_` glue words together; punctuation and spaces separate them.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- 0x61 < 26 || byte == 0x5F
    }
}
