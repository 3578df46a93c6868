import Testing
@testable import PolicySite

/// The publication record's digests, held as 32 bytes and written as hex.
@Suite struct SHA256DigestTests {
    /// FIPS 180-2's examples: "abc" and the empty message.
    static let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    static let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    @Test func aDigestIsWrittenAsSixtyFourLowercaseHexDigits() {
        #expect(FileDigest.sha256(Array("abc".utf8)).hex == Self.abc)
        #expect(FileDigest.sha256([UInt8]()).hex == Self.empty)
        #expect("\(FileDigest.sha256(Array("abc".utf8)))" == Self.abc)
        var bytes = Array("x".utf8)
        FileDigest.sha256(Array("abc".utf8)).appendHex(to: &bytes)
        #expect(bytes == Array(("x" + Self.abc).utf8))
        #expect(MemoryLayout<SHA256Digest>.size == 32)
    }

    @Test func hexReadsBackToTheSameDigestInEitherCase() {
        let digest = FileDigest.sha256(Array("abc".utf8))
        #expect(SHA256Digest(hex: Self.abc) == digest)
        #expect(SHA256Digest(hex: Self.abc.uppercased()) == digest)
        #expect(SHA256Digest(hex: Self.empty) == FileDigest.sha256([UInt8]()))
        #expect(SHA256Digest(hex: Self.empty) != digest)
    }

    @Test func textThatIsNotSixtyFourHexDigitsIsNoDigest() {
        #expect(SHA256Digest(hex: "") == nil)
        #expect(SHA256Digest(hex: "aa") == nil)
        #expect(SHA256Digest(hex: String(Self.abc.dropLast())) == nil)
        #expect(SHA256Digest(hex: Self.abc + "0") == nil)
        #expect(SHA256Digest(hex: String(Self.abc.dropLast()) + "g") == nil)
        #expect(SHA256Digest(hex: " " + String(Self.abc.dropFirst())) == nil)
    }

    /// A manifest whose digest is not one is not a manifest `verify` can trust.
    @Test func aManifestWithAMalformedDigestDoesNotParse() throws {
        let manifest = BuildManifest(
            revision: nil, asOf: "2019-01-01", codeSet: "x", inputs: [],
            outputs: [BuildManifest.File(path: "index.html", size: 3, sha256: FileDigest.sha256(Array("abc".utf8)))], kept: [])
        let text = String(decoding: manifest.json(), as: UTF8.self)
        #expect(text.contains("{\"path\": \"index.html\", \"size\": 3, \"sha256\": \"\(Self.abc)\"}"))
        #expect(BuildManifest.parse(manifest.json()) == manifest)
        let broken = text.replacingOccurrences(of: Self.abc, with: "aa")
        #expect(BuildManifest.parse(Array(broken.utf8)) == nil)
    }
}
