/// What a template may do with a view's field, derived from the field's Swift type.
public indirect enum TemplateFieldKind: Sendable, CustomStringConvertible {
    /// `String`: written escaped, `{{name}}`.
    case text
    /// `HTML`: markup the site made itself, written raw, `{{{name}}}`.
    case html
    /// `Int`.
    case number
    /// `Bool`: opens a section or an inverted section.
    case boolean
    /// A nested view.
    case view(ViewSchema)
    /// An array: a section renders once for each element.
    case list(TemplateFieldKind)

    public var description: String {
        switch self {
        case .text: "text"
        case .html: "HTML"
        case .number: "a number"
        case .boolean: "a boolean"
        case .view(let schema): "a \(schema.name)"
        case .list(let element): "a list of \(element.pluralDescription)"
        }
    }

    var pluralDescription: String {
        switch self {
        case .text: "texts"
        case .html: "HTML fragments"
        case .number: "numbers"
        case .boolean: "booleans"
        case .view(let schema): "\(schema.name)s"
        case .list: "lists"
        }
    }
}

/// One stored property of a view, as templates see it.
public struct TemplateField: Sendable {
    public let name: String
    public let kind: TemplateFieldKind
    /// An optional field may be absent (`nil`): a section over it renders only when it is there.
    public let isOptional: Bool
}

/// The fields of a view type, in declaration order: what its templates may name.
///
/// Derived from the type's own declaration (see `ViewSchemaBuilder`), never written twice. A
/// class because views nest recursively (a table-of-contents entry holds entries); built once
/// when the templates load and read-only after.
public final class ViewSchema: @unchecked Sendable {
    /// The Swift type's name (`CodePageView`), as diagnostics name it.
    public let name: String
    public private(set) var fields: [TemplateField] = []
    public private(set) var keys = TemplateKeys([])

    init(name: String) {
        self.name = name
    }

    func add(_ field: TemplateField) {
        fields.append(field)
    }

    func finish() {
        keys = TemplateKeys(fields.map(\.name))
    }

    func field(named name: String) -> (index: Int, field: TemplateField)? {
        keys.index(of: name).map { ($0, fields[$0]) }
    }
}

/// Markup the site made (rendered Markdown, a heading with its anchor), which templates write
/// raw with `{{{name}}}`. Every other text a view holds is `String`, which templates must
/// escape: keeping the two apart lets the binder reject `{{{title}}}` and `{{html}}`.
public struct HTML: Codable, Hashable, Sendable, ExpressibleByStringLiteral {
    public var markup: String

    public init(_ markup: String) {
        self.markup = markup
    }

    public init(stringLiteral markup: String) {
        self.markup = markup
    }

    public init(from decoder: any Decoder) throws {
        markup = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(markup)
    }
}

/// A view: a struct of stored properties that templates read. Its `Codable` conformance, which
/// Swift derives from the declaration, is how the template engine learns its fields (decoding)
/// and reads their values (encoding); no second list of fields is written by hand.
///
/// Fields are `String` (text), `HTML`, `Int`, `Bool`, another view, an array of views or of
/// texts, or an optional of any of these. Views must keep the derived conformance.
public protocol TemplateView: Codable, Sendable {}
