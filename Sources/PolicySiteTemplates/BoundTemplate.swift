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
    /// The bound nodes, flattened once for rendering.
    let program: BoundProgram

    init(name: String, nodes: [BoundNode]) {
        self.name = name
        program = BoundProgram(nodes)
    }

    /// The page for `view`.
    /// - Parameter capacity: bytes to reserve for the page: by default room for a typical page
    ///   (a code page is about 9 KB), so the buffer rarely grows. The page is rendered straight
    ///   into the array returned, which keeps that capacity (a build writes each page and drops
    ///   it); a page that outgrows it is copied once into an array of its own size.
    public func render(_ view: View, capacity: Int = 16 * 1024) -> [UInt8] {
        withUnsafePointer(to: view) { root in
            program.render(root: UnsafeRawPointer(root), capacity: capacity)
        }
    }
}

/// A bound template as one flat list of steps, each a plain value: a section's children follow
/// it up to its `end`, text and indentation are ranges of one byte buffer, dotted paths ranges
/// of one list of hops. Rendering walks the lists in place, so it copies no node and retains
/// nothing (the tree of `BoundNode`s it is made from holds arrays in every node).
struct BoundProgram: Sendable {
    /// One step. Which fields mean something depends on `kind`.
    struct Step: Sendable {
        enum Kind: UInt8, Sendable {
            /// `bytes` of template text.
            case text
            /// A `String` or `HTML` field at `path`; `optional`, `escaped`.
            case string
            /// An `Int` field at `path`; `optional`.
            case number
            /// A `Bool` (`optional`: `Bool?`, absent being false) opens the children.
            case testBoolean
            /// The optional field at `path` (`presence`) holds a value.
            case testPresent
            /// The field at `path` can be reached.
            case testReachable
            /// The list at `path` (`list`, perhaps optional: `presence`) has elements.
            case testNonEmpty
            /// The value at `path` goes on top of the context stack, when it is there.
            case push
            /// Each element of the list at `path` goes on top of the stack in turn.
            case each
            /// The children take `bytes` as extra indentation.
            case indented
        }

        var kind: Kind
        var optional = false
        var escaped = false
        var inverted = false
        /// The path: contexts below the top of the stack, `hops` in `BoundProgram.hops`, and
        /// the offset in the last view (-1 for `.`, the context itself).
        var up = 0
        var hops = 0..<0
        var offset = -1
        var presence: OptionalAccess?
        var list: ListAccess?
        /// Text or indentation, in `BoundProgram.bytes`.
        var bytes = 0..<0
        /// One past the last child of a section (its children are the steps before it).
        var end = 0
    }

    private(set) var steps: [Step] = []
    private(set) var bytes: [UInt8] = []
    private(set) var hops: [BoundPath.Hop] = []
    /// The most contexts the stack holds at once (the view itself counts one).
    private(set) var depth = 1

    init(_ nodes: [BoundNode]) {
        append(nodes, depth: 1)
    }

    private mutating func append(_ nodes: [BoundNode], depth: Int) {
        self.depth = max(self.depth, depth)
        for node in nodes { append(node, depth: depth) }
    }

    private mutating func pathStep(_ kind: Step.Kind, _ path: BoundPath) -> Step {
        let first = hops.count
        hops += path.hops
        return Step(kind: kind, up: path.up, hops: first..<hops.count, offset: path.offset ?? -1)
    }

    /// Appends `step` with `children` after it, and sets its `end`.
    private mutating func appendSection(_ step: Step, children: [BoundNode], depth: Int) {
        let index = steps.count
        steps.append(step)
        append(children, depth: depth)
        steps[index].end = steps.count
    }

    private mutating func append(_ node: BoundNode, depth: Int) {
        switch node {
        case .text(let text):
            let start = bytes.count
            bytes += text
            steps.append(Step(kind: .text, bytes: start..<bytes.count))
        case .string(let path, let optional, let escaped):
            var step = pathStep(.string, path)
            step.optional = optional
            step.escaped = escaped
            steps.append(step)
        case .number(let path, let optional):
            var step = pathStep(.number, path)
            step.optional = optional
            steps.append(step)
        case .test(let test, let inverted, let children):
            var step: Step
            switch test {
            case .boolean(let path, let optional):
                step = pathStep(.testBoolean, path)
                step.optional = optional
            case .present(let path, let presence):
                step = pathStep(.testPresent, path)
                step.presence = presence
            case .reachable(let path):
                step = pathStep(.testReachable, path)
            case .nonEmpty(let path, let list, let presence):
                step = pathStep(.testNonEmpty, path)
                step.list = list
                step.presence = presence
            }
            step.inverted = inverted
            appendSection(step, children: children, depth: depth)
        case .push(let path, let presence, let children):
            var step = pathStep(.push, path)
            step.presence = presence
            appendSection(step, children: children, depth: depth + 1)
        case .each(let path, let list, let presence, let children):
            var step = pathStep(.each, path)
            step.list = list
            step.presence = presence
            appendSection(step, children: children, depth: depth + 1)
        case .indented(let indentation, let children):
            let start = bytes.count
            bytes += indentation
            appendSection(Step(kind: .indented, bytes: start..<bytes.count), children: children, depth: depth)
        }
    }

    /// The page for the view at `root`, rendered into the array returned (see
    /// `BoundTemplate.render(_:capacity:)`). Not generic: made in code generic over the view,
    /// the array was made unspecialized, looking its type up for each page.
    func render(root: UnsafeRawPointer, capacity: Int) -> [UInt8] {
        // Rendering into the array's own storage saves copying every page (some 70 MB on
        // input (b)) and allocating a second buffer for it.
        var outgrown: [UInt8]?
        let page = [UInt8](unsafeUninitializedCapacity: max(capacity, 64)) { buffer, initializedCount in
            var output = TemplateOutput(lending: buffer)
            run(root: root, output: &output)
            if output.isInLentBuffer {
                initializedCount = output.count
            } else {
                outgrown = output.finish()
            }
        }
        return outgrown ?? page
    }

    /// Renders the program for the view at `root`.
    func run(root: UnsafeRawPointer, output: inout TemplateOutput) {
        steps.withUnsafeBufferPointer { steps in
            bytes.withUnsafeBufferPointer { bytes in
                hops.withUnsafeBufferPointer { hops in
                    withUnsafeTemporaryAllocation(of: UnsafeRawPointer.self, capacity: depth) { stack in
                        stack[0] = root
                        var run = Run(steps: steps, bytes: bytes, hops: hops, stack: stack)
                        run.run(0..<steps.count, output: &output)
                    }
                }
            }
        }
    }

    /// The lists being rendered, and the context stack (`count` contexts in `stack`).
    private struct Run {
        let steps: UnsafeBufferPointer<Step>
        let bytes: UnsafeBufferPointer<UInt8>
        let hops: UnsafeBufferPointer<BoundPath.Hop>
        let stack: UnsafeMutableBufferPointer<UnsafeRawPointer>
        var count = 1

        init(steps: UnsafeBufferPointer<Step>, bytes: UnsafeBufferPointer<UInt8>, hops: UnsafeBufferPointer<BoundPath.Hop>, stack: UnsafeMutableBufferPointer<UnsafeRawPointer>) {
            self.steps = steps
            self.bytes = bytes
            self.hops = hops
            self.stack = stack
        }

        /// The step's field's address, or nil when an optional view on the way is absent.
        @inline(__always)
        func address(of step: UnsafePointer<Step>) -> UnsafeRawPointer? {
            var address = stack[count - 1 - step.pointee.up]
            for index in step.pointee.hops {
                let hop = hops[index]
                address += hop.offset
                if let presence = hop.presence, !presence.isPresent(at: address) { return nil }
            }
            return step.pointee.offset < 0 ? address : address + step.pointee.offset
        }

        @inline(__always)
        func holds(_ step: UnsafePointer<Step>) -> Bool {
            guard let address = address(of: step) else { return false }
            switch step.pointee.kind {
            case .testBoolean:
                return step.pointee.optional ? address.load(as: Bool?.self) == true : address.load(as: Bool.self)
            case .testPresent:
                return step.pointee.presence!.isPresent(at: address)
            case .testNonEmpty:
                if let presence = step.pointee.presence, !presence.isPresent(at: address) { return false }
                return !step.pointee.list!.type.isEmpty(at: address)
            default:
                return true
            }
        }

        mutating func run(_ range: Range<Int>, output: inout TemplateOutput) {
            var index = range.lowerBound
            while index < range.upperBound {
                // Read in place: a step is some 150 bytes, and copying each one out cost more
                // than what most steps do.
                let step = steps.baseAddress.unsafelyUnwrapped + index
                index += 1
                switch step.pointee.kind {
                case .text:
                    output.appendTemplateText(UnsafeBufferPointer(rebasing: bytes[step.pointee.bytes]))
                case .string:
                    guard let address = address(of: step) else { continue }
                    if step.pointee.optional {
                        output.appendValue(optional: address.assumingMemoryBound(to: String?.self), escaped: step.pointee.escaped)
                    } else {
                        output.appendValue(address.assumingMemoryBound(to: String.self), escaped: step.pointee.escaped)
                    }
                case .number:
                    guard let address = address(of: step) else { continue }
                    if step.pointee.optional {
                        if let number = address.load(as: Int?.self) { output.appendNumber(number) }
                    } else {
                        output.appendNumber(address.load(as: Int.self))
                    }
                case .testBoolean, .testPresent, .testReachable, .testNonEmpty:
                    if holds(step) != step.pointee.inverted { run(index..<step.pointee.end, output: &output) }
                    index = step.pointee.end
                case .push:
                    defer { index = step.pointee.end }
                    guard let address = address(of: step) else { continue }
                    if let presence = step.pointee.presence, !presence.isPresent(at: address) { continue }
                    stack[count] = address
                    count += 1
                    run(index..<step.pointee.end, output: &output)
                    count -= 1
                case .each:
                    defer { index = step.pointee.end }
                    guard let address = address(of: step) else { continue }
                    if let presence = step.pointee.presence, !presence.isPresent(at: address) { continue }
                    let children = index..<step.pointee.end
                    // One call into the list's generic code for the whole list; the elements
                    // are walked here.
                    step.pointee.list!.type.withElements(at: address) { first, elementCount, stride in
                        var element = first
                        for _ in 0..<elementCount {
                            stack[count] = element
                            count += 1
                            run(children, output: &output)
                            count -= 1
                            element += stride
                        }
                    }
                case .indented:
                    let children = index..<step.pointee.end
                    output.indented(by: UnsafeBufferPointer(rebasing: bytes[step.pointee.bytes])) { run(children, output: &$0) }
                    index = step.pointee.end
                }
            }
        }
    }
}
