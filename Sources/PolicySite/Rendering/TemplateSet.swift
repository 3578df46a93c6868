import Foundation
import PolicySiteMarkdown
import PolicySiteCore
import PolicySiteTemplates

/// The Mustache templates of a site, loaded from the templates folder (`<name>.mustache`;
/// `base.mustache` is the layout the others extend with `{{<base}}...{{/base}}`), each page
/// template bound to its view type when it loads.
///
/// Loading finds every template mistake before a page renders, whatever the content: a syntax
/// error (`template-syntax`), a name no view in scope has, in any section, block or partial
/// (`template-key`), a field used against its kind (`template-type`), a partial that does not
/// exist (`template-missing`) or includes itself (`template-cycle`), each at its line and column.
struct TemplateSet: Sendable {
    let folder: String
    let displayFolder: String
    /// The page templates, bound to their views.
    let pages: PageTemplates
    /// Each template's text, by name (for the ids the templates give elements).
    let sources: [String: String]

    /// The templates every site needs.
    static let requiredNames = ["base", "index", "code", "page", "modifier", "modifiers", "section", "payer", "coverage", "search", "404", "checks", "changes", "releases"]

    /// Loads, parses and binds every template; nil with the diagnostics when any is wrong.
    static func load(folder: String, displayFolder: String) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
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
            guard let text = String(validating: data, as: UTF8.self) else {
                diagnostics.append(.error("encoding", "template is not valid UTF-8", at: SourceLocation(file: display)))
                continue
            }
            do {
                templates[name] = try MustacheTemplate(name: name, source: Array(data))
                sources[name] = text
            } catch {
                diagnostics.append(.error(
                    "template-syntax", "template syntax error: \(error.message)",
                    at: SourceLocation(file: display, line: error.position.line, column: error.position.column)))
            }
        }
        for name in requiredNames where sources[name] == nil && !diagnostics.contains(where: { $0.location.file == displayFolder + "/\(name).mustache" }) {
            diagnostics.append(.error("template-missing", "template '\(name).mustache' is missing", at: SourceLocation(file: displayFolder + "/\(name).mustache")))
        }
        // Binding needs every template there and parsed; until then its findings would only
        // repeat these.
        guard !diagnostics.containsErrors else { return (nil, diagnostics) }
        let binder = TemplateBinder(templates: templates, folderDisplay: displayFolder + "/") { displayFolder + "/\($0).mustache" }
        let (pages, bindingFindings) = PageTemplates.bind(binder)
        // A mistake in the layout shows once, not once for each page template that extends it.
        var seen: Set<SourceLocation> = []
        diagnostics += bindingFindings.sorted().filter { seen.insert($0.location).inserted }
        guard let pages, !diagnostics.containsErrors else { return (nil, diagnostics) }
        return (TemplateSet(folder: folder, displayFolder: displayFolder, pages: pages, sources: sources), diagnostics)
    }

    /// The literal ids the templates give elements (`id="toc-title"`): heading ids in content
    /// must not take them, or an anchor would land on the wrong element.
    /// Read with `HTMLTagScanner`, as pages are; a value with a Mustache tag (`id="{{id}}"`)
    /// is not literal.
    var literalIDs: Set<String> {
        var ids: Set<String> = []
        for var text in sources.values {
            text.withUTF8 { bytes in
                let scanner = HTMLTagScanner(bytes)
                for case .startTag(_, let attributes, _, _) in scanner {
                    for attribute in attributes where attribute.name == "id" {
                        guard let value = scanner.rawValue(attribute), !value.isEmpty,
                              value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { continue }
                        ids.insert(value)
                    }
                }
            }
        }
        return ids
    }
}

/// Each page template, bound to the view its pages are rendered from. A class: every page
/// reads its template through a key path (`PageRenderer.output`), which copied the whole set
/// of thirteen templates (a retain of each of their arrays) for each page of a build.
final class PageTemplates: Sendable {
    let index: BoundTemplate<HomePageView>
    let code: BoundTemplate<CodePageView>
    let page: BoundTemplate<GeneralPageView>
    let modifier: BoundTemplate<ModifierPageView>
    let modifiers: BoundTemplate<ModifierIndexView>
    let section: BoundTemplate<SectionPageView>
    let payer: BoundTemplate<PayerPageView>
    let coverage: BoundTemplate<CoverageMatrixView>
    let search: BoundTemplate<SearchPageView>
    let notFound: BoundTemplate<NotFoundPageView>
    let checks: BoundTemplate<ChecksPageView>
    let changes: BoundTemplate<ChangesPageView>
    let releases: BoundTemplate<ReleasesIndexView>

    init(
        index: BoundTemplate<HomePageView>, code: BoundTemplate<CodePageView>, page: BoundTemplate<GeneralPageView>,
        modifier: BoundTemplate<ModifierPageView>, modifiers: BoundTemplate<ModifierIndexView>, section: BoundTemplate<SectionPageView>,
        payer: BoundTemplate<PayerPageView>, coverage: BoundTemplate<CoverageMatrixView>, search: BoundTemplate<SearchPageView>,
        notFound: BoundTemplate<NotFoundPageView>, checks: BoundTemplate<ChecksPageView>, changes: BoundTemplate<ChangesPageView>,
        releases: BoundTemplate<ReleasesIndexView>
    ) {
        self.index = index
        self.code = code
        self.page = page
        self.modifier = modifier
        self.modifiers = modifiers
        self.section = section
        self.payer = payer
        self.coverage = coverage
        self.search = search
        self.notFound = notFound
        self.checks = checks
        self.changes = changes
        self.releases = releases
    }

    /// Binds every page template, in name order; nil when any does not bind.
    static func bind(_ binder: TemplateBinder) -> (PageTemplates?, [Diagnostic]) {
        let schemas = ViewSchemaBuilder()
        var diagnostics: [Diagnostic] = []
        func bind<View: TemplateView>(_ name: String, _ type: View.Type) -> BoundTemplate<View>? {
            let (bound, findings) = binder.bind(name, to: type, schemas: schemas)
            diagnostics += findings
            return bound
        }
        let notFound = bind("404", NotFoundPageView.self)
        let changes = bind("changes", ChangesPageView.self)
        let checks = bind("checks", ChecksPageView.self)
        let code = bind("code", CodePageView.self)
        let coverage = bind("coverage", CoverageMatrixView.self)
        let index = bind("index", HomePageView.self)
        let modifier = bind("modifier", ModifierPageView.self)
        let modifiers = bind("modifiers", ModifierIndexView.self)
        let page = bind("page", GeneralPageView.self)
        let payer = bind("payer", PayerPageView.self)
        let releases = bind("releases", ReleasesIndexView.self)
        let search = bind("search", SearchPageView.self)
        let section = bind("section", SectionPageView.self)
        guard let index, let code, let page, let modifier, let modifiers, let section, let payer, let coverage,
              let search, let notFound, let checks, let changes, let releases else { return (nil, diagnostics) }
        return (PageTemplates(
            index: index, code: code, page: page, modifier: modifier, modifiers: modifiers, section: section, payer: payer,
            coverage: coverage, search: search, notFound: notFound, checks: checks, changes: changes, releases: releases), diagnostics)
    }
}
