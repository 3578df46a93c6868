import Foundation
import PolicySiteCodeSets
import PolicySiteCore
import PolicySiteYAML
import Synchronization

/// Guidance for one code: `Content/codes/<CODE>.md`, its front matter, and where its Markdown
/// body is.
///
/// A class, because the model lists every guidance page in several places (by code, in code
/// order, as matrix rows) and a site can have a hundred thousand: each place then holds a
/// reference, not a copy of the whole record. The body is kept from the load while the
/// site's kept bodies fit `ContentLoader.keptBodyBudget`; past that, `readBody()` reads it
/// again when the page renders, so a large site holds every page's front matter but each body
/// only while its page is being rendered.
final class GuidanceSource: Sendable {
    let file: String
    /// The file name without `.md`; must equal the front matter's code.
    let fileStem: String
    let frontMatter: GuidanceFrontMatter
    let bodyLineOffset: Int
    /// Lines in the body (where a finding about the end of the page points).
    let bodyLineCount: Int
    /// The file to read the body from, and what its bytes were when it was loaded (the
    /// publication record lists this size and SHA-256).
    let absolutePath: String
    let fingerprint: ContentFingerprint
    /// Where the body starts in the file's bytes; nil when the loader normalised line endings
    /// (the body is then found by splitting the front matter off again).
    let bodyByteOffset: Int?
    /// The body as the loader split it off, when it was kept (see `ContentLoader.keptBodyBudget`):
    /// the page then renders the very bytes the front matter was checked with, and the file
    /// is not read again. Handed over once (`readBody`), so it is freed as its page renders
    /// and a large site's peak memory does not carry every kept body to the end.
    private let keptBody: Mutex<String?>

    init(
        file: String, absolutePath: String, fingerprint: ContentFingerprint, bodyByteOffset: Int?, fileStem: String,
        frontMatter: GuidanceFrontMatter, bodyLineOffset: Int, bodyLineCount: Int, keptBody: String? = nil
    ) {
        self.keptBody = Mutex(keptBody)
        self.file = file
        self.absolutePath = absolutePath
        self.fingerprint = fingerprint
        self.bodyByteOffset = bodyByteOffset
        self.fileStem = fileStem
        self.frontMatter = frontMatter
        self.bodyLineOffset = bodyLineOffset
        self.bodyLineCount = bodyLineCount
    }

    /// Whether the loader kept the body and no `readBody()` has taken it yet (the next one
    /// then reads no file).
    var keepsBody: Bool { keptBody.withLock { $0 != nil } }

    /// The Markdown body: the one the loader kept, the first time, else read from the file
    /// again, with a `content-changed` error when the file is not what it was when the build
    /// loaded it (an editor saved it meanwhile): the build then stops, as its pages would no
    /// longer agree with what was checked.
    ///
    /// The bytes being the ones loaded, they are valid UTF-8 and the front matter is where it
    /// was: the body is the bytes from `bodyByteOffset`, with no second decoding or split.
    func readBody() -> (body: String?, finding: Diagnostic?) {
        if let kept = keptBody.withLock({ $0.take() }) { return (kept, nil) }
        // Made only when needed: made up front, every page's read built and freed one.
        var changed: Diagnostic { .error("content-changed", "file changed while the site was being built; build again", at: SourceLocation(file: file)) }
        guard let bytes = FileBytes.read(absolutePath, size: fingerprint.count),
              bytes.count == fingerprint.count, ContentFingerprint(bytes) == fingerprint else { return (nil, changed) }
        if let bodyByteOffset {
            return (String(decoding: bytes[bodyByteOffset...], as: UTF8.self), nil)
        }
        guard let source = SourceText.decode(bytes, file: file).0,
              let split = FrontMatterSplit.split(source).0 else { return (nil, changed) }
        return (String(split.body), nil)
    }
}

/// What a content file's bytes were: their count and SHA-256, as the publication record lists
/// them (taken from the bytes the loader read, the file is not read again to be recorded).
struct ContentFingerprint: Sendable, Equatable {
    var count: Int
    var sha256: SHA256Digest

    init(_ bytes: [UInt8]) {
        self.count = bytes.count
        self.sha256 = FileDigest.sha256(bytes)
    }
}

/// A content file the publication record lists that is not a loaded guidance page (those
/// carry their own fingerprint): its paths and, when the loader read it, its fingerprint.
struct RecordedContentFile: Sendable {
    var displayPath: String
    var absolutePath: String
    /// Nil for a file the loader did not read (a static file, one it could not read): the
    /// record reads it.
    var fingerprint: ContentFingerprint?
}

/// Any other Markdown page, published at its path below the content folder.
struct GeneralPageSource: Sendable {
    var file: String
    var frontMatter: GeneralFrontMatter
    var body: String
    var bodyLineOffset: Int
    var path: SitePath
}

/// A file copied as it is (an image, a PDF) to the same path below `Site/`.
struct StaticFileSource: Sendable {
    var file: ContentFile
    var outputPath: String
}

/// Everything read from the content folder, before it meets the code set.
struct SiteContent: Sendable {
    var configuration: SiteConfiguration
    var configurationFile: String
    var codes: [HCPCSCode]
    var modifiers: [Modifier]
    var payers: [Payer]
    var guidance: [GuidanceSource]
    var pages: [GeneralPageSource]
    var staticFiles: [StaticFileSource]
    /// Data files that are there but did not load (unreadable, too large, not UTF-8, not YAML,
    /// or not one row read), by kind, with their display path; their own error is reported.
    var unloadedData: [DataFileKind: String] = [:]
    /// Data files that are not there, by kind, with the display path they would have.
    var missingData: [DataFileKind: String] = [:]
    /// With `guidance`, every file of the content folder (the publication record's content
    /// inputs): each file that is not a loaded guidance page, in the walk's order.
    var otherFiles: [RecordedContentFile] = []
}

/// One of the team's data files in `Content/data/`.
enum DataFileKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case codes, modifiers, payers

    /// `codes.yml`.
    var fileName: String { rawValue + ".yml" }

    static func < (lhs: DataFileKind, rhs: DataFileKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What is left of a load's budget for kept guidance bodies (`ContentLoader.keptBodyBudget`),
/// shared by the cores that load pages.
final class KeptBodyBudget: Sendable {
    private let remaining: Atomic<Int>

    init(bytes: Int) { remaining = Atomic(bytes) }

    /// Takes `bytes` from the budget; false, taking nothing, when they do not fit.
    func take(_ bytes: Int) -> Bool {
        var left = remaining.load(ordering: .relaxed)
        while left >= bytes {
            let (exchanged, original) = remaining.compareExchange(expected: left, desired: left - bytes, ordering: .relaxed)
            if exchanged { return true }
            left = original
        }
        return false
    }
}

/// Reads the content folder: `site.yml`, `data/*.yml`, guidance pages in `codes/`, every
/// other Markdown page, and static files. All problems are collected; content is returned
/// only when none is an error.
enum ContentLoader {
    /// How many bytes of guidance bodies a load keeps, 128 MiB: a site of some 100,000 guidance
    /// pages of a kilobyte keeps them all, and renders each without reading its file a second
    /// time (an `open`, `read` and `close` and a SHA-256 per page, about 2% of a build); a
    /// larger site keeps that much and reads the rest again, so its memory stays bounded.
    /// Each body is freed as its page renders, before the pages that list every code: at
    /// 104,000 pages (92 MB of bodies) the build's peak rose from 549 to 556 MB.
    static let keptBodyBudget = 128 << 20

    ///   - today: The day `asOf: today` means (the UTC day of the clock when nil).
    ///   - keptBodyBytes: How many bytes of guidance bodies to keep (`keptBodyBudget`); which
    ///     pages' bodies fit depends on the order the cores load them, never the output.
    static func load(root: String, displayRoot: String, today: CalendarDate? = nil, keptBodyBytes: Int = keptBodyBudget) -> (SiteContent?, [Diagnostic]) {
        var (files, diagnostics) = ContentWalker.walk(root: root, displayRoot: displayRoot)
        var configuration: SiteConfiguration?
        var codes: [HCPCSCode] = [], modifiers: [Modifier] = [], payers: [Payer] = []
        var guidance: [GuidanceSource] = [], pages: [GeneralPageSource] = [], staticFiles: [StaticFileSource] = []
        var unloadedData: [DataFileKind: String] = [:]
        // The data files there, noted as the loop below meets them: looking each kind up in the
        // list of files afterwards scanned every guidance page three times, and made the path
        // to compare (an array and a string) for each.
        var presentData: [DataFileKind] = []
        var otherFiles: [RecordedContentFile] = []
        func record(_ file: ContentFile, _ bytes: [UInt8]?) {
            otherFiles.append(RecordedContentFile(displayPath: file.displayPath, absolutePath: file.absolutePath, fingerprint: bytes.map(ContentFingerprint.init)))
        }
        let configurationFile = displayRoot + "/site.yml"

        // site.yml first: it sets the size limit every other file is read under.
        if let file = files.first(where: { $0.segments == ["site.yml"] }) {
            let (bytes, problems) = read(file, limit: SiteConfiguration.defaultMaxFileSizeKB * 1024)
            diagnostics += problems
            record(file, bytes)
            if let bytes {
                let (decoded, encodingProblems) = SourceText.decode(bytes, file: file.displayPath)
                diagnostics += encodingProblems
                if let source = decoded {
                    diagnostics += HiddenCharacterCheck.yaml(source.text, file: file.displayPath)
                    let (loaded, configurationProblems) = SiteConfiguration.load(source, today: today)
                    configuration = loaded
                    diagnostics += configurationProblems
                }
            }
        }
        let limit = (configuration?.maxFileSizeKB ?? SiteConfiguration.defaultMaxFileSizeKB) * 1024

        // Markdown pages are independent of each other: read and split them on all cores,
        // then take the results in file order.
        // Each file's kind told once (the suffix test compares characters), the rest kept for
        // the data and static files below.
        var markdownFiles: [ContentFile] = [], otherContentFiles: [ContentFile] = []
        for file in files {
            if file.segments.last!.hasSuffix(".md") {
                markdownFiles.append(file)
            } else if file.segments != ["site.yml"] {
                otherContentFiles.append(file)
            }
        }
        let bodyBudget = KeptBodyBudget(bytes: keptBodyBytes)
        // A guidance page carries its fingerprint; any other file is listed apart, with its
        // fingerprint when it was read. One optional page per file, not an array of one: a
        // site of a hundred thousand pages holds all these results at once.
        let loadedMarkdown = markdownFiles.parallelMap { file -> (guidance: GuidanceSource?, pages: [GeneralPageSource], diagnostics: [Diagnostic], fingerprint: ContentFingerprint?) in
            var guidance: GuidanceSource?, pages: [GeneralPageSource] = [], diagnostics: [Diagnostic] = []
            let (read, problems) = read(file, limit: limit)
            guard let bytes = read else { return (nil, [], problems, nil) }
            let fingerprint = ContentFingerprint(bytes)
            let (decoded, encodingProblems) = SourceText.decode(bytes, file: file.displayPath)
            diagnostics += encodingProblems
            if let source = decoded {
                loadMarkdown(source, file: file, fingerprint: fingerprint, bodyBudget: bodyBudget, guidance: &guidance, pages: &pages, diagnostics: &diagnostics)
            }
            return (guidance, pages, diagnostics, guidance == nil ? fingerprint : nil)
        }
        for (file, loaded) in zip(markdownFiles, loadedMarkdown) {
            if let page = loaded.guidance {
                guidance.append(page)
            } else {
                otherFiles.append(RecordedContentFile(displayPath: file.displayPath, absolutePath: file.absolutePath, fingerprint: loaded.fingerprint))
            }
            pages += loaded.pages
            diagnostics += loaded.diagnostics
        }

        for file in otherContentFiles {
            let segments = file.segments
            let name = segments.last!
            let isData = segments.count == 2 && segments[0] == "data" && (name.hasSuffix(".yml") || name.hasSuffix(".yaml"))
            guard isData else {
                record(file, nil)
                if let path = staticOutputPath(file, diagnostics: &diagnostics) {
                    staticFiles.append(StaticFileSource(file: file, outputPath: path))
                }
                continue
            }
            let kind = DataFileKind.allCases.first { $0.fileName == name }
            if let kind { presentData.append(kind) }
            let (read, problems) = read(file, limit: limit)
            diagnostics += problems
            record(file, read)
            guard let bytes = read else {
                if let kind { unloadedData[kind] = file.displayPath }
                continue
            }
            let (decoded, encodingProblems) = SourceText.decode(bytes, file: file.displayPath)
            diagnostics += encodingProblems
            guard let source = decoded else {
                if let kind { unloadedData[kind] = file.displayPath }
                continue
            }

            if isData {
                diagnostics += HiddenCharacterCheck.yaml(source.text, file: file.displayPath)
                // A file with errors and not one row read did not load: what only follows from
                // its absence is held back (`HeldBackFindings`).
                func loaded(_ rows: Int, _ findings: [Diagnostic]) {
                    diagnostics += findings
                    if rows == 0, findings.containsErrors, let kind { unloadedData[kind] = file.displayPath }
                }
                switch name {
                case "codes.yml":
                    let result = DataFileLoader.codes(yaml: source.text, file: file.displayPath)
                    codes = result.codes
                    loaded(codes.count, result.diagnostics)
                case "modifiers.yml":
                    let result = DataFileLoader.modifiers(yaml: source.text, file: file.displayPath)
                    modifiers = result.modifiers
                    loaded(modifiers.count, result.diagnostics)
                case "payers.yml":
                    let result = DataFileLoader.payers(yaml: source.text, file: file.displayPath)
                    payers = result.payers
                    loaded(payers.count, result.diagnostics)
                default:
                    diagnostics.append(.warning("data-unknown-file", "data file is not used (known: codes.yml, modifiers.yml, payers.yml)", at: SourceLocation(file: file.displayPath)))
                }
            }
        }
        if configuration == nil, !files.contains(where: { $0.segments == ["site.yml"] }) {
            diagnostics.append(.error("site-config-missing", "site.yml is missing; it needs at least 'title' and 'asOf'", at: SourceLocation(file: configurationFile)))
        }
        // Content with errors still goes on (the bad file or row is left out), so one build
        // reports every finding; the builder refuses to write while any finding is an error.
        guard let configuration else { return (nil, diagnostics) }
        var content = SiteContent(
            configuration: configuration, configurationFile: configurationFile, codes: codes, modifiers: modifiers,
            payers: payers, guidance: guidance, pages: pages, staticFiles: staticFiles)
        content.unloadedData = unloadedData
        // In the walk's order, as the record lists files (Markdown files were taken first).
        otherFiles.sort { $0.displayPath.utf8.lexicographicallyPrecedes($1.displayPath.utf8) }
        content.otherFiles = otherFiles
        for kind in DataFileKind.allCases where !presentData.contains(kind) {
            content.missingData[kind] = displayRoot + "/data/" + kind.fileName
        }
        return (content, diagnostics)
    }

    /// Splits front matter, reads it as guidance (`codes/<name>.md`) or a general page.
    static func loadMarkdown(
        _ source: SourceText, file: ContentFile, fingerprint: ContentFingerprint, bodyBudget: KeptBodyBudget,
        guidance: inout GuidanceSource?, pages: inout [GeneralPageSource], diagnostics: inout [Diagnostic]
    ) {
        let (split, splitProblems) = FrontMatterSplit.split(source)
        diagnostics += splitProblems
        guard let split else { return }
        let isGuidance = file.segments.count == 2 && file.segments[0] == "codes"
        // The name ends in `.md` (three ASCII characters, three bytes): dropped as bytes, where
        // `dropLast(3)` walked characters back from the end.
        let name = file.segments.last!
        let stem = String(name[..<name.utf8.index(name.utf8.endIndex, offsetBy: -3)])
        guard let yaml = split.yaml else {
            diagnostics.append(.error("front-matter-missing", "page has no front matter; start the file with '---', a 'title:' line and '---'", at: SourceLocation(file: file.displayPath)))
            return
        }
        diagnostics += HiddenCharacterCheck.yaml(yaml, file: file.displayPath, lineOffset: split.yamlLineOffset)
        let yamlSource = YAMLSource(file: file.displayPath, lineOffset: split.yamlLineOffset, resolvesImplicitTypes: false)
        let (root, yamlProblems) = yamlSource.compose(yaml)
        diagnostics += yamlProblems
        guard yamlProblems.isEmpty else { return }
        guard let root else {
            diagnostics.append(.error("yaml-missing-key", "front matter is empty; it needs at least 'title'", at: SourceLocation(file: file.displayPath)))
            return
        }
        guard var reader = YAMLMappingReader(root, subject: "front matter", failure: &diagnostics) else { return }
        if isGuidance {
            let matter = GuidanceFrontMatter.read(&reader)
            diagnostics += reader.diagnostics
            if let matter {
                // A body that does not fit the budget is read again as it renders (`readBody`),
                // from this byte.
                let bodyByteOffset = source.fileOffset.map { $0 + source.text.utf8.distance(from: source.text.startIndex, to: split.body.startIndex) }
                let keptBody = bodyBudget.take(split.body.utf8.count) ? String(split.body) : nil
                guidance = GuidanceSource(
                    file: file.displayPath, absolutePath: file.absolutePath, fingerprint: fingerprint, bodyByteOffset: bodyByteOffset, fileStem: stem,
                    frontMatter: matter, bodyLineOffset: split.bodyLineOffset, bodyLineCount: SourceText.lineCount(split.body), keptBody: keptBody)
            }
        } else {
            if file.segments.first == "codes", reader.value("code") != nil {
                // Guidance is recognised by its place: a `code` deeper in codes/ is a mistake.
                reader.report(.error("guidance-location", "'code' makes this a guidance page, but guidance pages live directly in \(file.displayPath.split(separator: "/").first ?? "Content")/codes/; move it to codes/<CODE>.md, or remove 'code' to publish it as a general page", at: reader.location(ofKey: "code")))
            }
            let matter = GeneralFrontMatter.read(&reader)
            diagnostics += reader.diagnostics
            guard let matter else { return }
            var segments = file.segments.dropLast().map(SitePath.normalized)
            var problems: [Diagnostic] = []
            for segment in segments where !SitePath.isValidSegment(segment) {
                problems.append(.error("path-invalid", "folder name '\(segment)' cannot be a URL segment (use letters, digits, '.', '_' and '-')", at: SourceLocation(file: file.displayPath)))
            }
            if let slug = matter.slug.map(SitePath.normalized) {
                // A slug names the page's folder; `index.html` as a slug would make a folder of it.
                if SitePath.isValidSegment(slug), !slug.hasSuffix(".html") {
                    segments.append(slug)
                } else {
                    problems.append(.error("slug-invalid", "invalid slug '\(slug)': a slug is one segment of letters, digits, '.', '_' and '-', not starting with '.' or ending in '.html'", at: matter.slugLocation))
                }
            } else if stem != "index" {
                if SitePath.isValidSegment(stem) {
                    segments.append(SitePath.normalized(stem))
                } else {
                    problems.append(.error("path-invalid", "file name '\(stem)' cannot be a URL segment (use letters, digits, '.', '_' and '-', or set a slug)", at: SourceLocation(file: file.displayPath)))
                }
            }
            diagnostics += problems
            guard problems.isEmpty else { return }
            pages.append(GeneralPageSource(file: file.displayPath, frontMatter: matter, body: String(split.body), bodyLineOffset: split.bodyLineOffset, path: SitePath(segments)))
        }
    }

    /// A content file's bytes, or a finding: unreadable, or larger than the limit (so one bad
    /// paste cannot make a build take minutes and gigabytes; `maxFileSizeKB` in site.yml).
    static func read(_ file: ContentFile, limit: Int) -> ([UInt8]?, [Diagnostic]) {
        switch FileBytes.read(file.absolutePath, limit: limit) {
        case .success(let bytes):
            return (bytes, [])
        case .failure(.tooLarge(let size)):
            return (nil, [.error("file-too-large", "file is \(size / 1024) KB, over the limit of \(limit / 1024) KB (maxFileSizeKB in site.yml)", at: SourceLocation(file: file.displayPath))])
        case .failure(.unreadable):
            return (nil, [.error("content-unreadable", "file cannot be read", at: SourceLocation(file: file.displayPath))])
        }
    }

    static func staticOutputPath(_ file: ContentFile, diagnostics: inout [Diagnostic]) -> String? {
        guard file.segments.first != "data" else {
            diagnostics.append(.warning("data-unknown-file", "data file is not used (known: codes.yml, modifiers.yml, payers.yml)", at: SourceLocation(file: file.displayPath)))
            return nil
        }
        for segment in file.segments where !SitePath.isValidSegment(segment) {
            diagnostics.append(.error("path-invalid", "'\(segment)' cannot be a URL segment (use letters, digits, '.', '_' and '-')", at: SourceLocation(file: file.displayPath)))
            return nil
        }
        return file.segments.map(SitePath.normalized).joined(separator: "/")
    }
}
