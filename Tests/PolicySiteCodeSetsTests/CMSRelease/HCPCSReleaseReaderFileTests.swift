import Testing
import PolicySiteCore
import PolicySiteCodeSets

/// The reader against the three real CMS files.
///
/// The expected counts were found independently of this reader with a Python script over the
/// raw bytes: split on LF, strip the CR, and count lines by column 11 (`3` procedure first
/// lines, `7` modifier first lines); every line whose column 11 is not 3/4/7/8 is a skipped line
/// (the disclaimer block and blank lines at the top), and the LF ending the last line starts no
/// line. The same script checked that every 3/7 line has a well-formed code, that no code has two
/// first lines, and that every 4/8 line follows its own code's first line. Cross-checked with
/// coreutils: `cut -c11 FILE | grep -c '^3$'` (and `'^7$'`, and `-vc '^[3478]$'` for skipped
/// lines) gives 6155/343/0 (2017), 6205/354/11 (2018) and 6440/360/8 (2019).
@Suite struct HCPCSReleaseReaderFileTests {
    // MARK: - Counts and findings per file

    @Test func counts2017() throws {
        let release = try CMSReleaseFiles.release(CMSReleaseFiles.release2017)
        #expect(release.procedureCodes.count == 6155)
        #expect(release.modifiers.count == 343)
        // 10,828 lines, all records: 4,330 continuation lines stop at column 91.
        #expect(release.skippedLineCount == 0)
        #expect(release.diagnostics == [])
    }

    @Test func counts2018() throws {
        let release = try CMSReleaseFiles.release(CMSReleaseFiles.release2018)
        #expect(release.procedureCodes.count == 6205)
        #expect(release.modifiers.count == 354)
        // Lines 1-11: "***Disclaimers", three notes (one over two lines) and blank lines.
        #expect(release.skippedLineCount == 11)
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
        #expect(release.procedureCodes.count == 6440)
        #expect(release.modifiers.count == 360)
        // Lines 1-8: tab-padded disclaimers with Latin-1 no-break spaces (0xA0), and blank lines.
        #expect(release.skippedLineCount == 8)
        #expect(release.diagnostics == [])
        #expect(release.codeSet.codes.count == 6440)
        #expect(release.codeSet.modifiers.count == 360)
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
