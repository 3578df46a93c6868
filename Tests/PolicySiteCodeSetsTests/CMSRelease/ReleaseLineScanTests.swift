import Testing
import PolicySiteCore
@testable import PolicySiteCodeSets

/// The byte-level pieces of reading a release: where a line ends, a `YYYYMMDD` day read from a
/// field's bytes, and a code whose first line is repeated more than once.
@Suite struct ReleaseLineScanTests {
    @Test func lineEndsAreTheNextLineFeedOrTheEndOfTheBytes() {
        let bytes: [UInt8] = Array("ab\n\ncd\r\nef".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(ReleaseLine.end(in: buffer, from: 0) == 2)
            #expect(ReleaseLine.end(in: buffer, from: 2) == 2)
            #expect(ReleaseLine.end(in: buffer, from: 3) == 3)
            #expect(ReleaseLine.end(in: buffer, from: 4) == 7)
            #expect(ReleaseLine.end(in: buffer, from: 8) == 10)
            #expect(ReleaseLine.end(in: buffer, from: 10) == 10)
        }
        [UInt8]().withUnsafeBufferPointer { #expect(ReleaseLine.end(in: $0, from: 0) == 0) }
    }

    @Test func latin1TextIsASCIIOrEachByteItsOwnScalar() {
        func latin1(_ bytes: [UInt8]) -> String {
            bytes.withUnsafeBufferPointer { ReleaseLine.latin1($0[...]) }
        }
        func isASCII(_ bytes: [UInt8], from start: Int = 0) -> Bool {
            bytes.withUnsafeBufferPointer { ReleaseLine.isASCII($0[start...]) }
        }
        let long = Array("Dicom format image data availability not documented".utf8)
        #expect(latin1(long) == "Dicom format image data availability not documented")
        #expect(latin1(Array("Caf".utf8) + [0xE9]) == "Caf\u{E9}")
        // 0xC3 0xA9 is "é" in UTF-8, but two Latin-1 characters.
        #expect(latin1(Array("Caf".utf8) + [0xC3, 0xA9]) == "Caf\u{C3}\u{A9}")
        #expect(latin1(long + [0xA0]) == "Dicom format image data availability not documented\u{A0}")
        #expect(latin1([]) == "")
        #expect(isASCII(long))
        #expect(!isASCII(long + [0xA0]))
        #expect(!isASCII([0xA0] + long))
        #expect(!isASCII(Array(long[0..<9]) + [0x80] + Array(long[9...])))
        #expect(isASCII([0xA0] + long, from: 1))
    }

    @Test func aDayIsEightDigitsOfARealDate() {
        func day(_ text: String) -> CalendarDate? {
            Array(text.utf8).withUnsafeBufferPointer { ReleaseParser.day($0[...]) }
        }
        #expect(day("20190101") == CalendarDate(year: 2019, month: 1, day: 1))
        #expect(day("20000229") == CalendarDate(year: 2000, month: 2, day: 29))
        #expect(day("99991231") == CalendarDate(year: 9999, month: 12, day: 31))
        #expect(day("20190229") == nil)
        #expect(day("20151301") == nil)
        #expect(day("00000101") == nil)
        #expect(day("2019010") == nil)
        #expect(day("201901011") == nil)
        #expect(day("2019-1-1") == nil)
        #expect(day("2019 101") == nil)
    }

    @Test func everyRepeatOfAFirstLineNamesTheFirstOne() throws {
        func first(_ description: String) -> [UInt8] {
            var bytes = [UInt8](repeating: UInt8(ascii: " "), count: 320)
            for (offset, byte) in "G000100100".utf8.enumerated() { bytes[offset] = byte }
            bytes[10] = UInt8(ascii: "3")
            for (offset, byte) in description.utf8.enumerated() { bytes[11 + offset] = byte }
            return bytes + [0x0A]
        }
        let release = HCPCSReleaseReader.parse(first("One") + first("Two") + first("Three"), file: "r.txt")
        #expect(release.procedureCodes.map(\.longDescriptor) == ["One"])
        #expect(release.diagnostics == [
            .error("release-duplicate-record", "G0001 already has a first line (record id 3) at line 1; this record is ignored", at: SourceLocation(file: "r.txt", line: 2, column: 1)),
            .error("release-duplicate-record", "G0001 already has a first line (record id 3) at line 1; this record is ignored", at: SourceLocation(file: "r.txt", line: 3, column: 1)),
        ])
    }
}
