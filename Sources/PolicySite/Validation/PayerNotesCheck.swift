import PolicySiteCore
import PolicySiteMarkdown

/// The "## Payer notes" section of a guidance page: one `###` note per payer of the site,
/// under the payer's name, each either "No data available." or a note that cites its source.
///
/// Rules: `payer-unknown`, `payer-alias`, `payer-duplicate`, `payer-missing`, `payer-note-empty`,
/// `payer-no-data-conflict`, `payer-source-missing`. A missing or empty section is reported by
/// `GuidanceSectionsCheck`, not again here once per payer.
enum PayerNotesCheck {
    static func check(_ page: GuidanceSource, _ document: MarkdownDocument, model: SiteModel) -> [Diagnostic] {
        guard let section = GuidanceSectionsCheck.section("Payer notes", in: document), !section.subsections.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        let sitePayers = model.payers
        // Which note (its position among the section's notes) each site payer has, by the
        // position of the payer's id among the site's payers (`notedPosition`); -1 for none.
        // A dictionary of copied sections cost more than the checks, and an array of optional
        // locations (each holding a string) 800 instructions a page to make.
        var noted = [Int](repeating: -1, count: sitePayers.count)
        section.subsections.withUnsafeBufferPointer { notes in
            for index in notes.indices {
                let title = notes[index].title
                let (position, byName) = payerPosition(title, among: sitePayers)
                guard let position else {
                    diagnostics.append(unknownPayer(notes[index], at: index, model: model, noted: &noted))
                    continue
                }
                // The payer is read where it is: a copy retained each of its fields, for each
                // note of each page.
                let slot = notedPosition(position, in: sitePayers)
                if noted[slot] >= 0 {
                    diagnostics.append(.error("payer-duplicate", "second note for \(sitePayers[position].name) (the first is at line \(notes[noted[slot]].location.line)); only the first is published", at: notes[index].location))
                    continue
                }
                noted[slot] = index
                if !byName {
                    diagnostics.append(.warning("payer-alias", "payer note \"\(title)\" uses an alias; write the payer's name: \"### \(sitePayers[position].name)\"", at: notes[index].location))
                }
                // The note's text, its place and the payer's name are passed, not the note and
                // the payer: each copy retained and released every field, for each note.
                let findings = content(of: notes[index].plainText, at: notes[index].location, payerName: sitePayers[position].name, document: document)
                if !findings.isEmpty { diagnostics += findings }
            }
        }
        for position in sitePayers.indices where noted[notedPosition(position, in: sitePayers)] < 0 {
            let payer = sitePayers[position]
            diagnostics.append(.warning("payer-missing", "no note for \(payer.name); add \"### \(payer.name)\" with the note, or with \"No data available.\"", at: section.location))
        }
        return diagnostics
    }

    /// The first position among `payers` of the id of the payer at `position`: a site that
    /// lists a payer twice has one note for both, as when notes were keyed by id.
    static func notedPosition(_ position: Int, in payers: [Payer]) -> Int {
        payers.withUnsafeBufferPointer { payers in
            payers.indices.first { payers[$0].id == payers[position].id } ?? position
        }
    }

    /// The position of the first payer named `title`, else of the first with it as an alias
    /// (`byName` false); payers are read in place, as copying one retains each of its fields.
    static func payerPosition(_ title: String, among payers: [Payer]) -> (position: Int?, byName: Bool) {
        payers.withUnsafeBufferPointer { payers in
            if let position = payers.indices.first(where: { matches(title, payers[$0].name) }) { return (position, true) }
            return (payers.indices.first { payers[$0].aliases.contains { matches(title, $0) } }, false)
        }
    }

    static func matches(_ title: String, _ name: String) -> Bool {
        title.equalsIgnoringCase(name)
    }

    /// A note under a name the site does not know. When the name is a likely misspelling of a
    /// site payer, that payer counts as noted, so one typo gives one finding. `index` is the
    /// note's position among the section's notes, as `noted` holds them.
    static func unknownPayer(_ note: MarkdownSection, at index: Int, model: SiteModel, noted: inout [Int]) -> Diagnostic {
        let title = note.title
        if let other = model.allPayers.first(where: { matches(title, $0.name) || $0.aliases.contains { matches(title, $0) } }) {
            return .error("payer-unknown", "payer \"\(other.name)\" is in payers.yml but not among the site's payers in site.yml; the note is not published", at: note.location)
        }
        var names: [String: Int] = [:]
        for position in model.payers.indices { names[model.payers[position].name.lowercased()] = position }
        var hint = ""
        if let near = Spelling.closest(to: title.lowercased(), among: names.keys.sorted()), let position = names[near] {
            hint = "; did you mean \"\(model.payers[position].name)\"?"
            let slot = notedPosition(position, in: model.payers)
            if noted[slot] < 0 { noted[slot] = index }
        }
        return .error("payer-unknown", "payer \"\(title)\" is not in payers.yml\(hint)", at: note.location)
    }

    /// Findings about what one payer's note says: `text` is the note's plain text, `location`
    /// its heading's.
    static func content(of text: Substring, at location: SourceLocation, payerName: String, document: MarkdownDocument) -> [Diagnostic] {
        // The byte tests the code page's payer-note states use, so a page's five notes are
        // judged without their words being made (a copy and two allocations each).
        if !PayerNotes.hasWord(text) {
            return [.error("payer-note-empty", "note for \(payerName) is empty: the heading has nothing under it; write the note, or \"No data available.\"", at: location)]
        }
        if PayerNotes.saysNoData(text) { return [] }
        if startsWithNoData(text) {
            return [.error("payer-no-data-conflict", "note for \(payerName) says no data is available and then says more; keep one or the other", at: location)]
        }
        if citesSource(text, at: location, document: document) { return [] }
        return [.warning("payer-source-missing", "note for \(payerName) cites no source; add a link or a policy reference (\"Source: ...\")", at: location)]
    }

    /// Whether the note's words (`lowercasedWords(digits: true)`) start "no data available" or
    /// "no data is available". Those words start with "n": an ASCII note whose first letter or
    /// digit is another answers without its words being made.
    static func startsWithNoData(_ text: Substring) -> Bool {
        for byte in text.utf8 {
            if byte >= 0x80 { break }
            let lower = byte | 0x20
            if (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                if lower != 0x6E { return false }
                break
            }
        }
        // The longest phrase is 20 bytes.
        let words = String(text).lowercasedWords(digits: true, limit: 20)
        return words.hasPrefix("no data available") || words.hasPrefix("no data is available")
    }

    /// A link written in the note, "Source: ...", or a numbered policy reference
    /// ("Clinical Policy Bulletin 0123", "LCD L34567").
    static func citesSource(_ text: Substring, at location: SourceLocation, document: MarkdownDocument) -> Bool {
        let start = location.line
        // The next heading's line, found in place: mapping and filtering the headings made two
        // arrays for every note of every page.
        let end = document.headings.withUnsafeBufferPointer { headings in
            var end = Int.max
            for index in headings.indices {
                let line = headings[index].location.line
                if line > start, line < end { end = line }
            }
            return end
        }
        if document.links.contains(where: { !$0.isImage && !$0.destination.isEmpty && (start..<end).contains($0.location.line) }) {
            return true
        }
        return SourceCitation.cites(text)
    }
}
