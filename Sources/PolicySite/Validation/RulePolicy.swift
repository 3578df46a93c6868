import PolicySiteCore

/// Applies the site's choices to the findings: `site.yml`'s `rules:` (a severity, or `off`)
/// and each page's `suppress:` entries (for that page only, with a written reason).
///
/// A setting or suppression that names an unknown rule, or one that cannot be tuned, is itself
/// a finding: a typo must never switch a check off silently.
enum RulePolicy {
    static func apply(_ diagnostics: [Diagnostic], configuration: SiteConfiguration, pages: [(file: String, suppressions: [RuleSuppression])]) -> ValidationOutcome {
        var findings: [Diagnostic] = []
        var rulesOff: [String] = []
        var severities: [String: Severity] = [:]
        let configurationFile = configuration.payersLocation.file
        for (rule, severity) in configuration.ruleSeverities.sorted(by: { $0.key < $1.key }) {
            let location = configuration.ruleLocations[rule] ?? SourceLocation(file: configurationFile)
            guard let known = RuleCatalog.rules[rule] else {
                findings.append(.error("rule-unknown", "'\(rule)' is not a rule id\(suggestion(for: rule))", at: location))
                continue
            }
            guard known.isTunable else {
                findings.append(.error("rule-unknown", "rule '\(rule)' cannot be tuned: its findings mean content was dropped or unsafe", at: location))
                continue
            }
            if let severity { severities[rule] = severity } else { rulesOff.append(rule) }
        }

        var suppressions: [String: [(entry: RuleSuppression, used: Bool)]] = [:]
        for page in pages {
            for entry in page.suppressions {
                if let problem = problem(with: entry) {
                    findings.append(.error("suppression-invalid", problem, at: entry.location))
                } else {
                    suppressions[page.file, default: []].append((entry, false))
                }
            }
        }

        var acknowledgements: [(entry: ReleaseAcknowledgement, used: Bool)] = []
        for entry in configuration.acknowledgements {
            if let problem = problem(with: entry) {
                findings.append(.error("suppression-invalid", problem, at: entry.location))
            } else {
                acknowledgements.append((entry, false))
            }
        }

        var suppressed: [SuppressedFinding] = []
        var acknowledged: [AcknowledgedFinding] = []
        for var diagnostic in Set(diagnostics) {
            if rulesOff.contains(diagnostic.rule) { continue }
            if let severity = severities[diagnostic.rule] { diagnostic.severity = severity }
            if let index = acknowledgements.firstIndex(where: { $0.entry.matches(diagnostic) }) {
                acknowledgements[index].used = true
                acknowledged.append(AcknowledgedFinding(finding: diagnostic, acknowledgement: acknowledgements[index].entry))
                continue
            }
            if let index = suppressions[diagnostic.location.file]?.firstIndex(where: { $0.entry.rule == diagnostic.rule }) {
                suppressions[diagnostic.location.file]![index].used = true
                suppressed.append(SuppressedFinding(finding: diagnostic, suppression: suppressions[diagnostic.location.file]![index].entry))
                continue
            }
            findings.append(diagnostic)
        }
        for entries in suppressions.values {
            for (entry, used) in entries where !used && !rulesOff.contains(entry.rule) {
                findings.append(.warning("suppression-unused", "suppression of rule '\(entry.rule)' matches no finding on this page; remove it", at: entry.location))
            }
        }
        for (entry, used) in acknowledgements where !used && !rulesOff.contains(entry.rule) {
            let subject = entry.code ?? "line \(entry.line ?? 0)"
            findings.append(.warning("suppression-unused", "acknowledgement of rule '\(entry.rule)' for \(subject) of \(entry.fileName) matches no finding; remove it", at: entry.location))
        }
        var outcome = ValidationOutcome(
            findings: findings.sorted(), suppressed: suppressed.sorted { $0.finding < $1.finding }, rulesOff: rulesOff.sorted())
        outcome.acknowledged = acknowledged.sorted { $0.finding < $1.finding }
        return outcome
    }

    /// Why an `acknowledged:` entry cannot be honoured, or nil: it must name a tunable
    /// `release-*` rule (findings about the team's own files are fixed or suppressed instead).
    static func problem(with entry: ReleaseAcknowledgement) -> String? {
        guard let rule = RuleCatalog.rules[entry.rule] else {
            return "'\(entry.rule)' is not a rule id\(suggestion(for: entry.rule))"
        }
        guard entry.rule.hasPrefix("release-") else {
            return "rule '\(entry.rule)' is not about a CMS release file; acknowledged entries are for release-* findings (a page suppresses its own findings with suppress:)"
        }
        guard rule.isTunable else {
            return "rule '\(entry.rule)' cannot be acknowledged: its findings mean the release was not read"
        }
        return nil
    }

    /// Why a suppression cannot be honoured, or nil.
    static func problem(with entry: RuleSuppression) -> String? {
        guard let rule = RuleCatalog.rules[entry.rule] else {
            return "'\(entry.rule)' is not a rule id\(suggestion(for: entry.rule))"
        }
        guard rule.isTunable else {
            return "rule '\(entry.rule)' cannot be suppressed: its findings mean content was dropped or unsafe"
        }
        guard entry.reason.contains(where: { !$0.isWhitespace }) else {
            return "suppression of rule '\(entry.rule)' needs a written reason"
        }
        return nil
    }

    static func suggestion(for rule: String) -> String {
        let ids = RuleCatalog.all.map(\.id)
        guard let best = Spelling.closest(to: rule, among: ids) else { return "" }
        return "; did you mean '\(best)'?"
    }
}

extension SiteValidator {
    /// Applies `site.yml`'s `rules:` and the pages' `suppress:` entries to every finding of a
    /// build (the validator's and those of earlier steps), giving what the build reports.
    static func outcome(of diagnostics: [Diagnostic], for model: SiteModel) -> ValidationOutcome {
        let pages = model.sortedGuidance.map { ($0.file, $0.frontMatter.suppressions) } + model.pages.map { ($0.file, $0.frontMatter.suppressions) }
        return RulePolicy.apply(diagnostics, configuration: model.configuration, pages: pages)
    }
}
