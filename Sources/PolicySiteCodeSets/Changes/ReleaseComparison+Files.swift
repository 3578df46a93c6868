import PolicySiteCore

extension ReleaseComparison {
    /// Reads two release files and compares them, for `policysite changes OLD NEW`.
    ///
    /// A file with no records is the reader's `release-empty` error (see `HCPCSReleaseReader`):
    /// compared as it is, it would list every code as added or discontinued.
    ///
    /// - Parameters:
    ///   - oldPath: The older release file, as the user gave it (also how diagnostics name it).
    ///   - newPath: The newer release file.
    /// - Returns: The comparison, nil when either file has an error; every diagnostic of both
    ///   files, the older file's first.
    public static func read(oldPath: String, newPath: String) -> (comparison: ReleaseComparison?, diagnostics: [Diagnostic]) {
        let releases = [oldPath, newPath].map { HCPCSReleaseReader.read(path: $0) }
        let diagnostics = releases.flatMap(\.diagnostics)
        guard !diagnostics.containsErrors else { return (nil, diagnostics) }
        return (ReleaseComparison(old: releases[0], new: releases[1]), diagnostics)
    }
}
