import PolicySiteCore

/// Partials (`{{> name}}`) and parents (`{{< name}}`) that templates name: each must exist, and
/// none may include itself, directly or through others.
///
/// swift-mustache renders a missing partial as empty text, and a template that includes itself
/// recurses until the stack overflows; both are found here, before anything renders. This reads
/// only the tags' names (`{{>` or `{{<`, then a name, then `}}`); it does not follow custom
/// delimiters (`{{=<% %>=}}`), which PolicySite's templates do not use.
enum TemplateReferences {
    struct Reference {
        var name: String
        var line: Int
        var column: Int
    }

    static func references(in text: String) -> [Reference] {
        var result: [Reference] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line.utf8)
            var position = 0
            while position + 2 < bytes.count {
                defer { position += 1 }
                guard bytes[position] == UInt8(ascii: "{"), bytes[position + 1] == UInt8(ascii: "{"),
                      bytes[position + 2] == UInt8(ascii: ">") || bytes[position + 2] == UInt8(ascii: "<") else { continue }
                var end = position + 3
                while end < bytes.count, bytes[end] == UInt8(ascii: " ") { end += 1 }
                let start = end
                while end < bytes.count, bytes[end] != UInt8(ascii: "}"), bytes[end] != UInt8(ascii: " ") { end += 1 }
                guard end > start else { continue }
                result.append(Reference(name: String(decoding: bytes[start..<end], as: UTF8.self), line: index + 1, column: position + 1))
            }
        }
        return result
    }

    static func check(_ sources: [String: String], displayFolder: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var graph: [String: [Reference]] = [:]
        for (name, text) in sources {
            let references = references(in: text)
            graph[name] = references
            for reference in references where sources[reference.name] == nil {
                diagnostics.append(.error(
                    "template-missing", "template '\(name)' includes '\(reference.name)', which is not a template in \(displayFolder)/",
                    at: SourceLocation(file: "\(displayFolder)/\(name).mustache", line: reference.line, column: reference.column)))
            }
        }
        // A cycle is reported once, at the reference that closes it in the first template (by
        // name) that lies on it.
        var reported: Set<String> = []
        for start in graph.keys.sorted() {
            var path: [String] = []
            var onPath: Set<String> = []
            func visit(_ name: String) -> [String]? {
                guard let references = graph[name] else { return nil }
                path.append(name)
                onPath.insert(name)
                defer { path.removeLast(); onPath.remove(name) }
                for reference in references {
                    if reference.name == start { return path + [start] }
                    if !onPath.contains(reference.name), path.count < graph.count, let cycle = visit(reference.name) { return cycle }
                }
                return nil
            }
            guard let cycle = visit(start), reported.isDisjoint(with: cycle) else { continue }
            reported.formUnion(cycle)
            let closing = graph[cycle[cycle.count - 2]]!.first { $0.name == start }!
            diagnostics.append(.error(
                "template-cycle", "template '\(start)' includes itself (\(cycle.joined(separator: " -> "))); rendering it would never end",
                at: SourceLocation(file: "\(displayFolder)/\(cycle[cycle.count - 2]).mustache", line: closing.line, column: closing.column)))
        }
        return diagnostics
    }
}
