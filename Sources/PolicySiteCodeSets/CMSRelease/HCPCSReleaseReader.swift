import Foundation
import PolicySiteCore

/// Reads CMS HCPCS release files (`HCPC2019_CONTR_ANWEB.txt` and earlier years): fixed-width
/// 320-column records as described by `HCPCS2019_recordlayout.txt`.
///
/// What counts as a record line: column 11 (record id) is `3` or `4` and columns 1-5 hold a
/// procedure code (`G9328`, or a Level I `99213`), or column 11 is `7` or `8` and columns 1-5
/// are three blanks and a two-character modifier (`   GA`). Every other line (the disclaimer
/// lines CMS puts at the top, blank lines) is skipped and counted in `skippedLineCount`; a line
/// of 91 columns or more that has a record id but no code is also reported
/// (`release-code-invalid`, warning), as it is more likely a damaged record than prose.
///
/// Files as CMS ships them are handled without complaint: bytes are decoded as Latin-1 (never
/// fails), lines end in LF or CRLF, continuation lines may stop early (missing columns are
/// blank), and terminated codes are read like any other.
///
/// Findings, each at `file:line:column` of the field:
/// - `release-empty` (error, at line 1): the file was read but holds no procedure code and no
///   modifier record (an empty file, a README, the record layout): far more likely the wrong
///   file than a release with no codes. Reported here, so `build`, `check` and `changes` all
///   get it from one place.
/// - `release-record-short` (error, at the column where the line ends): a first line (record id
///   3 or 7) that stops before column 292, the end of the termination date. Every first line
///   CMS shipped in 2017-2019 has all 320 columns. The record is still read, its missing fields
///   blank, so checks of pages that name the code go on; the error keeps the site from being
///   published without the code's dates, coverage and BETOS code.
/// - `release-date-invalid` (error): a non-blank added, action effective or termination date
///   that is not a real `YYYYMMDD` day; the field is nil. These dates decide whether a code can
///   be billed, so a site must not publish a guess.
/// - `release-date-invalid` (warning): the same for an administrative date (ASC payment group
///   effective date, MOG effective date); the field is nil. CMS's 2018 file shifts five ASC
///   dates by two columns, and one bad administrative field must not stop a site from building.
/// - `release-orphan-continuation` (error): a record id 4 or 8 line that does not follow the
///   first line (or an earlier continuation) of the same code; its text is dropped.
/// - `release-duplicate-record` (error): a second first line for a code already read; the
///   first one wins and the duplicate's continuation lines are dropped with it.
/// - `release-unknown-value` (warning): a value outside the layout's code list (pricing
///   indicator, multiple pricing indicator, lab certification, coverage, ASC payment group,
///   BETOS, type of service, action code) or a numeric field that is not a number; the value is left out.
/// - `release-unreadable` (error, at line 1): the file could not be read.
/// - `release-truncated` (error, at the end of the last line): the file ends inside a record,
///   without its final line end on a line shorter than a record's 320 columns: a download or
///   copy cut short (`head -c 1871465` of the 2019 file read as 2,812 whole-looking codes).
///   A last record of full width without a line end is read without complaint.
public enum HCPCSReleaseReader {
    /// Reads and parses a release file.
    ///
    /// - Parameters:
    ///   - path: Where to read the file.
    ///   - displayPath: The path to show in diagnostics and sources; `path` when nil.
    /// - Returns: The release; a file that cannot be read gives an empty release whose only
    ///   diagnostic is a `release-unreadable` error. Never throws.
    public static func read(path: String, displayPath: String? = nil) -> HCPCSRelease {
        let file = displayPath ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return unreadable(file, "CMS release file does not exist")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            return unreadable(file, "CMS release file cannot be read")
        }
        return parse([UInt8](data), file: file)
    }

    /// Parses the bytes of a release file.
    ///
    /// - Parameters:
    ///   - bytes: The whole file, any encoding that is ASCII-compatible (decoded as Latin-1).
    ///   - file: The path used in diagnostics and in each record's `location`.
    /// - Returns: Records in file order, the skipped-line count and every diagnostic, in file order.
    public static func parse(_ bytes: [UInt8], file: String) -> HCPCSRelease {
        var parser = ReleaseParser(file: file)
        bytes.withUnsafeBufferPointer { buffer in
            parser.reserveProcedureCodes(ReleaseParser.procedureFirstLineCount(buffer))
            var start = 0
            var number = 0
            // A final line end does not start another line: a file of n CRLF-terminated lines
            // has n lines, as editors number them.
            while start < buffer.count {
                number += 1
                let end = ReleaseLine.end(in: buffer, from: start)
                var contentEnd = end
                if contentEnd > start, buffer[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
                let line = ReleaseLine(bytes: UnsafeBufferPointer(rebasing: buffer[start..<contentEnd]), number: number)
                parser.consume(line)
                if end == buffer.count { parser.endedWithoutLineEnd(line) }
                start = end + 1
            }
        }
        return parser.release
    }

    private static func unreadable(_ file: String, _ message: String) -> HCPCSRelease {
        HCPCSRelease(file: file, diagnostics: [.error("release-unreadable", message, at: SourceLocation(file: file))])
    }
}
