/// What a template may do with a view's field, derived from the field's Swift type.
indirect enum TemplateFieldKind: Sendable, CustomStringConvertible {
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
    case list(TemplateFieldKind, ListAccess)

    var description: String {
        switch self {
        case .text: "text"
        case .html: "HTML"
        case .number: "a number"
        case .boolean: "a boolean"
        case .view(let schema): "a \(schema.name)"
        case .list(let element, _): "a list of \(element.pluralDescription)"
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
struct TemplateField: Sendable {
    let name: String
    let kind: TemplateFieldKind
    /// An optional field may be absent (`nil`): a section over it renders only when it is there.
    var isOptional: Bool { presence != nil }
    /// Where the field is stored, in bytes from the start of its view.
    let offset: Int
    /// For an optional field: how to tell whether a value is there.
    let presence: OptionalAccess?
}

/// The fields of a view type, in declaration order: what its templates may name.
///
/// Derived from the type's own declaration (see `ViewSchemaBuilder`), never written twice. A
/// class because views nest recursively (a table-of-contents entry holds entries); built once
/// when the templates load and read-only after.
// Unchecked: `fields` and `indexes` are filled by `ViewSchemaBuilder` before the schema is
// handed to any other thread (a recursive view needs the schema's identity while its own
// fields are still being added, so they cannot be `let`); nothing changes them afterwards.
final class ViewSchema: @unchecked Sendable {
    /// The view type.
    let type: Any.Type
    private(set) var fields: [TemplateField] = []
    private var indexes: [String: Int] = [:]

    /// The Swift type's name (`CodePageView`), as diagnostics name it. Computed when asked:
    /// naming a type demangles it, and only a diagnostic needs the name.
    var name: String { String(describing: type) }

    init(type: Any.Type) {
        self.type = type
    }

    func add(_ field: TemplateField) {
        indexes[field.name] = fields.count
        fields.append(field)
    }

    func field(named name: String) -> (index: Int, field: TemplateField)? {
        indexes[name].map { ($0, fields[$0]) }
    }
}

/// Markup the site made (rendered Markdown, a heading with its anchor), which templates write
/// raw with `{{{name}}}`. Every other text a view holds is `String`, which templates must
/// escape: keeping the two apart lets the binder reject `{{{title}}}` and `{{html}}`.
///
/// Laid out exactly as the `String` it holds: the renderer reads either the same way.
public struct HTML: Hashable, Sendable, ExpressibleByStringLiteral {
    var markup: String

    public init(_ markup: String) {
        self.markup = markup
    }

    public init(stringLiteral markup: String) {
        self.markup = markup
    }
}

/// A view: a struct of stored properties that templates read. The template engine learns its
/// fields from the metadata Swift keeps for the declaration (names, types and offsets, the same
/// that `Mirror` reads), so no second list of fields is written by hand, and the bound renderer
/// reads each field in place.
///
/// Fields are `String` (text), `HTML`, `Int`, `Bool`, another view, an array of views or of
/// texts, or an optional of any of these.
public protocol TemplateView: Sendable {
    /// Whether the `Self?` stored at `address` holds a view: how the renderer reads an
    /// optional view field. Views take the default, which each view's conformance specializes
    /// (generic code would copy the whole optional to read its case).
    static func isPresentAsOptional(at address: UnsafeRawPointer) -> Bool
}

extension TemplateView {
    @inlinable
    public static func isPresentAsOptional(at address: UnsafeRawPointer) -> Bool {
        address.assumingMemoryBound(to: Self?.self).pointee != nil
    }
}
