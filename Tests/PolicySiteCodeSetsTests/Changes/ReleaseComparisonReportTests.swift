import Foundation
import Testing
import PolicySiteCore
@testable import PolicySiteCodeSets

/// The text and JSON reports `policysite changes` prints, and reading the two files.
@Suite struct ReleaseComparisonReportTests {
    typealias Synthetic = ReleaseComparisonSyntheticTests

    /// Three codes and a modifier: a descriptor fix under action N, an addition, a code gone
    /// without a termination date, and a modifier whose BETOS-free record changed nothing.
    static func comparison() -> ReleaseComparison {
        Synthetic.compare(
            [Synthetic.record("J7342", long: "Installation, otic, 6 mg", short: "Otic 6 mg"),
             Synthetic.record("G9976", short: "Mac exm"),
             Synthetic.record("GA", long: "Waiver", short: "Waiver", betos: nil, kind: .modifier)],
            [Synthetic.record("J7342", long: "Instillation, otic, 6 mg", short: "Otic 6 mg", line: 7106),
             Synthetic.record("G9868", long: "Receipt of new info", short: "New info", added: "2018-01-01", action: .add),
             Synthetic.record("GA", long: "Waiver", short: "Waiver", betos: nil, kind: .modifier)])
    }

    @Test func text() {
        #expect(Self.comparison().textReport() == """
            Changes from 2018 to 2019
              old: old.txt, 2 procedure codes, 1 modifier
              new: new.txt, effective 2019-01-01, 2 procedure codes, 1 modifier

              Added:                                        1
              Discontinued:                                 1
              Reinstated:                                   0
              Long descriptor changed:                      1
              Short descriptor changed:                     0
              Administrative data changed:                  0
              Added date changed (code reused):             0
              Termination date changed:                     0
              Dropped after termination:                    0
              Finding: vanished without a termination date: 1
              Finding: added already terminated:            0
              Finding: action code disagrees with the data: 1

            Added: 1
              G9868        added 2018-01-01 "New info"  [action A]

            Discontinued: 1
              G9976        no longer listed, no termination date "Mac exm"

            Long descriptor changed: 1
              J7342        "Installation, otic, 6 mg" -> "Instillation, otic, 6 mg"  [action N]

            Finding: vanished without a termination date: 1
              G9976        in use in the older release, not listed in the newer one, no termination date "Mac exm"

            Finding: action code disagrees with the data: 1
              J7342        action code N but the data shows long descriptor changed (expected C or B)  [action N]

            """)
    }

    @Test func json() throws {
        let json = Self.comparison().jsonReport()
        // Valid JSON with the documented keys; absent values are null, not missing.
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(root.keys) == ["old", "new", "counts", "changes"])
        let counts = try #require(root["counts"] as? [String: Int])
        #expect(counts.count == CodeChangeKind.allCases.count)
        #expect(counts["vanishedWithoutTermination"] == 1)
        let changes = try #require(root["changes"] as? [[String: Any]])
        #expect(changes.map { $0["code"] as? String } == ["G9868", "G9976", "J7342"])
        for change in changes {
            #expect(Set(change.keys) == ["code", "recordKind", "kinds", "actionCode", "expectedActionCodes", "old", "new", "administrativeChanges"])
        }
        #expect(changes[1]["new"] is NSNull)
        #expect(changes[1]["actionCode"] is NSNull)
        // Keys sorted (JSONEncoder's `.sortedKeys`), so the output is stable from run to run.
        #expect(json.hasPrefix("""
            {
              "changes" : [
                {
                  "actionCode" : "A",
            """))
        #expect(json.contains("""
                  "code" : "J7342",
                  "expectedActionCodes" : [
                    "C",
                    "B"
                  ],
                  "kinds" : [
                    "longDescriptorChanged",
                    "actionCodeDisagrees"
                  ],
            """))
        #expect(json.hasSuffix("""
              "old" : {
                "effectiveDate" : null,
                "file" : "old.txt",
                "label" : "2018",
                "modifiers" : 1,
                "procedureCodes" : 2
              }
            }

            """))
    }

    @Test func jsonEscapesText() {
        let comparison = Synthetic.compare([], [Synthetic.record("G0001", long: "Quote \" back\\slash\ttab", short: "Café", action: .add)])
        let json = comparison.jsonReport()
        #expect(json.contains(#""longDescriptor" : "Quote \" back\\slash\ttab""#))
        #expect(json.contains(#""shortDescriptor" : "Café""#))
    }

    // MARK: - Reading the files

    @Test func unreadableAndEmptyFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("policysite-changes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.txt").path
        try Data("***Disclaimers\n\n".utf8).write(to: URL(fileURLWithPath: empty))
        let missing = folder.appendingPathComponent("missing.txt").path

        let (comparison, diagnostics) = ReleaseComparison.read(oldPath: missing, newPath: empty)
        #expect(comparison == nil)
        #expect(diagnostics == [
            .error("release-unreadable", "CMS release file does not exist", at: SourceLocation(file: missing)),
            .error("release-empty", "empty.txt holds no HCPCS records (record id 3 or 7 in column 11); is it the fixed-width ANWEB file?", at: SourceLocation(file: empty)),
        ])
    }

    @Test func realFilesWithWarningsStillCompare() throws {
        let old = CMSReleaseFiles.folder + "/" + CMSReleaseFiles.release2018
        let new = CMSReleaseFiles.folder + "/" + CMSReleaseFiles.release2019
        let (comparison, diagnostics) = ReleaseComparison.read(oldPath: old, newPath: new)
        try #require(comparison != nil, "the release files are in \(CMSReleaseFiles.folder)")
        // The five shifted ASC fields of 2018: two warnings each.
        #expect(diagnostics.count == 10)
        #expect(!diagnostics.containsErrors)
        #expect(comparison?.count(of: .added) == 228)
    }

    /// 2019 given as OLD and 2018 as NEW once reported "Reinstated 33" and 455 action-code
    /// disagreements without a word; now nothing is compared and one error says to swap them.
    @Test func filesGivenTheWrongWayRoundAreRefused() throws {
        let old = CMSReleaseFiles.folder + "/" + CMSReleaseFiles.release2019
        let new = CMSReleaseFiles.folder + "/" + CMSReleaseFiles.release2018
        _ = try CMSReleaseFiles.release(CMSReleaseFiles.release2018)
        #expect(try CMSReleaseFiles.release(CMSReleaseFiles.release2019).latestDate?.description == "2019-01-01")
        #expect(try CMSReleaseFiles.release(CMSReleaseFiles.release2018).latestDate?.description == "2018-07-01")
        let (comparison, diagnostics) = ReleaseComparison.read(oldPath: old, newPath: new)
        #expect(comparison == nil)
        #expect(diagnostics.filter { $0.severity == .error } == [
            .error("release-order", "this file is the newer release (its latest date is 2019-01-01; \(new)'s is 2018-07-01); give the older release first: changes \(new) \(old)", at: SourceLocation(file: old)),
        ])
    }
}
