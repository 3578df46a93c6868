import Testing
@testable import PolicySite
@testable import PolicySiteCodeSets
import PolicySiteCore

/// The newest release's records found by code through their sorted codes.
@Suite struct ReleaseRecordsTests {
    static func record(_ code: String, line: Int) -> HCPCSRecord {
        HCPCSRecord(code: code, recordKind: .procedure, longDescriptor: "\(code) at line \(line)", location: SourceLocation(file: "release.txt", line: line))
    }

    @Test func aCodeFindsItsRecordAndOfTwoTheLater() {
        // File order is not code order; G0008 is listed twice; A0021 is a prefix of none.
        let records = ReleaseRecords([
            Self.record("G9328", line: 1), Self.record("00100", line: 2), Self.record("G0008", line: 3),
            Self.record("A0021", line: 4), Self.record("G0008", line: 5), Self.record("0001U", line: 6),
        ])
        #expect(records["G9328"]?.location.line == 1)
        #expect(records["00100"]?.location.line == 2)
        #expect(records["0001U"]?.location.line == 6)
        #expect(records["A0021"]?.longDescriptor == "A0021 at line 4")
        #expect(records["G0008"]?.location.line == 5)
        for absent in ["", "0", "00099", "G000", "G00080", "G9329", "Z9999", "g9328"] {
            #expect(records[absent] == nil, "\(absent)")
        }
        #expect(ReleaseRecords()["G9328"] == nil)
    }

    @Test func codesLongerThanEightBytesOrWithAZeroByteAreFoundByTheirText() {
        // Any code without a number of its own sends every search to the codes' text;
        // "G0008\u{0}" and "G0008" would share one.
        for odd in ["G0008ABCD", "G0008\u{0}"] {
            let records = ReleaseRecords([
                Self.record("G9328", line: 1), Self.record(odd, line: 2), Self.record("G0008", line: 3),
                Self.record("G0008", line: 4), Self.record("A0021", line: 5),
            ])
            #expect(records[odd]?.location.line == 2)
            #expect(records["G0008"]?.location.line == 4)
            #expect(records["G9328"]?.location.line == 1)
            #expect(records["A0021"]?.location.line == 5)
            for absent in ["", "G000", "G0008A", "G0008ABC", "G0008ABCDE", "G9329"] {
                #expect(records[absent] == nil, "\(absent)")
            }
        }
        // Eight bytes exactly still have a number; a ninth or a zero byte in a search finds nothing.
        let records = ReleaseRecords([Self.record("ABCDEFGH", line: 1), Self.record("ABCDEFG", line: 2)])
        #expect(records["ABCDEFGH"]?.location.line == 1)
        #expect(records["ABCDEFG"]?.location.line == 2)
        #expect(records["ABCDEFGHI"] == nil)
        #expect(records["ABCDEFG\u{0}"] == nil)
    }

    @Test func aRecordIsReadInPlaceOrIsAbsent() {
        let records = ReleaseRecords([Self.record("G0008", line: 3), Self.record("A0021", line: 4), Self.record("G0008", line: 5)])
        #expect(records.withRecord(of: "G0008") { $0.location.line } == 5)
        #expect(records.withRecord(of: "A0021") { $0.longDescriptor } == "A0021 at line 4")
        #expect(records.withRecord(of: "G0009") { $0.location.line } == nil)
        #expect(records.contains(code: "A0021"))
        #expect(!records.contains(code: "A002"))
        #expect(!ReleaseRecords().contains(code: "A0021"))
    }

    @Test func aRecordIsLentByPointerOrTheBodyIsToldThereIsNone() {
        let records = ReleaseRecords([Self.record("G0008", line: 3), Self.record("A0021", line: 4), Self.record("G0008", line: 5)])
        #expect(records.withRecordIfAny(of: "G0008") { $0?.pointee.location.line } == 5)
        #expect(records.withRecordIfAny(of: "A0021") { $0?.pointee.longDescriptor } == "A0021 at line 4")
        #expect(records.withRecordIfAny(of: "G0009") { $0 == nil })
        #expect(ReleaseRecords().withRecordIfAny(of: "G0008") { $0 == nil })
    }
}
