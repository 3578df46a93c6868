import PolicySiteCore

/// Which modifiers a page's prose names, for the "Guidance that uses modifier TC" list of
/// modifier pages.
///
/// A two-character modifier is also a common abbreviation, a number or part of a word, so only
/// these forms count, each with the modifier in capitals (or digits) as a whole word:
///
/// - `modifier TC`, `Modifier 26`, `modifiers 26 and TC`, `modifiers 59, XS or XU`,
///   `modifiers 26/TC` (the forms the Markdown layer links);
/// - `TC modifier`, `26 modifiers` (the modifier, white space, then the word `modifier`);
/// - a code with the modifier appended: `G9329-26`, `70450-TC`, `0001U-GA` (five letters or
///   digits, a hyphen, the modifier);
/// - `-TC` standing alone (after white space, `(` or the start of the text), when the modifier
///   has a letter: `-25` or `-50` reads as a negative number.
///
/// Never: `TC` alone, `tc` or `Tc`, `ETC`, `TC-99`, `CT-TC`, `2014-15`, `-25 degrees`. Only
/// modifiers in `known` are reported. The text is the page's plain text (search text: markup
/// gone, white space collapsed).
enum ModifierMentions {
    /// The modifiers of `known` that `text` names in one of the forms above, each once, sorted.
    static func scan(_ text: String, known: Set<String>) -> [String] {
        // The two-character identifiers met in one of the forms, one bit each (`slot(_:_:)`):
        // a page names the same few many times, and each is made a `String` and looked up in
        // `known` once, after the scan, where a string, a hash and a set insertion for every
        // mention took a third of the scan.
        var met = MetIdentifiers()
        var text = text
        text.withUTF8 { bytes in
            let count = bytes.count
            func isWord(_ byte: UInt8) -> Bool {
                (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == 0x5F
            }
            func isIdentifierByte(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) }
            /// A two-character modifier as a whole word at `index` (the byte before is checked by
            /// the caller): its slot among the identifiers.
            func identifier(at index: Int) -> Int? {
                guard index + 2 <= count, isIdentifierByte(bytes[index]), isIdentifierByte(bytes[index + 1]),
                      index + 2 == count || !isWord(bytes[index + 2]) else { return nil }
                // A hyphen and a word character after it glue it to more ("TC-99").
                if index + 3 < count, bytes[index + 2] == 0x2D, isWord(bytes[index + 3]) { return nil }
                return MetIdentifiers.slot(bytes[index], bytes[index + 1])
            }
            func word(_ lowercase: StaticString, at index: Int) -> Bool {
                let length = lowercase.utf8CodeUnitCount
                guard index + length <= count else { return false }
                for offset in 0..<length where bytes[index + offset] | 0x20 != lowercase.utf8Start[offset] { return false }
                return true
            }
            func add(_ slot: Int?) {
                if let slot { met.insert(slot) }
            }
            var index = 0
            let start = bytes.baseAddress.map(UnsafeRawPointer.init)
            while index < count {
                // Eight ASCII bytes at a time: past them when none can start a form, else to
                // the first that can (the bytes passed are those the test below passes).
                if let start, count - index >= 8 {
                    let chunk = UInt64(littleEndian: start.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    if chunk & ByteLanes.highs == 0 {
                        let starts = Self.formStarts(chunk)
                        if starts == 0 {
                            index += 8
                            continue
                        }
                        index += starts.trailingZeroBitCount / 8
                    }
                }
                let byte = bytes[index]
                // Every form starts at an `m`, a capital, a digit or a hyphen; the rest of the
                // text (mostly lowercase prose and spaces) is passed over a byte at a time.
                guard byte == 0x6D || byte == 0x2D || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) else {
                    index += 1
                    continue
                }
                let startsWord = index == 0 || !isWord(bytes[index - 1])
                if startsWord, byte | 0x20 == 0x6D, word("modifier", at: index) {
                    // `modifier XX` / `modifiers XX, YY and ZZ`.
                    var cursor = index + 8
                    let plural = cursor < count && bytes[cursor] | 0x20 == 0x73
                    if plural { cursor += 1 }
                    if cursor < count, bytes[cursor] == 0x20, let first = identifier(at: cursor + 1) {
                        add(first)
                        cursor += 3
                        while plural {
                            var separator = 0
                            for candidate: StaticString in [", and ", ", or ", ", ", " and ", " or ", " / ", " & ", "/"] where separator == 0 {
                                if word(candidate, at: cursor) { separator = candidate.utf8CodeUnitCount }
                            }
                            guard separator > 0, let next = identifier(at: cursor + separator) else { break }
                            add(next)
                            cursor += separator + 2
                        }
                    }
                    index += 8
                    continue
                }
                if startsWord, let modifier = identifier(at: index) {
                    // `XX modifier`.
                    if index + 3 < count, bytes[index + 2] == 0x20, word("modifier", at: index + 3),
                       index + 11 == count || !isWord(bytes[index + 11]) || bytes[index + 11] | 0x20 == 0x73 {
                        add(modifier)
                    }
                }
                if byte == 0x2D, index + 1 < count {
                    let before = index == 0 ? 0x20 : bytes[index - 1]
                    if index >= 5, (index - 5 == 0 || !isWord(bytes[index - 6])),
                       (index - 5..<index).allSatisfy({ isIdentifierByte(bytes[$0]) }),
                       (index - 5..<index).contains(where: { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }) {
                        // `G9329-26`: a code (five capitals or digits, at least one digit), then the modifier.
                        add(identifier(at: index + 1))
                    } else if before == 0x20 || before == 0x28 {
                        // `-TC` alone: only with a letter, so a negative number is not a modifier.
                        if let slot = identifier(at: index + 1), bytes[index + 1] >= 0x41 || bytes[index + 2] >= 0x41 { add(slot) }
                    }
                }
                index += 1
            }
        }
        return met.identifiers.filter(known.contains)
    }

    /// 0x80 in each byte of eight ASCII bytes (the first in the lowest byte) that can start a
    /// form: `m`, `-`, a digit or a capital.
    @inline(__always)
    static func formStarts(_ chunk: UInt64) -> UInt64 {
        @inline(__always) func atLeast(_ byte: UInt8) -> UInt64 { ByteLanes.asciiBytes(chunk, atLeast: byte) }
        let hyphen = atLeast(0x2D) & ~atLeast(0x2E)
        let digits = atLeast(0x30) & ~atLeast(0x3A)
        let capitals = atLeast(0x41) & ~atLeast(0x5B)
        let m = atLeast(0x6D) & ~atLeast(0x6E)
        return hyphen | digits | capitals | m
    }
}

/// A set of two-character identifiers of digits and capitals (`26`, `TC`): a bit for each of
/// the 36 x 36, on the stack.
private struct MetIdentifiers {
    private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    private var isEmpty = true

    /// The slot of two digits or capitals: slots ascend as the identifiers' bytes do (digits
    /// before capitals), so the set reads out sorted.
    static func slot(_ first: UInt8, _ second: UInt8) -> Int { value(first) * 36 + value(second) }

    private static func value(_ byte: UInt8) -> Int { byte <= 0x39 ? Int(byte - 0x30) : Int(byte - 0x41) + 10 }

    private static func byte(_ value: Int) -> UInt8 { value < 10 ? UInt8(0x30 + value) : UInt8(0x41 + value - 10) }

    mutating func insert(_ slot: Int) {
        isEmpty = false
        withUnsafeMutableBytes(of: &words) { words in
            words.storeBytes(of: words.load(fromByteOffset: slot / 64 * 8, as: UInt64.self) | 1 << (slot % 64), toByteOffset: slot / 64 * 8, as: UInt64.self)
        }
    }

    /// The identifiers in the set, sorted (bytewise).
    var identifiers: [String] {
        guard !isEmpty else { return [] }
        var identifiers: [String] = []
        withUnsafeBytes(of: words) { words in
            for word in 0..<(words.count / 8) {
                var bits = words.load(fromByteOffset: word * 8, as: UInt64.self)
                while bits != 0 {
                    let slot = word * 64 + bits.trailingZeroBitCount
                    bits &= bits - 1
                    identifiers.append(String(decoding: [Self.byte(slot / 36), Self.byte(slot % 36)], as: UTF8.self))
                }
            }
        }
        return identifiers
    }
}
