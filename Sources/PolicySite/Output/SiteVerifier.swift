import Foundation
import PolicySiteCore

/// `policysite verify`: compares a copy of a site (the output folder, or a copy fetched from
/// the web server) with its own publication record, and optionally the content, templates
/// and code-set files with the inputs the record lists. Every difference is an error at the
/// file it concerns.
public enum SiteVerifier {
    /// What to compare: the site folder, and the input folders or files to check as well.
    public struct Request: Sendable {
        var sitePath: String
        var siteDisplayPath: String
        var contentPath: String?
        var templatesPath: String?
        var codeSetPaths: [String]

        public init(sitePath: String, siteDisplayPath: String? = nil, contentPath: String? = nil, templatesPath: String? = nil, codeSetPaths: [String] = []) {
            self.sitePath = sitePath
            self.siteDisplayPath = siteDisplayPath ?? sitePath
            self.contentPath = contentPath
            self.templatesPath = templatesPath
            self.codeSetPaths = codeSetPaths
        }
    }

    /// The differences, sorted; empty when the copy is exactly what the record says.
    public static func verify(_ request: Request) -> [Diagnostic] {
        let site = request.siteDisplayPath
        let manifestLocation = SourceLocation(file: site + "/" + BuildManifest.fileName)
        guard let bytes = FileManager.default.contents(atPath: request.sitePath + "/" + BuildManifest.fileName) else {
            return [.error("verify-record-missing", "the site has no publication record (\(BuildManifest.fileName)); it was not built by this version of PolicySite, or the record was not published", at: manifestLocation)]
        }
        guard let manifest = BuildManifest.parse(Array(bytes)) else {
            return [.error("verify-record-invalid", "the publication record is not a manifest PolicySite \(PolicySiteVersion.current) reads", at: manifestLocation)]
        }
        var diagnostics = compare(
            expected: manifest.outputs + manifest.kept, actual: SiteFiles.list(request.sitePath).filter { $0 != BuildManifest.fileName },
            root: request.sitePath, display: site, what: "site file", rulePrefix: "verify-site")
        if let content = request.contentPath {
            diagnostics += compareInputs(manifest, role: "content", root: content)
        }
        if let templates = request.templatesPath {
            diagnostics += compareInputs(manifest, role: "templates", root: templates)
        }
        if !request.codeSetPaths.isEmpty {
            let recorded = manifest.inputs.filter { $0.role == "code-set" }
            for path in request.codeSetPaths {
                let name = (path as NSString).lastPathComponent
                let location = SourceLocation(file: path)
                guard let digest = FileDigest.sha256(file: path) else {
                    diagnostics.append(.error("verify-input-missing", "code-set file cannot be read", at: location))
                    continue
                }
                if let match = recorded.first(where: { ($0.path as NSString).lastPathComponent == name }) {
                    if match.sha256 != digest.sha256 {
                        diagnostics.append(.error("verify-input-changed", "code-set file differs from the one the site was built from (\(digest.size) bytes, SHA-256 \(digest.sha256); the record has \(match.size) bytes, \(match.sha256))", at: location))
                    }
                } else {
                    diagnostics.append(.error("verify-input-added", "the site was not built from a code-set file of this name (the record lists \(recorded.map(\.path).joined(separator: ", ")))", at: location))
                }
            }
        }
        return diagnostics.sorted()
    }

    private static func compareInputs(_ manifest: BuildManifest, role: String, root: String) -> [Diagnostic] {
        let listed = manifest.inputs.filter { $0.role == role }.map { BuildManifest.File(path: $0.path, size: $0.size, sha256: $0.sha256) }
        // The same walk as the build's, so the same files count as inputs.
        let files = ContentWalker.walk(root: root, displayRoot: root).files.map { $0.segments.joined(separator: "/") }
        return compare(expected: listed, actual: files, root: root, display: root, what: "\(role) file", rulePrefix: "verify-input")
    }

    /// Files listed but absent, present but not listed, and listed with other bytes.
    private static func compare(expected: [BuildManifest.File], actual: [String], root: String, display: String, what: String, rulePrefix: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let present = Set(actual)
        let listed = Dictionary(expected.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for file in expected {
            let location = SourceLocation(file: display + "/" + file.path)
            guard present.contains(file.path) else {
                diagnostics.append(.error("\(rulePrefix)-missing", "\(what) in the publication record is missing", at: location))
                continue
            }
            guard let digest = FileDigest.sha256(file: root + "/" + file.path) else {
                diagnostics.append(.error("\(rulePrefix)-changed", "\(what) cannot be read", at: location))
                continue
            }
            if digest.sha256 != file.sha256 || digest.size != file.size {
                diagnostics.append(.error("\(rulePrefix)-changed", "\(what) differs from the publication record (\(digest.size) bytes, SHA-256 \(digest.sha256); the record has \(file.size) bytes, \(file.sha256))", at: location))
            }
        }
        for path in actual where listed[path] == nil {
            diagnostics.append(.error("\(rulePrefix)-added", "\(what) is not in the publication record", at: SourceLocation(file: display + "/" + path)))
        }
        return diagnostics
    }
}
