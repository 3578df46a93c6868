import Foundation
import Testing
import PolicySiteCore
@testable import PolicySiteCodeSets

/// The reader against the three real CMS files.
///
/// The counts the reader must find are also derived in each test from the raw bytes by
/// `RawReleaseLines`, a reading of the fixed-width layout that shares no code with
/// `HCPCSReleaseReader`; the literal numbers below are what it finds.
@Suite struct HCPCSReleaseReaderFileTests {
    // MARK: - Counts and findings per file

    @Test func counts2017() throws {
        let release = try CMSReleaseFiles.release(CMSReleaseFiles.release2017)
        let raw = try RawReleaseLines(CMSReleaseFiles.release2017)
        #expect(raw == RawReleaseLines(procedures: 6155, modifiers: 343, continuations: 4330, skipped: 0))
        #expect(release.procedureCodes.count == raw.procedures)
        #expect(release.modifiers.count == raw.modifiers)
        // 10,828 lines, all records: 4,330 continuation lines stop at column 91.
        #expect(release.skippedLineCount == raw.skipped)
        #expect(release.diagnostics == [])
    }

    @Test func counts2018() throws {
        let release = try CMSReleaseFiles.release(CMSReleaseFiles.release2018)
        let raw = try RawReleaseLines(CMSReleaseFiles.release2018)
        #expect(raw == RawReleaseLines(procedures: 6205, modifiers: 354, continuations: 4426, skipped: 11))
        #expect(release.procedureCodes.count == raw.procedures)
        #expect(release.modifiers.count == raw.modifiers)
        // Lines 1-11: "***Disclaimers", three notes (one over two lines) and blank lines.
        #expect(release.skippedLineCount == raw.skipped)
    }

    /// Five 2018 records carry their ASC date two columns early (`20170401` from column 231),
    /// leaving `20` in the ASC payment group and `170401` in the date field.
    ///
    /// The bad date is a warning, not an error: it is an administrative field, and an error
    /// here would stop every site built on the 2018 release (no error at all in this file).
    @Test func shiftedASCDatesIn2018() throws {
        let release = try CMSReleaseFiles.release(CMSReleaseFiles.release2018)
        let file = CMSReleaseFiles.release2018
        var expected: [Diagnostic] = []
        for (line, code, date) in [(1884, "C9488", "170401"), (1955, "C9745", "170701"), (1956, "C9746", "170701"),
                                   (1958, "C9747", "170701"), (1960, "C9748", "180101")] {
            expected.append(.warning("release-unknown-value", "unknown ASC payment group \"20\" of \(code)",
                                     at: SourceLocation(file: file, line: line, column: 231)))
            expected.append(.warning("release-date-invalid", "ASC payment group effective date \"\(date)\" of \(code) is not a date (YYYYMMDD); left blank",
                                   at: SourceLocation(file: file, line: line, column: 233)))
        }
        #expect(release.diagnostics == expected)
        #expect(!release.diagnostics.containsErrors)
        let c9488 = try #require(release.procedureCodes.first { $0.code == "C9488" })
        #expect(c9488.ascPaymentGroup == nil)
        #expect(c9488.ascPaymentGroupEffectiveDate == nil)
        #expect(c9488.coverageCode == .specialCoverageInstructions)
        #expect(c9488.addedDate == CalendarDate(year: 2017, month: 4, day: 1))
    }

    /// The same fault in each kind of date, on one made-up line: administrative dates (ASC, MOG)
    /// are warnings and left blank, the dates that decide a code's status stay errors.
    @Test func administrativeDatesAreWarnings() {
        typealias Synthetic = HCPCSReleaseReaderSyntheticTests
        let bytes = Synthetic.line([
            (1, Synthetic.ascii("G000100100")), (11, Synthetic.ascii("3")), (12, Synthetic.ascii("Shifted dates")),
            (231, Synthetic.ascii("  170401")), (245, Synthetic.ascii("20181301")),
            (269, Synthetic.ascii("20180101")), (277, Synthetic.ascii("201801")), (293, Synthetic.ascii("N")),
        ])
        let release = HCPCSReleaseReader.parse(bytes, file: "dates.txt")
        func at(_ column: Int) -> SourceLocation { SourceLocation(file: "dates.txt", line: 1, column: column) }
        #expect(release.diagnostics == [
            .warning("release-date-invalid", "ASC payment group effective date \"170401\" of G0001 is not a date (YYYYMMDD); left blank", at: at(233)),
            .warning("release-date-invalid", "MOG effective date \"20181301\" of G0001 is not a date (YYYYMMDD); left blank", at: at(245)),
            .error("release-date-invalid", "action effective date \"201801\" of G0001 is not a date (YYYYMMDD)", at: at(277)),
        ])
        let record = release.procedureCodes.first
        #expect(record?.ascPaymentGroupEffectiveDate == nil)
        #expect(record?.mogEffectiveDate == nil)
        #expect(record?.addedDate == CalendarDate(year: 2018, month: 1, day: 1))
    }

    @Test func counts2019() throws {
        let release = try CMSReleaseFiles.release(CMSReleaseFiles.release2019)
        let raw = try RawReleaseLines(CMSReleaseFiles.release2019)
        #expect(raw == RawReleaseLines(procedures: 6440, modifiers: 360, continuations: 4822, skipped: 8))
        #expect(release.procedureCodes.count == raw.procedures)
        #expect(release.modifiers.count == raw.modifiers)
        // Lines 1-8: tab-padded disclaimers with Latin-1 no-break spaces (0xA0), and blank lines.
        #expect(release.skippedLineCount == raw.skipped)
        #expect(release.diagnostics == [])
        #expect(release.codeSet.codeCount == raw.procedures)
        #expect(release.codeSet.modifiers.count == raw.modifiers)
        // Processing note 0000 names no note (V5289's record); 0088 is the most common note.
        #expect(release.procedureCodes.first { $0.code == "V5289" }.map { $0.processingNoteNumber == nil } == true)
        #expect(release.procedureCodes.filter { $0.processingNoteNumber == "0088" }.count == 318)
    }

    /// Line 4461 of 2019 is a continuation line of 316 columns rather than 320.
    @Test func shortLineIn2019() throws {
        let release = try CMSReleaseFiles.release(CMSReleaseFiles.release2019)
        let g8891 = try #require(release.procedureCodes.first { $0.code == "G8891" })
        #expect(g8891.longDescriptor.contains("(e.g., patients with palliative goals for whom treatment of hypertension"))
    }

    // MARK: - G9328, terminated 2015-12-31 and still listed through 2019

    static func g9328(line: Int, file: String) -> HCPCSRecord {
        HCPCSRecord(
            code: "G9328", sequenceNumber: 100, recordKind: .procedure,
            longDescriptor: "Dicom format image data availability not documented in final report due to medical reasons (eg, ct studies performed for radiation treatment planning or image-guided radiation treatment delivery)",
            shortDescriptor: "Medrsn no dicom format doc",
            pricingIndicators: [.notSeparatelyPriced], multiplePricingIndicator: .notApplicableNotPriced,
            coverageIssuesManualReferences: [], carriersManualReferences: [], statute: nil,
            labCertificationCodes: [], crossReferences: [], coverageCode: .carrierJudgment,
            ascPaymentGroup: nil, ascPaymentGroupEffectiveDate: nil,
            mogPaymentGroup: nil, mogPaymentPolicyIndicator: nil, mogEffectiveDate: nil,
            processingNoteNumber: nil, betosCode: "M5B", typeOfServiceCodes: [.medicalCare], anesthesiaBaseUnits: 0,
            addedDate: CalendarDate(year: 2014, month: 1, day: 1),
            actionEffectiveDate: CalendarDate(year: 2016, month: 1, day: 1),
            terminationDate: CalendarDate(year: 2015, month: 12, day: 31),
            actionCode: .noMaintenance,
            location: SourceLocation(file: file, line: line, column: 1))
    }

    @Test(arguments: [
        (CMSReleaseFiles.release2017, 5189),
        (CMSReleaseFiles.release2018, 5198),
        (CMSReleaseFiles.release2019, 5376),
    ])
    func g9328EveryYear(file: String, line: Int) throws {
        let release = try CMSReleaseFiles.release(file)
        let record = try #require(release.procedureCodes.first { $0.code == "G9328" })
        #expect(record == Self.g9328(line: line, file: file))
        let asOf = try #require(CalendarDate(year: 2019, month: 1, day: 1))
        #expect(record.hcpcsCode.status(asOf: asOf).label == "Terminated (last day of service: 2015-12-31)")
        #expect(release.codeSet[code: "G9328"] == record.hcpcsCode)
    }

    // MARK: - Long descriptors over many continuation lines

    /// G0503: a first line and 16 continuation lines, the longest record in all three files.
    @Test(arguments: [CMSReleaseFiles.release2017, CMSReleaseFiles.release2018, CMSReleaseFiles.release2019])
    func seventeenChunks(file: String) throws {
        let record = try #require(try CMSReleaseFiles.release(file).procedureCodes.first { $0.code == "G0503" })
        #expect(record.longDescriptor == "Subsequent psychiatric collaborative care management, first 60 minutes in a subsequent month of behavioral health care manager activities, in consultation with a psychiatric consultant, and directed by the treating physician or other qualified health care professional, with the following required elements: tracking patient follow-up and progress using the registry, with appropriate documentation;  participation in weekly caseload consultation with the psychiatric consultant;  ongoing collaboration with and coordination of the patient's mental health care with the treating physician or other qualified health care professional and any other treating mental health providers; additional review of progress and recommendations for changes in treatment, as indicated, including medications, based on recommendations provided by the psychiatric consultant;  provision of brief interventions using evidence-based techniques such as behavioral activation, motivational interviewing, and other focused treatment strategies;  monitoring of patient outcomes using validated rating scales; and relapse prevention planning with patients as they achieve remission of symptoms and/or other treatment goals and are prepared for discharge from active treatment")
    }

    /// A5513: four chunks; CMS corrected "durometer or higher)" to "durometer (or higher)" in 2019.
    @Test func fourChunksChangedIn2019() throws {
        let before = try #require(try CMSReleaseFiles.release(CMSReleaseFiles.release2018).procedureCodes.first { $0.code == "A5513" })
        let after = try #require(try CMSReleaseFiles.release(CMSReleaseFiles.release2019).procedureCodes.first { $0.code == "A5513" })
        #expect(before.longDescriptor == "For diabetics only, multiple density insert, custom molded from model of patient's foot, total contact with patient's foot, including arch, base layer minimum of 3/16 inch material of shore a 35 durometer or higher), includes arch filler and other shaping material, custom fabricated, each")
        #expect(after.longDescriptor == "For diabetics only, multiple density insert, custom molded from model of patient's foot, total contact with patient's foot, including arch, base layer minimum of 3/16 inch material of shore a 35 durometer (or higher), includes arch filler and other shaping material, custom fabricated, each")
        #expect(after.location == SourceLocation(file: CMSReleaseFiles.release2019, line: 1021, column: 1))
    }

    /// Modifier TC (2019 lines 430-436): a record id 7 line and six record id 8 lines.
    @Test func modifierWithSevenChunks() throws {
        let release = try CMSReleaseFiles.release(CMSReleaseFiles.release2019)
        let record = try #require(release.modifiers.first { $0.code == "TC" })
        #expect(record.recordKind == .modifier)
        #expect(record.location == SourceLocation(file: CMSReleaseFiles.release2019, line: 430, column: 1))
        #expect(record.shortDescriptor == "Technical component")
        #expect(record.longDescriptor == "Technical component; under certain circumstances, a charge may be made for the technical component alone;  under those circumstances the technical component charge is identified by adding modifier 'tc' to the usual procedure number; technical component charges are institutional charges and not billed separately by physicians; however, portable x-ray suppliers only bill for technical component and should utilize modifier tc; the charge data from portable x-ray suppliers will then be used to build customary and prevailing profiles")
        #expect(record.anesthesiaBaseUnits == nil)
        let modifier = try #require(release.codeSet[modifier: "TC"])
        #expect(modifier.level == .levelII)
        #expect(modifier.descriptor == record.longDescriptor)
    }
}

/// The lines of a CMS release file sorted by the record id in column 11, read straight from the
/// bytes and independent of `HCPCSReleaseReader`: the file is split on LF (the LF ending the
/// last line starts no line) and a CR before an LF is dropped. `3` is a procedure code's first
/// line, `7` a modifier's, `4` and `8` their continuation lines; every other line (the
/// disclaimer block at the top, blank lines) is skipped. `faults` names each line that breaks
/// the layout: a first line whose code (columns 1-5) is not a letter and four digits, or for a
/// modifier two letters or digits after three spaces; a code with a second first line; a
/// continuation line that does not follow its own code's first line.
struct RawReleaseLines: Equatable {
    var procedures = 0
    var modifiers = 0
    var continuations = 0
    var skipped = 0
    var faults: [String] = []

    init(procedures: Int, modifiers: Int, continuations: Int, skipped: Int) {
        self.procedures = procedures
        self.modifiers = modifiers
        self.continuations = continuations
        self.skipped = skipped
    }

    /// Reads `name` from `CMSReleaseFiles.folder`.
    init(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: CMSReleaseFiles.folder + "/" + name)))
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if bytes.last == UInt8(ascii: "\n") { lines.removeLast() }
        func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
        func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        var firstLines: Set<[UInt8]> = []
        var open: (code: [UInt8], id: UInt8)?
        for (index, whole) in lines.enumerated() {
            let line = whole.last == UInt8(ascii: "\r") ? Array(whole.dropLast()) : Array(whole)
            let number = index + 1
            guard line.count >= 11 else {
                skipped += 1
                open = nil
                continue
            }
            let code = Array(line[0..<5])
            switch line[10] {
            case UInt8(ascii: "3"), UInt8(ascii: "7"):
                let procedure = line[10] == UInt8(ascii: "3")
                if procedure { procedures += 1 } else { modifiers += 1 }
                let wellFormed = procedure
                    ? isLetter(code[0]) && code[1...].allSatisfy(isDigit)
                    : code[0..<3].allSatisfy { $0 == UInt8(ascii: " ") } && code[3...].allSatisfy { isLetter($0) || isDigit($0) }
                if !wellFormed { faults.append("line \(number): code \(String(decoding: code, as: UTF8.self)) is not well formed") }
                if !firstLines.insert(code).inserted { faults.append("line \(number): a second first line of \(String(decoding: code, as: UTF8.self))") }
                open = (code, line[10])
            case UInt8(ascii: "4"), UInt8(ascii: "8"):
                continuations += 1
                if open?.code != code || open?.id != line[10] - 1 { faults.append("line \(number): a continuation line that does not follow its code's first line") }
            default:
                skipped += 1
                open = nil
            }
        }
    }
}
