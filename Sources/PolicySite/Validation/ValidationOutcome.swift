import PolicySiteCore

/// A finding an author switched off for one page, with the written reason an auditor reads.
public struct SuppressedFinding: Sendable, Equatable {
    /// The finding as it would have been reported (after `site.yml` severities).
    var finding: Diagnostic
    /// The `suppress:` entry of the page's front matter that matched it.
    var suppression: RuleSuppression
}

/// A finding about a CMS release file that `site.yml` accepts with a reason (`acknowledged:`).
struct AcknowledgedFinding: Sendable, Equatable {
    /// The finding as it would have been reported (after `site.yml` severities).
    var finding: Diagnostic
    /// The `acknowledged:` entry of `site.yml` that matched it.
    var acknowledgement: ReleaseAcknowledgement
}

/// The result of validation after `site.yml`'s `rules:` and the pages' `suppress:` entries:
/// what the build reports, and what it was told not to report.
///
/// The builder puts it on `BuildReport.validation`; the checks page lists `warnings` (errors
/// stop the build, so they never reach a page), `suppressed` and `acknowledged`.
public struct ValidationOutcome: Sendable {
    /// Every finding still reported, sorted by file and line.
    public var findings: [Diagnostic]
    /// Findings a page suppressed, sorted by the finding's file and line.
    var suppressed: [SuppressedFinding]
    /// Rules `site.yml` turned off for the whole site, sorted.
    var rulesOff: [String]
    /// Findings about release files `site.yml` acknowledged, sorted by the finding's place.
    var acknowledged: [AcknowledgedFinding] = []

    public init(findings: [Diagnostic] = [], suppressed: [SuppressedFinding] = [], rulesOff: [String] = []) {
        self.findings = findings
        self.suppressed = suppressed
        self.rulesOff = rulesOff
    }

    /// The findings that do not stop a build.
    var warnings: [Diagnostic] { findings.filter { $0.severity != .error } }
    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }
}
