import PolicySiteCore

/// Rule `hidden-character`: a zero-width character, a bidirectional control or a no-break
/// space where it changes what text means or matches, reported at its line and column
/// (columns count UTF-8 bytes, as every position does) with its code point.
///
/// - Markdown bodies: zero-width characters and bidirectional controls anywhere (a zero-width
///   space inside `G93\u{200B}99` hides the code from the mention check, the cross-links and
///   search; an override reverses what a reader sees); no-break spaces in `#` headings (they
///   change the heading's id and what links to it match). A zero-width joiner or non-joiner
///   between two non-ASCII characters is left alone: emoji sequences and several scripts
///   need it, and no code is ASCII-free.
/// - YAML (front matter, `site.yml`, data files): all three anywhere, as every value there is
///   a code, an identifier, a title, a name or a descriptor that is compared or linked.
///
/// Reads the source lines, not the parsed document, so it finds what the parsers keep as
/// well as what they drop.
enum HiddenCharacterCheck {
    /// Findings in a Markdown body whose first line is line `lineOffset + 1` of `file`.
    static func markdown(_ body: String, file: String, lineOffset: Int) -> [Diagnostic] {
        scan(body, file: file, lineOffset: lineOffset, isYAML: false)
    }

    /// Findings in YAML text whose first line is line `lineOffset + 1` of `file`.
    static func yaml(_ text: String, file: String, lineOffset: Int = 0) -> [Diagnostic] {
        scan(text, file: file, lineOffset: lineOffset, isYAML: true)
    }

    private static func scan(_ text: String, file: String, lineOffset: Int, isYAML: Bool) -> [Diagnostic] {
        guard HiddenCharacters.mayContain(text.utf8) else { return [] }
        var diagnostics: [Diagnostic] = []
        var number = lineOffset
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            guard HiddenCharacters.mayContain(line.utf8) else { continue }
            let scalars = Array(line.unicodeScalars)
            let isHeading = !isYAML && isATXHeading(scalars)
            var column = 1
            for (index, scalar) in scalars.enumerated() {
                defer { column += String(scalar).utf8.count }
                guard let kind = HiddenCharacters.kind(of: scalar) else { continue }
                switch kind {
                case .noBreakSpace where !isYAML && !isHeading:
                    continue
                case .zeroWidth where !isYAML && (scalar.value == 0x200C || scalar.value == 0x200D)
                    && index > 0 && index + 1 < scalars.count && !scalars[index - 1].isASCII && !scalars[index + 1].isASCII:
                    continue
                default:
                    break
                }
                diagnostics.append(.error("hidden-character", message(scalars, at: index, kind: kind, inHeading: isHeading), at: SourceLocation(file: file, line: number, column: column)))
            }
        }
        return diagnostics
    }

    /// What the character is, the word it sits in (escaped by `Diagnostic`), and what to do.
    static func message(_ scalars: [Unicode.Scalar], at index: Int, kind: HiddenCharacters.Kind, inHeading: Bool) -> String {
        let scalar = scalars[index]
        let what = "\(HiddenCharacters.name(of: scalar)) (\(HiddenCharacters.codePoint(scalar)))"
        // The word around it: the run of characters that are neither spaces nor tabs.
        func isBreak(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\r" }
        var start = index, end = index + 1
        while start > 0, !isBreak(scalars[start - 1]), index - start < 30 { start -= 1 }
        while end < scalars.count, !isBreak(scalars[end]), end - index < 30 { end += 1 }
        let word = String(String.UnicodeScalarView(scalars[start..<end]))
        if kind != .noBreakSpace {
            let shown = Self.codes(in: scalars[start..<end].filter { HiddenCharacters.kind(of: $0) == nil })
            let written = Self.codes(in: Array(scalars[start..<end]))
            if let hidden = shown.first(where: { !written.contains($0) }) {
                return "\(what) in \"\(word)\" splits code \(hidden), so no check, link or search sees it; delete it"
            }
        }
        switch kind {
        case .zeroWidth:
            return "\(what) in \"\(word)\": an invisible character, so the text differs from what it shows; delete it"
        case .bidiControl:
            return "\(what) in \"\(word)\": an invisible control that changes the order the text shows in; delete it"
        case .noBreakSpace:
            return "\(what) in \"\(word)\"\(inHeading ? " in a heading" : ""): it shows as a space but does not match one; write a plain space"
        }
    }

    /// Procedure codes written as whole words (bounded by characters other than ASCII letters
    /// and digits; a hidden character bounds a word too).
    static func codes(in scalars: [Unicode.Scalar]) -> [String] {
        func isWord(_ s: Unicode.Scalar) -> Bool { s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s)) }
        var result: [String] = []
        var index = 0
        while index < scalars.count {
            guard isWord(scalars[index]) else { index += 1; continue }
            var end = index
            while end < scalars.count, isWord(scalars[end]) { end += 1 }
            let word = String(String.UnicodeScalarView(scalars[index..<end]))
            if HCPCSIdentifier.isProcedureCode(word) { result.append(word) }
            index = end
        }
        return result
    }

    /// `#` to `######` after at most three spaces, then a space, a tab or the line's end.
    static func isATXHeading(_ scalars: [Unicode.Scalar]) -> Bool {
        var index = 0
        while index < scalars.count, index < 3, scalars[index] == " " { index += 1 }
        var hashes = 0
        while index < scalars.count, scalars[index] == "#" { hashes += 1; index += 1 }
        guard (1...6).contains(hashes) else { return false }
        // A no-break space after the hashes does not make a heading for cmark, but the author
        // meant one: the character is what keeps it from being one.
        return index == scalars.count || scalars[index] == " " || scalars[index] == "\t" || HiddenCharacters.kind(of: scalars[index]) == .noBreakSpace
    }
}
