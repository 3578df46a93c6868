import PolicySiteCore

extension ReleaseComparison {
    /// Reads two release files and compares them, for `policysite changes OLD NEW`.
    ///
    /// Findings, besides the reader's (see `HCPCSReleaseReader`):
    /// - `release-empty` (error, at line 1): a file that was read but holds no procedure code
    ///   and no modifier record. Compared as it is, it would list every code as added or
    ///   discontinued; it is far more likely the wrong file.
    ///
    /// - Parameters:
    ///   - oldPath: The older release file, as the user gave it (also how diagnostics name it).
    ///   - newPath: The newer release file.
    /// - Returns: The comparison, nil when either file has an error; every diagnostic of both
    ///   files, the older file's first.
    public static func read(oldPath: String, newPath: String) -> (comparison: ReleaseComparison?, diagnostics: [Diagnostic]) {
        let releases = [oldPath, newPath].map { HCPCSReleaseReader.read(path: $0) }
        var diagnostics: [Diagnostic] = []
        for release in releases {
            diagnostics += release.diagnostics
            if !release.diagnostics.containsErrors, release.procedureCodes.isEmpty, release.modifiers.isEmpty {
                diagnostics.append(.error(
                    "release-empty", "no HCPCS procedure code or modifier records (record id 3 or 7 in column 11) found",
                    at: SourceLocation(file: release.file)))
            }
        }
        guard !diagnostics.containsErrors else { return (nil, diagnostics) }
        return (ReleaseComparison(old: releases[0], new: releases[1]), diagnostics)
    }
}
