import Foundation
import PolicySiteCore

/// What an incremental rebuild did: its report, and the files whose bytes it changed.
public struct IncrementalRebuild: Sendable {
    public var report: BuildReport
    /// The site's folder, updated in place (the last good build's).
    public var folder: String
    /// Paths below the site whose bytes changed, sorted; empty when the build failed.
    public var changedFiles: [String]
}

extension SiteBuilder {
    /// Rebuilds after edits to guidance pages only, re-rendering what they touch: each edited
    /// page's code page and data twin, then what every build writes last (search index, checks
    /// page, sitemap, publication record). Every other page keeps its file, its findings and its
    /// ids from `request.rebuildMemory`'s last good build, and the changed files replace theirs
    /// in that build's folder one by one (each renamed into place whole).
    ///
    /// When an edit changed what pages that list guidance show of it (its payer notes, the
    /// modifiers its prose names), those pages render again too: every page but the code pages
    /// (and data twins) of the codes not edited.
    ///
    /// Returns nil, having written nothing, when the edits reach further: any input other than
    /// a guidance page's file changed (data, `site.yml`, templates, a release, a static file,
    /// a general page), a guidance page was added or removed, or an edited page's front matter
    /// changed. The caller then runs a full `build`. A failed rebuild writes nothing and leaves
    /// the memory as it was; its report holds the same findings a full build would.
    public static func incrementalBuild(_ request: BuildRequest) -> IncrementalRebuild? {
        guard let memory = request.rebuildMemory, let previous = memory.snapshot, previous.settings == RebuildSettings(request),
              FileManager.default.fileExists(atPath: previous.folder)
        else { return nil }
        var diagnostics: [Diagnostic] = []
        var times: [(String, Double, Int?)] = []
        func step<T>(_ name: String, _ body: () -> T) -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = body()
            times.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, ProcessMemory.peakResidentBytes()))
            return result
        }
        let outputDisplay = request.outputDisplayPath ?? request.outputPath

        let (loadedContent, loadFindings) = step("load content") { Self.loadContent(request) }
        diagnostics += loadFindings
        guard let content = loadedContent, content.configuration.asOf == previous.asOf else { return nil }
        let releases = Self.releaseInputs(request, configuration: content.configuration)
        let notes = Self.processingNotesInput(request, configuration: content.configuration, releases: releases)

        // What changed since the last good build: every input hashed again, as the record lists them.
        let inputs = step("compare inputs") { BuildRecord.inputs(request, releases: releases, content: content) }
        guard inputs.diagnostics.isEmpty, inputs.inputs.count == previous.inputs.count,
              notes.flatMap({ FileDigest.sha256(file: $0.path)?.sha256 }) == previous.processingNotes
        else { return nil }
        let before = Dictionary(previous.inputs.map { ($0.role + "\u{0}" + $0.path, $0) }, uniquingKeysWith: { $1 })
        var changedContent: Set<String> = []
        for input in inputs.inputs {
            guard let old = before[input.role + "\u{0}" + input.path] else { return nil }
            guard input.sha256 != old.sha256 || input.size != old.size else { continue }
            guard input.role == "content" else { return nil }
            changedContent.insert(input.path)
        }
        // Guidance files by their path below the content folder.
        let contentDisplay = request.contentDisplayPath ?? request.contentPath
        var guidanceByPath: [String: GuidanceSource] = [:]
        for page in content.guidance where page.file.hasPrefix(contentDisplay + "/") {
            guidanceByPath[String(page.file.dropFirst(contentDisplay.count + 1))] = page
        }
        var editedSources: [GuidanceSource] = []
        for path in changedContent {
            // Templates, data, site.yml, general pages, static files: all of the site again.
            guard let page = guidanceByPath[path] else { return nil }
            // What list, payer and home pages show of a page: all of them again.
            guard let old = previous.guidance[page.frontMatter.code], page.frontMatter == old.frontMatter,
                  previous.renderer.model.guidance[page.frontMatter.code]?.file == page.file
            else { return nil }
            editedSources.append(page)
        }
        editedSources.sort { $0.frontMatter.code.utf8.lexicographicallyPrecedes($1.frontMatter.code.utf8) }
        let editedCodes = editedSources.map(\.frontMatter.code)

        // The model, templates and general pages are the last build's: none of their inputs changed.
        var renderer = previous.renderer.withGuidanceSources(editedSources)
        let model = renderer.model
        diagnostics += previous.rendererFindings

        // The edited pages, as the full build's first pass renders them (before any digest).
        struct EditedPage: Sendable {
            var code: String
            var digest: GuidanceDigest
            var text: String
            var codePage: OutputFile?
        }
        let guidanceRenderer = renderer
        // Pages are held until the rebuild is known to succeed, not written as they render.
        let limits = PageSink(staging: nil, spill: nil, outputDisplay: outputDisplay, maxPageBytes: request.maxPageBytes)
        @Sendable func sized(_ file: OutputFile?, findings: [Diagnostic]) -> (OutputFile?, [Diagnostic]) {
            guard let file, file.contents.count > limits.maxPageBytes else { return (file, findings) }
            return (nil, findings + [limits.tooLarge(file.path, byteCount: file.contents.count)])
        }
        let edited = step("render guidance pages") {
            editedCodes.parallelMap { code -> EditedPage in
                // Never nil: the code is one of the model's guidance pages.
                let page = model.guidance[code]!
                let document = guidanceRenderer.guidanceDocument(code: code)!
                let text = PageRenderer.searchText(of: document)
                var digest = guidanceRenderer.digest(page, document: document, text: text)
                guard let hcpcs = model.codeSet[code: code] else { return EditedPage(code: code, digest: digest, text: text) }
                let (rendered, renderFindings) = guidanceRenderer.codePage(hcpcs, document: document)
                let (file, findings) = sized(rendered, findings: renderFindings)
                digest.findings += findings
                return EditedPage(code: code, digest: digest, text: text, codePage: file)
            }
        }
        var guidance = previous.guidance
        // Pages that list guidance show its payer notes (their states and text) and the
        // modifiers its prose names: when those changed, every page but the code pages of
        // codes not edited renders again.
        var listsChanged = false
        for page in edited {
            let old = previous.guidance[page.code]!
            if page.digest.payerStates != old.payerStates || page.digest.modifierMentions != old.modifierMentions { listsChanged = true }
            guidance[page.code] = RememberedGuidance(
                fingerprint: model.guidance[page.code]!.fingerprint, frontMatter: old.frontMatter, links: page.digest.links,
                payerStates: page.digest.payerStates, modifierMentions: page.digest.modifierMentions, searchText: page.text, findings: page.digest.findings)
        }
        // The findings in the order the full build adds them: guidance pages by code.
        for code in model.sortedGuidance.map(\.frontMatter.code) { diagnostics += guidance[code]!.findings }
        renderer = renderer.withDigests(guidance.mapValues {
            GuidanceDigest(links: $0.links, payerStates: $0.payerStates, searchText: nil, modifierMentions: $0.modifierMentions, findings: [])
        })
        let pageRenderer = renderer
        let editedSet = Set(editedCodes)
        let jobs = pageRenderer.jobs().filter { job in
            switch job {
            // The edited pages' code pages rendered above; the others show nothing of them.
            case .code: return false
            case .codeData(let code): return editedSet.contains(code)
            default: return listsChanged
            }
        }
        var files: [OutputFile] = edited.compactMap(\.codePage)
        let rendered = step("render pages") {
            jobs.parallelMap { job -> (path: String, file: OutputFile?, findings: [Diagnostic]) in
                let (file, findings) = pageRenderer.render(job)
                let (sizedFile, sizedFindings) = sized(file, findings: findings)
                return (pageRenderer.outputPath(of: job), sizedFile, sizedFindings)
            }
        }
        var pageFindings = previous.pageFindings
        for page in rendered {
            pageFindings[page.path] = page.findings.isEmpty ? nil : page.findings
            if let file = page.file { files.append(file) }
        }
        for path in previous.renderedPaths { diagnostics += pageFindings[path] ?? [] }

        // Ids of the pages links point at: the edited pages' own, the rest as last time (or
        // read from the site when a link now points at a page no link pointed at before).
        let linkTargets = pageRenderer.linkTargets()
        var anchors: [String: Set<String>] = [:]
        let renderedNow = Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { $1 })
        let pages = Set(previous.renderedPaths)
        for path in linkTargets where pages.contains(path) {
            if let bytes = renderedNow[path] {
                anchors[path] = AnchorScanner.anchors(in: bytes)
            } else if let known = previous.anchors[path] {
                anchors[path] = known
            } else if let bytes = FileManager.default.contents(atPath: previous.folder + "/" + path) {
                anchors[path] = AnchorScanner.anchors(in: [UInt8](bytes))
            }
        }
        let (copies, assets, assetFindings) = Self.copies(request, model: model)
        diagnostics += assetFindings
        let outputs = previous.renderedPaths.map { OutputFile(path: $0, contents: []) }
        let validation = step("validate") {
            Self.validate(diagnostics, model: model, content: content, rendered: renderer.content, outputs: outputs, copies: copies, assets: assets, anchors: anchors, hasRelease: !releases.isEmpty)
        }
        diagnostics = validation.findings
        var lastFiles: [OutputFile] = []
        var searchIndex: [UInt8] = []
        step("search index, checks page, sitemap") {
            let (files, checksFindings) = Self.checksPageAndSitemap(renderer, validation: validation, outputs: outputs)
            lastFiles = files
            diagnostics += checksFindings
            guard !diagnostics.containsErrors else { return }
            // Never throws: the text is in memory, and the index goes to memory first.
            _ = try? SearchIndex.write(model, codes: renderer.sortedCodes, content: renderer.content, guidanceText: { guidance[$0]?.searchText ?? "" }, to: { searchIndex += $0 })
        }
        let pageCount = outputs.filter { $0.path.hasSuffix(".html") }.count + lastFiles.filter { $0.path.hasSuffix(".html") }.count
        func report(_ wrote: Bool, files: Int = 0, bytes: Int = 0) -> BuildReport {
            BuildReport(diagnostics: diagnostics.sorted(), wroteSite: wrote, pageCount: pageCount, fileCount: files, byteCount: bytes, stepTimes: times, validation: validation)
        }
        diagnostics = Array(Set(diagnostics))
        guard !diagnostics.containsErrors else {
            return IncrementalRebuild(report: report(false), folder: previous.folder, changedFiles: [])
        }

        // Written into the served folder, each file whole: the pages first, the record last.
        let writeStart = DispatchTime.now().uptimeNanoseconds
        var written = previous.outputs, index = previous.outputIndex
        func old(_ path: String) -> BuildManifest.File? { index[path].map { written[$0] } }
        func record(_ entry: BuildManifest.File) {
            if let position = index[entry.path] { return written[position] = entry }
            // A file the last build did not write (rare: the list is sorted once more).
            written.append(entry)
            written.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            index = Dictionary(written.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { $1 })
        }
        var changed: [String] = []
        var renderedBytes = previous.renderedBytes
        do {
            let folder = ServedFolder(path: previous.folder)
            for file in files {
                renderedBytes += file.contents.count - (old(file.path)?.size ?? 0)
            }
            for file in files + lastFiles + [OutputFile(path: SiteModel.searchIndexFile, contents: searchIndex)] {
                if let entry = try folder.replace(file.path, file.contents, old: old(file.path)) {
                    record(entry)
                    changed.append(file.path)
                }
            }
            // The record page lists every file but itself.
            var listed = written
            if let position = index[BuildManifest.pagePath] { listed.remove(at: position) }
            var manifest = BuildManifest(
                revision: request.revision, asOf: model.configuration.asOf.description, codeSet: model.releaseLabel,
                inputs: inputs.inputs, sortedOutputs: listed, kept: previous.kept)
            var page: [UInt8] = []
            renderer.writeRecordPage(manifest) { page += $0 }
            if let entry = try folder.replace(BuildManifest.pagePath, page, old: old(BuildManifest.pagePath)) {
                record(entry)
                changed.append(BuildManifest.pagePath)
            }
            manifest.outputs = written
            var json: [UInt8] = []
            manifest.writeJSON { json += $0 }
            // The manifest does not list itself: compared with the file it would replace.
            if FileManager.default.contents(atPath: previous.folder + "/" + BuildManifest.fileName).map({ [UInt8]($0) }) != json {
                _ = try folder.replace(BuildManifest.fileName, json, old: nil)
                changed.append(BuildManifest.fileName)
            }
        } catch {
            // Some files may be new, some old: the next build starts from scratch.
            memory.forget()
            diagnostics.append(.error("output-write", "the served site could not be updated: \(error)", at: SourceLocation(file: outputDisplay)))
            return IncrementalRebuild(report: report(false), folder: previous.folder, changedFiles: [])
        }
        times.append(("write changed files and record", Double(DispatchTime.now().uptimeNanoseconds - writeStart) / 1e9, ProcessMemory.peakResidentBytes()))
        var snapshot = previous
        snapshot.inputs = inputs.inputs
        snapshot.renderer = previous.renderer.withGuidanceSources(editedSources)
        snapshot.guidance = guidance
        snapshot.pageFindings = pageFindings
        snapshot.anchors = anchors
        snapshot.renderedBytes = renderedBytes
        snapshot.outputs = written
        snapshot.outputIndex = index
        memory.remember(snapshot)
        let byteCount = renderedBytes + searchIndex.count + lastFiles.reduce(0) { $0 + $1.contents.count }
        var done = report(true, files: outputs.count + lastFiles.count + copies.count + 1 + 2, bytes: byteCount)
        done.notes = closingNotes(model)
        return IncrementalRebuild(report: done, folder: previous.folder, changedFiles: changed.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
}

/// The folder `serve` serves, changed file by file: each file is written beside its place and
/// renamed over it, so a response reads the old bytes or the new, never half of either.
struct ServedFolder {
    var path: String

    /// Replaces one file when its bytes differ from `old`'s record; returns the new record,
    /// or nil when the bytes are the same (the file is left alone).
    func replace(_ relative: String, _ bytes: [UInt8], old: BuildManifest.File?) throws -> BuildManifest.File? {
        let digest = FileDigest.sha256(bytes)
        if let old, old.size == bytes.count, old.sha256 == digest { return nil }
        let target = path + "/" + relative
        let temporary = target + ".policysite-new"
        let file = try StagedFile(path: temporary)
        try file.append(bytes[...])
        try file.close()
        try LinuxFileSystem.rename(temporary, target)
        return BuildManifest.File(path: relative, size: bytes.count, sha256: digest)
    }
}
