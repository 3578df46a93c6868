@_spi(Reflection) import Swift

/// Derives `ViewSchema`s from view types, through the field metadata the compiler records for
/// every struct (the standard library's `_forEachField`, which `Mirror` is built on): each
/// stored property's name, type and offset, in declaration order.
///
/// A field of a type the engine does not know (a `Double`, a `Date`, a dictionary, a class)
/// stops the program: a view is code, so that is a programming error, found the first time a
/// template is bound to the view, which every test run and every build does.
public final class ViewSchemaBuilder {
    private var schemas: [ObjectIdentifier: ViewSchema] = [:]

    public init() {}

    /// The schema of `type`, derived once per builder (nested and recursive views included).
    func schema<View: TemplateView>(for type: View.Type) -> ViewSchema {
        schema(forView: type)
    }

    private func schema(forView type: Any.Type) -> ViewSchema {
        if let known = schemas[ObjectIdentifier(type)] { return known }
        let schema = ViewSchema(type: type)
        // Registered before its fields are read, so a view that holds a list of itself refers
        // to this schema instead of deriving it forever.
        schemas[ObjectIdentifier(type)] = schema
        let isStruct = _forEachField(of: type, options: []) { name, offset, fieldType, fieldKind in
            let name = String(cString: name)
            var fieldType = fieldType
            var presence: OptionalAccess?
            // Only an optional is asked whether it is one (its metadata says so). The first time
            // the runtime is asked whether a type conforms to a protocol, it reads every
            // conformance in the program (some 70,000 instructions in the static binary), and
            // most fields are not optional.
            if fieldKind == .optional, let optional = fieldType as? any TemplateOptional.Type {
                presence = OptionalAccess(type: optional)
                fieldType = optional.wrappedType
            }
            schema.add(TemplateField(name: name, kind: kind(of: fieldType, in: schema, field: name), offset: offset, presence: presence))
            return true
        }
        precondition(isStruct, "\(type) is not a struct; template views are structs of stored properties")
        return schema
    }

    private func kind(of type: Any.Type, in view: ViewSchema, field: String) -> TemplateFieldKind {
        if type == String.self { return .text }
        if type == HTML.self { return .html }
        if type == Int.self { return .number }
        if type == Bool.self { return .boolean }
        // Views are asked first, and an optional only here, where the field is already wrong:
        // each question answered for a type for the first time costs a read of every
        // conformance in the program (see `schema(forView:)`).
        if let viewType = type as? any TemplateView.Type { return .view(schema(forView: viewType)) }
        if let list = type as? any TemplateList.Type {
            return .list(kind(of: list.elementType, in: view, field: field), ListAccess(type: list))
        }
        precondition(!(type is any TemplateOptional.Type), "\(view.name).\(field): an optional in a list, or of an optional, is not a template field")
        preconditionFailure("\(view.name).\(field) has type \(type); views hold String, HTML, Int, Bool, views, arrays and optionals")
    }
}

/// Arrays of view fields, read in place by the renderer.
protocol TemplateList: SendableMetatype {
    static var elementType: Any.Type { get }
    /// Calls `body` once, for a non-empty array stored at `address`, with the address of its
    /// first element, the number of elements and the bytes from one element to the next. The
    /// caller walks the elements itself: this code is generic, and is not specialized for the
    /// views' element types, so a call of `body` for each element (through this code's
    /// closure and the caller's) cost more than rendering a short element.
    static func withElements(at address: UnsafeRawPointer, _ body: (_ first: UnsafeRawPointer, _ count: Int, _ stride: Int) -> Void)
    static func isEmpty(at address: UnsafeRawPointer) -> Bool
}

extension TemplateList {
    /// Calls `body` with the address of each element of the array stored at `address`.
    static func forEachElement(at address: UnsafeRawPointer, _ body: (UnsafeRawPointer) -> Void) {
        withElements(at: address) { first, count, stride in
            for index in 0..<count { body(first + index * stride) }
        }
    }
}

extension Array: TemplateList {
    static var elementType: Any.Type { Element.self }

    static func withElements(at address: UnsafeRawPointer, _ body: (_ first: UnsafeRawPointer, _ count: Int, _ stride: Int) -> Void) {
        address.assumingMemoryBound(to: [Element].self).pointee.withUnsafeBufferPointer { elements in
            guard let first = elements.baseAddress else { return }
            body(UnsafeRawPointer(first), elements.count, MemoryLayout<Element>.stride)
        }
    }

    static func isEmpty(at address: UnsafeRawPointer) -> Bool {
        address.assumingMemoryBound(to: [Element].self).pointee.isEmpty
    }
}

/// Optional view fields: whether a value is there. A present value is stored at the optional's
/// own address (Swift lays out an optional's payload first).
protocol TemplateOptional: SendableMetatype {
    static var wrappedType: Any.Type { get }
    static func isPresent(at address: UnsafeRawPointer) -> Bool
}

extension Optional: TemplateOptional {
    static var wrappedType: Any.Type { Wrapped.self }

    static func isPresent(at address: UnsafeRawPointer) -> Bool {
        if case .some = address.assumingMemoryBound(to: Self.self).pointee { return true }
        return false
    }
}

/// How the renderer walks a list field, fixed when the schema is derived.
struct ListAccess: Sendable {
    let type: any TemplateList.Type
}

/// How the renderer tells whether an optional field holds a value.
struct OptionalAccess: Sendable {
    let type: any TemplateOptional.Type
    private let reader: Reader

    /// Reads made for the wrapped type. `Optional.isPresent` is generic, and generic code
    /// copies the whole optional (looking its type up, retaining what it holds) to read its case.
    private enum Reader: Sendable {
        case text
        case html
        case number
        case boolean
        case view(any TemplateView.Type)
        case other
    }

    init(type: any TemplateOptional.Type) {
        self.type = type
        switch type.wrappedType {
        case is String.Type: reader = .text
        case is HTML.Type: reader = .html
        case is Int.Type: reader = .number
        case is Bool.Type: reader = .boolean
        case let view as any TemplateView.Type: reader = .view(view)
        default: reader = .other
        }
    }

    @inline(__always)
    func isPresent(at address: UnsafeRawPointer) -> Bool {
        switch reader {
        case .text: address.assumingMemoryBound(to: String?.self).pointee != nil
        case .html: address.assumingMemoryBound(to: HTML?.self).pointee != nil
        case .number: address.assumingMemoryBound(to: Int?.self).pointee != nil
        case .boolean: address.assumingMemoryBound(to: Bool?.self).pointee != nil
        case .view(let view): view.isPresentAsOptional(at: address)
        case .other: type.isPresent(at: address)
        }
    }
}
