import PolicySiteCore

/// Which guidance pages the site can publish: rules `code-format`, `filename-mismatch`,
/// `page-duplicate` and `code-unknown`.
///
/// Runs while the site is assembled (not after rendering, as the other checks do), because
/// a page that fails here has no code page to be published on and is left out of the model.
enum GuidancePageCheck {
    /// The pages to publish, by code, and the findings about the others.
    /// - Parameter codeSetLabel: how messages name the code set ("team data (9 codes)").
    static func run(_ pages: [GuidanceSource], codeSet: CodeSet, codeSetLabel: String) -> (accepted: [String: GuidanceSource], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var accepted: [String: GuidanceSource] = [:]
        // Pages whose code is not in the code set, for the duplicate check: the others are in
        // `accepted`, so a second table of every page is not made (it was half of this check).
        var unknown: [String: GuidanceSource] = [:]
        // Sized once: grown page by page, the table was rehashed a dozen times at 100,000 pages.
        accepted.reserveCapacity(pages.count)
        for page in pages {
            let matter = page.frontMatter
            guard HCPCSIdentifier.isProcedureCode(matter.code) else {
                diagnostics.append(.error("code-format", "code '\(matter.code)' is not an HCPCS Level II code (a letter A-V and four digits) or a five-character Level I code", at: matter.codeLocation))
                continue
            }
            // A procedure code is upper-case ASCII already: its folded form is itself.
            let folded = matter.code
            // Two files whose names differ only in case are one duplicate, not also a name
            // mismatch: report what the author has to fix, once.
            if let first = accepted[folded] ?? (unknown.isEmpty ? nil : unknown[folded]) {
                let caseOnly = first.fileStem != page.fileStem && first.fileStem.uppercased() == page.fileStem.uppercased()
                diagnostics.append(.error("page-duplicate", "second guidance page for code \(matter.code) (the first is \(first.file)\(caseOnly ? "; the file names differ only in case" : ""))", at: matter.codeLocation))
                continue
            }
            if page.fileStem != matter.code {
                diagnostics.append(.error("filename-mismatch", "file name '\(page.fileStem).md' does not match the code '\(matter.code)' in its front matter; rename the file to \(matter.code).md", at: matter.codeLocation))
            }
            guard codeSet.contains(code: matter.code) else {
                unknown[folded] = page
                diagnostics.append(.error("code-unknown", "code \(matter.code) is not in the code set (\(codeSetLabel))", at: matter.codeLocation))
                continue
            }
            accepted[matter.code] = page
        }
        return (accepted, diagnostics)
    }
}
