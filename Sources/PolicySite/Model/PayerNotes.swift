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
        let words = String(text).lowercasedWords()
        return words == "no data available" || words == "no data available for this payer"
            || words == "no data is available" || words == "no data is available for this payer"
    }
}
