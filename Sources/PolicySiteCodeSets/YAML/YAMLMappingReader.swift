import PolicySiteCore
import Yams

/// Reads the keys of one YAML mapping into typed values, collecting a diagnostic (with the
/// key's or value's own line and column) for each wrong type, missing required key and unknown
/// key.
///
/// Why not `Codable`: `YAMLDecoder`'s errors carry a coding path but no line or column, and a
/// compliance author needs `codes.yml:14:5`. Scalars are read from their source text, so
/// identifiers such as `00100`, `0450` or `26` stay exactly as written whatever YAML would
/// resolve them to.
public struct YAMLMappingReader {
    public let source: YAMLSource
    public let node: Node
    /// What the mapping describes, for messages: "front matter", "code G9328".
    public let subject: String
    public private(set) var diagnostics: [Diagnostic] = []
    private var pairs: [(key: String, keyNode: Node, value: Node)] = []
    private var used: Set<String> = []

    /// Nil (with a diagnostic in `failure`) when `node` is not a mapping.
    public init?(_ node: Node, source: YAMLSource, subject: String, failure: inout [Diagnostic]) {
        guard case .mapping(let mapping) = node else {
            failure.append(.error("yaml-type", "\(subject) must be a mapping of keys to values", at: source.location(of: node)))
            return nil
        }
        self.source = source
        self.node = node
        self.subject = subject
        for (key, value) in mapping {
            pairs.append((key.scalar?.string ?? "", key, value))
        }
    }

    /// The node of `key`, marking the key as known.
    public mutating func value(_ key: String) -> Node? {
        used.insert(key)
        return pairs.first { $0.key == key }?.value
    }

    /// The location of `key` in the file, or of the mapping when the key is absent.
    public func location(ofKey key: String) -> SourceLocation {
        source.location(of: pairs.first { $0.key == key }?.keyNode ?? node)
    }

    public func location(of node: Node) -> SourceLocation { source.location(of: node) }

    /// The location of `key`'s value (where a wrong value is), or of the key when absent.
    public func location(ofValue key: String) -> SourceLocation {
        guard let pair = pairs.first(where: { $0.key == key }) else { return location(ofKey: key) }
        return source.location(of: pair.value)
    }

    /// A scalar as its source text. A null scalar (`~`, empty) reads as absent.
    public mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            report(.error("yaml-type", "'\(key)' in \(subject) must be text, not a \(kind(of: node))", at: source.location(of: node)))
            return nil
        }
        if scalar.style == .plain, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" {
            if required { missing(key) }
            return nil
        }
        return scalar.string
    }

    /// An identifier (a code or modifier), read as `string` does, with a lint for other tools:
    /// written unquoted, text such as `00100`, `0450`, `26`, `1E10`, `10:30` or `yes` is read
    /// by YAML 1.1 tools as a number, boolean, null or date. Such a value is kept as written and
    /// gets an `identifier-unquoted` warning at the value, such as `code 00100 must be quoted
    /// ("00100"): YAML tools read 00100 as the number 64`.
    ///
    /// - Parameters:
    ///   - key: The key, such as `code`.
    ///   - name: How the message names the identifier ("code", "modifier"); `key` when nil.
    ///   - required: Whether a missing value is a `yaml-missing-key` error.
    public mutating func identifier(_ key: String, name: String? = nil, required: Bool = false) -> String? {
        guard let text = string(key, required: required) else { return nil }
        if let scalar = value(key)?.scalar {
            lintUnquoted(scalar, name: name ?? key, at: location(ofValue: key))
        }
        return text
    }

    /// Reports an identifier written unquoted whose text YAML tools read as something other
    /// than text (see `identifier(_:name:required:)`); used for identifiers that are keys too.
    public mutating func lintUnquoted(_ scalar: Node.Scalar, name: String, at location: SourceLocation) {
        let text = scalar.string
        // `~`, `null` and nothing read as absent here too (see `string`): no disagreement.
        guard !text.isEmpty, text != "~", text != "null", let reading = YAMLImplicitType.reading(of: scalar) else { return }
        report(.warning(
            "identifier-unquoted",
            "\(name) \(text) must be quoted (\"\(text)\"): YAML tools read \(text) as \(reading)",
            at: location))
    }

    /// Free text (a title, a name, an owner), read as `string` does, with a lint for other
    /// tools: written unquoted, `no`, `NO`, `off`, `on`, `y`, `n` or `Null` is read by YAML 1.1
    /// tools as a boolean or null, so the text would be lost there. Such a value is kept as
    /// written and gets the `identifier-unquoted` warning that codes and modifiers get.
    public mutating func text(_ key: String, required: Bool = false) -> String? {
        guard let text = string(key, required: required) else { return nil }
        if let scalar = value(key)?.scalar {
            lintUnquotedText(scalar, name: key, at: location(ofValue: key))
        }
        return text
    }

    /// A list of free text (`aliases`, `sitesOfService`), read as `strings` does, each item
    /// linted as `text` lints a value.
    public mutating func texts(_ key: String) -> [String]? {
        guard let result = strings(key) else { return nil }
        switch value(key) {
        case .scalar(let scalar)?:
            lintUnquotedText(scalar, name: key, at: location(ofValue: key))
        case .sequence(let sequence)?:
            for item in sequence {
                if let scalar = item.scalar { lintUnquotedText(scalar, name: key, at: source.location(of: item)) }
            }
        default:
            break
        }
        return result
    }

    /// `lintUnquoted` for free text: only readings that lose the text (a boolean, null) are
    /// reported; a title such as `2019` reads as the same digits everywhere.
    public mutating func lintUnquotedText(_ scalar: Node.Scalar, name: String, at location: SourceLocation) {
        let text = scalar.string
        guard !text.isEmpty, text != "~", text != "null", let reading = YAMLImplicitType.reading(of: scalar),
              reading.hasPrefix("the boolean") || reading.hasPrefix("a boolean") || reading.hasPrefix("null") else { return }
        report(.warning(
            "identifier-unquoted",
            "\(name) \(text) must be quoted (\"\(text)\"): YAML tools read \(text) as \(reading)",
            at: location))
    }

    /// A date written `YYYY-MM-DD`.
    public mutating func date(_ key: String, required: Bool = false) -> CalendarDate? {
        guard let text = string(key, required: required) else { return nil }
        guard let date = CalendarDate(parsing: text) else {
            report(.error("date-invalid", "'\(key)' in \(subject) is not a date (YYYY-MM-DD): '\(text)'", at: source.location(of: value(key))))
            return nil
        }
        return date
    }

    /// `true` or `false`, written unquoted; nil when the key is absent or null. Anything else
    /// (`yes`, `on`, `"true"`, `'yes'`, `banana`) is a `yaml-type` error naming the two: a
    /// switch such as `rawHTML` or `historical` must mean exactly one thing in every YAML tool.
    public mutating func bool(_ key: String) -> Bool? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let scalar) = node else {
            report(.error("yaml-type", "'\(key)' in \(subject) must be true or false, not a \(kind(of: node))", at: source.location(of: node)))
            return nil
        }
        let text = scalar.string
        if scalar.style == .plain {
            switch text {
            case "true": return true
            case "false": return false
            case "", "~", "null": return nil
            default: break
            }
        }
        let written: String
        switch scalar.style {
        case .singleQuoted: written = "'\(text)'"
        case .doubleQuoted: written = "\"\(text)\""
        default: written = text
        }
        report(.error("yaml-type", "'\(key)' in \(subject) must be true or false (unquoted), not \(written)", at: source.location(of: node)))
        return nil
    }

    /// A whole number within `range`, for a setting such as `pagerSize`: text that is not a
    /// whole number is a `yaml-type` error, a number outside `range` (too large for any integer
    /// included) a `site-config` error, both at the value and naming the range and `unit`.
    /// Nil when absent or wrong.
    public mutating func integer(_ key: String, in range: ClosedRange<Int>, unit: String) -> Int? {
        guard let text = string(key) else { return nil }
        let bounds = "from \(range.lowerBound) to \(range.upperBound) (\(unit))"
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            report(.error("yaml-type", "'\(key)' in \(subject) must be a whole number \(bounds), not '\(text)'", at: source.location(of: value(key))))
            return nil
        }
        guard let number = Int(text), range.contains(number) else {
            report(.error("site-config", "'\(key)' in \(subject) must be \(bounds), not \(text)", at: source.location(of: value(key))))
            return nil
        }
        return number
    }

    /// A positive whole number.
    public mutating func integer(_ key: String) -> Int? {
        guard let text = string(key) else { return nil }
        guard let number = Int(text), number >= 0 else {
            report(.error("yaml-type", "'\(key)' in \(subject) must be a whole number, not '\(text)'", at: source.location(of: value(key))))
            return nil
        }
        return number
    }

    /// A sequence of scalars; a single scalar is accepted as a list of one.
    public mutating func strings(_ key: String) -> [String]? {
        guard let node = value(key) else { return nil }
        switch node {
        case .scalar(let scalar):
            return scalar.string.isEmpty ? [] : [scalar.string]
        case .sequence(let sequence):
            var result: [String] = []
            for item in sequence {
                if case .scalar(let scalar) = item {
                    result.append(scalar.string)
                } else {
                    report(.error("yaml-type", "each item of '\(key)' in \(subject) must be text", at: source.location(of: item)))
                }
            }
            return result
        default:
            report(.error("yaml-type", "'\(key)' in \(subject) must be a list", at: source.location(of: node)))
            return nil
        }
    }

    /// The items of a sequence (a missing key gives an empty list).
    public mutating func sequence(_ key: String) -> [Node] {
        guard let node = value(key) else { return [] }
        guard case .sequence(let sequence) = node else {
            report(.error("yaml-type", "'\(key)' in \(subject) must be a list", at: source.location(of: node)))
            return []
        }
        return Array(sequence)
    }

    public mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    public mutating func missing(_ key: String) {
        report(.error("yaml-missing-key", "\(subject) is missing the required key '\(key)'", at: source.location(of: node)))
    }

    /// Reports every key that no reader asked for: a misspelt key is an error, never ignored.
    public mutating func rejectUnknownKeys() {
        for pair in pairs where !used.contains(pair.key) {
            let known = used.sorted().joined(separator: ", ")
            report(.error("yaml-unknown-key", "unknown key '\(pair.key)' in \(subject) (known keys: \(known))", at: source.location(of: pair.keyNode)))
        }
    }

    private func kind(of node: Node) -> String {
        switch node {
        case .scalar: "scalar"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }
}
