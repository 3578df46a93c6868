/// A node of a template bound to a view type: every name already resolved to a place on the
/// context stack and a path of field indexes, partials and parents expanded in place.
indirect enum BoundNode: Sendable {
    case text([UInt8])
    case value(BoundName, escaped: Bool)
    /// A section over a boolean or an optional field: renders its children once when the value
    /// is true or present, without a new context.
    case condition(BoundName, children: [BoundNode])
    /// A section over a view or an optional scalar: renders its children once, with the value
    /// on top of the context stack, when it is present.
    case push(BoundName, children: [BoundNode])
    /// A section over a list: renders its children once for each element, on top of the stack.
    case each(BoundName, children: [BoundNode])
    /// An inverted section: renders its children when the value is false, absent or empty.
    case inverted(BoundName, children: [BoundNode])
    /// A standalone partial, parent or block: its lines take this indentation.
    case indented([UInt8], children: [BoundNode])
}

/// Where a name's value is: `up` contexts below the top of the stack, then down `path`, one
/// field index per dotted segment (empty for `.`).
struct BoundName: Sendable {
    let up: Int
    let path: [Int]

    @inline(__always)
    func value(in stack: [TemplateValue]) -> TemplateValue {
        var value = stack[stack.count - 1 - up]
        for index in path {
            guard case .object(let object) = value else { return .null }
            value = object.fields[index]
        }
        return value
    }
}

/// A template bound to its view type, `View`: checked when it was bound, so rendering cannot
/// fail, and rendered without looking up a name.
public struct BoundTemplate<View: TemplateView>: Sendable {
    /// The template's name.
    public let name: String
    let schema: ViewSchema
    let nodes: [BoundNode]

    /// Appends the page for `view` to `bytes`.
    public func render(_ view: View, into bytes: inout [UInt8]) {
        var output = TemplateOutput()
        swap(&output.bytes, &bytes)
        var stack = [TemplateValueEncoder.encode(view, as: schema)]
        Self.run(nodes, stack: &stack, output: &output)
        swap(&output.bytes, &bytes)
    }

    /// The page for `view`.
    public func render(_ view: View) -> [UInt8] {
        var bytes: [UInt8] = []
        render(view, into: &bytes)
        return bytes
    }

    static func run(_ nodes: [BoundNode], stack: inout [TemplateValue], output: inout TemplateOutput) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output.appendTemplateText(bytes)
            case .value(let name, let escaped):
                switch name.value(in: stack) {
                case .text(let text): output.appendValue(text, escaped: escaped)
                case .number(let number): output.appendValue(String(number), escaped: false)
                default: break
                }
            case .condition(let name, let children):
                if name.value(in: stack).isTruthy { run(children, stack: &stack, output: &output) }
            case .push(let name, let children):
                let value = name.value(in: stack)
                guard value.isTruthy else { continue }
                stack.append(value)
                run(children, stack: &stack, output: &output)
                stack.removeLast()
            case .each(let name, let children):
                guard case .list(let items) = name.value(in: stack) else { continue }
                for item in items {
                    stack.append(item)
                    run(children, stack: &stack, output: &output)
                    stack.removeLast()
                }
            case .inverted(let name, let children):
                if !name.value(in: stack).isTruthy { run(children, stack: &stack, output: &output) }
            case .indented(let indentation, let children):
                output.indented(by: indentation) { run(children, stack: &stack, output: &$0) }
            }
        }
    }
}
