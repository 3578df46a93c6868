/// Derives `ViewSchema`s from views' `Decodable` conformances.
///
/// Swift writes a struct's `init(from:)` from its declaration: it asks its decoder for each
/// stored property in order, by name and type (`decodeIfPresent` for an optional). Running that
/// initializer against a decoder that records the questions yields the fields, their kinds and
/// their order, straight from the one declaration. The values it hands back are placeholders;
/// the instance built is thrown away.
///
/// Field types the engine does not know (a `Double`, a `Date`, a dictionary) stop the program:
/// a view is code, so that is a programming error, found the first time its template loads.
public final class ViewSchemaBuilder {
    private var schemas: [ObjectIdentifier: ViewSchema] = [:]

    public init() {}

    /// The schema of `type`, derived once per builder (nested and recursive views included).
    public func schema<View: Decodable>(for type: View.Type) -> ViewSchema {
        if let known = schemas[ObjectIdentifier(type)] { return known }
        let schema = ViewSchema(name: String(describing: type))
        // Registered before its fields are read, so a view that holds a list of itself refers
        // to this schema instead of deriving it forever.
        schemas[ObjectIdentifier(type)] = schema
        do {
            _ = try View(from: FieldRecorder(builder: self, schema: schema))
        } catch {
            preconditionFailure("\(type) cannot be read as a template view: \(error)")
        }
        schema.finish()
        return schema
    }

    func kind<T: Decodable>(of type: T.Type) -> TemplateFieldKind {
        if type == String.self { return .text }
        if type == HTML.self { return .html }
        if type == Int.self { return .number }
        if type == Bool.self { return .boolean }
        if let list = type as? any TemplateListField.Type {
            return .list(elementKind(list.elementType))
        }
        precondition(!(type is any TemplateOptionalField.Type), "\(type): an optional inside a list is not a template field")
        return .view(schema(for: type))
    }

    private func elementKind<Element: Decodable>(_ type: Element.Type) -> TemplateFieldKind {
        kind(of: type)
    }

    /// A throw-away value of `type` to hand back to an initializer being recorded.
    func placeholder<T: Decodable>(_ type: T.Type) -> T {
        do {
            return try T(from: FieldRecorder(builder: self, schema: nil))
        } catch {
            preconditionFailure("\(type) cannot be read as a template view: \(error)")
        }
    }
}

/// Arrays, recognised while a schema is derived, to read their element type.
protocol TemplateListField {
    static var elementType: any Decodable.Type { get }
}

extension Array: TemplateListField where Element: Decodable {
    static var elementType: any Decodable.Type { Element.self }
}

protocol TemplateOptionalField {}
extension Optional: TemplateOptionalField {}

/// The decoder a view's `init(from:)` runs against. With a schema it records each field;
/// without one it only hands back placeholders (for a nested view's throw-away value).
private final class FieldRecorder: Decoder {
    let builder: ViewSchemaBuilder
    let schema: ViewSchema?
    /// Set by `decodeNil`: the standard `decodeIfPresent` asks it before decoding an optional
    /// `String`, `Int` or `Bool`, so the next field read is optional.
    var optionalKey: String?
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(builder: ViewSchemaBuilder, schema: ViewSchema?) {
        self.builder = builder
        self.schema = schema
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RecordingContainer<Key>(recorder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        EmptyList()
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        PlaceholderValue(builder: builder)
    }
}

private struct RecordingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let recorder: FieldRecorder
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    init(recorder: FieldRecorder) {
        self.recorder = recorder
    }

    func contains(_ key: Key) -> Bool { true }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard recorder.schema != nil else { return true }
        recorder.optionalKey = key.stringValue
        return false
    }

    private func record<T: Decodable>(_ type: T.Type, _ key: Key) -> T {
        if let schema = recorder.schema {
            let isOptional = recorder.optionalKey == key.stringValue
            recorder.optionalKey = nil
            schema.add(TemplateField(name: key.stringValue, kind: recorder.builder.kind(of: type), isOptional: isOptional))
        }
        if type == String.self { return "" as! T }
        if type == Int.self { return 0 as! T }
        if type == Bool.self { return false as! T }
        return recorder.builder.placeholder(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        if let schema = recorder.schema {
            schema.add(TemplateField(name: key.stringValue, kind: recorder.builder.kind(of: type), isOptional: true))
        }
        return nil
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { record(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { record(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { record(type, key) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { record(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { unsupported(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { unsupported(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { unsupported(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { unsupported(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { unsupported(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { unsupported(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { unsupported(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { unsupported(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { unsupported(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { unsupported(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { unsupported(type, key) }

    private func unsupported<T>(_ type: T.Type, _ key: Key) -> Never {
        preconditionFailure("template view field '\(key.stringValue)' has type \(type); views hold String, HTML, Int, Bool, views and arrays")
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        preconditionFailure("template views use the conformance Swift derives")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        preconditionFailure("template views use the conformance Swift derives")
    }

    func superDecoder() throws -> any Decoder { recorder }
    func superDecoder(forKey key: Key) throws -> any Decoder { recorder }
}

/// An array with no elements.
private struct EmptyList: UnkeyedDecodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int? { 0 }
    var isAtEnd: Bool { true }
    var currentIndex: Int { 0 }

    func decodeNil() throws -> Bool { true }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        throw DecodingError.valueNotFound(type, DecodingError.Context(codingPath: [], debugDescription: "empty"))
    }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.valueNotFound(type, DecodingError.Context(codingPath: [], debugDescription: "empty"))
    }
    func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { self }
    func superDecoder() throws -> any Decoder {
        throw DecodingError.valueNotFound(Any.self, DecodingError.Context(codingPath: [], debugDescription: "empty"))
    }
}

/// The single value inside `HTML`.
private struct PlaceholderValue: SingleValueDecodingContainer {
    let builder: ViewSchemaBuilder
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }
    func decode(_ type: String.Type) throws -> String { "" }
    func decode(_ type: Bool.Type) throws -> Bool { false }
    func decode(_ type: Int.Type) throws -> Int { 0 }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { builder.placeholder(type) }
}
