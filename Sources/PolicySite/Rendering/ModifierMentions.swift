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
        var found: Set<String> = []
        var text = text
        text.withUTF8 { bytes in
            let count = bytes.count
            func isWord(_ byte: UInt8) -> Bool {
                (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == 0x5F
            }
            func isIdentifierByte(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) }
            /// A two-character modifier as a whole word at `index` (the byte before is checked by the caller).
            func identifier(at index: Int) -> String? {
                guard index + 2 <= count, isIdentifierByte(bytes[index]), isIdentifierByte(bytes[index + 1]),
                      index + 2 == count || !isWord(bytes[index + 2]) else { return nil }
                // A hyphen and a word character after it glue it to more ("TC-99").
                if index + 3 < count, bytes[index + 2] == 0x2D, isWord(bytes[index + 3]) { return nil }
                return String(decoding: bytes[index..<index + 2], as: UTF8.self)
            }
            func word(_ lowercase: StaticString, at index: Int) -> Bool {
                let length = lowercase.utf8CodeUnitCount
                guard index + length <= count else { return false }
                for offset in 0..<length where bytes[index + offset] | 0x20 != lowercase.utf8Start[offset] { return false }
                return true
            }
            func add(_ modifier: String?) {
                if let modifier, known.contains(modifier) { found.insert(modifier) }
            }
            var index = 0
            while index < count {
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
                        if let modifier = identifier(at: index + 1), modifier.utf8.contains(where: { $0 >= 0x41 }) { add(modifier) }
                    }
                }
                index += 1
            }
        }
        return found.sorted()
    }
}
