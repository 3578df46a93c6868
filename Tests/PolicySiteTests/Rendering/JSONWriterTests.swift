import Foundation
import Testing
@testable import PolicySite
import PolicySiteCore

/// `JSONWriter` handing its bytes on in parts (as `codes/index.json` is written) gives the
/// same bytes as writing the whole text at once.
@Suite struct JSONWriterTests {
    /// A list like `codes/index.json`, its rows handed on as they are written when `write` is
    /// given, or kept whole.
    func list(_ count: Int, parts write: ((ArraySlice<UInt8>) -> Void)?) -> [UInt8] {
        var json = JSONWriter()
        json.object { json in
            json.field("asOf", "2019-01-01")
            json.field("codes", array: 0..<count) { json, number in
                json.object { json in
                    json.field("code", "G\(10000 + number)")
                    json.field("longDescriptor", "Row \"\(number)\"")
                    json.field("hasGuidance", number % 3 == 0)
                }
                if let write { json.handOn(to: write) }
            }
        }
        json.endLine()
        if let write { json.handOn(last: true, to: write) }
        return json.bytes
    }

    @Test func partsMakeTheWholeText() {
        let whole = list(5000, parts: nil)
        var parts: [[UInt8]] = []
        let left = list(5000, parts: { parts.append(Array($0)) })
        #expect(left == [])
        #expect(parts.joined().elementsEqual(whole))
        #expect(whole.count == 347_255)
        // Every part but the last holds at least `FileParts.size` bytes, and no more than one
        // row past it.
        #expect(parts.count == 6)
        #expect(parts.dropLast().allSatisfy { $0.count >= FileParts.size && $0.count < FileParts.size + 100 })
    }

    /// A value written in parts is the joined text, each part escaped.
    @Test func joinedValuesAreEscapedPartByPart() {
        var json = JSONWriter()
        json.object { json in
            json.field("url", joining: "codes/G9328/index.html", "#", "payer-\"a\"")
            json.field("changes", array: ["2019"]) { json, label in json.value(joining: "changes/", label, "/index.html#\n") }
            json.field("empty", joining: "", "", "")
        }
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"url":"codes/G9328/index.html#payer-\"a\"","changes":["changes/2019/index.html#\n"],"empty":""}"#)
    }

    /// The writer's buffer grows as it must, in the middle of a key or of an escaped value,
    /// and every kind of value comes out as `JSONText` writes it.
    @Test func fieldsWrittenOnceAreCopiedWithTheCommaOwed() {
        var payer = JSONWriter()
        payer.field("payer", "medicare")
        payer.field("name", "Medicare \"Part B\"")
        let fields = payer.bytes
        var json = JSONWriter()
        json.field("notes", array: 0..<2) { json, index in
            json.object { json in
                if index == 1 { json.field("first", true) }
                json.fields(fields)
                json.field("state", "note")
            }
        }
        #expect(String(decoding: json.bytes, as: UTF8.self) == #""notes":[{"payer":"medicare","name":"Medicare \"Part B\"","state":"note"},{"first":true,"payer":"medicare","name":"Medicare \"Part B\"","state":"note"}]"#)
    }

    @Test func theBufferGrowsPastItsCapacityAndKeepsEveryByte() {
        let long = String(repeating: "note \"quoted\" a\\b\n\u{1}", count: 40)
        var json = JSONWriter(capacity: 1)
        json.object { json in
            json.field("aVeryLongKeyNameThatDoesNotFitInTheFirstSixtyFourBytesOfTheWriter", 12345)
            json.field("long", long)
            json.field("none", nil as String?)
            json.field("count", nil as Int?)
            json.field("flags", array: [true, false]) { $0.value($1) }
        }
        json.endLine()
        var expected = Array(#"{"aVeryLongKeyNameThatDoesNotFitInTheFirstSixtyFourBytesOfTheWriter":12345,"long":"#.utf8)
        JSONText.append(long, to: &expected)
        expected += Array(#","none":null,"count":null,"flags":[true,false]}"#.utf8) + [0x0A]
        #expect(json.bytes == expected)
        #expect(json.bytes.count == 1252)
    }

    @Test func smallTextIsOnePart() {
        var parts: [[UInt8]] = []
        _ = list(2, parts: { parts.append(Array($0)) })
        #expect(parts == [Array(#"{"asOf":"2019-01-01","codes":[{"code":"G10000","longDescriptor":"Row \"0\"","hasGuidance":true},{"code":"G10001","longDescriptor":"Row \"1\"","hasGuidance":false}]}"#.utf8) + [0x0A]])
    }
}

/// A page written as it is made (`PageSink.stream`, for `codes/index.json`) is held to the
/// page limit as a whole page is.
@Suite struct StreamedPageTests {
    /// Hands on `parts` parts of 1,000 bytes; counts how many times it ran.
    final class Maker: @unchecked Sendable {
        var runs = 0
        func make(parts: Int, _ write: (ArraySlice<UInt8>) throws -> Void) throws {
            runs += 1
            for _ in 0..<parts { try write(ArraySlice(repeating: UInt8(ascii: " "), count: 1000)) }
        }
    }

    @Test func overTheLimitIsAnErrorAndNotWritten() {
        let sink = PageSink(staging: nil, spill: nil, outputDisplay: "Site", maxPageBytes: 2048)
        let maker = Maker()
        let (byteCount, findings) = sink.stream("codes/index.json") { try maker.make(parts: 3, $0) }
        #expect(byteCount == 3000)
        #expect(findings.map(\.description) == ["Site/codes/index.json:1:1: error: page would be 2 KB, over the limit of 2 KB; it is not written [page-too-large]"])
        // Without a staging folder (`check`): counted only.
        #expect(maker.runs == 1)
    }

    /// With a staging folder the page is made once: written whole under the limit; over it,
    /// written only up to the limit, counted to the end and reported with its whole size (the
    /// build then abandons the staging folder: the finding is an error).
    @Test func withAStagingFolderThePageIsMadeOnce() throws {
        let root = try PortableFileSystemTests.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = SiteWriter(outputPath: root.appendingPathComponent("Site").path, displayPath: "Site", protectedPaths: [])
        let staging = try writer.begin()
        defer { staging.abandon() }
        let sink = PageSink(staging: staging, spill: nil, outputDisplay: "Site", maxPageBytes: 2048)
        let fits = Maker()
        let (written, none) = sink.stream("codes/index.json") { try fits.make(parts: 2, $0) }
        #expect(written == 2000)
        #expect(none.isEmpty)
        #expect(fits.runs == 1)
        #expect(staging.read("codes/index.json") == Array(repeating: UInt8(ascii: " "), count: 2000))
        let tooBig = Maker()
        let (byteCount, findings) = sink.stream("data/big.json") { try tooBig.make(parts: 4, $0) }
        #expect(byteCount == 4000)
        #expect(findings.map(\.description) == ["Site/data/big.json:1:1: error: page would be 3 KB, over the limit of 2 KB; it is not written [page-too-large]"])
        #expect(tooBig.runs == 1)
        #expect(staging.read("data/big.json") == Array(repeating: UInt8(ascii: " "), count: 2000))
    }

    @Test func underTheLimitWithoutAStagingFolderIsCountedOnly() {
        let sink = PageSink(staging: nil, spill: nil, outputDisplay: "Site", maxPageBytes: 2048)
        let maker = Maker()
        let (byteCount, findings) = sink.stream("codes/index.json") { try maker.make(parts: 2, $0) }
        #expect(byteCount == 2000)
        #expect(findings.isEmpty)
        // Without a staging folder (`check`) nothing is written: counted only.
        #expect(maker.runs == 1)
    }
}
