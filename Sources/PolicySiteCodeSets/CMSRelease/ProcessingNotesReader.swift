import Foundation
import PolicySiteCore

/// The text of CMS's processing notes (`proc_notes_2019.txt`), by note number: what a code's
/// "Processing note 0137" (columns 253-256 of its record) says.
public struct ProcessingNotes: Sendable, Equatable {
    /// The file as diagnostics name it.
    public var file: String
    /// Each note's text, by its four-digit number ("0137").
    public var texts: [String: String]
    /// Where each note starts (the line of `0137--`, the column of its number).
    var locations: [String: SourceLocation]

    init(file: String, texts: [String: String] = [:], locations: [String: SourceLocation] = [:]) {
        self.file = file
        self.texts = texts
        self.locations = locations
    }

    public subscript(number: String) -> String? { texts[number] }
}

/// Reads CMS's processing notes file, as CMS ships it with the release.
///
/// The format, read from `proc_notes_2019.txt`: a title ("PROCESSING NOTES") and a rule of
/// underscores, then one note after another, each starting `0137--TEXT` and going on in
/// indented lines; blank lines between notes. The lines are a box drawn in a fixed-width font:
/// a `*` closes most lines near column 92, and indentation is spaces or tabs (notes from 0133
/// on use tabs). Lines end in CRLF. So a note's text is its lines with the indentation, the
/// closing `*` and the padding around it removed, joined by single spaces.
///
/// Findings, each at `file:line:column`:
/// - `processing-notes-unreadable` (error, at line 1): the file does not exist or cannot be read.
/// - `processing-notes-empty` (error, at line 1): no line starts a note: not a notes file.
/// - `processing-notes-duplicate` (warning): a note number seen before; the first text wins.
/// - `processing-notes-stray-text` (warning): text after the title and before the first note.
public enum ProcessingNotesReader {
    /// Reads and parses a notes file; never throws (a file that cannot be read gives no notes
    /// and one `processing-notes-unreadable` error).
    public static func read(path: String, displayPath: String? = nil) -> (ProcessingNotes, [Diagnostic]) {
        let file = displayPath ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else {
            return (ProcessingNotes(file: file), [.error("processing-notes-unreadable", "CMS processing notes file does not exist or cannot be read", at: SourceLocation(file: file))])
        }
        return parse([UInt8](data), file: file)
    }

    /// Parses the bytes of a notes file, decoded as Latin-1 (any byte decodes; CMS's files are ASCII).
    static func parse(_ bytes: [UInt8], file: String) -> (ProcessingNotes, [Diagnostic]) {
        var notes = ProcessingNotes(file: file)
        var diagnostics: [Diagnostic] = []
        var current: String?
        var sawTitle = false
        // Split on LF bytes: as a String, CRLF is one character that no "\n" split would see.
        for (index, bytesOfLine) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let line = cleaned(String(String.UnicodeScalarView(bytesOfLine.map(Unicode.Scalar.init))))
            guard !line.text.isEmpty else { continue }
            let location = SourceLocation(file: file, line: index + 1, column: line.column)
            if let (number, start) = noteStart(line.text) {
                if notes.texts[number] != nil {
                    diagnostics.append(.warning("processing-notes-duplicate", "processing note \(number) is written twice; the first text is kept", at: location))
                    current = nil
                } else {
                    notes.texts[number] = start
                    notes.locations[number] = location
                    current = number
                }
            } else if let number = current {
                notes.texts[number] = notes.texts[number]!.isEmpty ? line.text : notes.texts[number]! + " " + line.text
            } else if notes.texts.isEmpty, !sawTitle || line.text.allSatisfy({ $0 == "_" }) {
                // The title and the rule under it.
                sawTitle = true
            } else if notes.texts.isEmpty {
                diagnostics.append(.warning("processing-notes-stray-text", "text before the first processing note is not part of any note: \(line.text.prefix(40))", at: location))
            }
        }
        if notes.texts.isEmpty {
            diagnostics.append(.error("processing-notes-empty", "no processing note in the file: a note starts with its four-digit number and '--' (0137--...)", at: SourceLocation(file: file)))
        }
        return (notes, diagnostics)
    }

    /// A line without its indentation, its closing `*` and the padding around them, runs of
    /// spaces and tabs inside it made one space (the box's alignment, not the note's words),
    /// and the 1-based column (in bytes, a tab one) where its text starts.
    static func cleaned(_ line: String) -> (text: String, column: Int) {
        var text = Substring(line)
        while let last = text.last, last == " " || last == "\t" || last == "\r" || last == "*" { text.removeLast() }
        var column = 1
        while let first = text.first, first == " " || first == "\t" {
            text.removeFirst()
            column += 1
        }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        return (words.joined(separator: " "), column)
    }

    /// `0137--TEXT`: the number and the text after the dashes.
    static func noteStart(_ text: String) -> (String, String)? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 6, scalars[0..<4].allSatisfy({ $0.properties.numericType != nil && $0.isASCII }),
              scalars[4] == "-", scalars[5] == "-" else { return nil }
        let number = String(String.UnicodeScalarView(scalars[0..<4]))
        let rest = String(String.UnicodeScalarView(scalars[6...])).trimmingCharacters(in: .whitespaces)
        return (number, rest)
    }
}
