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
    /// Files given the wrong way round would report nonsense (every code added since as
    /// "reinstated", hundreds of action codes as disagreeing), so when OLD reaches a later date
    /// than NEW (`HCPCSRelease.latestDate`) there is no comparison, and a `release-order` error
    /// at OLD says to swap them.
    ///
    /// - Returns: The comparison, nil when either file has an error; every diagnostic of both
    ///   files, the older file's first.
    public static func read(oldPath: String, newPath: String) -> (comparison: ReleaseComparison?, diagnostics: [Diagnostic]) {
        let releases = [oldPath, newPath].map { HCPCSReleaseReader.read(path: $0) }
        let diagnostics = releases.flatMap(\.diagnostics)
        guard !diagnostics.containsErrors else { return (nil, diagnostics) }
        if let oldLatest = releases[0].latestDate, let newLatest = releases[1].latestDate, oldLatest > newLatest {
            let order = Diagnostic.error(
                "release-order",
                "this file is the newer release (its latest date is \(oldLatest); \(newPath)'s is \(newLatest)); give the older release first: changes \(newPath) \(oldPath)",
                at: SourceLocation(file: oldPath))
            return (nil, diagnostics + [order])
        }
        return (ReleaseComparison(old: releases[0], new: releases[1]), diagnostics)
    }
}
