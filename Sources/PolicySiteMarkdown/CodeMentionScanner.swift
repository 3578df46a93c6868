/// Finds procedure codes and modifiers named in a run of text.
///
/// - A Level II code: a letter `A`-`V` and four digits, as a whole word (`G9328`, not `XG9328`
///   or `G93281`).
/// - A modifier: the word `modifier` (any case) and a two-character modifier (`modifier 26`),
///   or `modifiers` and a list (`modifiers 26 and TC`, `modifiers 59, XS or XU`, `modifiers 26/TC`).
/// Level I (CPT) codes are not matched: five digits are too often a number.
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
        let count = text.count
        var index = 0
        while index < count {
            let byte = text[index]
            // Fast path: only an upper-case A-V or an m/M can start a match.
            let isCodeStart = byte >= 0x41 && byte <= 0x56
            let isModifierStart = byte == 0x6D || byte == 0x4D
            if !(isCodeStart || isModifierStart) || (index > 0 && isWordByte(text[index - 1])) {
                index += 1
                continue
            }
            if isModifierStart, let end = scanModifiers(text, from: index, into: &matches) {
                index = end
                continue
            }
            if isCodeStart, index + 5 <= count,
               isDigit(text[index + 1]), isDigit(text[index + 2]), isDigit(text[index + 3]), isDigit(text[index + 4]),
               index + 5 == count || !isWordByte(text[index + 5]) {
                matches.append(Match(kind: .code, offset: index, length: 5))
                index += 5
                continue
            }
            index += 1
        }
        return matches
    }

    /// Matches `modifier XX` or `modifiers XX (, | and | or | / ) YY ...` at `start`; returns the
    /// index after the last identifier, nil when there is no match.
    private static func scanModifiers(_ text: UnsafeBufferPointer<UInt8>, from start: Int, into matches: inout [Match]) -> Int? {
        let word: [UInt8] = Array("modifier".utf8)
        guard start + word.count < text.count else { return nil }
        for offset in 0..<word.count where text[start + offset] | 0x20 != word[offset] { return nil }
        var index = start + word.count
        let plural = text[index] | 0x20 == UInt8(ascii: "s")
        if plural { index += 1 }
        guard index < text.count, text[index] == 0x20 else { return nil }
        while index < text.count, text[index] == 0x20 { index += 1 }
        guard identifier(text, at: index) else { return nil }
        matches.append(Match(kind: .modifier, offset: index, length: 2))
        index += 2
        guard plural else { return index }
        let separators: [[UInt8]] = [", and ", ", or ", ", ", " and ", " or ", " / ", "/", " & "].map { Array($0.utf8) }
        while true {
            var next: Int?
            for separator in separators where text.count - index >= separator.count {
                if zip(separator.indices, separator).allSatisfy({ text[index + $0] == $1 }) {
                    next = index + separator.count
                    break
                }
            }
            guard let candidate = next, identifier(text, at: candidate) else { return index }
            matches.append(Match(kind: .modifier, offset: candidate, length: 2))
            index = candidate + 2
        }
    }

    /// Two upper-case letters or digits forming a whole word at `index`.
    private static func identifier(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 2 <= text.count else { return false }
        func allowed(_ byte: UInt8) -> Bool { isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) }
        guard allowed(text[index]), allowed(text[index + 1]) else { return false }
        return index + 2 == text.count || !isWordByte(text[index + 2])
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// ASCII letters, digits and `_` glue words together; punctuation and spaces separate them.
    static func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
    }
}
