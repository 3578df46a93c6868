import Foundation
import PolicySiteCodeSets
import PolicySiteCore

/// What to build and where; paths are as the user gave them (relative to the working
/// directory) and appear so in messages.
public struct BuildRequest: Sendable {
    public var contentPath: String
    public var templatesPath: String
    public var outputPath: String
    /// A CMS release file that overrides `site.yml`'s `codeSet`.
    var codeSetPath: String?
    /// The content revision shown in page footers (CI passes its commit).
    var revision: String?
    /// How messages name the content, templates and output folders (default: as given);
    /// tests build in temporary folders and still read `Content/codes/G9328.md:3:7`.
    var contentDisplayPath: String?
    var templatesDisplayPath: String?
    public var outputDisplayPath: String?
    /// The as-of date that overrides `site.yml`'s (`--as-of`); nil to use the site's.
    public var asOf: CalendarDate?
    /// The day `asOf: today` means; nil for the UTC day of the clock (tests fix it).
    var today: CalendarDate?
    /// Wait for another build of the same output to finish (false: stop with `output-busy`).
    public var waitForLock = true
    /// Build into a folder without PolicySite's marker, keeping its files (`--adopt`).
    public var adopt = false
    /// Write into the output folder file by file instead of swapping it (`--in-place`), for
    /// an output folder that is a mount point.
    public var inPlace = false
    /// Releases parsed by earlier builds of this process, reused while their files are
    /// unchanged (`serve` rebuilds; nil for `build` and `check`).
    public var releaseCache: ReleaseCache?
    /// What the last good build of this process left for the next (`serve`): a build with it
    /// remembers itself there, and `incrementalBuild` re-renders only what an edit touched.
    public var rebuildMemory: RebuildMemory?
    /// The largest page written, in bytes (`SiteBuilder.defaultMaxPageBytes`); tests lower it.
    var maxPageBytes = SiteBuilder.defaultMaxPageBytes

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
    /// How long each named step took, in seconds, in order, and the process's peak resident
    /// memory in bytes when it ended (nil where the system does not tell).
    public var stepTimes: [(step: String, seconds: Double, peakMemory: Int?)]
    /// The step the build stopped at, when it did not write the site ("load content",
    /// "validate", ...): the step whose findings stopped it.
    public var stoppedAt: String?
    /// Plain remarks about what the build chose not to write ("no sitemap.xml: ...").
    public var notes: [String] = []
    /// What validation reported and what pages suppressed (empty when the build stopped
    /// before validating); `diagnostics` already holds its findings.
    public var validation = ValidationOutcome()
}

/// The build pipeline, a sequence of named steps: load content, assemble the code set,
/// load templates, render pages, write the site. Every step reports all its findings; the
/// site is written only when no finding is an error.
public enum SiteBuilder {
    /// The largest page a build writes: 64 MB, fifty times the largest page of a whole CMS
    /// release (a coverage page of 1,000 rows); a larger one is a `page-too-large` error.
    static let defaultMaxPageBytes = 64 * 1_048_576

    /// Builds the site; with `write: false` runs every step but writes nothing.
    public static func build(_ request: BuildRequest, write: Bool = true) -> BuildReport {
        var diagnostics: [Diagnostic] = []
        var times: [(String, Double, Int?)] = []
        var validation = ValidationOutcome()
        // The step whose findings hold the build's first error: findings are added right after
        // their step, so errors present when a step starts came from the one before it.
        var stoppingStep: String?
        func step<T>(_ name: String, _ body: () -> T) -> T {
            if stoppingStep == nil, diagnostics.containsErrors { stoppingStep = times.last?.0 }
            let start = DispatchTime.now().uptimeNanoseconds
            let result = body()
            times.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, ProcessMemory.peakResidentBytes()))
            return result
        }
        func report(_ wrote: Bool = false, pages: Int = 0, files: Int = 0, bytes: Int = 0, stoppedAt step: String? = nil) -> BuildReport {
            var report = BuildReport(diagnostics: diagnostics.sorted(), wroteSite: wrote, pageCount: pages, fileCount: files, byteCount: bytes, stepTimes: times, validation: validation)
            report.stoppedAt = wrote ? nil : step ?? stoppingStep ?? (diagnostics.containsErrors ? times.last?.0 : nil)
            return report
        }

        let outputDisplay = request.outputDisplayPath ?? request.outputPath
        // Held until the build ends: a second build of this output waits for it, so neither
        // removes the other's staging folder.
        var claimed: (writer: SiteWriter, lock: OutputLock)?
        defer { claimed?.lock.release() }
        if write {
            switch Self.claimOutput(request) {
            case .success(let claim): claimed = claim
            case .failure(let failure):
                diagnostics.append(failure.finding)
                return report(stoppedAt: "claim the output folder")
            }
        }

        // A `--code-set` release is known before the content is: read on another thread while
        // the content loads, it is no longer a serial step of its own.
        // Its code set and records are made there too (`PreparedRelease`).
        let earlyRelease = request.codeSetPath.map { path in
            BackgroundWork { () -> (HCPCSRelease, PreparedRelease) in
                let release = SiteAssembler.read(ReleaseInput(label: nil, path: path, displayPath: path, effective: nil), cache: request.releaseCache)
                return (release, PreparedRelease(release))
            }
        }
        // The templates do not depend on the content either: parsed while it loads.
        let templatesLoad = BackgroundWork { TemplateSet.load(folder: request.templatesPath, displayFolder: request.templatesDisplayPath ?? request.templatesPath) }
        let (content, loadFindings) = step("load content") { Self.loadContent(request) }
        diagnostics += loadFindings
        let (templates, templateFindings) = step("load templates") { templatesLoad.value() }
        diagnostics += templateFindings
        guard let content else { return report() }

        let releases = Self.releaseInputs(request, configuration: content.configuration)
        let notes = Self.processingNotesInput(request, configuration: content.configuration, releases: releases)
        let (model, assembleFindings) = step("assemble code set") { SiteAssembler.assemble(content, releases: releases, processingNotes: notes, cache: request.releaseCache, read: earlyRelease.map { [$0.value().0] }, newest: earlyRelease?.value().1) }
        diagnostics += assembleFindings
        let rendererFindings = templateFindings + assembleFindings
        guard let model, let templates else { return report() }

        var renderer = PageRenderer(model: model, templates: templates, revision: request.revision)
        renderer = step("render Markdown") { renderer.withContent(renderer.renderGeneralPages()) }
        diagnostics += renderer.markdownFindings
        let snapshotRenderer = renderer
        var staging: SiteStaging?
        if let writer = claimed?.writer {
            do {
                staging = try writer.begin()
            } catch {
                diagnostics.append(OutputWriteFailures.diagnostic(error, output: outputDisplay, staging: nil))
                return report(stoppedAt: "open the staging folder")
            }
        }
        let stagingArea = staging
        // Search text waits on disk for the index (see `TextSpill`).
        var spill: TextSpill?
        if let stagingArea {
            do {
                spill = try stagingArea.spill(named: "search-text")
            } catch {
                diagnostics.append(OutputWriteFailures.diagnostic(error, output: outputDisplay, staging: stagingArea))
                stagingArea.abandon()
                return report(stoppedAt: "open the staging folder")
            }
        }
        let sink = PageSink(staging: stagingArea, spill: spill, outputDisplay: outputDisplay, maxPageBytes: request.maxPageBytes)
        let memory = write ? request.rebuildMemory : nil

        var guidance = step("render guidance pages") { Self.renderGuidancePages(renderer, into: sink, write: write, remembering: memory != nil) }
        diagnostics += guidance.findings
        renderer = renderer.withDigests(guidance.digests)
        // The renderer's copy is the only one, so the record step can let it go.
        guidance.digests = [:]
        let pages = step("render pages") { Self.renderPages(renderer, into: sink, write: write, writtenCodes: guidance.writtenCodes, remembering: memory != nil) }
        diagnostics += pages.findings
        let outputs = pages.outputs, anchors = pages.anchors
        var byteCount = pages.byteCount
        let renderedBytes = byteCount
        let (copies, assets, assetFindings) = Self.copies(request, model: model)
        diagnostics += assetFindings
        // From here to the record the steps are serial and leave a core idle: two pieces of
        // work that none of them needs run meanwhile on other threads, so that validation, the
        // search index and the record's inputs share both cores. The search index (straight
        // into the staging folder; `check` writes none) needs only the guidance pass's digests
        // and search text, and is kept only when the build has no error; its memory is a
        // read-ahead window. The record's inputs (every content and template file, hashed) are
        // a list of 20 MB at a hundred thousand pages, held from here to the record: the link
        // check keeps no table of every page (`PublishedSite`) to leave room for it.
        let searchIndex = stagingArea.flatMap { stagingArea in
            diagnostics.containsErrors ? nil : BackgroundWork { [renderer, spill] in Result { try Self.writeSearchIndex(renderer, into: stagingArea, spill: spill) } }
        }
        let recordInputs = stagingArea.map { _ in BackgroundWork { BuildRecord.inputs(request, releases: releases, content: content) } }
        // The files someone added to the previous site by hand, to be kept: found by listing
        // that site, which nothing changes while the build holds the output's lock. Every file
        // of it is listed (13,000 at the 2019 release, 60 ms), so that runs here too.
        let foreignFiles = stagingArea.flatMap { _ in claimed.map { claimed in BackgroundWork { [writer = claimed.writer] in writer.foreignFiles() } } }
        validation = step("validate") {
            Self.validate(diagnostics, model: model, content: content, rendered: renderer.content, outputs: outputs, copies: copies, assets: assets, anchors: anchors, hasRelease: !releases.isEmpty)
        }
        diagnostics = validation.findings
        var searchIndexWritten = false
        let lastFiles = step("search index, checks page, sitemap") { () -> [OutputFile] in
            let (files, checksFindings) = Self.checksPageAndSitemap(renderer, validation: validation, outputs: outputs)
            diagnostics += checksFindings
            // Waited for even when it is not kept: the staging folder is abandoned below.
            if let stagingArea, let written = searchIndex?.value(), !diagnostics.containsErrors {
                switch written {
                case .success(let bytes):
                    byteCount += bytes
                    searchIndexWritten = true
                case .failure(let error):
                    diagnostics.append(OutputWriteFailures.diagnostic(error, output: outputDisplay, staging: stagingArea))
                }
            }
            return files
        }
        // One template-key finding per key, not one per page that hit it.
        diagnostics = Array(Set(diagnostics))
        // A full disk fails every file after the first: one finding, with the count.
        diagnostics = OutputWriteFailures.collapse(diagnostics)
        let pageCount = outputs.filter { $0.path.hasSuffix(".html") }.count + lastFiles.filter { $0.path.hasSuffix(".html") }.count
        guard let stagingArea, let recordInputs, !diagnostics.containsErrors else {
            staging?.abandon()
            return report(pages: pageCount)
        }
        spill?.remove()
        // Every guidance page's digest, freed one by one (10 ms at 6,000 pages, 200 ms at
        // 100,000), on another thread while the last files and the record are written. The
        // record no longer waits for it before starting: at 100,000 pages that wait was a
        // serial gap, and the peak memory is the same without it (557 MB).
        let withDigests = Parcel(renderer)
        renderer = renderer.withoutGuidanceDigests()
        let digestsFreed = BackgroundWork { _ = withDigests.take() }
        let writeStart = DispatchTime.now().uptimeNanoseconds
        var recordFiles = 0
        do {
            let record = try Self.writeLastFilesAndRecord(lastFiles, copies: copies, foreign: foreignFiles?.value() ?? [], into: stagingArea, renderer: renderer, request: request, inputs: recordInputs, after: digestsFreed)
            for file in record.kept {
                diagnostics.append(.warning("output-foreign-file", "file not written by PolicySite kept in the new site (listed as kept in \(BuildManifest.fileName))", at: SourceLocation(file: outputDisplay + "/" + file.path)))
            }
            for path in record.replaced {
                diagnostics.append(.warning("output-foreign-file", "file not written by PolicySite replaced by the page the build writes at this path", at: SourceLocation(file: outputDisplay + "/" + path)))
            }
            diagnostics += record.findings
            recordFiles = 2
            try stagingArea.commit()
            if let memory {
                memory.remember(BuildSnapshot(
                    folder: request.outputPath, settings: RebuildSettings(request), asOf: model.configuration.asOf,
                    renderer: snapshotRenderer, rendererFindings: rendererFindings + snapshotRenderer.markdownFindings,
                    inputs: record.inputs, processingNotes: notes.flatMap { FileDigest.sha256(file: $0.path)?.sha256 },
                    guidance: guidance.remembered, pageFindings: pages.pageFindings, anchors: anchors, renderedPaths: outputs.map(\.path),
                    renderedBytes: renderedBytes, outputs: record.outputs,
                    outputIndex: Dictionary(record.outputs.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { $1 }),
                    kept: record.kept))
            }
            // The record's lists of every input and output file, freed elsewhere (see below).
            releaseElsewhere(consume record)
            times.append(("write last files and record, swap in the site", Double(DispatchTime.now().uptimeNanoseconds - writeStart) / 1e9, ProcessMemory.peakResidentBytes()))
        } catch {
            stagingArea.abandon()
            diagnostics.append(OutputWriteFailures.diagnostic(error, output: outputDisplay, staging: stagingArea))
            diagnostics = OutputWriteFailures.collapse(diagnostics)
            return report(pages: pageCount, stoppedAt: "write last files and record, swap in the site")
        }
        byteCount += lastFiles.reduce(0) { $0 + $1.contents.count }
        var done = report(true, pages: pageCount, files: outputs.count + lastFiles.count + copies.count + (searchIndexWritten ? 1 : 0) + recordFiles, bytes: byteCount)
        done.notes = closingNotes(model)
        // The content, the model and what was rendered from them are freed on another thread:
        // the caller (`build` prints its report and exits) need not wait for it. Each is
        // consumed, so that the other thread holds the last reference: while this frame still
        // held one, the freeing happened here after all, when the frame ended (at 100,000
        // pages, the list of every page, the content and the release, serially).
        var guidanceLeft = GuidancePass()
        swap(&guidanceLeft, &guidance)
        releaseElsewhere((
            consume content, consume model, consume renderer, consume snapshotRenderer, consume guidanceLeft, consume pages,
            consume templates, consume outputs, consume anchors, consume lastFiles, consume earlyRelease, consume recordInputs))
        return done
    }

    /// What a build that wrote the site says besides its counts: the as-of date when it did
    /// not come from `site.yml`, each release's counts, and a missing sitemap.
    static func closingNotes(_ model: SiteModel) -> [String] {
        var notes: [String] = []
        switch model.configuration.asOfSource {
        case .siteFile: break
        case .today: notes.append("status as of \(model.configuration.asOf) (asOf: today, the UTC day of this build)")
        case .commandLine: notes.append("status as of \(model.configuration.asOf) (--as-of, over site.yml's asOf)")
        }
        notes += model.releaseSummaries
        if model.configuration.baseURL == nil {
            notes.append("no sitemap.xml: a sitemap needs absolute URLs; set baseURL in site.yml")
        }
        return notes
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

    /// CMS's processing notes to read: `site.yml`'s `processingNotes` (relative to the content
    /// folder), else `proc_notes_<year>.txt` beside the newest release file when it is there
    /// (CMS ships them together); nil without a release.
    static func processingNotesInput(_ request: BuildRequest, configuration: SiteConfiguration, releases: [ReleaseInput]) -> ReleaseInput? {
        guard let newest = releases.last else { return nil }
        if let file = configuration.processingNotesPath {
            let absolute = file.hasPrefix("/")
            let contentDisplay = request.contentDisplayPath ?? request.contentPath
            return ReleaseInput(
                label: nil, path: absolute ? file : request.contentPath + "/" + file,
                displayPath: absolute ? file : contentDisplay + "/" + file, effective: nil)
        }
        let fileName = newest.path.split(separator: "/").last.map(String.init) ?? newest.path
        guard let year = SiteAssembler.releaseYear(label: newest.label, file: fileName) else { return nil }
        func beside(_ path: String) -> String {
            let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            return (folder.isEmpty && !path.hasPrefix("/") ? "" : folder + "/") + "proc_notes_\(year).txt"
        }
        let path = beside(newest.path)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return ReleaseInput(label: nil, path: path, displayPath: beside(newest.displayPath), effective: nil)
    }

    /// `Templates/assets/**` goes to `Site/assets/**`. Symlinks are not followed, so nothing
    /// from outside the templates folder is published.
    static func assetCopies(templatesPath: String, displayPath: String) -> ([(path: String, source: String)], [Diagnostic]) {
        let root = templatesPath + "/assets"
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        let exists = fileManager.fileExists(atPath: root, isDirectory: &isFolder)
        let problem = !exists ? "there is no assets folder" : !isFolder.boolValue ? "assets is not a folder" : access(root, R_OK | X_OK) != 0 ? "the assets folder cannot be read" : nil
        // Pages link the stylesheet and the search script: without them the site is broken.
        guard problem == nil, let enumerator = fileManager.enumerator(atPath: root) else {
            return ([], [.error("template-assets-missing", "\(problem ?? "the assets folder cannot be read"): the site would have no stylesheet and no search script", at: SourceLocation(file: displayPath + "/assets"))])
        }
        var copies: [(path: String, source: String)] = []
        var diagnostics: [Diagnostic] = []
        while let relative = enumerator.nextObject() as? String {
            let source = root + "/" + relative
            let type = (try? fileManager.attributesOfItem(atPath: source)[.type] as? FileAttributeType) ?? nil
            if type == .typeSymbolicLink {
                diagnostics.append(.warning("symlink", "symlink in the templates' assets not copied", at: SourceLocation(file: displayPath + "/assets/" + relative)))
                continue
            }
            guard type == .typeRegular else { continue }
            if access(source, R_OK) != 0 {
                diagnostics.append(.error("template-unreadable", "asset cannot be read", at: SourceLocation(file: displayPath + "/assets/" + relative)))
                continue
            }
            copies.append(("\(SiteModel.assetsFolder)/\(relative)", source))
        }
        return (copies.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }, diagnostics)
    }

}

/// The process's memory, from `getrusage` (no `/proc`, so it works wherever POSIX does).
public enum ProcessMemory {
    /// The peak resident set size so far, in bytes; nil when the system does not say.
    static func peakResidentBytes() -> Int? {
        var usage = rusage()
        #if canImport(Glibc)
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss) * 1024  // Linux counts kilobytes
        #else
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss)  // Darwin counts bytes
        #endif
    }

    /// Has the C allocator give every buffer of 4 MB or more its own mapping, returned to the
    /// system when it is freed. Left alone, glibc raises that threshold to the largest buffer
    /// freed so far (up to 32 MB), after which the big list pages of a large site (10 MB and
    /// more, two rendered at once) are carved out of the heap and its high-water mark stays:
    /// 35 MB more peak memory for a site of 100,000 pages. Not lower: buffers of a megabyte
    /// (reading a file to hash it) come and go once per file, and a mapping each is slow.
    /// The heap's free top is kept up to the same 4 MB: fixing the mapping threshold also fixes
    /// the trim threshold at glibc's 128 KB, so every page's buffers freed at the top went back
    /// to the system and were faulted in again for the next page (17,700 page faults a build of
    /// input (b), against 10,900; at 100,000 pages the peak rises by about 5 MB).
    /// Call once, before a build.
    public static func returnLargeBuffersToSystem() {
        #if canImport(Glibc)
        _ = glibcMallopt(glibcMmapThreshold, 4 * 1_048_576)
        _ = glibcMallopt(glibcTrimThreshold, 4 * 1_048_576)
        #endif
    }
}

#if canImport(Glibc)
// `mallopt` is declared in <malloc.h>, which the Glibc module does not import.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
/// `M_MMAP_THRESHOLD` in <malloc.h>.
private let glibcMmapThreshold: Int32 = -3
/// `M_TRIM_THRESHOLD` in <malloc.h>.
private let glibcTrimThreshold: Int32 = -1
#endif

