/// Where a name's value is stored: `up` contexts below the top of the context stack, then
/// through `hops` (the dotted segments before the last, each a view field, perhaps optional),
/// then `offset` bytes into the last view (nil for `.`, the context itself).
struct BoundPath: Sendable {
    struct Hop: Sendable {
        let offset: Int
        let presence: OptionalAccess?
    }

    let up: Int
    let hops: [Hop]
    let offset: Int?

    /// The field's address, or nil when an optional view on the way is absent.
    @inline(__always)
    func address(in stack: [UnsafeRawPointer]) -> UnsafeRawPointer? {
        var address = stack[stack.count - 1 - up]
        for hop in hops {
            address += hop.offset
            if let presence = hop.presence, !presence.type.isPresent(at: address) { return nil }
        }
        return offset.map { address + $0 } ?? address
    }
}

/// What a section without a context of its own asks of a field.
enum BoundTest: Sendable {
    /// A `Bool` (or `Bool?`, absent being false).
    case boolean(BoundPath, optional: Bool)
    /// An optional field holds a value.
    case present(BoundPath, OptionalAccess)
    /// The field can be reached: no optional view on the way is absent.
    case reachable(BoundPath)
    /// A list (perhaps optional) has elements.
    case nonEmpty(BoundPath, ListAccess, optional: OptionalAccess?)

    @inline(__always)
    func holds(in stack: [UnsafeRawPointer]) -> Bool {
        switch self {
        case .boolean(let path, let optional):
            guard let address = path.address(in: stack) else { return false }
            return optional ? address.load(as: Bool?.self) == true : address.load(as: Bool.self)
        case .present(let path, let presence):
            guard let address = path.address(in: stack) else { return false }
            return presence.type.isPresent(at: address)
        case .reachable(let path):
            return path.address(in: stack) != nil
        case .nonEmpty(let path, let list, let presence):
            guard let address = path.address(in: stack) else { return false }
            if let presence, !presence.type.isPresent(at: address) { return false }
            return !list.type.isEmpty(at: address)
        }
    }
}

/// A node of a template bound to a view type: every name resolved to where its value is
/// stored, partials and parents expanded in place.
indirect enum BoundNode: Sendable {
    case text([UInt8])
    /// A `String` or `HTML` field (the two share a layout).
    case string(BoundPath, optional: Bool, escaped: Bool)
    case number(BoundPath, optional: Bool)
    /// A section over a boolean, an optional field or a list that renders its children once
    /// without a new context (inverted: when the test fails).
    case test(BoundTest, inverted: Bool, children: [BoundNode])
    /// A section over a view, or an optional scalar: renders its children once with the value
    /// on top of the context stack, when it is there.
    case push(BoundPath, presence: OptionalAccess?, children: [BoundNode])
    /// A section over a list: renders its children once for each element, on top of the stack.
    case each(BoundPath, ListAccess, presence: OptionalAccess?, children: [BoundNode])
    /// A standalone partial, parent or block: its lines take this indentation.
    case indented([UInt8], children: [BoundNode])
}

/// A template bound to its view type, `View`: checked when it was bound, so rendering cannot
/// fail, and rendered by reading each field where the view stores it: no name is looked up, no
/// value is cast or copied into another form.
public struct BoundTemplate<View: TemplateView>: Sendable {
    /// The template's name.
    let name: String
    let nodes: [BoundNode]

    /// Appends the page for `view` to `bytes`.
    func render(_ view: View, into bytes: inout [UInt8]) {
        var output = TemplateOutput()
        swap(&output.bytes, &bytes)
        withUnsafePointer(to: view) { root in
            var stack = [UnsafeRawPointer(root)]
            Self.run(nodes, stack: &stack, output: &output)
        }
        swap(&output.bytes, &bytes)
    }

    /// The page for `view`.
    /// - Parameter capacity: bytes to reserve for the page: by default room for a typical page
    ///   (a code page is about 9 KB), so the buffer rarely grows; a page known to be large says
    ///   its size, as a buffer that doubles as it grows can hold twice what it needs.
    public func render(_ view: View, capacity: Int = 16 * 1024) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(capacity)
        render(view, into: &bytes)
        return bytes
    }

    static func run(_ nodes: [BoundNode], stack: inout [UnsafeRawPointer], output: inout TemplateOutput) {
        // Nodes are read in place: iterating the array would copy each node, and retain and
        // release what it holds.
        nodes.withUnsafeBufferPointer { nodes in
            for index in nodes.indices { run(nodes[index], stack: &stack, output: &output) }
        }
    }

    @inline(__always)
    private static func run(_ node: BoundNode, stack: inout [UnsafeRawPointer], output: inout TemplateOutput) {
        do {
            switch node {
            case .text(let bytes):
                output.appendTemplateText(bytes)
            case .string(let path, let optional, let escaped):
                guard let address = path.address(in: stack) else { return }
                if optional {
                    if let text = address.load(as: String?.self) { output.appendValue(text, escaped: escaped) }
                } else {
                    output.appendValue(address.assumingMemoryBound(to: String.self).pointee, escaped: escaped)
                }
            case .number(let path, let optional):
                guard let address = path.address(in: stack) else { return }
                if optional {
                    if let number = address.load(as: Int?.self) { output.appendValue(String(number), escaped: false) }
                } else {
                    output.appendValue(String(address.load(as: Int.self)), escaped: false)
                }
            case .test(let test, let inverted, let children):
                if test.holds(in: stack) != inverted { run(children, stack: &stack, output: &output) }
            case .push(let path, let presence, let children):
                guard let address = path.address(in: stack) else { return }
                if let presence, !presence.type.isPresent(at: address) { return }
                stack.append(address)
                run(children, stack: &stack, output: &output)
                stack.removeLast()
            case .each(let path, let list, let presence, let children):
                guard let address = path.address(in: stack) else { return }
                if let presence, !presence.type.isPresent(at: address) { return }
                list.type.forEachElement(at: address) { element in
                    stack.append(element)
                    run(children, stack: &stack, output: &output)
                    stack.removeLast()
                }
            case .indented(let indentation, let children):
                output.indented(by: indentation) { run(children, stack: &stack, output: &$0) }
            }
        }
    }
}
