import Testing
@testable import PolicySite

/// `BuildManifest.writeJSON(recordPage:to:)`: the record page's entry, known only once the page
/// is written on another thread, is merged into the outputs at its place in path order.
@Suite struct BuildManifestTests {
    static func file(_ path: String, _ size: Int) -> BuildManifest.File {
        BuildManifest.File(path: path, size: size, sha256: FileDigest.sha256(Array(path.utf8)))
    }

    static func manifest(_ outputs: [BuildManifest.File]) -> BuildManifest {
        BuildManifest(generator: "PolicySite test", revision: nil, asOf: "2019-01-01", codeSet: "r", inputs: [], outputs: outputs, kept: [])
    }

    /// The JSON written with the page's entry asked for, the text handed on before it was
    /// asked for, and how many times it was asked for.
    static func written(_ manifest: BuildManifest, page: BuildManifest.File?) -> (json: String, before: String, calls: Int) {
        var bytes: [UInt8] = []
        var before = "", calls = 0
        manifest.writeJSON(recordPage: {
            calls += 1
            before = String(decoding: bytes, as: UTF8.self)
            return page
        }, to: { bytes += $0 })
        return (String(decoding: bytes, as: UTF8.self), before, calls)
    }

    @Test func thePageIsMergedAtItsPlaceAndAskedForOnceItsPlaceIsReached() throws {
        // Enough code pages before the page's place that some were handed on (in parts of
        // about 64 KB) before it was asked for.
        let codes = (1000..<3000).map { Self.file("codes/G\($0)/index.html", $0) }
        let outputs = codes + [Self.file("index.html", 20), Self.file("search/index.html", 30)]
        let page = Self.file(BuildManifest.pagePath, 40)
        let result = Self.written(Self.manifest(outputs), page: page)
        #expect(result.json == String(decoding: Self.manifest(outputs + [page]).json(), as: UTF8.self))
        #expect(result.calls == 1)
        // Files before the page's place were on their way; the one after it was not.
        #expect(result.before.contains("\"codes/G1000/index.html\""))
        #expect(!result.before.contains("search/index.html"))
    }

    @Test func thePageReplacesAnEntryOfItsPathAndGoesLastWhenNothingFollowsIt() throws {
        let page = Self.file(BuildManifest.pagePath, 40)
        let replaced = Self.written(Self.manifest([Self.file("index.html", 20), Self.file(BuildManifest.pagePath, 5)]), page: page)
        #expect(replaced.json == String(decoding: Self.manifest([Self.file("index.html", 20), page]).json(), as: UTF8.self))
        let last = Self.written(Self.manifest([Self.file("index.html", 20)]), page: page)
        #expect(last.json == String(decoding: Self.manifest([Self.file("index.html", 20), page]).json(), as: UTF8.self))
        #expect(last.calls == 1)
    }

    @Test func noPageLeavesTheOutputsAsTheyAre() throws {
        let outputs = [Self.file("index.html", 20), Self.file(BuildManifest.pagePath, 5), Self.file("search/index.html", 30)]
        let result = Self.written(Self.manifest(outputs), page: nil)
        #expect(result.json == String(decoding: Self.manifest(outputs).json(), as: UTF8.self))
        #expect(result.calls == 1)
        let empty = Self.written(Self.manifest([]), page: nil)
        #expect(empty.json == String(decoding: Self.manifest([]).json(), as: UTF8.self))
    }
}
