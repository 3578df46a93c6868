import Foundation
import PolicySiteCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Failures `build` would meet when it copies the content's static files, found before
/// anything is written, so that `check` reports them too: a static file at a path the build
/// generates (`Content/index.html`, `Content/search/index.js`, `Content/assets/site.css`),
/// and a static file that cannot be read. Both at the source file.
enum OutputCollisions {
    static func check(staticFiles: [(path: String, source: String, display: String)], generated: [String]) -> [Diagnostic] {
        let generatedPaths = Set(generated)
        var diagnostics: [Diagnostic] = []
        for file in staticFiles {
            if generatedPaths.contains(file.path) {
                diagnostics.append(.error("page-collision", "Site/\(file.path) is a file PolicySite generates; this file would replace it. Rename or move it", at: SourceLocation(file: file.display)))
            }
            if !canRead(file.source) {
                diagnostics.append(.error("content-unreadable", "file cannot be read, so it cannot be copied into the site: \(String(cString: strerror(errno)))", at: SourceLocation(file: file.display)))
            }
        }
        return diagnostics
    }

    /// Whether the file opens for reading (what the copy will do; `access` answers yes to
    /// root whatever the permissions say).
    static func canRead(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }
}

/// Diagnostics for failures to write the output: each at the file that could not be written,
/// as the path it would have in the site, and all after the first folded into it with a count
/// (a full disk fails every file after the first one: thousands of identical lines).
enum OutputWriteFailures {
    static let rule = "output-write"

    static func diagnostic(_ error: Error, output: String, staging: SiteStaging?) -> Diagnostic {
        let location = staging?.displayLocation(of: error) ?? SourceLocation(file: output)
        let reason = (error as? StagedFileError).map { String(cString: strerror($0.code)) } ?? error.localizedDescription
        return .error(rule, "could not be written: \(reason)", at: location)
    }

    /// Keeps the first `output-write` error (by position) and says how many more there were.
    static func collapse(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let failures = diagnostics.filter { $0.rule == rule }.sorted()
        guard failures.count > 1, var first = failures.first else { return diagnostics }
        first.message += " (and \(failures.count - 1) more file\(failures.count == 2 ? "" : "s") could not be written)"
        return diagnostics.filter { $0.rule != rule } + [first]
    }
}
