import Testing
import PolicySiteCore
@testable import PolicySiteCodeSets

/// The reader against a small file built here byte by byte: every kind of broken record, Latin-1
/// bytes, CRLF and LF line ends, lines cut short, and a last line with no line end.
@Suite struct HCPCSReleaseReaderSyntheticTests {
    static let file = "synthetic.txt"

    /// A record line `width` columns wide, blank but for `fields` written at their 1-based columns.
    static func line(_ fields: [(column: Int, text: [UInt8])], width: Int = 320) -> [UInt8] {
        var bytes = [UInt8](repeating: UInt8(ascii: " "), count: width)
        for field in fields {
            for (offset, byte) in field.text.enumerated() { bytes[field.column - 1 + offset] = byte }
        }
        return bytes
    }

    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let crlf: [UInt8] = [0x0D, 0x0A]
    static let lf: [UInt8] = [0x0A]

    /// Line numbers are in the comments; each line ends in CRLF unless it says otherwise.
    static let bytes: [UInt8] = {
        var file: [UInt8] = []
        // 1: disclaimer with tabs and a Latin-1 no-break space (0xA0): skipped.
        file += ascii("***Disclaimers\t\t") + [0xA0] + ascii("\t") + crlf
        // 2: blank: skipped.
        file += crlf
        // 3: G0001 first line; "Café" in Latin-1 (0xE9), every kind of field filled in.
        file += line([
            (1, ascii("G000100100")), (11, ascii("3")), (12, ascii("Caf") + [0xE9] + ascii(" visit, first part of a long")),
            (92, ascii("Caf") + [0xE9] + ascii(" visit")), (120, ascii("1151  99")), (128, ascii("A")),
            (129, ascii("60-9  35-46")), (147, ascii("2049    15010")), (171, ascii("1861(s)")),
            (181, ascii("100   310")), (205, ascii("G0002G0003")), (230, ascii("D")), (231, ascii("YY20080101")),
            (253, ascii("0088")), (257, ascii("T1H")), (261, ascii("15 P")), (266, ascii(" 12")),
            (269, ascii("200801012019010120181231D")),
        ]) + crlf
        // 4: G0001 continuation, 91 columns only.
        file += line([(1, ascii("G000100200")), (11, ascii("4")), (12, ascii("  descriptor, second part  "))], width: 91) + crlf
        // 5: G0002 continuation with no first line: error at column 11.
        file += line([(1, ascii("G000200200")), (11, ascii("4")), (12, ascii("lost text"))]) + crlf
        // 6: G0003 first line with unknown values and a bad date, LF only.
        file += line([
            (1, ascii("G000300100")), (11, ascii("3")), (12, ascii("Bad values")), (92, ascii("Bad values")),
            (120, ascii("517Z")), (128, ascii("Z")), (181, ascii("999")), (230, ascii("Q")), (257, ascii("M9")), (261, ascii("1X")),
            (266, ascii("1A ")), (269, ascii("20151301")), (293, ascii("Z")),
        ]) + lf
        // 7: a second first line for G0001: error, ignored.
        file += line([(1, ascii("G000100100")), (11, ascii("3")), (12, ascii("Second copy"))]) + crlf
        // 8: its continuation, dropped with it (no second report).
        file += line([(1, ascii("G000100200")), (11, ascii("4")), (12, ascii("of the copy"))]) + crlf
        // 9: modifier ZZ, a first line cut short after column 119: error at column 120, read as far as it goes.
        file += line([(1, ascii("   ZZ00100")), (11, ascii("7")), (12, ascii("Zed modifier")), (92, ascii("Zed"))], width: 119) + crlf
        // 10: its continuation.
        file += line([(1, ascii("   ZZ00200")), (11, ascii("8")), (12, ascii("continued"))]) + crlf
        // 11: a modifier continuation for YY, which has no first line: error.
        file += line([(1, ascii("   YY00200")), (11, ascii("8")), (12, ascii("orphan"))]) + crlf
        // 12: record id 3 but "W1234" is no procedure code: warning, skipped.
        file += line([(1, ascii("W123400100")), (11, ascii("3")), (12, ascii("Not a code"))]) + crlf
        // 13: a procedure continuation after a modifier of another code: error.
        file += line([(1, ascii("G000300200")), (11, ascii("4")), (12, ascii("too late"))]) + crlf
        // 14: G0004, a termination date of 7 digits, and no line end at all.
        file += line([(1, ascii("G000400100")), (11, ascii("3")), (12, ascii("Last")), (285, ascii("2015123 "))])
        return file
    }()

    static func at(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    @Test func diagnostics() {
        let release = HCPCSReleaseReader.parse(Self.bytes, file: Self.file)
        #expect(release.diagnostics == [
            .error("release-orphan-continuation", "continuation line (record id 4) for G0002 does not follow its first line (record id 3); its text is dropped", at: Self.at(5, 11)),
            .warning("release-unknown-value", "unknown pricing indicator \"7Z\" of G0003", at: Self.at(6, 122)),
            .warning("release-unknown-value", "unknown multiple pricing indicator \"Z\" of G0003", at: Self.at(6, 128)),
            .warning("release-unknown-value", "unknown lab certification code \"999\" of G0003", at: Self.at(6, 181)),
            .warning("release-unknown-value", "unknown coverage code \"Q\" of G0003", at: Self.at(6, 230)),
            .warning("release-unknown-value", "unknown BETOS code \"M9\" of G0003", at: Self.at(6, 257)),
            .warning("release-unknown-value", "unknown type of service \"X\" of G0003", at: Self.at(6, 262)),
            .warning("release-unknown-value", "unknown anesthesia base units \"1A\" of G0003", at: Self.at(6, 266)),
            .error("release-date-invalid", "added date \"20151301\" of G0003 is not a date (YYYYMMDD)", at: Self.at(6, 269)),
            .warning("release-unknown-value", "unknown action code \"Z\" of G0003", at: Self.at(6, 293)),
            .error("release-duplicate-record", "G0001 already has a first line (record id 3) at line 3; this record is ignored", at: Self.at(7, 1)),
            .error("release-record-short", "modifier ZZ record is cut short: its first line (record id 7) ends after column 119, before the termination date (columns 285-292); the missing fields are read as blank", at: Self.at(9, 120)),
            .error("release-orphan-continuation", "continuation line (record id 8) for modifier YY does not follow its first line (record id 7); its text is dropped", at: Self.at(11, 11)),
            .warning("release-code-invalid", "line has record id 3 but no procedure code in columns 1-5 (\"W1234\"); skipped", at: Self.at(12, 1)),
            .error("release-orphan-continuation", "continuation line (record id 4) for G0003 does not follow its first line (record id 3); its text is dropped", at: Self.at(13, 11)),
            .error("release-date-invalid", "termination date \"2015123\" of G0004 is not a date (YYYYMMDD)", at: Self.at(14, 285)),
        ])
        #expect(release.diagnostics.map(\.description).first == "synthetic.txt:5:11: error: continuation line (record id 4) for G0002 does not follow its first line (record id 3); its text is dropped [release-orphan-continuation]")
    }

    @Test func recordsAndSkippedLines() throws {
        let release = HCPCSReleaseReader.parse(Self.bytes, file: Self.file)
        #expect(release.file == Self.file)
        #expect(release.procedureCodes.map(\.code) == ["G0001", "G0003", "G0004"])
        #expect(release.modifiers.map(\.code) == ["ZZ"])
        // Lines 1, 2 and 12.
        #expect(release.skippedLineCount == 3)

        #expect(release.procedureCodes[0] == HCPCSRecord(
            code: "G0001", sequenceNumber: 100, recordKind: .procedure,
            longDescriptor: "Caf\u{E9} visit, first part of a long descriptor, second part",
            shortDescriptor: "Caf\u{E9} visit",
            pricingIndicators: [.nationalRVUs, .drugs, .valueNotEstablished], multiplePricingIndicator: .singleMethodology,
            coverageIssuesManualReferences: ["60-9", "35-46"], carriersManualReferences: ["2049", "15010"],
            statute: "1861(s)", labCertificationCodes: [.microbiology, .routineChemistry],
            crossReferences: ["G0002", "G0003"], coverageCode: .specialCoverageInstructions,
            ascPaymentGroup: "YY", ascPaymentGroupEffectiveDate: CalendarDate(year: 2008, month: 1, day: 1),
            processingNoteNumber: "0088", betosCode: "T1H",
            typeOfServiceCodes: [.medicalCare, .diagnosticLaboratory, .lumpSumPurchase], anesthesiaBaseUnits: 12,
            addedDate: CalendarDate(year: 2008, month: 1, day: 1),
            actionEffectiveDate: CalendarDate(year: 2019, month: 1, day: 1),
            terminationDate: CalendarDate(year: 2018, month: 12, day: 31),
            actionCode: .discontinue,
            location: Self.at(3, 1)))

        // Unknown values and the bad date are left out; the rest of the record stays.
        #expect(release.procedureCodes[1] == HCPCSRecord(
            code: "G0003", sequenceNumber: 100, recordKind: .procedure,
            longDescriptor: "Bad values", shortDescriptor: "Bad values",
            pricingIndicators: [.drugs], typeOfServiceCodes: [.medicalCare],
            location: Self.at(6, 1)))
        #expect(release.procedureCodes[2] == HCPCSRecord(
            code: "G0004", sequenceNumber: 100, recordKind: .procedure, longDescriptor: "Last", location: Self.at(14, 1)))

        #expect(release.modifiers[0] == HCPCSRecord(
            code: "ZZ", sequenceNumber: 100, recordKind: .modifier,
            longDescriptor: "Zed modifier continued", shortDescriptor: "Zed", location: Self.at(9, 1)))
        #expect(release.modifiers[0].modifier == Modifier(
            code: "ZZ", descriptor: "Zed modifier continued", shortDescriptor: "Zed", level: .levelII, source: Self.at(9, 1)))
    }

    /// A file with no record is an error, whatever it holds instead: most likely the wrong file
    /// (`--code-set README.md`). Bytes that are not UTF-8 and lines too short to hold a record id
    /// never crash.
    @Test func emptyAndOddInputs() {
        let empty = HCPCSReleaseReader.parse([], file: "empty.txt")
        #expect(empty.procedureCodes.isEmpty && empty.modifiers.isEmpty)
        #expect(empty.skippedLineCount == 0)
        #expect(empty.diagnostics.map(\.description) == [
            "empty.txt:1:1: error: empty.txt holds no HCPCS records (record id 3 or 7 in column 11); is it the fixed-width ANWEB file? [release-empty]",
        ])

        let junk = HCPCSReleaseReader.parse([0xFF, 0xFE, 0x0A, 0x33, 0x0D, 0x0A, 0x0A, 0x80], file: "junk.txt")
        #expect(junk.skippedLineCount == 4)
        #expect(junk.diagnostics == [Self.noRecords("junk.txt")])

        // The message names the file, not its folders; the location keeps the path as given.
        let readme = HCPCSReleaseReader.parse(Self.ascii("# PolicySite\n\nhello world\n"), file: "docs/README.md")
        #expect(readme.skippedLineCount == 3)
        #expect(readme.diagnostics.map(\.description) == [
            "docs/README.md:1:1: error: README.md holds no HCPCS records (record id 3 or 7 in column 11); is it the fixed-width ANWEB file? [release-empty]",
        ])

        // One record is enough; a lone modifier record too.
        let oneCode = HCPCSReleaseReader.parse(Self.line([(1, Self.ascii("G000100100")), (11, Self.ascii("3")), (12, Self.ascii("One"))]), file: "one.txt")
        #expect(oneCode.diagnostics == [])
        let oneModifier = HCPCSReleaseReader.parse(Self.line([(1, Self.ascii("   GA00100")), (11, Self.ascii("7")), (12, Self.ascii("One"))]), file: "one.txt")
        #expect(oneModifier.diagnostics == [])
    }

    static func noRecords(_ file: String) -> Diagnostic {
        .error("release-empty", "\(file) holds no HCPCS records (record id 3 or 7 in column 11); is it the fixed-width ANWEB file?", at: SourceLocation(file: file))
    }

    /// A first line must reach column 292 (the end of the termination date); continuation lines
    /// may stop anywhere. The short record is kept with the fields it has.
    @Test func firstLinesCutShort() throws {
        func record(_ code: String, _ id: String, width: Int, dates: Bool = true) -> [UInt8] {
            var fields: [(column: Int, text: [UInt8])] = [(1, Self.ascii(code + (id == "3" || id == "7" ? "00100" : "00200"))), (11, Self.ascii(id)), (12, Self.ascii("Text of \(code)"))]
            if dates { fields.append((269, Self.ascii("2001010120010101"))) }
            return Self.line(fields, width: width)
        }
        var bytes: [UInt8] = []
        bytes += record("A4561", "3", width: 100, dates: false) + Self.lf   // 1: cut at 100: error at 101
        bytes += record("A4561", "4", width: 40, dates: false) + Self.lf    // 2: a short continuation: fine
        bytes += record("A4562", "3", width: 292) + Self.lf                 // 3: exactly through column 292: fine
        bytes += record("A4563", "3", width: 291) + Self.lf                 // 4: one column short: error at 292
        bytes += record("   GA", "7", width: 291) + Self.lf                 // 5: a modifier's first line: error at 292
        bytes += record("A4564", "3", width: 320)                           // 6: a whole record: fine
        let release = HCPCSReleaseReader.parse(bytes, file: "HCPC2019_CONTR_ANWEB.txt")
        #expect(release.diagnostics.map(\.description) == [
            "HCPC2019_CONTR_ANWEB.txt:1:101: error: A4561 record is cut short: its first line (record id 3) ends after column 100, before the termination date (columns 285-292); the missing fields are read as blank [release-record-short]",
            "HCPC2019_CONTR_ANWEB.txt:4:292: error: A4563 record is cut short: its first line (record id 3) ends after column 291, before the termination date (columns 285-292); the missing fields are read as blank [release-record-short]",
            "HCPC2019_CONTR_ANWEB.txt:5:292: error: modifier GA record is cut short: its first line (record id 7) ends after column 291, before the termination date (columns 285-292); the missing fields are read as blank [release-record-short]",
        ])
        #expect(release.procedureCodes.map(\.code) == ["A4561", "A4562", "A4563", "A4564"])
        #expect(release.modifiers.map(\.code) == ["GA"])
        let a4561 = release.procedureCodes[0]
        #expect(a4561.longDescriptor == "Text of A4561 Text of A4561")
        #expect(a4561.addedDate == nil)
        #expect(release.procedureCodes[1].addedDate == CalendarDate(year: 2001, month: 1, day: 1))
    }

    @Test func unreadableFileIsADiagnostic() {
        let release = HCPCSReleaseReader.read(path: "/nonexistent/HCPC2019_CONTR_ANWEB.txt", displayPath: "release.txt")
        #expect(release.diagnostics == [
            .error("release-unreadable", "CMS release file does not exist", at: SourceLocation(file: "release.txt", line: 1, column: 1)),
        ])
        #expect(release.procedureCodes.isEmpty)

        let folder = HCPCSReleaseReader.read(path: "/")
        #expect(folder.diagnostics == [
            .error("release-unreadable", "CMS release file cannot be read", at: SourceLocation(file: "/", line: 1, column: 1)),
        ])
    }
}
