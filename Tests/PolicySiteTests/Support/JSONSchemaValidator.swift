import Foundation

/// A JSON value as JSONDecoder reads it strictly: `true` is never the number 1.
indirect enum JSONNode: Decodable, Equatable {
    case null, bool(Bool), integer(Int), number(Double), string(String), array([JSONNode]), object([String: JSONNode])

    /// JSON's kinds are disjoint to JSONDecoder (`true` is no number, `1` no Boolean), so the
    /// order of the attempts decides nothing but their cost: strings and objects, the most
    /// common, first; a whole number is an integer before it is a number.
    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([String: JSONNode].self) { self = .object(value) }
        else if let value = try? container.decode([JSONNode].self) { self = .array(value) }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .integer(value) }
        else { self = .number(try container.decode(Double.self)) }
    }

    static func parse(_ data: Data) throws -> JSONNode { try JSONDecoder().decode(JSONNode.self, from: data) }

    subscript(key: String) -> JSONNode? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }
}

/// The subset of JSON Schema that `docs/schema/*.schema.json` use: `type` (a name or a list),
/// `required`, `properties`, `additionalProperties: false`, `enum` (of strings), `items`,
/// `pattern` (on strings, as NSRegularExpression reads it). Other keywords (`description`,
/// `$schema`, `$id`, `title`) are annotations. A keyword outside the subset is itself an error,
/// so the schema cannot silently outgrow the validator.
struct JSONSchemaValidator {
    let schema: JSONNode
    /// Each `pattern` compiled once, not once per string it checks (6,440 twins of the 2019 site).
    private let patterns = CompiledPatterns()
    private static let annotations: Set<String> = ["$schema", "$id", "title", "description"]
    private static let keywords: Set<String> = ["type", "required", "properties", "additionalProperties", "enum", "items", "pattern"]

    /// Every violation as "path: problem", empty when `value` conforms.
    func errors(in value: JSONNode) -> [String] {
        var errors: [String] = []
        check(value, against: schema, at: "$", into: &errors)
        return errors
    }

    private func check(_ value: JSONNode, against schema: JSONNode, at path: String, into errors: inout [String]) {
        guard case .object(let rules) = schema else { errors.append("\(path): schema is not an object"); return }
        for key in rules.keys where !Self.keywords.contains(key) && !Self.annotations.contains(key) {
            errors.append("\(path): schema keyword '\(key)' is not supported by this validator")
        }
        if let type = rules["type"] {
            let allowed: [String]
            switch type {
            case .string(let name): allowed = [name]
            case .array(let names): allowed = names.compactMap { if case .string(let name) = $0 { name } else { nil } }
            default: allowed = []
            }
            guard allowed.contains(where: { Self.matches(value, type: $0) }) else {
                errors.append("\(path): expected \(allowed.joined(separator: " or ")), found \(Self.typeName(value))")
                return
            }
        }
        if case .array(let options)? = rules["enum"], !options.contains(value) {
            errors.append("\(path): \(value) is not one of the enum's values")
        }
        if case .string(let pattern)? = rules["pattern"], case .string(let text) = value {
            let regex = patterns.regex(pattern)
            let range = NSRange(text.startIndex..., in: text)
            if regex?.firstMatch(in: text, range: range) == nil { errors.append("\(path): \"\(text)\" does not match \(pattern)") }
        }
        if case .object(let fields) = value {
            if case .array(let required)? = rules["required"] {
                for case .string(let name) in required where fields[name] == nil { errors.append("\(path): missing required '\(name)'") }
            }
            let properties: [String: JSONNode]
            if case .object(let declared)? = rules["properties"] { properties = declared } else { properties = [:] }
            for (name, field) in fields.sorted(by: { $0.key < $1.key }) {
                if let rule = properties[name] {
                    check(field, against: rule, at: "\(path).\(name)", into: &errors)
                } else if rules["additionalProperties"] == .bool(false) {
                    errors.append("\(path): unexpected property '\(name)'")
                }
            }
        }
        if case .array(let elements) = value, let items = rules["items"] {
            for (index, element) in elements.enumerated() { check(element, against: items, at: "\(path)[\(index)]", into: &errors) }
        }
    }

    private static func matches(_ value: JSONNode, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .integer), ("number", .integer), ("number", .number),
             ("string", .string), ("array", .array), ("object", .object): true
        default: false
        }
    }

    private static func typeName(_ value: JSONNode) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// Compiled regular expressions by pattern (nil for a pattern that does not compile).
private final class CompiledPatterns: @unchecked Sendable {  // `compiled` is guarded by `lock`
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression?] = [:]

    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let known = compiled[pattern] { return known }
        let regex = try? NSRegularExpression(pattern: pattern)
        compiled[pattern] = regex
        return regex
    }
}
