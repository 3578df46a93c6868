import Foundation
import PolicySiteCore

/// The inputs of a build as the manifest records them: every file of the content folder (as
/// the loader lists them), every file of the templates folder, and each code-set or release
/// file, with its size and SHA-256.
enum BuildRecord {
    /// - Parameters:
    ///   - content: What the build loaded. Its files are recorded with the size and SHA-256 of
    ///     the bytes the loader read (the ones the site was built from), and only the files it
    ///     did not read (static files) are read here. Nil: the content folder is walked and
    ///     every file read again.
    static func inputs(_ request: BuildRequest, releases: [ReleaseInput], content: SiteContent? = nil) -> (inputs: [BuildManifest.Input], diagnostics: [Diagnostic]) {
        var inputs: [BuildManifest.Input] = []
        var diagnostics: [Diagnostic] = []
        // A site of a hundred thousand pages has as many content files: hashed on all cores,
        // each straight into its manifest entry, so no second list of every file is held.
        func record(_ role: String, _ files: [(path: String, file: String, display: String, fingerprint: ContentFingerprint?)]) {
            let entries = files.parallelMap { entry -> BuildManifest.Input? in
                if let known = entry.fingerprint {
                    return BuildManifest.Input(role: role, path: entry.path, size: known.count, sha256: known.sha256)
                }
                return FileDigest.sha256(file: entry.file).map { BuildManifest.Input(role: role, path: entry.path, size: $0.size, sha256: $0.sha256) }
            }
            for (entry, input) in zip(files, entries) {
                guard let input else {
                    diagnostics.append(.warning("content-unreadable", "file could not be read again to record its SHA-256; the manifest does not list it", at: SourceLocation(file: entry.display)))
                    continue
                }
                inputs.append(input)
            }
        }
        let contentDisplay = request.contentDisplayPath ?? request.contentPath
        if let content {
            record("content", contentFiles(content, displayRoot: contentDisplay))
        } else {
            record("content", walked(root: request.contentPath, displayRoot: contentDisplay))
        }
        record("templates", walked(root: request.templatesPath, displayRoot: request.templatesDisplayPath ?? request.templatesPath))
        record("code-set", releases.map { ($0.displayPath, $0.path, $0.displayPath, nil) })
        return (inputs, diagnostics)
    }

    /// Every file below `root`, as the loader lists them, to be read and hashed.
    static func walked(root: String, displayRoot: String) -> [(path: String, file: String, display: String, fingerprint: ContentFingerprint?)] {
        ContentWalker.walk(root: root, displayRoot: displayRoot).files.map { ($0.segments.joined(separator: "/"), $0.absolutePath, $0.displayPath, nil) }
    }

    /// The loaded guidance pages and the content's other files, merged in the walk's order
    /// (bytewise by display path; both lists are in it already), each path below the content
    /// folder as the walk names it.
    static func contentFiles(_ content: SiteContent, displayRoot: String) -> [(path: String, file: String, display: String, fingerprint: ContentFingerprint?)] {
        let prefixLength = displayRoot.utf8.count + 1
        func entry(_ display: String, _ file: String, _ fingerprint: ContentFingerprint?) -> (path: String, file: String, display: String, fingerprint: ContentFingerprint?) {
            (String(decoding: display.utf8.dropFirst(prefixLength), as: UTF8.self), file, display, fingerprint)
        }
        let guidance = content.guidance, others = content.otherFiles
        var result: [(path: String, file: String, display: String, fingerprint: ContentFingerprint?)] = []
        result.reserveCapacity(guidance.count + others.count)
        var g = 0, o = 0
        while g < guidance.count || o < others.count {
            if o == others.count || (g < guidance.count && guidance[g].file.precedesBytewise(others[o].displayPath)) {
                result.append(entry(guidance[g].file, guidance[g].absolutePath, guidance[g].fingerprint))
                g += 1
            } else {
                result.append(entry(others[o].displayPath, others[o].absolutePath, others[o].fingerprint))
                o += 1
            }
        }
        return result
    }
}
