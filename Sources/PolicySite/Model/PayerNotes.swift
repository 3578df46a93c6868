import Foundation
import PolicySiteCore
import PolicySiteMarkdown

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
        // Words past the longest phrase cannot make one of them: no need to lowercase the rest.
        // An ASCII note's words go into a buffer on the stack and are compared there: making
        // them a string cost two allocations for each of a page's notes, twice a build.
        let limit = longestPhrase + 1
        let matched: Bool?? = text.utf8.withContiguousStorageIfAvailable { (bytes: UnsafeBufferPointer<UInt8>) -> Bool? in
            // The usual note is a phrase as it is, in any case, perhaps with a full stop
            // ("No data available."): its words are that phrase, so it is matched byte by byte
            // without making them (twice a note a build).
            if isPhraseAsWritten(bytes) { return true }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: String.wordsCapacity(bytes.count, limit: limit)) { (words: UnsafeMutableBufferPointer<UInt8>) -> Bool? in
                String.asciiLowercasedWords(bytes, digits: false, limit: limit, into: words).map { count in
                    phraseBytes.contains { phrase in
                        phrase.count == count && phrase.withUnsafeBufferPointer { memcmp($0.baseAddress!, words.baseAddress!, count) == 0 }
                    }
                }
            }
        }
        if let matched, let matched { return matched }
        return phrases.contains(String(text).lowercasedWords(limit: limit))
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

    /// What `document`'s "## Payer notes" section says of each of `payers`, in their order:
    /// the first `###` note under the payer's name or one of its aliases (any case). No
    /// document, or no such section, and every payer's note is missing.
    static func states(of document: MarkdownDocument?, payers: [Payer]) -> [PayerNoteState] {
        // Sections, notes and payers are read by position: finding them with `first(where:)`
        // and `map` copied each one passed (a retain and release of every field), for every
        // payer of every page.
        let sections = document?.sections ?? []
        let notes = sections.indices.first { sections[$0].title.equalsIgnoringCase("Payer notes") }.map { sections[$0].subsections } ?? []
        var states: [PayerNoteState] = []
        states.reserveCapacity(payers.count)
        // Each note's title length and whether it is ASCII, found once a page: two ASCII texts
        // of different lengths are never equal ignoring case, so most of the names and aliases
        // compared with a title (some thirty-five a page) are told apart without
        // `equalsIgnoringCase` reading both texts for bytes over 0x7F.
        let titles = notes.indices.map { HeadingTitle(notes[$0].title) }
        for payer in payers.indices {
            let found = titles.indices.first { index in
                titles[index].matches(payers[payer].name) || payers[payer].aliases.contains { titles[index].matches($0) }
            }
            guard let found else {
                states.append(PayerNoteState(hasSubsection: false, isNoData: false, isEmpty: false, html: "", id: payers[payer].id))
                continue
            }
            let text = notes[found].plainText
            let isNoData = saysNoData(text)
            // Same test as `PayerNotesCheck`: no word, digit included, under the heading.
            let isEmpty = !hasWord(text)
            states.append(PayerNoteState(
                hasSubsection: true, isNoData: isNoData, isEmpty: isEmpty,
                html: isNoData || isEmpty ? "" : String(notes[found].html), id: payers[payer].id))
        }
        return states
    }

    /// Whether `bytes` are one of the phrases, letters in any case, single spaces between the
    /// words, and nothing after them but full stops, spaces and line breaks.
    private static func isPhraseAsWritten(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var count = bytes.count
        while count > 0, bytes[count - 1] == UInt8(ascii: ".") || bytes[count - 1] == UInt8(ascii: " ") || bytes[count - 1] == 0x0A {
            count -= 1
        }
        return phraseBytes.contains { phrase in
            // A phrase's letters are lowercase: a byte matches one in either case; a space only itself.
            phrase.count == count && phrase.indices.allSatisfy { index in
                phrase[index] == UInt8(ascii: " ") ? bytes[index] == phrase[index] : bytes[index] | 0x20 == phrase[index]
            }
        }
    }

    private static let phrases = [
        "no data available", "no data available for this payer", "no data is available", "no data is available for this payer",
    ]
    /// The phrases' bytes, for `memcmp` (the generic `elementsEqual` took 500 instructions).
    private static let phraseBytes = phrases.map { Array($0.utf8) }
    private static let longestPhrase = phrases.map(\.utf8.count).max()!
}
