/// Turns a view into the `TemplateValue` tree its bound template renders, through the view's
/// `Encodable` conformance (which Swift derives from the declaration, so it writes the fields in
/// the order `ViewSchemaBuilder` recorded them).
///
/// No value is cast or looked up by name: each field lands in the next slot of its object, and
/// the schema says what kind each slot holds.
enum TemplateValueEncoder {
    static func encode<View: Encodable>(_ view: View, as schema: ViewSchema) -> TemplateValue {
        let encoder = ValueEncoder(kind: .view(schema))
        do {
            try view.encode(to: encoder)
        } catch {
            preconditionFailure("\(View.self) cannot be encoded for its template: \(error)")
        }
        return encoder.finish()
    }
}

private final class ValueEncoder: Encoder {
    let kind: TemplateFieldKind
    var scalar: TemplateValue = .null
    var fields: [TemplateValue] = []
    var items: [TemplateValue] = []
    var keys: TemplateKeys?
    var isList = false
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(kind: TemplateFieldKind) {
        self.kind = kind
    }

    func finish() -> TemplateValue {
        if let keys { return .object(TemplateObject(keys: keys, fields: fields)) }
        if isList { return .list(items) }
        return scalar
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        guard case .view(let schema) = kind else { preconditionFailure("a \(kind) field encoded an object") }
        keys = schema.keys
        fields.reserveCapacity(schema.fields.count)
        return KeyedEncodingContainer(ObjectEncoder<Key>(encoder: self, schema: schema))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        guard case .list(let element) = kind else { preconditionFailure("a \(kind) field encoded a list") }
        isList = true
        return ListEncoder(encoder: self, element: element)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        ScalarEncoder(encoder: self)
    }

    static func encode<T: Encodable>(_ value: T, as kind: TemplateFieldKind) -> TemplateValue {
        let encoder = ValueEncoder(kind: kind)
        do {
            try value.encode(to: encoder)
        } catch {
            preconditionFailure("\(T.self) cannot be encoded for a template: \(error)")
        }
        return encoder.finish()
    }
}

private func unsupported(_ type: Any.Type) -> Never {
    preconditionFailure("template views hold String, HTML, Int, Bool, views and arrays, not \(type)")
}

private struct ObjectEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: ValueEncoder
    let schema: ViewSchema
    var codingPath: [any CodingKey] { [] }

    private func append(_ value: TemplateValue, _ key: Key) {
        assert(schema.fields[encoder.fields.count].name == key.stringValue, "\(schema.name) encoded '\(key.stringValue)' where its schema has '\(schema.fields[encoder.fields.count].name)'")
        encoder.fields.append(value)
    }

    mutating func encodeNil(forKey key: Key) { append(.null, key) }
    mutating func encode(_ value: String, forKey key: Key) { append(.text(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) { append(.number(value), key) }
    mutating func encode(_ value: Bool, forKey key: Key) { append(.bool(value), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) {
        append(ValueEncoder.encode(value, as: schema.fields[encoder.fields.count].kind), key)
    }

    // The standard `encodeIfPresent` skips a nil, which would shift every later field.
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) { append(value.map { .text($0) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) { append(value.map { .number($0) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) { append(value.map { .bool($0) } ?? .null, key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) {
        guard let value else { return append(.null, key) }
        encode(value, forKey: key)
    }

    mutating func encode(_ value: Double, forKey key: Key) { unsupported(Double.self) }
    mutating func encode(_ value: Float, forKey key: Key) { unsupported(Float.self) }
    mutating func encode(_ value: Int8, forKey key: Key) { unsupported(Int8.self) }
    mutating func encode(_ value: Int16, forKey key: Key) { unsupported(Int16.self) }
    mutating func encode(_ value: Int32, forKey key: Key) { unsupported(Int32.self) }
    mutating func encode(_ value: Int64, forKey key: Key) { unsupported(Int64.self) }
    mutating func encode(_ value: UInt, forKey key: Key) { unsupported(UInt.self) }
    mutating func encode(_ value: UInt8, forKey key: Key) { unsupported(UInt8.self) }
    mutating func encode(_ value: UInt16, forKey key: Key) { unsupported(UInt16.self) }
    mutating func encode(_ value: UInt32, forKey key: Key) { unsupported(UInt32.self) }
    mutating func encode(_ value: UInt64, forKey key: Key) { unsupported(UInt64.self) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) { unsupported(Double.self) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) { unsupported(Float.self) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) { unsupported(Int8.self) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) { unsupported(Int16.self) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) { unsupported(Int32.self) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) { unsupported(Int64.self) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) { unsupported(UInt.self) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) { unsupported(UInt8.self) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) { unsupported(UInt16.self) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) { unsupported(UInt32.self) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) { unsupported(UInt64.self) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("template views use the conformance Swift derives")
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        preconditionFailure("template views use the conformance Swift derives")
    }
    mutating func superEncoder() -> any Encoder { preconditionFailure("template views use the conformance Swift derives") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { preconditionFailure("template views use the conformance Swift derives") }
}

private struct ListEncoder: UnkeyedEncodingContainer {
    let encoder: ValueEncoder
    let element: TemplateFieldKind
    var codingPath: [any CodingKey] { [] }
    var count: Int { encoder.items.count }

    mutating func encodeNil() { encoder.items.append(.null) }
    mutating func encode(_ value: String) { encoder.items.append(.text(value)) }
    mutating func encode(_ value: Int) { encoder.items.append(.number(value)) }
    mutating func encode(_ value: Bool) { encoder.items.append(.bool(value)) }
    mutating func encode<T: Encodable>(_ value: T) { encoder.items.append(ValueEncoder.encode(value, as: element)) }
    mutating func encode(_ value: Double) { unsupported(Double.self) }
    mutating func encode(_ value: Float) { unsupported(Float.self) }
    mutating func encode(_ value: Int8) { unsupported(Int8.self) }
    mutating func encode(_ value: Int16) { unsupported(Int16.self) }
    mutating func encode(_ value: Int32) { unsupported(Int32.self) }
    mutating func encode(_ value: Int64) { unsupported(Int64.self) }
    mutating func encode(_ value: UInt) { unsupported(UInt.self) }
    mutating func encode(_ value: UInt8) { unsupported(UInt8.self) }
    mutating func encode(_ value: UInt16) { unsupported(UInt16.self) }
    mutating func encode(_ value: UInt32) { unsupported(UInt32.self) }
    mutating func encode(_ value: UInt64) { unsupported(UInt64.self) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("template views use the conformance Swift derives")
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { preconditionFailure("template views use the conformance Swift derives") }
    mutating func superEncoder() -> any Encoder { preconditionFailure("template views use the conformance Swift derives") }
}

private struct ScalarEncoder: SingleValueEncodingContainer {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() { encoder.scalar = .null }
    mutating func encode(_ value: String) { encoder.scalar = .text(value) }
    mutating func encode(_ value: Int) { encoder.scalar = .number(value) }
    mutating func encode(_ value: Bool) { encoder.scalar = .bool(value) }
    mutating func encode<T: Encodable>(_ value: T) {
        do { try value.encode(to: encoder) } catch { preconditionFailure("\(T.self) cannot be encoded for a template: \(error)") }
    }
    mutating func encode(_ value: Double) { unsupported(Double.self) }
    mutating func encode(_ value: Float) { unsupported(Float.self) }
    mutating func encode(_ value: Int8) { unsupported(Int8.self) }
    mutating func encode(_ value: Int16) { unsupported(Int16.self) }
    mutating func encode(_ value: Int32) { unsupported(Int32.self) }
    mutating func encode(_ value: Int64) { unsupported(Int64.self) }
    mutating func encode(_ value: UInt) { unsupported(UInt.self) }
    mutating func encode(_ value: UInt8) { unsupported(UInt8.self) }
    mutating func encode(_ value: UInt16) { unsupported(UInt16.self) }
    mutating func encode(_ value: UInt32) { unsupported(UInt32.self) }
    mutating func encode(_ value: UInt64) { unsupported(UInt64.self) }
}
