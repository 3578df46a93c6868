import Testing
import PolicySiteCore
@testable import PolicySiteCodeSets

@Suite struct CodeSetMergeTests {
    static let releaseFile = "HCPC2019_CONTR_ANWEB.txt"
    static let dataFile = "Content/data/codes.yml"

    static func date(_ text: String) -> CalendarDate? { CalendarDate(parsing: text) }

    static let release = CodeSet(
        releaseLabel: releaseFile,
        codes: [
            HCPCSCode(
                code: "G9328",
                longDescriptor: "Dicom format image data availability not documented in final report due to medical reasons",
                shortDescriptor: "Medrsn no dicom format doc",
                addedDate: date("20140101"), actionEffectiveDate: date("20160101"), terminationDate: date("20151231"),
                coverageCode: .carrierJudgment, betosCode: "M5B", actionCode: .noMaintenance,
                source: SourceLocation(file: releaseFile, line: 5376)),
            HCPCSCode(code: "A4206", longDescriptor: "Syringe with needle, sterile, 1 cc or less, each", shortDescriptor: "1 cc sterile syringe&needle",
                      source: SourceLocation(file: releaseFile, line: 700)),
        ],
        modifiers: [
            Modifier(code: "GA", descriptor: "Waiver of liability statement issued as required by payer policy, individual case",
                     shortDescriptor: "Waiver of liability statement", level: .levelII, addedDate: date("20020101"),
                     source: SourceLocation(file: releaseFile, line: 150)),
            Modifier(code: "TC", descriptor: "Technical component", shortDescriptor: "Technical component", level: .levelII,
                     source: SourceLocation(file: releaseFile, line: 430)),
        ])

    static let g9328Row = SourceLocation(file: dataFile, line: 12, column: 3)
    static let gaRow = SourceLocation(file: "Content/data/modifiers.yml", line: 4, column: 3)

    static let data = CodeSet(
        releaseLabel: dataFile,
        codes: [
            // Different long descriptor, added date, coverage and BETOS; the short descriptor
            // differs only in spacing; no termination date (filled in from the release).
            HCPCSCode(
                code: "G9328",
                longDescriptor: "DICOM format image data availability not documented in final report due to medical reasons",
                shortDescriptor: "Medrsn  no dicom format doc",
                addedDate: date("2014-01-02"), coverageCode: .nonCovered, betosCode: "M5D",
                source: g9328Row),
            HCPCSCode(code: "99213", longDescriptor: "Office visit, established patient", shortDescriptor: "",
                      source: SourceLocation(file: dataFile, line: 30, column: 3)),
        ],
        modifiers: [
            Modifier(code: "GA", descriptor: "Waiver of liability statement on file", level: .levelII,
                     terminationDate: date("2020-12-31"), source: gaRow),
            Modifier(code: "26", descriptor: "Professional component", level: .levelI,
                     source: SourceLocation(file: "Content/data/modifiers.yml", line: 1, column: 3)),
        ])

    @Test func warnsAtTheDataRowNamingTheReleaseLine() {
        let (_, diagnostics) = CodeSetMerge.merge(release: Self.release, data: Self.data, releaseFile: Self.releaseFile)
        // Sorted as Diagnostic sorts: by file, line and column, then message.
        #expect(diagnostics == [
            .warning("data-release-mismatch", "BETOS code of G9328 differs from HCPC2019_CONTR_ANWEB.txt:5376 (M5D here, M5B there)", at: Self.g9328Row),
            .warning("data-release-mismatch", "added date of G9328 differs from HCPC2019_CONTR_ANWEB.txt:5376 (2014-01-02 here, 2014-01-01 there)", at: Self.g9328Row),
            .warning("data-release-mismatch", "coverage code of G9328 differs from HCPC2019_CONTR_ANWEB.txt:5376 (M here, C there)", at: Self.g9328Row),
            .warning("data-release-mismatch", "long descriptor of G9328 differs from HCPC2019_CONTR_ANWEB.txt:5376", at: Self.g9328Row),
            .warning("data-release-mismatch", "long descriptor of modifier GA differs from HCPC2019_CONTR_ANWEB.txt:150", at: Self.gaRow),
        ])
        #expect(diagnostics.dropLast().last?.description == "Content/data/codes.yml:12:3: warning: long descriptor of G9328 differs from HCPC2019_CONTR_ANWEB.txt:5376 [data-release-mismatch]")
    }

    @Test func releaseWinsAndDataOnlyEntriesStay() throws {
        let (merged, _) = CodeSetMerge.merge(release: Self.release, data: Self.data, releaseFile: Self.releaseFile)
        #expect(merged.releaseLabel == Self.releaseFile)
        #expect(merged.sortedCodes.map(\.code) == ["99213", "A4206", "G9328"])
        #expect(merged.sortedModifiers.map(\.code) == ["26", "GA", "TC"])

        var g9328 = try #require(Self.release[code: "G9328"])
        g9328.source = Self.g9328Row
        #expect(merged[code: "G9328"] == g9328)
        #expect(merged[code: "99213"] == Self.data[code: "99213"])
        #expect(merged[code: "A4206"] == Self.release[code: "A4206"])

        // The release has no termination date for GA; the data's is kept.
        let ga = try #require(merged[modifier: "GA"])
        #expect(ga.descriptor == "Waiver of liability statement issued as required by payer policy, individual case")
        #expect(ga.terminationDate == Self.date("20201231"))
        #expect(ga.source == Self.gaRow)
        #expect(merged[modifier: "26"] == Self.data[modifier: "26"])
    }

    @Test func agreeingDataIsQuiet() {
        let (merged, diagnostics) = CodeSetMerge.merge(release: Self.release, data: Self.release, releaseFile: Self.releaseFile)
        #expect(diagnostics == [])
        #expect(merged.sortedCodes == Self.release.sortedCodes)
        #expect(merged.modifiers == Self.release.modifiers)
    }

    /// A Level II code or modifier only in the data stays, with a warning at its row; Level I
    /// codes and modifiers (never in CMS files) and entries the release has give none.
    @Test func levelIIEntriesMissingFromTheReleaseAreReported() throws {
        let g9999Row = SourceLocation(file: Self.dataFile, line: 74, column: 3)
        let gxRow = SourceLocation(file: "Content/data/modifiers.yml", line: 40, column: 3)
        var data = Self.release
        data.insert(HCPCSCode(code: "G9999", longDescriptor: "Tracked ahead of the release", shortDescriptor: "Ahead", source: g9999Row))
        data.insert(HCPCSCode(code: "99213", longDescriptor: "Office visit", shortDescriptor: "", source: SourceLocation(file: Self.dataFile, line: 80, column: 3)))
        data.insert(Modifier(code: "GX", descriptor: "Notice of liability issued, voluntary under payer policy", level: .levelII, source: gxRow))
        data.insert(Modifier(code: "26", descriptor: "Professional component", level: .levelI, source: SourceLocation(file: "Content/data/modifiers.yml", line: 1, column: 3)))

        let (merged, diagnostics) = CodeSetMerge.merge(release: Self.release, data: data, releaseFile: Self.releaseFile)
        #expect(diagnostics.map(\.description) == [
            "Content/data/codes.yml:74:3: warning: code G9999 is not in HCPC2019_CONTR_ANWEB.txt; its descriptor and dates come from codes.yml only [code-not-in-release]",
            "Content/data/modifiers.yml:40:3: warning: modifier GX is not in HCPC2019_CONTR_ANWEB.txt; its descriptor and dates come from modifiers.yml only [code-not-in-release]",
        ])
        #expect(merged[code: "G9999"] == data[code: "G9999"])
        #expect(merged[modifier: "GX"] == data[modifier: "GX"])

        // A release with no records is already an error (release-empty); no finding per row.
        let (_, againstNothing) = CodeSetMerge.merge(release: CodeSet(releaseLabel: "README.md"), data: data, releaseFile: "README.md")
        #expect(againstNothing == [])
    }

    /// Against the real 2019 release: the message names the release line of G9328.
    @Test func realRelease() throws {
        let release = try CMSReleaseFiles.release(CMSReleaseFiles.release2019)
        let data = CodeSet(releaseLabel: Self.dataFile, codes: [
            HCPCSCode(code: "G9328", longDescriptor: "Dicom image data not documented", shortDescriptor: "Medrsn no dicom format doc",
                      terminationDate: Self.date("2016-12-31"), source: Self.g9328Row),
        ])
        let (merged, diagnostics) = CodeSetMerge.merge(release: release.codeSet, data: data, releaseFile: release.file)
        #expect(diagnostics == [
            .warning("data-release-mismatch", "long descriptor of G9328 differs from HCPC2019_CONTR_ANWEB.txt:5376", at: Self.g9328Row),
            .warning("data-release-mismatch", "termination date of G9328 differs from HCPC2019_CONTR_ANWEB.txt:5376 (2016-12-31 here, 2015-12-31 there)", at: Self.g9328Row),
        ])
        #expect(merged.codeCount == 6440)
        #expect(merged[code: "G9328"]?.terminationDate == Self.date("2015-12-31"))
    }
}
