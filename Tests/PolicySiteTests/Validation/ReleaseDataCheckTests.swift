import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// The code set a build reads, through `build` and `check`: a `--code-set` that is not a release
/// (`release-empty`), a release record cut short (`release-record-short`), team data the release
/// does not list (`code-not-in-release`), and identifiers other YAML tools would read as
/// numbers (`identifier-unquoted`, front matter; the data files are in YAMLDataTests).
@Suite struct ReleaseDataCheckTests {
    static let release2019 = sharedRoot.appendingPathComponent("hcpcs/HCPC2019_CONTR_ANWEB.txt")

    static func requireRelease() throws -> Data {
        try #require(FileManager.default.contents(atPath: release2019.path), "the CMS 2019 release is missing: expected \(release2019.path)")
    }

    /// `policysite build --code-set README.md` (or an empty file, or "hello world") is an error
    /// and writes nothing; it used to build a site whose footer named README.md as the release.
    @Test func aCodeSetThatIsNotAReleaseIsAnError() throws {
        let site = try FixtureSite()
        for (name, text) in [("README.md", "# PolicySite\n\nA static site generator.\n"), ("empty.txt", ""), ("hello.txt", "hello world")] {
            let path = site.root.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let report = site.build(codeSet: path)
            #expect(report.diagnostics.map(\.description) == [
                "\(path):1:1: error: \(name) holds no HCPCS records (record id 3 or 7 in column 11); is it the fixed-width ANWEB file? [release-empty]",
            ])
            #expect(!report.wroteSite)
            #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("index.html").path))
        }
    }

    /// The A4561 record cut to 100 of its 320 columns: an error at the end of the line, instead
    /// of a page with no dates, coverage or BETOS code. The whole file checks clean.
    @Test func aReleaseRecordCutShortIsAnError() throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        var lines = try Self.requireRelease().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0.starts(with: Array("A456100100".utf8)) })
        #expect(index + 1 == 845)
        lines[index] = lines[index].prefix(100)
        let path = site.root.appendingPathComponent("HCPC2019_CONTR_ANWEB.txt").path
        try Data(lines.joined(separator: [UInt8(ascii: "\n")])).write(to: URL(fileURLWithPath: path))
        #expect(site.build(codeSet: path).diagnostics.map(\.description) == [
            "\(path):845:101: error: A4561 record is cut short: its first line (record id 3) ends after column 100, before the termination date (columns 285-292); the missing fields are read as blank [release-record-short]",
        ])
        #expect(SiteBuilder.build(site.request(codeSet: Self.release2019.path), write: false).lines == [])
    }

    /// Level II entries of the team's data that the release lacks are kept and reported at
    /// their row; Level I codes and modifiers (never in CMS files) are not.
    @Test func teamDataMissingFromTheRelease() throws {
        _ = try Self.requireRelease()
        let site = try FixtureSite(copyingRepositoryContent: ())
        try DefaultContentCheckTests.edit(site, "data/codes.yml", [("  betos: M5B\n- code: \"G9329\"", """
          betos: M5B
        - code: "G9999"
          longDescriptor: "Tracked ahead of the release"
          shortDescriptor: "Ahead of the release"
        - code: "99213"
          longDescriptor: "Office or other outpatient visit, established patient"
          shortDescriptor: "Office visit"
        - code: "G9329"
        """)])
        try DefaultContentCheckTests.edit(site, "data/modifiers.yml", [("  added: 2015-01-01\n", """
          added: 2015-01-01
        - code: "ZY"
          descriptor: "A Level II modifier CMS has not published"
          level: II
        - code: "25"
          descriptor: "Significant, separately identifiable E/M service"
          level: I

        """)])
        let codesLines = try String(contentsOf: site.content.appendingPathComponent("data/codes.yml"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let g9999Line = try #require(codesLines.firstIndex { $0 == "- code: \"G9999\"" }) + 1
        let report = SiteBuilder.build(site.request(codeSet: Self.release2019.path), write: false)
        #expect(report.lines == [
            "Content/data/codes.yml:\(g9999Line):3: warning: code G9999 is not in HCPC2019_CONTR_ANWEB.txt; its descriptor and dates come from codes.yml only [code-not-in-release]",
            "Content/data/modifiers.yml:38:3: warning: modifier ZY is not in HCPC2019_CONTR_ANWEB.txt; its descriptor and dates come from modifiers.yml only [code-not-in-release]",
        ])

        // A tunable warning: site.yml may make it an error or turn it off.
        try DefaultContentCheckTests.edit(site, "site.yml", [("reviewIntervalMonths: 12\n", "reviewIntervalMonths: 12\nrules:\n  code-not-in-release: off\n")])
        #expect(SiteBuilder.build(site.request(codeSet: Self.release2019.path), write: false).lines == [])
    }

    /// Front matter: the page's code and its modifiers' codes, written unquoted.
    @Test func unquotedIdentifiersInFrontMatter() throws {
        let levelI = "- code: \"99213\"\n  longDescriptor: \"Office visit\"\n  shortDescriptor: \"Office visit\"\n"
        let modifiers = "modifiers:\n  - code: 26\n    whenToUse: Reading only.\n  - code: \"TC\"\n    whenToUse: Equipment only.\n"
        #expect(try Validation.check([
            "data/codes.yml": FixtureSite.baseFiles["data/codes.yml"]! + levelI,
            "codes/99213.md": Validation.page(code: "99213", extra: modifiers),
        ], rules: ["identifier-unquoted"]) == [
            "Content/codes/99213.md:2:7: warning: code 99213 must be quoted (\"99213\"): YAML tools read 99213 as the number 99213 [identifier-unquoted]",
            "Content/codes/99213.md:6:11: warning: modifier 26 must be quoted (\"26\"): YAML tools read 26 as the number 26 [identifier-unquoted]",
        ])
        // Written as the repository's own pages write them: no finding.
        #expect(try Validation.check([
            "data/codes.yml": FixtureSite.baseFiles["data/codes.yml"]! + levelI,
            "codes/99213.md": Validation.page(code: "\"99213\"", extra: modifiers.replacingOccurrences(of: "code: 26", with: "code: \"26\"")),
        ], rules: ["identifier-unquoted"]) == [])
    }
}

/// `site.yml`'s `processingNotes` names CMS's notes text; a note number the release gives and
/// the text lacks is reported once, at the first record that gives it.
@Suite struct ProcessingNotesSiteTests {
    @Test func notesFromSiteYAMLAndTheNumbersTheyLack() throws {
        let release = DefaultContentCheckTests.release2019.path
        let notesPath = sharedRoot.appendingPathComponent("hcpcs/proc_notes_2019.txt").path
        let real = try #require(FileManager.default.contents(atPath: notesPath), "needs \(notesPath)")
        // The real text without note 0127 (lines 349-350), and note 0064 reworded.
        var lines = String(decoding: real, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[348].contains("0127--"))
        lines.removeSubrange(348...349)
        let text = lines.joined(separator: "\r\n").replacingOccurrences(of: "0064--COVERAGE AND PAYMENT", with: "0064--OUR WORDING: COVERAGE AND PAYMENT")
        let site = try FixtureSite(copyingRepositoryContent: ())
        try FileManager.default.createDirectory(at: site.content.appendingPathComponent("notes"), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: site.content.appendingPathComponent("notes/cms-notes.txt"))
        try DefaultContentCheckTests.edit(site, "site.yml", [("reviewIntervalMonths: 12\n", "reviewIntervalMonths: 12\nprocessingNotes: notes/cms-notes.txt\n")])
        let report = site.build(codeSet: release)
        #expect(report.lines == [
            "\(release):600:253: warning: processing note 0127 of A4218 and 21 more codes is not in cms-notes.txt; code pages show the number alone [release-processing-note-missing]",
        ])
        #expect(try site.page("codes/A4218/index.html").contains("<dt>Processing note</dt><dd>0127</dd>"))
        #expect(try site.page("codes/G0101/index.html").contains("<dt>Processing note</dt><dd>0064: OUR WORDING: COVERAGE AND PAYMENT BASED ON"))
    }

    @Test func aNotesFileThatIsNotThereIsAnError() throws {
        let site = try FixtureSite(copyingRepositoryContent: ())
        try DefaultContentCheckTests.edit(site, "site.yml", [("reviewIntervalMonths: 12\n", "reviewIntervalMonths: 12\nprocessingNotes: proc_notes_2019.txt\n")])
        #expect(site.build(codeSet: DefaultContentCheckTests.release2019.path).lines == [
            "Content/proc_notes_2019.txt:1:1: error: CMS processing notes file does not exist or cannot be read [processing-notes-unreadable]",
        ])
    }
}
