import Foundation
import PolicySiteCore

/// What to build and where; paths are as the user gave them (relative to the working
/// directory) and appear so in messages.
public struct BuildRequest: Sendable {
    public var contentPath: String
    public var templatesPath: String
    public var outputPath: String
    /// A CMS release file that overrides `site.yml`'s `codeSet`.
    public var codeSetPath: String?
    /// The content revision shown in page footers (CI passes its commit).
    public var revision: String?
    /// How messages name the content, templates and output folders (default: as given);
    /// tests build in temporary folders and still read `Content/codes/G9328.md:3:7`.
    public var contentDisplayPath: String?
    public var templatesDisplayPath: String?
    public var outputDisplayPath: String?

    public init(contentPath: String = "Content", templatesPath: String = "Templates", outputPath: String = "Site", codeSetPath: String? = nil, revision: String? = nil) {
        self.contentPath = contentPath
        self.templatesPath = templatesPath
        self.outputPath = outputPath
        self.codeSetPath = codeSetPath
        self.revision = revision
    }
}

/// What a build did: its findings (sorted) and, when it wrote the site, what it wrote.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var wroteSite: Bool
    public var pageCount: Int
    public var fileCount: Int
    public var byteCount: Int
    /// How long each named step took, in seconds, in order.
    public var stepTimes: [(step: String, seconds: Double)]
    /// What validation reported and what pages suppressed (empty when the build stopped
    /// before validating); `diagnostics` already holds its findings.
    public var validation = ValidationOutcome()
}

/// The build pipeline, a sequence of named steps: load content, assemble the code set,
/// load templates, render pages, write the site. Every step reports all its findings; the
/// site is written only when no finding is an error.
public enum SiteBuilder {
    /// Builds the site; with `write: false` runs every step but writes nothing.
    public static func build(_ request: BuildRequest, write: Bool = true) -> BuildReport {
        var diagnostics: [Diagnostic] = []
        var times: [(String, Double)] = []
        var validation = ValidationOutcome()
        func step<T>(_ name: String, _ body: () -> T) -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = body()
            times.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
            return result
        }
        func report(_ wrote: Bool = false, pages: Int = 0, files: Int = 0, bytes: Int = 0) -> BuildReport {
            BuildReport(diagnostics: diagnostics.sorted(), wroteSite: wrote, pageCount: pages, fileCount: files, byteCount: bytes, stepTimes: times, validation: validation)
        }

        let writer = SiteWriter(
            outputPath: request.outputPath, displayPath: request.outputDisplayPath ?? request.outputPath,
            protectedPaths: [FileManager.default.currentDirectoryPath, request.contentPath, request.templatesPath])
        if write, let refusal = writer.refusal() {
            diagnostics.append(refusal)
            return report()
        }

        let (content, loadFindings) = step("load content") { ContentLoader.load(root: request.contentPath, displayRoot: request.contentDisplayPath ?? request.contentPath) }
        diagnostics += loadFindings
        let (templates, templateFindings) = step("load templates") { TemplateSet.load(folder: request.templatesPath, displayFolder: request.templatesDisplayPath ?? request.templatesPath) }
        diagnostics += templateFindings
        guard let content else { return report() }

        let releases = Self.releaseInputs(request, configuration: content.configuration)
        let (model, assembleFindings) = step("assemble code set") { SiteAssembler.assemble(content, releases: releases) }
        diagnostics += assembleFindings
        guard let model, let templates else { return report() }

        var renderer = PageRenderer(model: model, templates: templates, revision: request.revision)
        renderer = step("render Markdown") { renderer.withContent(renderer.renderContent()) }
        diagnostics += renderer.markdownFindings
        let pageRenderer = renderer
        var jobs = pageRenderer.jobs()
        var outputs: [OutputFile] = []
        if !write {
            // `check` writes nothing, so it renders only the pages its rules read: content
            // pages and the pages their links point at. The rest are listed, empty, so links
            // to them resolve. (`build` renders every page and checks template keys on all.)
            let needed = pageRenderer.pagesToCheck()
            let skipped = jobs.filter { !needed.contains(pageRenderer.outputPath(of: $0)) }
            outputs += skipped.map { OutputFile(path: pageRenderer.outputPath(of: $0), contents: []) }
            jobs = jobs.filter { needed.contains(pageRenderer.outputPath(of: $0)) }
        }
        let rendered = step("render pages") { jobs.parallelMap { pageRenderer.render($0) } }
        outputs.reserveCapacity(outputs.count + rendered.count)
        for (file, findings) in rendered {
            diagnostics += findings
            if let file { outputs.append(file) }
        }
        var copies = model.staticFiles.map { (path: $0.outputPath, source: $0.file.absolutePath) }
        copies += Self.assetCopies(templatesPath: request.templatesPath)
        // The checks page is rendered after validation, but content may link to it.
        let context = ValidationContext(model: model, content: renderer.content, outputs: outputs, copiedFiles: copies.map(\.path) + [SiteModel.checksPath.filePath],
            filesWithErrors: Set(diagnostics.filter { $0.severity == .error }.map(\.location.file)))
        diagnostics += step("validate") { SiteValidator.run(context) }
        validation = SiteValidator.outcome(of: diagnostics, for: model)
        diagnostics = validation.findings
        // Pages that list the build's own results come last: the checks page shows the
        // warnings that did not stop the build (errors stop it, so they never reach a page).
        let (checks, checksFindings) = renderer.checksPage(
            findings: validation.warnings,
            suppressions: validation.suppressed.map { ($0.suppression.location.file, $0.finding.rule, $0.suppression.reason) })
        diagnostics += checksFindings
        if let checks { outputs.append(checks) }
        outputs.append(SearchIndex.make(model, content: renderer.content))
        if let baseURL = model.configuration.baseURL {
            outputs.append(Sitemap.make(baseURL: baseURL, pages: outputs))
        }
        let files = outputs.map { (path: $0.path, contents: $0.contents) }
        // One template-key finding per key, not one per page that hit it.
        diagnostics = Array(Set(diagnostics))
        let pageCount = files.filter { $0.path.hasSuffix(".html") }.count
        guard write, !diagnostics.containsErrors else { return report(pages: pageCount) }
        let writeStart = DispatchTime.now().uptimeNanoseconds
        do {
            try writer.write(files, staticCopies: copies)
            times.append(("write site", Double(DispatchTime.now().uptimeNanoseconds - writeStart) / 1e9))
        } catch {
            diagnostics.append(.error("output-write", "site could not be written: \(error.localizedDescription)", at: SourceLocation(file: request.outputDisplayPath ?? request.outputPath)))
            return report(pages: pageCount)
        }
        let bytes = files.reduce(0) { $0 + $1.contents.count }
        return report(true, pages: pageCount, files: files.count + copies.count, bytes: bytes)
    }

    /// The release files to read: `--code-set` alone when given, else `site.yml`'s `releases`
    /// (oldest first) or `codeSet`. Paths in `site.yml` are relative to the content folder.
    static func releaseInputs(_ request: BuildRequest, configuration: SiteConfiguration) -> [ReleaseInput] {
        let contentDisplay = request.contentDisplayPath ?? request.contentPath
        func input(_ file: String, label: String?, effective: CalendarDate?) -> ReleaseInput {
            let absolute = file.hasPrefix("/")
            return ReleaseInput(
                label: label, path: absolute ? file : request.contentPath + "/" + file,
                displayPath: absolute ? file : contentDisplay + "/" + file, effective: effective)
        }
        if let path = request.codeSetPath {
            return [ReleaseInput(label: nil, path: path, displayPath: path, effective: nil)]
        }
        if !configuration.releases.isEmpty {
            return configuration.releases.map { input($0.file, label: $0.label, effective: $0.effective) }
        }
        if let file = configuration.codeSetPath { return [input(file, label: nil, effective: nil)] }
        return []
    }

    /// `Templates/assets/**` goes to `Site/assets/**`.
    static func assetCopies(templatesPath: String) -> [(path: String, source: String)] {
        let root = templatesPath + "/assets"
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var copies: [(path: String, source: String)] = []
        while let relative = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            let source = root + "/" + relative
            guard FileManager.default.fileExists(atPath: source, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            copies.append(("\(SiteModel.assetsFolder)/\(relative)", source))
        }
        return copies.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}
