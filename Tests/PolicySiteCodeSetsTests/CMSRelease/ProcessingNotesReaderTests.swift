import Foundation
import Testing
import PolicySiteCore
@testable import PolicySiteCodeSets

/// CMS's processing notes text: a box of notes drawn in a fixed-width font (see
/// `ProcessingNotesReader`), read from a small file built here and from the real 2019 file.
@Suite struct ProcessingNotesReaderTests {
    @Test func notesAreTheirLinesWithoutTheBox() {
        let text = [
            "                                        PROCESSING NOTES",
            " ______________________________",
            "",
            "          0001--THIS PROCESSING NOTE DELETED 1/1/97.              *",
            "                                                                  *",
            "          0002--THESE CODES (82585, 82595) PERTAIN TO PERFORMING  *",
            "                THE  ANALYSIS.                                    *",
            "\t  0137--PUBLICATION 100-03, CHAPTER 1.\t\t\t   *",
            "\t \tSECOND LINE",
            "",
        ].joined(separator: "\r\n")
        let (notes, diagnostics) = ProcessingNotesReader.parse(Array(text.utf8), file: "notes.txt")
        #expect(diagnostics == [])
        #expect(notes.texts == [
            "0001": "THIS PROCESSING NOTE DELETED 1/1/97.",
            "0002": "THESE CODES (82585, 82595) PERTAIN TO PERFORMING THE ANALYSIS.",
            "0137": "PUBLICATION 100-03, CHAPTER 1. SECOND LINE",
        ])
        #expect(notes.locations["0137"] == SourceLocation(file: "notes.txt", line: 8, column: 4))
    }

    @Test func duplicatesStrayTextAndNoNotesAreFindings() {
        let text = "PROCESSING NOTES\n____\nA STRAY LINE\n  0001--FIRST.\n  0001--SECOND.\n     MORE OF THE SECOND.\n"
        let (notes, diagnostics) = ProcessingNotesReader.parse(Array(text.utf8), file: "notes.txt")
        #expect(notes.texts == ["0001": "FIRST."])
        #expect(diagnostics.map(\.description) == [
            "notes.txt:3:1: warning: text before the first processing note is not part of any note: A STRAY LINE [processing-notes-stray-text]",
            "notes.txt:5:3: warning: processing note 0001 is written twice; the first text is kept [processing-notes-duplicate]",
        ])
        let (_, empty) = ProcessingNotesReader.parse(Array("PROCESSING NOTES\n".utf8), file: "README.txt")
        #expect(empty.map(\.description) == [
            "README.txt:1:1: error: no processing note in the file: a note starts with its four-digit number and '--' (0137--...) [processing-notes-empty]",
        ])
        let (_, unreadable) = ProcessingNotesReader.read(path: "/nonexistent/proc_notes_2019.txt", displayPath: "proc_notes_2019.txt")
        #expect(unreadable.map(\.description) == [
            "proc_notes_2019.txt:1:1: error: CMS processing notes file does not exist or cannot be read [processing-notes-unreadable]",
        ])
    }

    @Test func realFile2019() throws {
        let path = CMSReleaseFiles.folder + "/proc_notes_2019.txt"
        try #require(FileManager.default.fileExists(atPath: path), "\(path) is missing: these tests need ../shared/hcpcs/")
        let (notes, diagnostics) = ProcessingNotesReader.read(path: path, displayPath: "proc_notes_2019.txt")
        #expect(diagnostics == [])
        #expect(notes.texts.count == 218)
        #expect(notes["0064"] == "COVERAGE AND PAYMENT BASED ON BALANCED BUDGET ACT OF 1997 (G0101 - SEC 4102; G0104, G0105, G0106, G0107, G0120, G0121, G0122 - SEC 4104).")
        #expect(notes["0137"] == "PUBLICATION 100-03, CHAPTER 1, SECTION 280.1 (100.03, 1, 280.1).")
        #expect(notes["0202"] == "THE PATIENT PROTECTION AND AFFORDABLE CARE ACT MADE IT MANDATORY FOR ALL HEALTHCARE INSURANCE PLANS TO COVER SOME PREVENTIVE SERVICES AND IMMUNIZATIONS AS PART OF ALL BENEFIT PLANS; THIS MODIFIER DOES NOT APPLY TO CMS SCREENING SERVICES AS THEY ARE STATUTORILY ADMINISTERED.")
        #expect(notes.locations["0218"] == SourceLocation(file: "proc_notes_2019.txt", line: 564, column: 4))
    }
}
