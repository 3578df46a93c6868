import Foundation
@testable import PolicySite
import PolicySiteCore
import Synchronization
import Testing

/// The repository root, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `../shared` beside the repository: CMS release files and the CommonMark spec.
let sharedRoot: URL = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")

/// Where tests write: `POLICYSITE_TEST_SCRATCH` when set, else the RAM-backed `/dev/shm` when
/// it is a writable folder, else the system's temporary folder. A run writes and removes tens of
/// thousands of files (the 2019 release site is 13,000); on this project's disks removing them
/// took minutes (`rm -rf` of one 2019 site: 55 s on `/tmp`, 0.4 s on `/dev/shm`).
let scratchFolder: URL = {
    if let chosen = ProcessInfo.processInfo.environment["POLICYSITE_TEST_SCRATCH"], !chosen.isEmpty { return URL(fileURLWithPath: chosen) }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isFolder), isFolder.boolValue, access("/dev/shm", W_OK) == 0 {
        return URL(fileURLWithPath: "/dev/shm")
    }
    return FileManager.default.temporaryDirectory
}()

/// The folder every fixture site of this test process lives in, removed when the process exits:
/// sites kept in a `static let` for a whole suite are never deinitialised, and would otherwise
/// stay in the scratch folder (about 110 MB a run). Every other file a test writes goes below
/// it too (`scratch(_:)`).
let fixtureRoot: URL = {
    let url = scratchFolder.appendingPathComponent("policysite-tests-\(getpid())-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: fixtureRoot) }
    return url
}()

/// A new empty folder below `fixtureRoot` named `prefix-UUID`, for a test's own files.
func scratch(_ prefix: String) throws -> URL {
    let url = fixtureRoot.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A site in a fresh temporary folder: `Content/` (written from strings or bytes), the
/// repository's `Templates/` (copied, so a test may break them), and an output folder `Site/`.
/// Messages name the folders `Content`, `Templates` and `Site`, as a user's build would.
final class FixtureSite: Sendable {  // tests share built sites read-only
    let root: URL
    var content: URL { root.appendingPathComponent("Content") }
    var templates: URL { root.appendingPathComponent("Templates") }
    var output: URL { root.appendingPathComponent("Site") }

    /// A minimal valid site: `site.yml`, codes G9328 and G9329, modifiers 26 and TC, the five
    /// payers. `files` adds or replaces files (paths relative to `Content/`). `root` places the
    /// site in a given folder instead of a fresh one below `fixtureRoot`.
    init(files: [String: String] = [:], bytes: [String: [UInt8]] = [:], base: Bool = true, root: URL? = nil) throws {
        self.root = root ?? fixtureRoot.appendingPathComponent("site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: templates)
        var all = base ? FixtureSite.baseFiles : [:]
        for (path, text) in files { all[path] = text }
        for (path, text) in all { try write(path, Array(text.utf8)) }
        for (path, data) in bytes { try write(path, data) }
    }

    /// A copy of the repository's own `Content/`.
    init(copyingRepositoryContent: Void) throws {
        root = fixtureRoot.appendingPathComponent("site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Content"), to: content)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: templates)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ data: [UInt8]) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(data).write(to: url)
    }

    func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }

    func request(codeSet: String? = nil, revision: String? = nil) -> BuildRequest {
        var request = BuildRequest(contentPath: content.path, templatesPath: templates.path, outputPath: output.path, codeSetPath: codeSet, revision: revision)
        request.contentDisplayPath = "Content"
        request.templatesDisplayPath = "Templates"
        request.outputDisplayPath = "Site"
        request.releaseCache = FixtureSite.releaseCache
        return request
    }

    /// One cache of parsed CMS releases for every fixture build of the process, as `serve`
    /// keeps one: the 2019 release is parsed once, not once per test. An entry is used only
    /// for the same bytes and display path, so a cached build is the build a cold one is.
    static let releaseCache = ReleaseCache()

    @discardableResult
    func build(codeSet: String? = nil, revision: String? = nil) -> BuildReport {
        SiteBuilder.build(request(codeSet: codeSet, revision: revision))
    }

    func check() -> BuildReport { SiteBuilder.build(request(), write: false) }

    /// A built file's text.
    func page(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every file below `Site/`, as paths relative to it, none of them read (`snapshot` reads
    /// them all: 58 MB for the 2019 release site).
    func filePaths() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: output.path) else { return [] }
        var result: [String] = []
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: output.appendingPathComponent(relative).path, isDirectory: &isFolder), !isFolder.boolValue {
                result.append(relative)
            }
        }
        return result
    }

    /// Every file below `Site/`, path to bytes.
    func snapshot() -> [String: Data] {
        var result: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: output.path) else { return result }
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            let path = output.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                result[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return result
    }

    static let guidanceG9328 = """
    ---
    code: G9328
    title: DICOM availability not documented
    modifiers:
      - code: "26"
        whenToUse: Professional component only.
    lastReviewed: 2018-11-15
    historical: true
    ---
    ## Overview

    Overview text.

    ## Clinical context

    Context text.

    ## Coding specifications

    Use modifier 26 for the professional component.

    ## Payer notes

    ### Aetna

    No data available.

    ### Medicare

    Medicare note. Source: [policy](../policies/p.md).

    """

    static let baseFiles: [String: String] = [
        "site.yml": "title: Test site\nasOf: 2019-01-01\npayers: [aetna, medicare]\n",
        "data/codes.yml": """
        - code: "G9328"
          longDescriptor: "Dicom format image data availability not documented in final report due to medical reasons"
          shortDescriptor: "Medrsn no dicom format doc"
          added: 2014-01-01
          actionEffective: 2016-01-01
          terminated: 2015-12-31
          coverage: C
          betos: M5B
        - code: "G9329"
          longDescriptor: "Dicom format image data available to non-affiliated external healthcare facilities"
          shortDescriptor: "Norsn no dicom format doc"
          added: 2014-01-01
          coverage: C
          betos: M5B

        """,
        "data/modifiers.yml": """
        - code: "26"
          descriptor: "Professional component"
          level: I
        - code: "TC"
          descriptor: "Technical component"
          level: II

        """,
        "data/payers.yml": """
        - id: aetna
          name: Aetna
        - id: medicare
          name: Medicare
          aliases: [CMS]

        """,
        "codes/G9328.md": guidanceG9328,
        "policies/p.md": "---\ntitle: A policy\n---\n\nPolicy text.\n",
    ]
}

/// Built fixture sites shared by every test of the process that only reads them (pages,
/// snapshots, browser probes written beside `Site/`). A site of thousands of pages costs seconds
/// of processor time in a debug build, and several suites read the same one: each is built the
/// first time a test asks for it, then handed out as it is. Each name has a lock of its own, so
/// suites asking for one site at once build it once, and a suite asking for another site does
/// not wait for that build. The sites live below `fixtureRoot`, removed when the process exits.
/// A test that edits or rebuilds a site makes its own `FixtureSite` instead.
enum SharedSite {
    /// One named site: not built yet (`.none`), or the outcome of its one build (nil: it did not build).
    private final class Entry: Sendable {
        let site = Mutex<FixtureSite??>(nil)
    }

    private static let entries = Mutex<[String: Entry]>([:])

    /// The site called `name`, made and built by `make` the first time any test asks for it.
    /// - Returns: nil when `make` returned nil or threw (the site did not build), for every
    ///   test that asks, without building it again.
    static func named(_ name: String, _ make: () throws -> FixtureSite?) -> FixtureSite? {
        let entry = entries.withLock { entries in
            if let entry = entries[name] { return entry }
            let entry = Entry()
            entries[name] = entry
            return entry
        }
        return entry.site.withLock { built in
            if let built { return built }
            let site = (try? make()) ?? nil
            built = .some(site)
            return site
        }
    }

    /// The repository's own `Content/` and `Templates/`, built with its own data.
    static var defaultContent: FixtureSite? {
        named("default content") {
            let site = try FixtureSite(copyingRepositoryContent: ())
            return site.build().wroteSite ? site : nil
        }
    }

    /// `defaultContent`, or a failure of the calling test saying it did not build.
    static func requireDefaultContent(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> FixtureSite {
        try #require(defaultContent, "the default content did not build", sourceLocation: sourceLocation)
    }
}

extension BuildReport {
    /// The findings as printed lines, for exact comparison.
    var lines: [String] { diagnostics.map(\.description) }
    var errorLines: [String] { diagnostics.filter { $0.severity == .error }.map(\.description) }
}
