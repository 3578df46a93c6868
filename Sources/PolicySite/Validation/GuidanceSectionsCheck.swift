import Foundation
import PolicySiteCore
import PolicySiteMarkdown

/// A guidance page has four `##` sections, in this order: Overview, Clinical context, Coding
/// specifications, Payer notes. Rules `section-missing`, `section-order`, `section-unknown`,
/// `section-duplicate` and `section-empty`. Titles match without regard to case, as the code
/// page does when it places them.
enum GuidanceSectionsCheck {
    static let required = ["Overview", "Clinical context", "Coding specifications", "Payer notes"]

    /// The first section with this title (any case), as the code page uses it.
    static func section(_ title: String, in document: MarkdownDocument) -> MarkdownSection? {
        // Found in place: `first(where:)` copies every section it passes.
        document.sections.withUnsafeBufferPointer { sections in
            sections.indices.first { sections[$0].title.equalsIgnoringCase(title) }.map { sections[$0] }
        }
    }

    static func requiredIndex(_ title: String) -> Int? {
        requiredIndex(HeadingTitle(title))
    }

    /// The position in `required` of the title's section; the titles are ASCII.
    static func requiredIndex(_ title: HeadingTitle) -> Int? {
        required.withUnsafeBufferPointer { required in
            required.indices.first { title.matches(asciiName: required[$0]) }
        }
    }

    /// `text.isAllWhiteSpace`, answered by the first ASCII byte that is not white space when
    /// one comes before any other byte: a section's text starts with its first word, and the
    /// generic `isAllWhiteSpace` cost some 600 instructions to read that byte.
    static func hasNoText(_ text: Substring) -> Bool {
        for byte in text.utf8 {
            if byte >= 0x80 { break }
            if byte != 0x20, !(0x09...0x0D).contains(byte) { return false }
        }
        return text.isAllWhiteSpace
    }

    static func check(_ page: GuidanceSource, _ document: MarkdownDocument) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Where each required section is first written (its position in `document.sections`):
        // sections are read in place, as copying one retains each of its fields.
        var seen = [Int?](repeating: nil, count: required.count)
        var latest: Int?
        document.sections.withUnsafeBufferPointer { sections in
            for position in sections.indices {
                let title = sections[position].title
                let location = sections[position].location
                guard let index = requiredIndex(HeadingTitle(title)) else {
                    let hint = Spelling.closest(to: title.lowercased(), among: required.map { $0.lowercased() })
                        .flatMap { near in required.first { $0.lowercased() == near } }
                        .map { "; did you mean \"\($0)\"?" }
                        ?? "; it is shown after the payer notes"
                    diagnostics.append(.warning("section-unknown", "section \"\(title)\" is not one of the guidance sections (\(required.joined(separator: ", ")))\(hint)", at: location))
                    continue
                }
                if let first = seen[index] {
                    diagnostics.append(.error("section-duplicate", "second \"\(required[index])\" section (the first is at line \(sections[first].location.line)); only the first is shown", at: location))
                    continue
                }
                seen[index] = position
                if let latest, latest > index {
                    diagnostics.append(.warning("section-order", "section \"\(required[index])\" comes after \"\(required[latest])\"; the order is \(required.joined(separator: ", "))", at: location))
                } else {
                    latest = index
                }
                if hasNoText(sections[position].plainText) {
                    diagnostics.append(.warning("section-empty", "section \"\(required[index])\" has no text", at: location))
                }
            }
        }
        for (index, title) in required.enumerated() where seen[index] == nil {
            // A heading with the right title at another level is the likeliest cause: say so.
            if let misplaced = document.headings.first(where: { $0.level != 2 && $0.text.equalsIgnoringCase(title) }) {
                let marks = String(repeating: "#", count: misplaced.level)
                diagnostics.append(.warning("section-missing", "guidance section \"\(title)\" is missing: \"\(marks) \(misplaced.text)\" is a level-\(misplaced.level) heading; write it as \"## \(title)\"", at: misplaced.location))
                continue
            }
            // Point at the section it belongs before, or else at the end of the page.
            let next = ((index + 1)..<required.count).lazy.compactMap { seen[$0] }.first.map { document.sections[$0] }
            let location = next?.location ?? SourceLocation(file: page.file, line: page.bodyLineOffset + max(1, page.bodyLineCount))
            let place = next.map { " (it belongs before \"\($0.title)\")" } ?? ""
            diagnostics.append(.warning("section-missing", "guidance section \"\(title)\" is missing\(place)", at: location))
        }
        return diagnostics
    }

}
