import Foundation
import PolicySiteCore

/// Steps that a full build and an incremental rebuild run alike.
extension SiteBuilder {
    /// Loads the content folder, with `--as-of` over `site.yml`'s date.
    static func loadContent(_ request: BuildRequest) -> (SiteContent?, [Diagnostic]) {
        var (content, findings) = ContentLoader.load(root: request.contentPath, displayRoot: request.contentDisplayPath ?? request.contentPath, today: request.today)
        if let asOf = request.asOf {
            content?.configuration.asOf = asOf
            content?.configuration.asOfSource = .commandLine
        }
        return (content, findings)
    }

    /// What the build copies: the content's static files, then the templates' assets, each
    /// sorted; and what the assets' folder gave to find.
    static func copies(_ request: BuildRequest, model: SiteModel) -> (copies: [(path: String, source: String)], assets: [(path: String, source: String)], findings: [Diagnostic]) {
        let (assets, findings) = assetCopies(templatesPath: request.templatesPath, displayPath: request.templatesDisplayPath ?? request.templatesPath)
        return (model.staticFiles.map { (path: $0.outputPath, source: $0.file.absolutePath) } + assets, assets, findings)
    }

    /// The site-wide checks over the rendered pages (`rendered`: every page's path, sorted)
    /// and what is copied, then the findings that only follow from another held back and the
    /// site's `rules:` applied. `diagnostics` are the findings so far, which it returns with
    /// the checks' own.
    static func validate(
        _ diagnostics: [Diagnostic], model: SiteModel, content: SiteContent, rendered: RenderedContent, outputs: [OutputFile],
        copies: [(path: String, source: String)], assets: [(path: String, source: String)], anchors: [String: Set<String>], hasRelease: Bool
    ) -> ValidationOutcome {
        var diagnostics = diagnostics
        // What `build` would meet when it copies: `check` reports it too, at the source file.
        // The pages are searched for each static file's path, not hashed whole into a set:
        // a site has a few static files and, at 100,000 pages, 200,000 pages and twins.
        let staticFiles = model.staticFiles.map { (path: $0.outputPath, source: $0.file.absolutePath, display: $0.file.displayPath) }
        diagnostics += OutputCollisions.check(
            staticFiles: staticFiles,
            generated: staticFiles.map(\.path).filter { isOutput($0, in: outputs) } + assets.map(\.path) + [
                SiteModel.searchIndexFile, SiteModel.checksPath.filePath, "sitemap.xml", BuildManifest.fileName, BuildManifest.pagePath, SiteWriter.markerName,
            ])
        // The checks page is rendered after validation, but content may link to it.
        var context = ValidationContext(model: model, content: rendered, outputs: outputs, copiedFiles: copies.map(\.path) + [SiteModel.checksPath.filePath, BuildManifest.fileName, BuildManifest.pagePath],
            filesWithErrors: Set(diagnostics.filter { $0.severity == .error }.map(\.location.file)))
        context.anchors = anchors
        diagnostics += SiteValidator.run(context)
        diagnostics = HeldBackFindings.apply(diagnostics, content: content, hasRelease: hasRelease)
        return SiteValidator.outcome(of: diagnostics, for: model)
    }

    /// Whether `path` is the path of one of `outputs`, which are sorted bytewise (as the
    /// render pass leaves them), by binary search.
    static func isOutput(_ path: String, in outputs: [OutputFile]) -> Bool {
        assert(zip(outputs, outputs.dropFirst()).allSatisfy { $0.path.precedesBytewise($1.path) }, "outputs are sorted")
        let lower = outputs.firstIndex(notBefore: path, by: \.path)
        return lower < outputs.count && outputs[lower].path == path
    }

    /// The pages that list the build's own results, rendered last: the checks page (the
    /// warnings that did not stop the build; errors stop it, so they never reach a page) and,
    /// with a `baseURL`, the sitemap of `outputs` and the checks page.
    static func checksPageAndSitemap(_ renderer: PageRenderer, validation: ValidationOutcome, outputs: [OutputFile]) -> (files: [OutputFile], findings: [Diagnostic]) {
        let (checks, findings) = renderer.checksPage(
            findings: validation.warnings,
            suppressions: validation.suppressed.map { ($0.suppression.location.file, $0.finding.rule, $0.suppression.reason) },
            acknowledged: validation.acknowledged)
        var files: [OutputFile] = []
        if let checks { files.append(checks) }
        if let baseURL = renderer.model.configuration.baseURL {
            files.append(Sitemap.make(baseURL: baseURL, pages: outputs + files))
        }
        return (files, findings)
    }
}
