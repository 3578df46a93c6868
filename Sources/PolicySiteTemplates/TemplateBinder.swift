import PolicySiteCore

/// Binds a page template to its view type, before anything renders.
///
/// It walks the template as rendering would, with partials and parents expanded and each
/// block's override bound where the parent expands it, keeping the view types on the context
/// stack. Every name (dotted ones segment by segment, names in sections that may render no item,
/// in blocks, in partials, after a delimiter change) is resolved through that stack: an unknown
/// name is a `template-key` error at the tag, with the closest field the views in scope have; a
/// field used against its kind (a section over text that is always there, a list written as a
/// value, HTML escaped, text written raw) is `template-type`; a partial that includes itself is
/// `template-cycle`, one that does not exist `template-missing`. The result renders with no
/// name look-up (`BoundTemplate`).
public struct TemplateBinder {
    /// Every template of the folder, by name.
    let templates: [String: MustacheTemplate]
    /// The path diagnostics name for a template (`Templates/code.mustache`).
    let path: (String) -> String
    /// The folder, as `template-missing` names it (`Templates/`).
    let folderDisplay: String

    public init(templates: [String: MustacheTemplate], folderDisplay: String, path: @escaping (String) -> String) {
        self.templates = templates
        self.folderDisplay = folderDisplay
        self.path = path
    }

    /// Binds the template `name` to `View`; nil with the errors when any name does not fit.
    public func bind<View: TemplateView>(_ name: String, to type: View.Type, schemas: ViewSchemaBuilder) -> (BoundTemplate<View>?, [Diagnostic]) {
        guard let template = templates[name] else { return (nil, []) }
        let schema = schemas.schema(for: type)
        var run = Run(binder: self)
        var frames: [Frame] = [.view(schema)]
        run.root = name
        let nodes = run.bind(template.nodes, template: name, frames: &frames, blocks: [:], including: [name])
        let diagnostics = run.diagnostics
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        return (BoundTemplate(name: name, nodes: nodes), [])
    }

    /// A context on the stack while binding, as rendering will have it: a view, or a value a
    /// section pushed (an element of a list of texts, an optional text that is there).
    enum Frame {
        case view(ViewSchema)
        case scalar(TemplateFieldKind)
    }

    /// A block a child template passes to its parent, with the template it is written in (where
    /// its diagnostics point).
    struct Override {
        let block: MustacheBlock
        let template: String
    }

    private struct Resolved {
        let path: BoundPath
        let kind: TemplateFieldKind
        /// For an optional field, how to tell it is there (intermediate optionals are in `path`).
        let presence: OptionalAccess?
        /// True when an optional view on the way may be absent, and the field with it.
        var throughOptional = false
        var isOptional: Bool { presence != nil }
        var mayBeAbsent: Bool { isOptional || throughOptional }
    }

    private struct Run {
        let binder: TemplateBinder
        var diagnostics: [Diagnostic] = []
        /// The overrides some block used, by template and position.
        var usedOverrides: Set<String> = []
        /// The page template being bound.
        var root = ""

        init(binder: TemplateBinder) {
            self.binder = binder
        }

        mutating func report(_ rule: String, _ message: String, in template: String, at position: TemplatePosition) {
            diagnostics.append(.error(rule, message, at: SourceLocation(file: binder.path(template), line: position.line, column: position.column)))
        }

        mutating func bind(_ nodes: [MustacheNode], template: String, frames: inout [Frame], blocks: [String: Override], including: [String]) -> [BoundNode] {
            var bound: [BoundNode] = []
            func append(_ node: BoundNode) {
                if case .text(let next) = node, case .text(let previous)? = bound.last {
                    bound[bound.count - 1] = .text(previous + next)
                } else {
                    bound.append(node)
                }
            }
            // An expansion without indentation joins the nodes around it, so its text merges
            // with theirs.
            func append(_ nodes: [BoundNode], indentedBy indentation: [UInt8]?) {
                if let indentation, !indentation.isEmpty {
                    append(.indented(indentation, children: nodes))
                } else {
                    for node in nodes { append(node) }
                }
            }
            for node in nodes {
                switch node {
                case .text(let bytes, _):
                    if !bytes.isEmpty { append(.text(bytes)) }
                case .variable(let name, let escaped, let at):
                    let tag = escaped ? "{{\(name)}}" : "{{{\(name)}}}"
                    guard let resolved = resolve(name, frames: frames, template: template, at: at) else { continue }
                    switch resolved.kind {
                    case .text where !escaped:
                        report("template-type", "'\(tag)' would write '\(name)', which is text, without escaping it: write {{\(name)}}", in: template, at: at)
                    case .html where escaped:
                        report("template-type", "'\(tag)' would escape '\(name)', which is HTML, and show its tags as text: write {{{\(name)}}}", in: template, at: at)
                    case .text, .html:
                        append(.string(resolved.path, optional: resolved.isOptional, escaped: escaped))
                    case .number:
                        append(.number(resolved.path, optional: resolved.isOptional))
                    case .boolean, .view, .list:
                        report("template-type", "'\(name)' is \(resolved.kind): it can open a section ({{#\(name)}}), not be written as a value", in: template, at: at)
                    }
                case .section(let name, let inverted, let children, let at):
                    let resolved = resolve(name, frames: frames, template: template, at: at)
                    var pushed: Frame?
                    var make: (([BoundNode]) -> BoundNode)?
                    if let resolved {
                        let path = resolved.path
                        if inverted {
                            switch resolved.kind {
                            case .boolean: make = { .test(.boolean(path, optional: resolved.isOptional), inverted: true, children: $0) }
                            case .list(_, let list): make = { .test(.nonEmpty(path, list, optional: resolved.presence), inverted: true, children: $0) }
                            case _ where resolved.isOptional: make = { .test(.present(path, resolved.presence!), inverted: true, children: $0) }
                            case _ where resolved.throughOptional: make = { .test(.reachable(path), inverted: true, children: $0) }
                            default:
                                report("template-type", "'{{^\(name)}}' never renders: '\(name)' is \(resolved.kind) that is always there", in: template, at: at)
                            }
                        } else {
                            switch resolved.kind {
                            case .boolean:
                                make = { .test(.boolean(path, optional: resolved.isOptional), inverted: false, children: $0) }
                            case .list(let element, let list):
                                pushed = Self.frame(for: element)
                                make = { .each(path, list, presence: resolved.presence, children: $0) }
                            case .view(let schema):
                                pushed = .view(schema)
                                make = { .push(path, presence: resolved.presence, children: $0) }
                            case .text, .html, .number:
                                if resolved.mayBeAbsent {
                                    pushed = .scalar(resolved.kind)
                                    make = { .push(path, presence: resolved.presence, children: $0) }
                                } else {
                                    report("template-type", "a section over '\(name)' always renders: '\(name)' is \(resolved.kind) that is always there; use a boolean field, or make the field optional", in: template, at: at)
                                }
                            }
                        }
                    }
                    // The children are checked even when the section's own name failed.
                    if let pushed { frames.append(pushed) }
                    let inner = bind(children, template: template, frames: &frames, blocks: blocks, including: including)
                    if pushed != nil { frames.removeLast() }
                    if let make { append(make(inner)) }
                case .partial(let name, let indentation, let at):
                    guard let partial = included(name, by: template, at: at, including: including) else { continue }
                    let inner = bind(partial.nodes, template: name, frames: &frames, blocks: blocks, including: including + [name])
                    append(inner, indentedBy: indentation)
                case .parent(let name, let indentation, let overrides, let at):
                    guard let parent = included(name, by: template, at: at, including: including) else { continue }
                    var inner = blocks
                    for block in overrides where inner[block.name] == nil { inner[block.name] = Override(block: block, template: template) }
                    let expanded = bind(parent.nodes, template: name, frames: &frames, blocks: inner, including: including + [name])
                    append(expanded, indentedBy: indentation)
                    for block in overrides where !usedOverrides.contains(Self.key(block, template)) {
                        let names = Self.blockNames(in: parent.nodes, templates: binder.templates)
                        report("template-key", "block '\(block.name)' replaces no block of template '\(name)'\(Self.suggestion(for: block.name, among: names))", in: template, at: block.position)
                    }
                case .block(let block):
                    if let override = blocks[block.name] {
                        usedOverrides.insert(Self.key(override.block, override.template))
                        let inner = bind(override.block.children, template: override.template, frames: &frames, blocks: blocks, including: including)
                        append(inner, indentedBy: block.indentation)
                    } else {
                        let inner = bind(block.children, template: template, frames: &frames, blocks: blocks, including: including)
                        append(inner, indentedBy: block.indentation)
                    }
                }
            }
            return bound
        }

        static func key(_ block: MustacheBlock, _ template: String) -> String {
            "\(template):\(block.position)"
        }

        static func frame(for element: TemplateFieldKind) -> Frame {
            if case .view(let schema) = element { return .view(schema) }
            return .scalar(element)
        }

        mutating func included(_ name: String, by template: String, at: TemplatePosition, including: [String]) -> MustacheTemplate? {
            if including.contains(name) {
                let cycle = including.drop { $0 != name } + [name]
                report("template-cycle", "template '\(template)' includes itself (\(cycle.joined(separator: " -> "))); rendering it would never end", in: template, at: at)
                return nil
            }
            guard let found = binder.templates[name] else {
                report("template-missing", "template '\(template)' includes '\(name)', which is not a template in \(binder.folderDisplay)", in: template, at: at)
                return nil
            }
            return found
        }

        /// The blocks a parent template offers, through its own parents.
        static func blockNames(in nodes: [MustacheNode], templates: [String: MustacheTemplate], seen: Set<String> = []) -> [String] {
            var names: [String] = []
            for node in nodes {
                switch node {
                case .block(let block): names.append(block.name); names += blockNames(in: block.children, templates: templates, seen: seen)
                case .section(_, _, let children, _): names += blockNames(in: children, templates: templates, seen: seen)
                case .parent(let name, _, let overrides, _):
                    for block in overrides { names += blockNames(in: block.children, templates: templates, seen: seen) }
                    if !seen.contains(name), let parent = templates[name] { names += blockNames(in: parent.nodes, templates: templates, seen: seen.union([name])) }
                default: break
                }
            }
            return names
        }

        mutating func resolve(_ name: MustacheName, frames: [Frame], template: String, at: TemplatePosition) -> Resolved? {
            guard let first = name.segments.first else {
                let path = BoundPath(up: 0, hops: [], offset: nil)
                switch frames[frames.count - 1] {
                case .scalar(let kind): return Resolved(path: path, kind: kind, presence: nil)
                case .view(let schema): return Resolved(path: path, kind: .view(schema), presence: nil)
                }
            }
            var found: (up: Int, field: TemplateField)?
            var scope: [ViewSchema] = []
            for (up, frame) in frames.reversed().enumerated() {
                guard case .view(let schema) = frame else { continue }
                scope.append(schema)
                if let (_, field) = schema.field(named: first) {
                    found = (up, field)
                    break
                }
            }
            guard let found else {
                let candidates = scope.flatMap { $0.fields.map(\.name) }
                // A layout or partial is bound once for each page template that uses it: it is
                // told of "the page views", so its diagnostic is the same each time.
                var owners = scope.dropLast().map(\.name)
                owners.append(template == root ? scope[scope.count - 1].name : "the page views")
                owners = owners.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                report("template-key", "template '\(template)' names '\(first)', which \(Self.list(owners)) \(owners.count == 1 ? "does" : "do") not have\(Self.suggestion(for: first, among: candidates))", in: template, at: at)
                return nil
            }
            var hops: [BoundPath.Hop] = []
            var field = found.field
            for (offset, segment) in name.segments.enumerated().dropFirst() {
                let prefix = name.segments[..<offset].joined(separator: ".")
                guard case .view(let schema) = field.kind else {
                    report("template-type", "'\(name)': '\(prefix)' is \(field.kind), which has no fields", in: template, at: at)
                    return nil
                }
                guard let (_, next) = schema.field(named: segment) else {
                    report("template-key", "template '\(template)' names '\(name)', but \(schema.name) (\(prefix)) has no field '\(segment)'\(Self.suggestion(for: segment, among: schema.fields.map(\.name)))", in: template, at: at)
                    return nil
                }
                hops.append(BoundPath.Hop(offset: field.offset, presence: field.presence))
                field = next
            }
            // A field reached through an absent optional view reads as absent: the path says so.
            return Resolved(
                path: BoundPath(up: found.up, hops: hops, offset: field.offset), kind: field.kind, presence: field.presence,
                throughOptional: hops.contains { $0.presence != nil })
        }

        static func list(_ names: [String]) -> String {
            names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
        }

        /// "; did you mean 'label'?" when a field is a few edits away.
        static func suggestion(for name: String, among candidates: [String]) -> String {
            let target = Array(name.lowercased().utf8)
            var best: (distance: Int, name: String)?
            for candidate in Set(candidates).sorted() {
                let distance = editDistance(target, Array(candidate.lowercased().utf8))
                if distance <= max(2, target.count / 3), distance < (best?.distance ?? .max) { best = (distance, candidate) }
            }
            return best.map { "; did you mean '\($0.name)'?" } ?? ""
        }

        static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
            guard !a.isEmpty else { return b.count }
            guard !b.isEmpty else { return a.count }
            var previous = Array(0...b.count)
            var current = [Int](repeating: 0, count: b.count + 1)
            for i in 1...a.count {
                current[0] = i
                for j in 1...b.count {
                    current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                swap(&previous, &current)
            }
            return previous[b.count]
        }
    }
}
