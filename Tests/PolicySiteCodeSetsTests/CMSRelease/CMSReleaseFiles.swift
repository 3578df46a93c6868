import Foundation
import Testing
import PolicySiteCore
@testable import PolicySiteCodeSets

/// Both Testing and PolicySiteCore declare `SourceLocation`; in these tests it means the file position.
typealias SourceLocation = PolicySiteCore.SourceLocation

/// The real CMS release files, read from `../shared/hcpcs/` beside the repository (never copied
/// into it). Each file is parsed once per test run and shared by the tests.
enum CMSReleaseFiles {
    static let release2017 = "HCPC17_CONTR_ANWEB.txt"
    static let release2018 = "HCPC2018_CONTR_ANWEB_disc.txt"
    static let release2019 = "HCPC2019_CONTR_ANWEB.txt"

    /// `<repo>/../shared/hcpcs`, found from this file's path (`<repo>/Tests/PolicySiteCodeSetsTests/CMSRelease/`).
    static let folder: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/hcpcs").standardized.path

    private static let parsed: [String: HCPCSRelease] = {
        var releases: [String: HCPCSRelease] = [:]
        for name in [release2017, release2018, release2019] {
            let path = folder + "/" + name
            if FileManager.default.fileExists(atPath: path) {
                releases[name] = HCPCSReleaseReader.read(path: path, displayPath: name)
            }
        }
        return releases
    }()

    /// The parsed release, diagnostics located at the bare file name. Fails the calling test,
    /// saying where the file was looked for, when the shared data is missing.
    static func release(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> HCPCSRelease {
        try #require(
            parsed[name],
            "CMS release file \(name) not found in \(folder): these tests need the real files in ../shared/hcpcs/ next to the repository",
            sourceLocation: sourceLocation)
    }
}
