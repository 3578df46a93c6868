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
    public static let requiredNames = ["base", "index", "code", "page", "modifier", "modifiers", "section", "payer", "coverage", "search", "404", "checks", "changes", "releases"]

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
                library.register(try MustacheTemplate(string: HTMLEscaping.pragmaLine + text), named: name)
                sources[name] = text
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error(
                    "template-syntax", "template syntax error: \(describe(error.error))",
                    at: SourceLocation(file: display, line: max(1, error.context.lineNumber - 1), column: max(1, error.context.columnNumber))))
            } catch {
                diagnostics.append(.error("template-syntax", "template syntax error: \(error)", at: SourceLocation(file: display)))
            }
        }
        for name in requiredNames where sources[name] == nil && !diagnostics.contains(where: { $0.location.file.hasSuffix("/\(name).mustache") }) {
            diagnostics.append(.error("template-missing", "template '\(name).mustache' is missing", at: SourceLocation(file: displayFolder + "/\(name).mustache")))
        }
        diagnostics += TemplateReferences.check(sources, displayFolder: displayFolder)
        guard !diagnostics.containsErrors else { return (nil, diagnostics) }
        return (TemplateSet(folder: folder, displayFolder: displayFolder, library: library, sources: sources), diagnostics)
    }

    /// The literal ids the templates give elements (`id="toc-title"`): heading ids in content
    /// must not take them, or an anchor would land on the wrong element.
    public var literalIDs: Set<String> {
        var ids: Set<String> = []
        for text in sources.values {
            var rest = text[...]
            while let start = rest.range(of: " id=\"") {
                let value = rest[start.upperBound...].prefix { $0 != "\"" }
                if !value.isEmpty, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) { ids.insert(String(value)) }
                rest = rest[start.upperBound...]
            }
        }
        return ids
    }

    /// Renders `view` with the template `name`; names the template used but the view lacks
    /// come back as `template-key` errors.
    func render(_ view: any TemplateView, template name: String) -> (String, [Diagnostic]) {
        let recorder = MissingKeyRecorder()
        let root = StrictTemplateRoot(view: view, recorder: recorder)
        let html = library.render(root, withTemplate: name) ?? ""
        let missing = recorder.names.sorted()
        let diagnostics = missing.map { key -> Diagnostic in
            let (file, line, column) = locate(key: key, startingAt: name)
            return .error("template-key", "template '\(file)' names '\(key)', which no page view has", at: SourceLocation(file: displayFolder + "/\(file).mustache", line: line, column: column))
        }
        return (html, diagnostics)
    }

    /// Where a key is written: the named template first, then the others (the base layout).
    private func locate(key: String, startingAt name: String) -> (String, Int, Int) {
        let order = [name] + sources.keys.sorted().filter { $0 != name }
        for template in order {
            guard let text = sources[template] else { continue }
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                // The key must end where the tag's name ends: `{{siteTitl}}` is not `{{siteTitle}}`.
                for opener in ["{{#", "{{^", "{{{", "{{&", "{{"] {
                    for spelling in [opener + key, opener + " " + key] {
                        var search = line[...]
                        while let range = search.range(of: spelling) {
                            let next = line[range.upperBound...].first
                            if next == nil || next == "}" || next == " " || next == "." || next == "|" {
                                let column = line.utf8.distance(from: line.startIndex, to: range.lowerBound) + 1
                                return (template, index + 1, column)
                            }
                            search = line[range.upperBound...]
                        }
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
/// has it and it is nil (swift-mustache treats nil as absent and climbs on). The union of all
/// views' property tables tells the two apart.
final class StrictTemplateRoot: MustacheParent {
    let view: any TemplateView
    let recorder: MissingKeyRecorder

    init(view: any TemplateView, recorder: MissingKeyRecorder) {
        self.view = view
        self.recorder = recorder
        #if DEBUG
        TemplateFieldAudit.audit(view)
        #endif
    }

    func child(named name: String) -> Any? {
        if let value = view.child(named: name) { return value }
        if !TemplateViewTypes.allKeys.contains(name) { recorder.record(name) }
        return nil
    }
}

/// A view that swift-mustache reads through `child(named:)`, a lookup in the view type's
/// property table, instead of its own `Mirror` search: that search materialised every
/// property on every lookup and took 80% of a full build.
protocol TemplateView: MustacheParent, Sendable {
    /// Property name to value; lists every stored property (see Views+TemplateFields.swift).
    static var templateFields: [String: @Sendable (Self) -> Any?] { get }
}

extension TemplateView {
    func child(named name: String) -> Any? {
        guard let field = Self.templateFields[name] else { return nil }
        return field(self)
    }
}

/// A view as swift-mustache's context stack holds it. Every name lookup casts each object on
/// the stack to `MustacheParent`; for a struct that cast copies the whole value (a retain and
/// a release per field, and a heap box), for a class it retains one reference. Property
/// tables hand nested views to templates boxed, so lookups stay cheap however large a view.
final class TemplateViewBox<View: TemplateView>: MustacheParent, Sendable {
    let view: View
    init(_ view: View) { self.view = view }
    func child(named name: String) -> Any? { view.child(named: name) }
}

extension TemplateView {
    var boxed: TemplateViewBox<Self> { TemplateViewBox(self) }
}

/// A text value as property tables hand it to swift-mustache. A plain `String` reaches
/// swift-mustache's `String(describing:)` only after failed casts to its template, lambda and
/// optional types, each a protocol-conformance lookup; a `MustacheCustomRenderable` is
/// recognised at the second cast. It renders exactly as the string would (escaped by `{{ }}`,
/// raw by `{{{ }}}`, and a section over it renders once, even when it is empty), and names
/// looked up inside such a section pass on to the views below it.
struct TemplateText: MustacheCustomRenderable, MustacheParent, Sendable {
    let text: String
    init(_ text: String) { self.text = text }
    var renderText: String { text }
    var isNull: Bool { false }
    func child(named name: String) -> Any? { nil }
}

extension Array where Element: TemplateView {
    var boxed: [TemplateViewBox<Element>] { map(TemplateViewBox.init) }
}

extension TemplateViewTypes {
    /// Every property name of every view.
    static let allKeys: Set<String> = Set(all.flatMap { $0.keys })
}

extension TemplateView {
    static var keys: [String] { Array(templateFields.keys) }
}

#if DEBUG
/// In debug builds (the tests), checks once per view type that its property table lists
/// exactly its stored properties, so a table never falls behind its struct.
enum TemplateFieldAudit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var audited: Set<ObjectIdentifier> = []

    static func audit(_ root: Any) {
        var pending: [Any] = [root]
        while let value = pending.popLast() {
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .struct?:
                let key = ObjectIdentifier(type(of: value))
                lock.lock()
                let isNew = audited.insert(key).inserted
                lock.unlock()
                if isNew, let view = value as? any TemplateView {
                    let labels = Set(mirror.children.compactMap(\.label))
                    let table = Set(type(of: view).keys)
                    precondition(labels == table, "\(type(of: value)): property table \(table.sorted()) differs from its properties \(labels.sorted())")
                }
                pending += mirror.children.map(\.value)
            case .optional?, .collection?:
                pending += mirror.children.map(\.value)
            default:
                continue
            }
        }
    }
}
#endif
