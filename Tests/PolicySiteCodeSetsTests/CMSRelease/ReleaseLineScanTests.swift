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
}
