/// Renders parsed templates against values whose shape is known only when they arrive (JSON
/// documents, as the Mustache specification's tests give them), looking each name up through the
/// context stack as it renders.
///
/// The site does not render this way: it binds each template to its view type once
/// (`TemplateBinder`) and renders the bound tree. This interpreter is the reference the bound
/// renderer is compared with in tests, and it is what runs the specification's suite, so both
/// share the parser and `TemplateOutput`.
struct MustacheInterpreter: Sendable {
    /// Templates that partial and parent tags name, by name.
    let partials: [String: MustacheTemplate]
    /// How deeply partials may include partials before the rest is left out (a template that
    /// includes itself ends when its data runs out; one that never does would not).
    static let maximumPartialDepth = 100

    init(partials: [String: MustacheTemplate]) {
        self.partials = partials
    }

    /// Renders `template` with `data` as the only context.
    func render(_ template: MustacheTemplate, with data: TemplateValue) -> String {
        var output = TemplateOutput()
        var stack = [data]
        render(template.nodes, stack: &stack, blocks: [:], depth: 0, into: &output)
        return String(decoding: output.finish(), as: UTF8.self)
    }

    private func render(_ nodes: [MustacheNode], stack: inout [TemplateValue], blocks: [String: MustacheBlock], depth: Int, into output: inout TemplateOutput) {
        for node in nodes {
            switch node {
            case .text(let bytes, _):
                output.appendTemplateText(bytes)
            case .variable(let name, let escaped, _):
                if let text = Self.lookUp(name, in: stack)?.renderedText { output.appendValue(text, escaped: escaped) }
            case .section(let name, let inverted, let children, _):
                let value = Self.lookUp(name, in: stack) ?? .null
                if inverted {
                    if !value.isTruthy { render(children, stack: &stack, blocks: blocks, depth: depth, into: &output) }
                } else if case .list(let items) = value {
                    for item in items {
                        stack.append(item)
                        render(children, stack: &stack, blocks: blocks, depth: depth, into: &output)
                        stack.removeLast()
                    }
                } else if value.isTruthy {
                    stack.append(value)
                    render(children, stack: &stack, blocks: blocks, depth: depth, into: &output)
                    stack.removeLast()
                }
            case .partial(let name, let indentation, _):
                guard depth < Self.maximumPartialDepth, let partial = partials[name] else { continue }
                output.indented(by: indentation) { render(partial.nodes, stack: &stack, blocks: blocks, depth: depth + 1, into: &$0) }
            case .parent(let name, let indentation, let overrides, _):
                guard depth < Self.maximumPartialDepth, let parent = partials[name] else { continue }
                // An override from further out wins: the child that extends a parent that
                // extends another has the last word.
                var inner = blocks
                for block in overrides where inner[block.name] == nil { inner[block.name] = block }
                output.indented(by: indentation) { render(parent.nodes, stack: &stack, blocks: inner, depth: depth + 1, into: &$0) }
            case .block(let block):
                let content = blocks[block.name]?.children ?? block.children
                output.indented(by: block.indentation) { render(content, stack: &stack, blocks: blocks, depth: depth, into: &$0) }
            }
        }
    }

    /// The value `name` finds: its first segment in the innermost context that has it, each
    /// further segment in the value before it. Nil for a miss.
    static func lookUp(_ name: MustacheName, in stack: [TemplateValue]) -> TemplateValue? {
        guard let first = name.segments.first else { return stack.last }
        var found: TemplateValue?
        for context in stack.reversed() {
            if case .object(let object) = context, let value = object[first] {
                found = value
                break
            }
        }
        for segment in name.segments.dropFirst() {
            guard case .object(let object)? = found else { return nil }
            found = object[segment]
        }
        return found
    }
}
