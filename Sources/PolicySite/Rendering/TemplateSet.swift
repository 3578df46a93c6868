import Foundation
import Mustache
import PolicySiteCore

/// The Mustache templates of a site, loaded from the templates folder
/// (`<name>.mustache`; `base.mustache` is the layout the others inherit with
/// `{{<base}}...{{/base}}`), rendered by swift-mustache.
///
/// swift-mustache renders a key it cannot find as empty text. A template that names a key its
/// view does not have is a mistake that would publish blank fields, so rendering here is
/// strict: the root view records every name that no context on the stack had, and each one is
/// a `template-key` error naming the template, the key and its line. Only names reached while
/// rendering are checked (a key inside a section that renders no items is not reached).
public struct TemplateSet: Sendable {
    public let folder: String
    public let displayFolder: String
    let library: MustacheLibrary
    let sources: [String: String]

    /// The templates every site needs.
    public static let requiredNames = ["base", "index", "code", "page", "modifier", "modifiers", "section", "payer", "coverage", "search", "404", "checks"]

    /// Loads every `.mustache` file; a missing required template or a syntax error is a
    /// diagnostic at the template's line and column.
    public static func load(folder: String, displayFolder: String) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        var sources: [String: String] = [:]
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".mustache") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for file in names {
            let name = String(file.dropLast(".mustache".count))
            let display = displayFolder + "/" + file
            guard let data = FileManager.default.contents(atPath: folder + "/" + file) else {
                diagnostics.append(.error("template-unreadable", "template cannot be read", at: SourceLocation(file: display)))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error("encoding", "template is not valid UTF-8", at: SourceLocation(file: display)))
                continue
            }
            do {
                library.register(try MustacheTemplate(string: text), named: name)
                sources[name] = text
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error(
                    "template-syntax", "template syntax error: \(describe(error.error))",
                    at: SourceLocation(file: display, line: error.context.lineNumber, column: max(1, error.context.columnNumber))))
            } catch {
                diagnostics.append(.error("template-syntax", "template syntax error: \(error)", at: SourceLocation(file: display)))
            }
        }
        for name in requiredNames where sources[name] == nil && !diagnostics.contains(where: { $0.location.file.hasSuffix("/\(name).mustache") }) {
            diagnostics.append(.error("template-missing", "template '\(name).mustache' is missing", at: SourceLocation(file: displayFolder + "/\(name).mustache")))
        }
        guard !diagnostics.containsErrors else { return (nil, diagnostics) }
        return (TemplateSet(folder: folder, displayFolder: displayFolder, library: library, sources: sources), diagnostics)
    }

    /// Renders `view` with the template `name`; names the template used but the view lacks
    /// come back as `template-key` errors.
    public func render(_ view: Any, template name: String, viewName: String) -> (String, [Diagnostic]) {
        let recorder = MissingKeyRecorder()
        let root = StrictTemplateRoot(view: view, recorder: recorder)
        let html = library.render(root, withTemplate: name) ?? ""
        let missing = recorder.names.sorted()
        let diagnostics = missing.map { key -> Diagnostic in
            let (file, line, column) = locate(key: key, startingAt: name)
            return .error("template-key", "template '\(file)' names '\(key)', which the \(viewName) view does not have", at: SourceLocation(file: displayFolder + "/\(file).mustache", line: line, column: column))
        }
        return (html, diagnostics)
    }

    /// Where a key is written: the named template first, then the others (the base layout).
    private func locate(key: String, startingAt name: String) -> (String, Int, Int) {
        let order = [name] + sources.keys.sorted().filter { $0 != name }
        for template in order {
            guard let text = sources[template] else { continue }
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for opener in ["{{#", "{{^", "{{{", "{{&", "{{"] {
                    if let range = line.range(of: opener + key) ?? line.range(of: opener + " " + key) {
                        let column = line.utf8.distance(from: line.startIndex, to: range.lowerBound) + 1
                        return (template, index + 1, column)
                    }
                }
            }
        }
        return (name, 1, 1)
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: "a section is closed with a different name than it was opened with"
        case MustacheTemplate.Error.unfinishedName: "a tag is not closed with '}}'"
        case MustacheTemplate.Error.expectedSectionEnd: "a section is opened but never closed"
        default: "\(error)"
        }
    }
}

/// Collects the names no context could resolve. Rendering may run on several threads.
final class MissingKeyRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var missing: Set<String> = []

    func record(_ name: String) {
        lock.lock()
        missing.insert(name)
        lock.unlock()
    }

    var names: Set<String> {
        lock.lock()
        defer { lock.unlock() }
        return missing
    }
}

/// The bottom of swift-mustache's context stack. A name reaches it when no inner context had
/// a value for it: either no view has such a property (a template mistake), or an inner view
/// has it and it is nil (swift-mustache treats nil as absent and climbs on). Telling the two
/// apart needs the property names of every view type in the tree, collected on the first miss.
struct StrictTemplateRoot: MustacheParent {
    let view: Any
    let recorder: MissingKeyRecorder
    private let knownNames = KnownNames()

    init(view: Any, recorder: MissingKeyRecorder) {
        self.view = view
        self.recorder = recorder
    }

    func child(named name: String) -> Any? {
        guard let value = Mirror(reflecting: view).children.first(where: { $0.label == name })?.value else {
            if !knownNames.contains(name, in: view) { recorder.record(name) }
            return nil
        }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional { return mirror.children.first?.value }
        return value
    }
}

/// The property names of every struct in a view tree, walked once per type.
private final class KnownNames: @unchecked Sendable {
    private var names: Set<String>?

    func contains(_ name: String, in view: Any) -> Bool {
        if names == nil {
            var collected: Set<String> = []
            var seenTypes: Set<ObjectIdentifier> = []
            var pending: [Any] = [view]
            while let value = pending.popLast() {
                let mirror = Mirror(reflecting: value)
                switch mirror.displayStyle {
                case .struct?, .class?:
                    guard seenTypes.insert(ObjectIdentifier(type(of: value))).inserted else { continue }
                    for child in mirror.children {
                        if let label = child.label { collected.insert(label) }
                        pending.append(child.value)
                    }
                case .optional?, .collection?:
                    pending += mirror.children.map(\.value)
                default:
                    continue
                }
            }
            names = collected
        }
        return names!.contains(name)
    }
}
