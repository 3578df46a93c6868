/// Whether a payer note's plain text cites its source in words: "Source: ..." ("Sources",
/// "Reference", "References"; a colon and then text), or a policy word followed, within 40
/// characters of the same line and sentence, by a number such as "Clinical Policy Bulletin
/// 0123", "LCD L34567", "Article A-52458" or "Manual #12".
///
/// A scan of the text's characters, case-insensitive for the ASCII letters of the keywords.
/// It answers as the regular expressions
/// `\b(source|sources|reference|references)\s*:\s*\S` and
/// `\b(policy|bulletin|lcd|ncd|article|guideline|cpb|manual)\b[^.\n]{0,40}?\b[a-z]{0,3}[-#.]?\d`
/// (case-insensitive) do, where a word character is a letter, a number or `_`. Regular
/// expressions are not `Sendable` and pages are checked in parallel; each page making its own
/// cost more than the check.
enum SourceCitation {
    static let sourceWords = ["source", "sources", "reference", "references"]
    static let policyWords = ["policy", "bulletin", "lcd", "ncd", "article", "guideline", "cpb", "manual"]
    /// How many characters may lie between a policy word and its number.
    static let policyReach = 40

    static func cites(_ text: some StringProtocol) -> Bool {
        let characters = characters(of: text)
        for start in characters.indices where isBoundary(characters, start) {
            for word in sourceWords {
                if let end = match(word, in: characters, at: start), followsWithColonAndText(characters, end) { return true }
            }
            for word in policyWords {
                if let end = match(word, in: characters, at: start), isBoundary(characters, end), numberFollows(characters, from: end) { return true }
            }
        }
        return false
    }

    /// The text's characters. ASCII without a carriage return has one per byte, made without
    /// grapheme breaking (which was most of the check's time); `\r\n` is one character.
    static func characters(of text: some StringProtocol) -> [Character] {
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return text.utf8.map { Character(Unicode.Scalar($0)) } }
        return Array(text)
    }

    /// The end of `word` when it is written at `start` (ASCII letters, any case), else nil.
    static func match(_ word: String, in characters: [Character], at start: Int) -> Int? {
        var index = start
        for letter in word.utf8 {
            guard index < characters.count, let ascii = characters[index].asciiValue, ascii | 0x20 == letter else { return nil }
            index += 1
        }
        return index
    }

    /// White space, a colon, white space, then anything else (`\s*:\s*\S`).
    static func followsWithColonAndText(_ characters: [Character], _ start: Int) -> Bool {
        var index = skipWhiteSpace(characters, start)
        guard index < characters.count, characters[index] == ":" else { return false }
        index = skipWhiteSpace(characters, index + 1)
        return index < characters.count
    }

    /// Within `policyReach` characters without a period or line break, a word boundary and
    /// then up to three letters, an optional `-`, `#` or `.`, and a digit.
    static func numberFollows(_ characters: [Character], from start: Int) -> Bool {
        var position = start
        while position <= min(start + policyReach, characters.count) {
            if isBoundary(characters, position), numberAt(characters, position) { return true }
            guard position < characters.count, characters[position] != ".", characters[position] != "\n" else { return false }
            position += 1
        }
        return false
    }

    /// Up to three ASCII letters, an optional `-`, `#` or `.`, and a digit, from `start`.
    static func numberAt(_ characters: [Character], _ start: Int) -> Bool {
        var index = start
        while true {
            if index < characters.count, isDigit(characters[index]) { return true }
            if index + 1 < characters.count, "-#.".contains(characters[index]), isDigit(characters[index + 1]) { return true }
            guard index - start < 3, index < characters.count, let ascii = characters[index].asciiValue, (ascii | 0x20) >= 0x61, (ascii | 0x20) <= 0x7A else { return false }
            index += 1
        }
    }

    static func skipWhiteSpace(_ characters: [Character], _ start: Int) -> Int {
        var index = start
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        return index
    }

    /// A word boundary before `index`: a word character on one side and not on the other
    /// (the text's ends count as non-word).
    static func isBoundary(_ characters: [Character], _ index: Int) -> Bool {
        let before = index > 0 && isWordCharacter(characters[index - 1])
        let after = index < characters.count && isWordCharacter(characters[index])
        return before != after
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    /// A decimal digit of any script (`\d`).
    static func isDigit(_ character: Character) -> Bool {
        character.unicodeScalars.count == 1 && character.unicodeScalars.first!.properties.numericType == .decimal
    }
}
