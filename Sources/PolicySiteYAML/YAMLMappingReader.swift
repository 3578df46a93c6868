import PolicySiteCore

/// Reads the keys of one YAML mapping into typed values, collecting a diagnostic (with the
/// key's or value's own line and column) for each wrong type, missing required key and unknown
/// key.
///
/// Why not `Codable`: `YAMLDecoder`'s errors carry a coding path but no line or column, and a
/// compliance author needs `codes.yml:14:5`. Scalars are read from their source text, so
/// identifiers such as `00100`, `0450` or `26` stay exactly as written whatever YAML would
/// resolve them to.
public struct YAMLMappingReader {
    /// The mapping read.
    public let node: YAMLValue
    /// What the mapping describes, for messages: "front matter", "code G9328".
    let subject: String
    /// Every problem found so far, in the order the keys were read.
    public private(set) var diagnostics: [Diagnostic] = []
    private let entries: [YAMLMappingEntry]
    /// The entries' keys as text, in the same order: a key is looked up several times (its
    /// value, its location), and comparing these costs no copy of an entry.
    private let keyTexts: [String]
    /// Every key asked for, present or not, in the order asked (repeats included): a front
    /// matter is asked a dozen keys, and an array is cheaper than hashing them into a set.
    private var asked: [String] = []
    /// Bit `i` set: entry `i` was found by `value` (the first 64 entries). `rejectUnknownKeys`
    /// compares only the keys of the entries not marked with the keys asked for: comparing
    /// every key with every key asked cost more than reading the front matter's values.
    private var found: UInt64 = 0

    /// Nil (with a `yaml-type` diagnostic in `failure`) when `node` is not a mapping.
    public init?(_ node: YAMLValue, subject: String, failure: inout [Diagnostic]) {
        guard let entries = node.mapping else {
            failure.append(.error("yaml-type", "\(subject) must be a mapping of keys to values", at: node.location))
            return nil
        }
        self.node = node
        self.subject = subject
        self.entries = entries
        self.keyTexts = entries.map(\.keyText)
        // Readers ask for a dozen keys or so: one allocation, not one each time the list doubles.
        asked.reserveCapacity(16)
    }

    /// The keys' text in the order written (a key that is not a scalar reads as "").
    var keys: [String] { keyTexts }

    /// The index of the first entry whose key is `key`.
    private func index(of key: String) -> Int? {
        keyTexts.firstIndex(of: key)
    }

    /// The node of `key`, marking the key as known.
    public mutating func value(_ key: String) -> YAMLValue? {
        asked.append(key)
        guard let index = index(of: key) else { return nil }
        if index < 64 { found |= 1 << UInt64(index) }
        return entries[index].value
    }

    /// The location of `key` in the file, or of the mapping when the key is absent.
    public func location(ofKey key: String) -> SourceLocation {
        guard let index = index(of: key) else { return node.location }
        return entries[index].key.location
    }

    /// The location of `key`'s value (where a wrong value is), or of the key when absent.
    public func location(ofValue key: String) -> SourceLocation {
        guard let index = index(of: key) else { return location(ofKey: key) }
        return entries[index].value.location
    }

    /// A scalar as its source text. A null scalar (`~`, empty) reads as absent.
    public mutating func string(_ key: String, required: Bool = false) -> String? {
        stringValue(key, required: required)?.text
    }

    /// `string`'s reading with the scalar and where its value is, from one look-up of the key
    /// (`identifier` and `text` lint the scalar they read).
    private mutating func stringValue(_ key: String, required: Bool) -> (text: String, scalar: YAMLScalar, location: SourceLocation)? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard let scalar = node.scalar else {
            report(.error("yaml-type", "'\(key)' in \(subject) must be text, not a \(node.kindName)", at: node.location))
            return nil
        }
        if scalar.isNull {
            if required { missing(key) }
            return nil
        }
        return (scalar.text, scalar, node.location)
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
        guard let read = stringValue(key, required: required) else { return nil }
        lintUnquoted(read.scalar, name: name ?? key, at: read.location)
        return read.text
    }

    /// Reports an identifier written unquoted whose text YAML tools read as something other
    /// than text (see `identifier(_:name:required:)`); used for identifiers that are keys too.
    public mutating func lintUnquoted(_ scalar: YAMLScalar, name: String, at location: SourceLocation) {
        let text = scalar.text
        // `~`, `null` and nothing read as absent here too (see `string`): no disagreement.
        guard !scalar.textIsNullWord, let reading = scalar.implicitType else { return }
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
        guard let read = stringValue(key, required: required) else { return nil }
        lintUnquotedText(read.scalar, name: key, at: read.location)
        return read.text
    }

    /// A list of free text (`aliases`, `sitesOfService`), read as `strings` does, each item
    /// linted as `text` lints a value.
    public mutating func texts(_ key: String) -> [String]? {
        guard let node = value(key), let result = strings(of: node, key: key) else { return nil }
        switch node.content {
        case .scalar(let scalar):
            lintUnquotedText(scalar, name: key, at: node.location)
        case .sequence(let sequence):
            for item in sequence {
                if let scalar = item.scalar { lintUnquotedText(scalar, name: key, at: item.location) }
            }
        default:
            break
        }
        return result
    }

    /// `lintUnquoted` for free text: only readings that lose the text (a boolean, null) are
    /// reported; a title such as `2019` reads as the same digits everywhere.
    mutating func lintUnquotedText(_ scalar: YAMLScalar, name: String, at location: SourceLocation) {
        let text = scalar.text
        guard !scalar.textIsNullWord, let reading = scalar.implicitType,
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
            report(.error("date-invalid", "'\(key)' in \(subject) is not a date (YYYY-MM-DD): '\(text)'", at: location(ofValue: key)))
            return nil
        }
        return date
    }

    /// `true` or `false`, written unquoted; nil when the key is absent or null. Anything else
    /// (`yes`, `on`, `"true"`, `'yes'`, `banana`) is a `yaml-type` error naming the two: a
    /// switch such as `rawHTML` or `historical` must mean exactly one thing in every YAML tool.
    public mutating func bool(_ key: String) -> Bool? {
        guard let node = value(key) else { return nil }
        guard let scalar = node.scalar else {
            report(.error("yaml-type", "'\(key)' in \(subject) must be true or false, not a \(node.kindName)", at: node.location))
            return nil
        }
        let text = scalar.text
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
        report(.error("yaml-type", "'\(key)' in \(subject) must be true or false (unquoted), not \(written)", at: node.location))
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
            report(.error("yaml-type", "'\(key)' in \(subject) must be a whole number \(bounds), not '\(text)'", at: location(ofValue: key)))
            return nil
        }
        guard let number = Int(text), range.contains(number) else {
            report(.error("site-config", "'\(key)' in \(subject) must be \(bounds), not \(text)", at: location(ofValue: key)))
            return nil
        }
        return number
    }

    /// A sequence of scalars; a single scalar is accepted as a list of one.
    mutating func strings(_ key: String) -> [String]? {
        value(key).flatMap { strings(of: $0, key: key) }
    }

    /// `strings` of the node already looked up for `key`.
    private mutating func strings(of node: YAMLValue, key: String) -> [String]? {
        switch node.content {
        case .scalar(let scalar):
            return scalar.text.isEmpty ? [] : [scalar.text]
        case .sequence(let sequence):
            var result: [String] = []
            for item in sequence {
                if let scalar = item.scalar {
                    result.append(scalar.text)
                } else {
                    report(.error("yaml-type", "each item of '\(key)' in \(subject) must be text", at: item.location))
                }
            }
            return result
        case .mapping:
            report(.error("yaml-type", "'\(key)' in \(subject) must be a list", at: node.location))
            return nil
        }
    }

    /// The items of a sequence (a missing key gives an empty list).
    public mutating func sequence(_ key: String) -> [YAMLValue] {
        guard let node = value(key) else { return [] }
        guard let sequence = node.sequence else {
            report(.error("yaml-type", "'\(key)' in \(subject) must be a list", at: node.location))
            return []
        }
        return sequence
    }

    /// Adds a finding of the caller's own (a value of the right type that breaks a rule).
    public mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    mutating func missing(_ key: String) {
        report(.error("yaml-missing-key", "\(subject) is missing the required key '\(key)'", at: node.location))
    }

    /// Reports every key that no reader asked for: a misspelt key is an error, never ignored.
    public mutating func rejectUnknownKeys() {
        for (index, key) in keyTexts.enumerated() where !(index < 64 && found & 1 << UInt64(index) != 0) && !asked.contains(key) {
            let known = Set(asked).sorted().joined(separator: ", ")
            report(.error("yaml-unknown-key", "unknown key '\(key)' in \(subject) (known keys: \(known))", at: entries[index].key.location))
        }
    }
}
