import Foundation
import PolicySiteCore

/// One payer's note on one guidance page, as the site shows it. Small on purpose: the build
/// keeps one per payer and guidance page until the payer pages and the matrix are written.
/// A page's states come in the order of the site's payers (`SiteModel.payers`).
struct PayerNoteState: Sendable, Equatable {
    /// The page has a `### <payer>` subsection under "Payer notes".
    var hasSubsection: Bool
    /// The note says only that no data is available.
    var isNoData: Bool
    /// The subsection has a heading and no text: a gap the author has not filled, neither a
    /// note nor "No data available" (rule `payer-note-empty`).
    var isEmpty: Bool = false
    /// The note's HTML when it says more than that (else "").
    var html: String
    /// The anchor of the note on the code page: the payer's id, whatever heading the author
    /// wrote (`### BCBS`, `### Blue Cross Blue Shield`), so `#bcbs` always lands.
    var id: String

    var isMissing: Bool { !hasSubsection }
    var hasNote: Bool { hasSubsection && !isNoData && !isEmpty }
    /// `note`, `no-data`, `empty` or `missing`: the matrix cell's class and `data-state`.
    var stateName: String { isMissing ? "missing" : (isNoData ? "no-data" : (isEmpty ? "empty" : "note")) }
    /// What the matrix cell says.
    var label: String { isMissing ? "Missing" : (isNoData ? "No data available" : (isEmpty ? "Empty note" : "Note")) }
    /// Neither a note nor an explicit "no data available": the home page counts these as gaps.
    var isGap: Bool { isMissing || isEmpty }
}

/// How a payer note says that nothing is known.
enum PayerNotes {
    /// True when the note's text is only a statement that no data is available
    /// ("No data available.", "No data available for this payer.").
    static func saysNoData(_ text: some StringProtocol) -> Bool {
        // Nearly every note is longer than any of the phrases; only short ones need the words.
        if text.utf8.count > 80 { return false }
        if let answer = text.utf8.withContiguousStorageIfAvailable(asciiSaysNoData) ?? nil { return answer }
        return phrases.contains(String(text).lowercasedWords())
    }

    /// Whether `text` has a word, digits included: `lowercasedWords(digits: true)` is not
    /// empty. Asked of every payer note, nearly all of which start with a letter, so the first
    /// ASCII letter or digit answers without the words being made. The payer-note check and
    /// the payer-note states of the code and payer pages share it.
    static func hasWord(_ text: Substring) -> Bool {
        var isASCII = true
        for byte in text.utf8 {
            let lower = byte | 0x20
            if (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) { return true }
            if byte >= 0x80 { isASCII = false }
        }
        return !isASCII && !String(text).lowercasedWords(digits: true).isEmpty
    }

    private static let phrases = [
        "no data available", "no data available for this payer", "no data is available", "no data is available for this payer",
    ]
    private static let phraseBytes = phrases.map { Array($0.utf8) }
    private static let longestPhrase = phraseBytes.map(\.count).max()!

    /// `saysNoData` for ASCII text: its words (`lowercasedWords()`) made in a small buffer on
    /// the stack and compared as they are, for every payer note of every page; nil when the
    /// text is not ASCII.
    private static func asciiSaysNoData(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: longestPhrase) { words -> Bool? in
            var count = 0
            var pendingSpace = false
            var tooLong = false
            for byte in utf8 {
                if byte >= 0x80 { return nil }
                let lower = byte | 0x20
                guard lower >= 0x61, lower <= 0x7A else {
                    pendingSpace = count > 0
                    continue
                }
                // Longer than every phrase: not one of them, whatever follows (unless a byte
                // that is not ASCII does, which the general path answers).
                if count + (pendingSpace ? 2 : 1) > longestPhrase {
                    tooLong = true
                    continue
                }
                if pendingSpace {
                    words[count] = 0x20
                    count += 1
                    pendingSpace = false
                }
                words[count] = lower
                count += 1
            }
            if tooLong { return false }
            let made = UnsafeBufferPointer(rebasing: words[..<count])
            // Lengths first, then the bytes with `memcmp`: `elementsEqual` went a byte at a
            // time through the generic sequence path.
            return phraseBytes.contains { phrase in
                phrase.count == made.count && phrase.withUnsafeBufferPointer { memcmp($0.baseAddress!, made.baseAddress!, made.count) == 0 }
            }
        }
    }
}
