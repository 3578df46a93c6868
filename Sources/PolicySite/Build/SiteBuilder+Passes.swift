import Foundation
import PolicySiteCore

/// Where pages go as they are rendered: into the staging folder (`build`), or nowhere
/// (`check`), once checked against the largest page a build writes.
struct PageSink: Sendable {
    let staging: SiteStaging?
    /// Where guidance pages' search text waits for the index (`build` only; see `TextSpill`).
    let spill: TextSpill?
    let outputDisplay: String
    let maxPageBytes: Int

    /// Writes one page; returns its findings with those of writing it (`page-too-large`,
    /// a failed write).
    func store(_ file: OutputFile, findings: [Diagnostic]) -> [Diagnostic] {
        if file.contents.count > maxPageBytes { return findings + [tooLarge(file.path, byteCount: file.contents.count)] }
        guard let staging else { return findings }
        do {
            try staging.write(file.path, file.contents)
            return findings
        } catch {
            return findings + [OutputWriteFailures.diagnostic(error, output: outputDisplay, staging: staging)]
        }
    }

    /// Writes one page a part at a time, as `make` hands its parts on, for a page too big to
    /// hold whole (`codes/index.json`). `make` runs once: its parts are written while the page
    /// is within the limit and only counted after, so a page over the limit is reported with
    /// its size, as `store` reports it. What was written of such a page stays in the staging
    /// folder, which the build then abandons: `page-too-large` is an error no rule setting
    /// lowers. (Counting first and writing after made the page twice: 24 MB of JSON at
    /// 100,000 codes.) Returns the page's size in bytes and the findings of writing it.
    func stream(_ path: String, _ make: ((ArraySlice<UInt8>) throws -> Void) throws -> Void) -> (byteCount: Int, findings: [Diagnostic]) {
        var byteCount = 0
        guard let staging else {
            do {
                try make { byteCount += $0.count }
            } catch {
                // Counting throws nothing: `make` throws only what it is given to write with.
            }
            return (byteCount, byteCount > maxPageBytes ? [tooLarge(path, byteCount: byteCount)] : [])
        }
        do {
            let file = try staging.open(path)
            try make { part in
                byteCount += part.count
                if byteCount <= maxPageBytes { try file.append(part) }
            }
            try file.close()
        } catch {
            return (byteCount, [OutputWriteFailures.diagnostic(error, output: outputDisplay, staging: staging)])
        }
        return (byteCount, byteCount > maxPageBytes ? [tooLarge(path, byteCount: byteCount)] : [])
    }

    /// `page-too-large` for a page of `byteCount` bytes at `path` below the site.
    func tooLarge(_ path: String, byteCount: Int) -> Diagnostic {
        .error(
            "page-too-large", "page would be \(byteCount / 1024) KB, over the limit of \(maxPageBytes / 1024) KB; it is not written",
            at: SourceLocation(file: outputDisplay + "/" + path))
    }
}

/// What the pass over guidance pages gives the rest of the build.
struct GuidancePass {
    /// What each page gives other pages, by code (findings moved to `findings`).
    var digests: [String: GuidanceDigest] = [:]
    /// Codes whose page the pass wrote, with its size in bytes.
    var writtenCodes: [String: Int] = [:]
    /// What `serve`'s next rebuild needs of each page (empty without a `RebuildMemory`).
    var remembered: [String: RememberedGuidance] = [:]
    var findings: [Diagnostic] = []
}

/// What the pass over every other page gives the rest of the build.
struct PagePass {
    /// Every page written, code pages of the guidance pass included, sorted by path; the
    /// contents are not kept.
    var outputs: [OutputFile] = []
    /// The ids of each page a content link points at, by path.
    var anchors: [String: Set<String>] = [:]
    /// Each page's findings, by path (kept only for `serve`'s next rebuild).
    var pageFindings: [String: [Diagnostic]] = [:]
    var findings: [Diagnostic] = []
    /// The bytes of every page written.
    var byteCount = 0
}

extension SiteBuilder {
    /// Guidance pages, one at a time on all cores: each page's Markdown is rendered, its code
    /// page written (by `build`), and only its digest kept, so memory does not grow with the
    /// guidance. `check` writes nothing and renders the code pages it needs later.
    static func renderGuidancePages(_ renderer: PageRenderer, into sink: PageSink, write: Bool, remembering: Bool) -> GuidancePass {
        let model = renderer.model
        // The digest is optional only so that the loop below can move it out, not copy it.
        var results = model.sortedGuidance.parallelMap { page -> (digest: GuidanceDigest?, writtenBytes: Int?, text: String?) in
            let code = page.frontMatter.code
            // Never nil: the page is one of the model's guidance pages.
            let document = renderer.guidanceDocument(code: code)!
            var spillFindings: [Diagnostic] = []
            var searchText: Range<Int>?
            let text = PageRenderer.searchText(of: document)
            if let spill = sink.spill {
                do {
                    searchText = try spill.store(text)
                } catch {
                    spillFindings.append(OutputWriteFailures.diagnostic(error, output: sink.outputDisplay, staging: sink.staging))
                }
            }
            var digest = renderer.digest(page, document: document, searchText: searchText, text: text)
            digest.findings += spillFindings
            let kept = remembering ? text : nil
            // The code is read where it is in the code set, not copied out.
            let payerStates = digest.payerStates
            guard write, let rendered = model.codeSet.withCode(code, { renderer.codePage($0, document: document, payerStates: payerStates) }) else {
                return (digest, nil, kept)
            }
            // The page's findings travel with its digest; its path is its code's.
            let (file, findings) = rendered
            guard let file else {
                digest.findings += findings
                return (digest, 0, kept)
            }
            digest.findings += sink.store(file, findings: findings)
            return (digest, file.contents.count, kept)
        }
        var pass = GuidancePass()
        pass.digests.reserveCapacity(results.count)
        pass.writtenCodes.reserveCapacity(results.count)
        for (index, page) in model.sortedGuidance.enumerated() {
            let code = page.frontMatter.code
            var digest = results[index].digest.take()!
            if remembering {
                pass.remembered[code] = RememberedGuidance(
                    fingerprint: page.fingerprint, frontMatter: page.frontMatter, links: digest.links, payerStates: digest.payerStates,
                    modifierMentions: digest.modifierMentions, searchText: results[index].text ?? "", findings: digest.findings)
            }
            pass.findings += digest.findings
            digest.findings = []
            pass.digests[code] = digest
            if let bytes = results[index].writtenBytes { pass.writtenCodes[code] = bytes }
        }
        return pass
    }

    /// Every page but the guidance pass's code pages, on all cores. A build writes each page
    /// into the staging folder as soon as it is rendered and keeps only the ids of the pages
    /// content links point at (the link checker reads nothing else; other pages only need to
    /// exist), so memory does not grow with the site. `check` renders only the content pages
    /// and the link targets: templates were checked whole when they loaded.
    static func renderPages(_ renderer: PageRenderer, into sink: PageSink, write: Bool, writtenCodes: [String: Int], remembering: Bool) -> PagePass {
        struct RenderedPage: Sendable {
            var path: String
            var byteCount: Int
            var findings: [Diagnostic]
            /// The page's ids, when a content link points at it.
            var anchors: Set<String>?
        }
        let jobs = renderer.jobs().filter { job in
            if case .code(let code) = job { return writtenCodes[code] == nil }
            return true
        }
        let linkTargets = renderer.linkTargets()
        let pagesChecked = write ? linkTargets : renderer.pagesToCheck()
        // Run biggest first, kept in job order: findings and outputs are read in that order.
        let order = Self.biggestFirst(jobs)
        let finished = order.parallelMap { index -> RenderedPage in
            let job = jobs[index]
            let path = renderer.outputPath(of: job)
            guard write || pagesChecked.contains(path) else {
                return RenderedPage(path: path, byteCount: 0, findings: [])
            }
            // The list of every code (24 MB at 100,000 codes) is written as it is made, unless
            // a content link needs its ids read.
            if write, case .codesIndex = job, !linkTargets.contains(path) {
                let (byteCount, findings) = sink.stream(path) { try renderer.writeCodesIndex(to: $0) }
                return RenderedPage(path: path, byteCount: byteCount, findings: findings)
            }
            let (file, findings) = renderer.render(job)
            guard let file else { return RenderedPage(path: path, byteCount: 0, findings: findings) }
            let anchors = linkTargets.contains(file.path) ? AnchorScanner.anchors(in: file.contents) : nil
            return RenderedPage(path: file.path, byteCount: file.contents.count, findings: sink.store(file, findings: findings), anchors: anchors)
        }
        var inJobOrder = [RenderedPage?](repeating: nil, count: jobs.count)
        for (index, page) in zip(order, finished) { inJobOrder[index] = page }
        let rendered = inJobOrder.map { $0! }
        var pass = PagePass()
        pass.outputs.reserveCapacity(rendered.count + writtenCodes.count + 3)
        // In code order, not the table's: the list is sorted below, and a few long sorted
        // runs (these pages, the twins, the other code pages) sort in a pass or two where
        // pages in hash order took a whole sort, at random places in memory.
        renderer.sortedCodes.withUnsafeBufferPointer { codes in
            for index in codes.indices {
                guard let bytes = writtenCodes[codes[index].code] else { continue }
                pass.outputs.append(OutputFile(path: SiteModel.codePath(codes[index].code).filePath, contents: []))
                pass.byteCount += bytes
            }
        }
        for page in rendered {
            pass.findings += page.findings
            if remembering, !page.findings.isEmpty { pass.pageFindings[page.path] = page.findings }
            pass.outputs.append(OutputFile(path: page.path, contents: []))
            pass.byteCount += page.byteCount
            if let anchors = page.anchors { pass.anchors[page.path] = anchors }
        }
        // Code pages written before the link targets were known are read back for their ids.
        if let staging = sink.staging {
            for code in writtenCodes.keys {
                let path = SiteModel.codePath(code).filePath
                guard linkTargets.contains(path) else { continue }
                pass.anchors[path] = staging.read(path).map(AnchorScanner.anchors(in:)) ?? []
            }
        }
        // Compared with memcmp: the generic UTF-8 comparison was 90 M instructions for 13,000 paths.
        pass.outputs.sort { $0.path.precedesBytewise($1.path) }
        return pass
    }

    /// The indices of `jobs` in the order they should start: the pages that list every code
    /// or every code of a section (coverage, payer and section pages, `codes/index.json`) and
    /// the other single pages before the thousands of small per-code and per-modifier pages,
    /// so that no core renders a big page alone while the other has finished. Stable within
    /// each group.
    static func biggestFirst(_ jobs: [PageRenderer.Job]) -> [Int] {
        func group(_ job: PageRenderer.Job) -> Int {
            switch job {
            case .coverage, .payer, .section, .codesIndex: return 0
            case .home, .modifierIndex, .search, .notFound, .changes, .releasesIndex: return 1
            case .code, .codeData, .modifier, .page: return 2
            }
        }
        var groups: [[Int]] = [[], [], []]
        for (index, job) in jobs.enumerated() { groups[group(job)].append(index) }
        return groups.flatMap { $0 }
    }

    /// Claims the output folder for a build that writes: waits for (or refuses, with
    /// `--no-wait`) another build of it, puts back what an interrupted build left, and refuses
    /// a folder PolicySite did not write. Returns the writer and the lock, which the caller
    /// releases when the build ends, or the finding that stops the build.
    static func claimOutput(_ request: BuildRequest) -> Result<(writer: SiteWriter, lock: OutputLock), OutputClaimFailure> {
        let outputDisplay = request.outputDisplayPath ?? request.outputPath
        var writer = SiteWriter(
            outputPath: request.outputPath, displayPath: outputDisplay,
            protectedPaths: [FileManager.default.currentDirectoryPath, request.contentPath, request.templatesPath],
            sourceFolders: [request.contentPath, request.templatesPath])
        writer.adopt = request.adopt
        writer.inPlace = request.inPlace
        switch OutputLock.acquire(output: request.outputPath, wait: request.waitForLock) {
        case .success(let lock):
            writer.recover()
            if let refusal = writer.refusal() {
                lock.release()
                return .failure(OutputClaimFailure(finding: refusal))
            }
            return .success((writer, lock))
        case .failure(.busy):
            return .failure(OutputClaimFailure(finding: .error("output-busy", "another build is writing \(outputDisplay); try again when it has finished, or build without --no-wait to wait for it", at: SourceLocation(file: outputDisplay))))
        case .failure(.unavailable(let reason)):
            return .failure(OutputClaimFailure(finding: .error("output-write", "the lock beside \(outputDisplay) (\(OutputLock.path(forOutput: request.outputPath))) could not be created: \(reason)", at: SourceLocation(file: outputDisplay))))
        }
    }
}

/// What a build wrote last: the files it carried over from the previous site, and its
/// publication record.
struct WrittenRecord {
    /// Files not written by PolicySite carried into the new site, and paths where a page of
    /// the build replaced one.
    var kept: [BuildManifest.File]
    var replaced: [String]
    /// The record's inputs and every file of the site (the record page included), sorted.
    var inputs: [BuildManifest.Input]
    var outputs: [BuildManifest.File]
    /// Inputs that could not be read again to be hashed.
    var findings: [Diagnostic]
}

extension SiteBuilder {
    /// The search index, straight into the staging folder; returns its size in bytes.
    /// - Throws: when the index cannot be written or the search text read back.
    static func writeSearchIndex(_ renderer: PageRenderer, into staging: SiteStaging, spill: TextSpill?) throws -> Int {
        let file = try staging.open(SiteModel.searchIndexFile)
        let digests = renderer.digests
        let bytes = try SearchIndex.write(renderer.model, codes: renderer.sortedCodes, content: renderer.content, guidanceText: { code in
            guard let spill, let range = digests[code]?.searchText else { return "" }
            return try spill.text(range)
        }, to: { try file.append($0) })
        try file.close()
        return bytes
    }

    /// Writes the files rendered last and copies the static files and assets, carries over
    /// the previous site's `foreign` files, then writes the publication record: the page,
    /// then `manifest.json`, which lists the page too. `inputs` are the record's inputs
    /// (`BuildRecord.inputs`), hashed while the steps before this one ran; `freeing` (memory
    /// let go of on another thread meanwhile) is waited for before it returns.
    /// - Throws: what writing throws (the caller abandons the staging folder).
    static func writeLastFilesAndRecord(
        _ lastFiles: [OutputFile], copies: [(path: String, source: String)], foreign: [String], into staging: SiteStaging,
        renderer: PageRenderer, request: BuildRequest, inputs: BackgroundWork<(inputs: [BuildManifest.Input], diagnostics: [Diagnostic])>,
        after freeing: BackgroundWork<Void>? = nil
    ) throws -> WrittenRecord {
        for file in lastFiles { try staging.write(file.path, file.contents) }
        try staging.copy(copies)
        let (kept, replaced) = try staging.carry(foreign)
        // Sorted while the inputs may still be hashing on the other core.
        let outputs = staging.takeWrittenFiles()
        let inputs = inputs.value()
        let model = renderer.model
        var manifest = BuildManifest(
            revision: request.revision, asOf: model.configuration.asOf.description, codeSet: model.releaseLabel,
            inputs: inputs.inputs, sortedOutputs: outputs, kept: kept)
        // The record page and manifest.json are written side by side: the page on another
        // thread, while this one writes the manifest, which lists the page and so waits for
        // its entry when its list of files reaches the page's place (after every code page).
        let recordPage = BackgroundWork { [manifest] () -> Result<BuildManifest.File?, any Error> in
            Result {
                let page = try staging.open(BuildManifest.pagePath)
                try renderer.writeRecordPage(manifest) { try page.append($0) }
                try page.close()
                return staging.writtenFile(BuildManifest.pagePath)
            }
        }
        // Waited for on every way out: the caller abandons the staging folder after an error.
        defer { _ = recordPage.value() }
        let record = try staging.open(BuildManifest.fileName, hashing: false)
        try manifest.writeJSON(recordPage: { try recordPage.value().get() }) { try record.append($0) }
        try record.close()
        // The page is the one file written since the list was taken: inserted in order, not
        // a second list of every file (20 MB for a 100,000-page site).
        if let entry = try recordPage.value().get() {
            let index = manifest.outputs.firstIndex(notBefore: entry.path, by: \.path)
            if index < manifest.outputs.count, manifest.outputs[index].path == entry.path {
                manifest.outputs[index] = entry
            } else {
                manifest.outputs.insert(entry, at: index)
            }
        }
        freeing?.value()
        return WrittenRecord(kept: kept, replaced: replaced, inputs: manifest.inputs, outputs: manifest.outputs, findings: inputs.diagnostics)
    }
}

/// Why a build could not claim its output folder.
struct OutputClaimFailure: Error {
    var finding: Diagnostic
}
