/// How serious a finding is. A build refuses to publish while any finding is an `error`.
public enum Severity: String, Sendable, Hashable, Comparable, Codable {
    /// `note`: what a reader needs to make sense of other findings (how many were held back
    /// behind a file that did not load); it never fails a build, `--strict` included.
    case error, warning, note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding about the user's input: what is wrong, where, and under which rule.
///
/// Printed as `path:line:column: severity: message [rule]`, the form compilers use, so editors
/// and CI annotate the line. Diagnostics are plain values: tests compare them with `==`.
public struct Diagnostic: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var severity: Severity
    /// A stable kebab-case id such as `front-matter-unterminated` or `code-unknown`.
    public var rule: String
    /// One plain sentence, without the location or the rule id. Hidden characters (zero-width,
    /// bidirectional controls, no-break spaces) in it are written as `U+200B`, so two names
    /// that look identical never print identically.
    public var message: String
    public var location: SourceLocation

    public init(_ severity: Severity, _ rule: String, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.rule = rule
        self.message = HiddenCharacters.escaped(message)
        self.location = location
    }

    public static func error(_ rule: String, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, rule, message, at: location)
    }

    public static func warning(_ rule: String, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, rule, message, at: location)
    }

    /// `path:line:column: severity: message [rule]`.
    public var description: String {
        "\(location): \(severity.rawValue): \(message) [\(rule)]"
    }

    /// Sorted by location, then severity, rule and message, so output never depends on the
    /// order in which work finished.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
        return lhs.message < rhs.message
    }
}

extension Array where Element == Diagnostic {
    /// True when any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
