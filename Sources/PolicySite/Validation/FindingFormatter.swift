import PolicySiteCore

/// How `policysite check` prints what validation found: the one presenter of findings.
public enum FindingFormat: String, Sendable, CaseIterable {
    /// `path:line:column: severity: message [rule]` lines, suppressions, then a summary line:
    /// what compilers print, so editors jump to the line.
    case text
    /// An array of objects with the same keys, sorted, one per finding (suppressed ones
    /// included with their reason), for tools.
    case json
    /// GitHub Actions workflow commands (`::error file=...,line=...,col=...,title=rule::message`),
    /// which CI shows as annotations on the pull request.
    case github
}

/// Formats findings and suppressions; pure, so tests compare whole outputs.
public enum FindingFormatter {
    public static func format(_ outcome: ValidationOutcome, as format: FindingFormat) -> String {
        switch format {
        case .text: text(outcome)
        case .json: json(outcome)
        case .github: github(outcome)
        }
    }

    // MARK: - Text

    static func text(_ outcome: ValidationOutcome) -> String {
        var out = ""
        for finding in outcome.findings { out += finding.description + "\n" }
        for item in outcome.suppressed {
            out += "\(item.finding.location): suppressed: \(item.finding.message) [\(item.finding.rule)]; reason: \"\(item.suppression.reason)\" (\(item.suppression.location))\n"
        }
        for item in outcome.acknowledged {
            out += "\(item.finding.location): acknowledged: \(item.finding.message) [\(item.finding.rule)]; reason: \"\(item.acknowledgement.reason)\" (\(item.acknowledgement.location))\n"
        }
        return out + summary(outcome) + "\n"
    }

    /// `1 error, 2 warnings, 1 suppressed, 10 acknowledged; rules off: raw-html`.
    static func summary(_ outcome: ValidationOutcome) -> String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        var line = count(outcome.errorCount, "error") + ", " + count(outcome.warningCount, "warning")
        if !outcome.suppressed.isEmpty { line += ", \(outcome.suppressed.count) suppressed" }
        if !outcome.acknowledged.isEmpty { line += ", \(outcome.acknowledged.count) acknowledged" }
        if !outcome.rulesOff.isEmpty { line += "; rules off: " + outcome.rulesOff.joined(separator: ", ") }
        return line
    }

    // MARK: - JSON

    /// Findings, then suppressed, then acknowledged ones, each an object with every key
    /// (`ReportJSON` sorts them): file, line, column, severity, rule, message, suppressed
    /// (null, or an object with reason, file, line, column of the `suppress` entry, or of the
    /// `acknowledged` entry of `site.yml` for a release finding).
    static func json(_ outcome: ValidationOutcome) -> String {
        ReportJSON.text(
            outcome.findings.map { JSONFinding($0, suppression: nil) }
                + outcome.suppressed.map { JSONFinding($0.finding, suppression: .init(reason: $0.suppression.reason, at: $0.suppression.location)) }
                + outcome.acknowledged.map { JSONFinding($0.finding, suppression: .init(reason: $0.acknowledgement.reason, at: $0.acknowledgement.location)) })
    }

    /// One finding of `check --format json`.
    struct JSONFinding: Encodable, Equatable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var rule: String
        var message: String
        /// Why the finding does not count, or nil when it does.
        @NullWhenAbsent var suppressed: Suppression?

        /// The `suppress` (or `acknowledged`) entry that silenced a finding.
        struct Suppression: Encodable, Equatable {
            var reason: String
            var file: String
            var line: Int
            var column: Int

            init(reason: String, at location: SourceLocation) {
                self.reason = reason
                file = location.file
                line = location.line
                column = location.column
            }
        }

        init(_ finding: Diagnostic, suppression: Suppression?) {
            file = finding.location.file
            line = finding.location.line
            column = finding.location.column
            severity = finding.severity.rawValue
            rule = finding.rule
            message = finding.message
            suppressed = suppression
        }


    }

    // MARK: - GitHub

    static func github(_ outcome: ValidationOutcome) -> String {
        func command(_ kind: String, _ location: SourceLocation, title: String, message: String) -> String {
            "::\(kind) file=\(property(location.file)),line=\(location.line),col=\(location.column),title=\(property(title))::\(data(message))\n"
        }
        var out = ""
        for finding in outcome.findings {
            let kind = finding.severity == .error ? "error" : "warning"
            out += command(kind, finding.location, title: finding.rule, message: finding.message)
        }
        for item in outcome.suppressed {
            out += command("notice", item.finding.location, title: "\(item.finding.rule) (suppressed)", message: "\(item.finding.message); reason: \(item.suppression.reason)")
        }
        for item in outcome.acknowledged {
            out += command("notice", item.finding.location, title: "\(item.finding.rule) (acknowledged)", message: "\(item.finding.message); reason: \(item.acknowledgement.reason)")
        }
        return out + summary(outcome) + "\n"
    }

    /// Workflow-command escaping of a message.
    static func data(_ text: String) -> String {
        text.replacingAll([("%", "%25"), ("\r", "%0D"), ("\n", "%0A")])
    }

    /// Workflow-command escaping of a property value (also `:` and `,`).
    static func property(_ text: String) -> String {
        data(text).replacingAll([(":", "%3A"), (",", "%2C")])
    }
}

extension String {
    fileprivate func replacingAll(_ pairs: [(Character, String)]) -> String {
        var out = ""
        for character in self {
            if let pair = pairs.first(where: { $0.0 == character }) { out += pair.1 } else { out.append(character) }
        }
        return out
    }
}
