/// A value as templates see it: what a view's field holds once encoded (see
/// `TemplateValueEncoder`), or what a JSON document holds (the specification's tests).
enum TemplateValue: Sendable {
    case null
    case bool(Bool)
    case number(Int)
    case decimal(Double)
    case text(String)
    case list([TemplateValue])
    case object(TemplateObject)

    /// False, null and the empty list render no section; everything else does (an empty text
    /// too: a field that may be absent is optional).
    var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .list(let items): !items.isEmpty
        default: true
        }
    }
}

/// The field names of an object, shared by every object of one view type.
final class TemplateKeys: Sendable {
    let names: [String]
    let indexes: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var indexes: [String: Int] = [:]
        for (index, name) in names.enumerated() where indexes[name] == nil { indexes[name] = index }
        self.indexes = indexes
    }

    func index(of name: String) -> Int? { indexes[name] }
}

/// An object: field values in the order of its keys.
final class TemplateObject: Sendable {
    let keys: TemplateKeys
    let fields: [TemplateValue]

    init(keys: TemplateKeys, fields: [TemplateValue]) {
        self.keys = keys
        self.fields = fields
    }

    /// The value of the field `name`, or nil when the object has no such field (a null field
    /// is `.null`, which stops a name's search through the context stack).
    subscript(name: String) -> TemplateValue? {
        keys.index(of: name).map { fields[$0] }
    }
}
