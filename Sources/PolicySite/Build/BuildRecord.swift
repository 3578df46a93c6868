import Foundation
import PolicySiteCore

/// The inputs of a build as the manifest records them: every file of the content folder (as
/// the loader lists them), every file of the templates folder, and each code-set or release
/// file, with its size and SHA-256.
enum BuildRecord {
    static func inputs(_ request: BuildRequest, releases: [ReleaseInput]) -> (inputs: [BuildManifest.Input], diagnostics: [Diagnostic]) {
        var inputs: [BuildManifest.Input] = []
        var diagnostics: [Diagnostic] = []
        // A site of a hundred thousand pages has as many content files: hashed on all cores,
        // each straight into its manifest entry, so no second list of every file is held.
        func record(_ role: String, _ files: [(path: String, file: String, display: String)]) {
            let entries = files.parallelMap { entry -> BuildManifest.Input? in
                FileDigest.sha256(file: entry.file).map { BuildManifest.Input(role: role, path: entry.path, size: $0.size, sha256: $0.sha256) }
            }
            for (entry, input) in zip(files, entries) {
                guard let input else {
                    diagnostics.append(.warning("content-unreadable", "file could not be read again to record its SHA-256; the manifest does not list it", at: SourceLocation(file: entry.display)))
                    continue
                }
                inputs.append(input)
            }
        }
        for (role, root, display) in [
            ("content", request.contentPath, request.contentDisplayPath ?? request.contentPath),
            ("templates", request.templatesPath, request.templatesDisplayPath ?? request.templatesPath),
        ] {
            record(role, ContentWalker.walk(root: root, displayRoot: display).files.map { ($0.segments.joined(separator: "/"), $0.absolutePath, $0.displayPath) })
        }
        record("code-set", releases.map { ($0.displayPath, $0.path, $0.displayPath) })
        return (inputs, diagnostics)
    }
}
