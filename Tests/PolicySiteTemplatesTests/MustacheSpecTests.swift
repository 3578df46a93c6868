import Foundation
import Testing
@testable import PolicySiteTemplates

/// The official Mustache specification (`../shared/mustache-spec/`), run byte for byte through
/// the parser and the interpreter with JSON-backed values.
///
/// Skipped modules: `~lambdas` (views hold data, not code: PolicySite's templates get no
/// lambdas) and `~dynamic-names` (`{{>*name}}` picks a partial at render time, so a template
/// could not be checked against its view when it loads; the binder needs every partial named).
struct MustacheSpecTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/mustache-spec")
    static let modules = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]
    static let skipped = ["~lambdas": "lambdas are not part of PolicySite's templates", "~dynamic-names": "dynamic partial names cannot be checked when templates load"]

    struct SpecCase: Codable, CustomTestStringConvertible, Sendable {
        var module = ""
        var name: String
        var data: JSONValue
        var template: String
        var partials: [String: String]?
        var expected: String

        var testDescription: String { "\(module): \(name)" }

        enum CodingKeys: String, CodingKey {
            case name, data, template, partials, expected
        }
    }

    struct SpecFile: Codable {
        var tests: [SpecCase]
    }

    static func load(_ module: String) -> [SpecCase] {
        let url = folder.appendingPathComponent("\(module).json")
        guard let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(SpecFile.self, from: data) else {
            return [SpecCase(module: module, name: "missing file \(url.path)", data: .null, template: "", partials: nil, expected: "the file \(url.path)")]
        }
        return file.tests.map { test in
            var test = test
            test.module = module
            return test
        }
    }

    static let cases: [SpecCase] = modules.flatMap(load)

    @Test(arguments: cases)
    func specExample(_ example: SpecCase) throws {
        let template = try MustacheTemplate(name: "test", source: example.template)
        var partials: [String: MustacheTemplate] = [:]
        for (name, source) in example.partials ?? [:] {
            partials[name] = try MustacheTemplate(name: name, source: source)
        }
        let rendered = MustacheInterpreter(partials: partials).render(template, with: example.data.templateValue)
        #expect(rendered == example.expected)
    }

    @Test func everyRequiredModuleRunsAndTheSkippedOnesSayWhy() {
        // 12 + 14 + 42 + 22 + 12 + 34 required tests and 27 of inheritance.
        #expect(Self.cases.count == 163)
        for (module, reason) in Self.skipped.sorted(by: { $0.key < $1.key }) {
            print("Mustache spec: module \(module) skipped: \(reason)")
        }
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("~lambdas.json").path))
    }
}

/// A JSON document as the specification's tests give data.
indirect enum JSONValue: Codable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    var templateValue: TemplateValue {
        switch self {
        case .null: .null
        case .bool(let value): .bool(value)
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? .number(Int(value)) : .decimal(value)
        case .string(let value): .text(value)
        case .array(let items): .list(items.map(\.templateValue))
        case .object(let fields):
            .object(TemplateObject(keys: TemplateKeys(fields.keys.sorted()), fields: fields.keys.sorted().map { fields[$0]!.templateValue }))
        }
    }
}
