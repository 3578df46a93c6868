import Foundation
import PolicySiteCodeSets
import PolicySiteCore

/// Joins the content with its code set: the data files, and the CMS release when the site
/// names one (the release is authoritative for descriptors and dates).
enum SiteAssembler {
    /// A release file, parsed (or taken from `cache` when its bytes are unchanged).
    static func read(_ input: ReleaseInput, cache: ReleaseCache?) -> HCPCSRelease {
        cache?.read(path: input.path, displayPath: input.displayPath) ?? HCPCSReleaseReader.read(path: input.path, displayPath: input.displayPath)
    }

    /// - Parameters:
    ///   - cache: parsed releases from earlier builds of this process (`serve`).
    ///   - read: `releases` already read, in their order (the build reads a `--code-set` release
    ///     while the content loads); nil to read them here.
    ///   - newest: what the newest of `read` gives the site, made where it was read; nil to make
    ///     it here.
    static func assemble(_ content: SiteContent, releases: [ReleaseInput], processingNotes: ReleaseInput? = nil, cache: ReleaseCache? = nil, read: [HCPCSRelease]? = nil, newest prepared: PreparedRelease? = nil) -> (SiteModel?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let configuration = content.configuration
        let dataCodeSet = CodeSet(releaseLabel: "team data", codes: content.codes, modifiers: content.modifiers)
        var codeSet = dataCodeSet
        var releaseLabel = "team data (\(content.codes.count) codes)"
        var recordHeading: String?
        var notes: ProcessingNotes?
        // Releases are independent files: read them on all cores.
        let loaded = read ?? releases.parallelMap { Self.read($0, cache: cache) }
        for release in loaded { diagnostics += release.diagnostics }
        // How much of each file was read: a file cut short reads as fewer codes.
        let summaries = zip(releases, loaded).map { input, release in
            let file = input.displayPath.split(separator: "/").last.map(String.init) ?? input.displayPath
            let name = input.label.map { "release \($0) (\(file))" } ?? "release \(file)"
            return "\(name): \(CountPhrase.of(release.procedureCodes.count, "code", "codes")), \(CountPhrase.of(release.modifiers.count, "modifier", "modifiers"))"
        }
        var history: ReleaseHistory?
        var releaseRecords = ReleaseRecords()
        var modifierRecords: [String: HCPCSRecord] = [:]
        if let newest = loaded.last, let input = releases.last {
            let releaseFile = input.displayPath.split(separator: "/").last.map(String.init) ?? input.displayPath
            let prepared = prepared ?? PreparedRelease(newest)
            let (merged, mergeFindings) = CodeSetMerge.merge(release: prepared.codeSet, data: dataCodeSet, releaseFile: releaseFile)
            diagnostics += mergeFindings
            codeSet = merged
            releaseRecords = prepared.records
            modifierRecords = Dictionary(newest.modifiers.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
            if let notesInput = processingNotes {
                let (read, notesFindings) = ProcessingNotesReader.read(path: notesInput.path, displayPath: notesInput.displayPath)
                diagnostics += notesFindings
                if !read.texts.isEmpty {
                    notes = read
                    diagnostics += Self.missingNotes(newest.procedureCodes, notes: read)
                }
            }
            releaseLabel = "CMS HCPCS release " + (input.label.map { "\($0) (\(releaseFile))" } ?? releaseFile)
            recordHeading = Self.recordHeading(label: input.label, file: releaseFile)
            if loaded.count > 1 {
                history = ReleaseHistory(zip(releases, loaded).map { input, release in
                    ReleaseHistory.Entry(label: input.label ?? release.file, effectiveDate: input.effective ?? CalendarDate(year: 1, month: 1, day: 1)!, release: release)
                })
            }
        }
        codeSet.releaseLabel = releaseLabel

        var payersByID: [String: Payer] = [:]
        for payer in content.payers { payersByID[payer.id] = payer }
        var sitePayers: [Payer] = []
        for id in configuration.payerIDs {
            if let payer = payersByID[id] {
                sitePayers.append(payer)
            } else {
                diagnostics.append(.error("data-reference", "payer '\(id)' in site.yml is not in data/payers.yml", at: configuration.payersLocation))
            }
        }

        let (guidance, pageFindings) = GuidancePageCheck.run(content.guidance, codeSet: codeSet, codeSetLabel: releaseLabel)
        diagnostics += pageFindings

        var model = SiteModel(
            configuration: configuration, codeSet: codeSet, payers: sitePayers,
            allPayers: content.payers, guidance: guidance, pages: content.pages,
            staticFiles: content.staticFiles, releaseLabel: releaseLabel)
        model.history = history
        if let recordHeading { model.recordHeading = recordHeading }
        model.processingNotes = notes
        model.releaseRecords = releaseRecords
        model.releaseSummaries = summaries
        model.modifierRecords = modifierRecords
        // The collision check reads none of the section tables made below: it runs beside them
        // (both are part of a serial step between loading and rendering).
        let collisions = BackgroundWork { [model] in PathCollisions.check(model) }
        // Each code's identifier read in place (a loop over the codes copied every record).
        let codes = codeSet.sortedCodes
        model.sectionPositions.reserveCapacity(codes.count)
        // One look-up of the section's list a code (its count, then an append, were two).
        func append(_ code: String, to list: inout [String]) -> Int {
            list.append(code)
            return list.count - 1
        }
        for index in codes.indices {
            let code = codes[index].code
            let letter = HCPCSSection(code: code)?.letter ?? ""
            model.sectionPositions[code] = append(code, to: &model.sectionCodes[letter, default: []])
        }
        diagnostics += collisions.value()
        // The model goes on even with errors, so the validator reports every finding at once;
        // the builder still refuses to write while any finding is an error.
        return (model, diagnostics)
    }
}

/// Two sources must never share one output path, and on a case-insensitive file system
/// `/codes/G9328/` and `/codes/g9328/` are one path: both are errors on every OS, one finding
/// per collision group listing every source, and no winner is ever picked by enumeration order.
enum PathCollisions {
    static func check(_ model: SiteModel) -> [Diagnostic] {
        var owners: [SitePath: [String]] = [:]
        func claim(_ path: SitePath, _ owner: String) { owners[path, default: []].append(owner) }
        claim(.root, "(home page)")
        claim(SiteModel.modifierIndexPath, "(modifier index)")
        // Code pages are not claimed one by one (a path, a name and a list for each of a hundred
        // thousand codes): each code owns `codes/<code>/`, which no other code and no generated
        // page can have, so only a content page can meet it; that is looked for below.
        for modifier in model.codeSet.modifiers.keys.sorted() { claim(SiteModel.modifierPath(modifier), "(modifier \(modifier))") }
        for section in HCPCSSection.allCases { claim(SiteModel.sectionPath(section), "(section \(section.letter))") }
        claim(SiteModel.otherSectionPath, "(section other)")
        for path in [SiteModel.searchPath, SiteModel.checksPath, SiteModel.recordPath] { claim(path, "(\(path.segments[0]) page)") }
        let listPages = 1...model.listPageCount
        for number in listPages { claim(SiteModel.listPage(SiteModel.coveragePath, number: number), "(coverage page)") }
        for payer in model.payers {
            for number in listPages { claim(SiteModel.listPage(SiteModel.payerPath(payer.id), number: number), "(payer \(payer.id))") }
        }
        if let history = model.history {
            claim(SiteModel.changesIndexPath, "(releases index)")
            for comparison in history.comparisons { claim(SiteModel.changesPath(comparison.new.label), "(changes in \(comparison.new.label))") }
        }
        for page in model.pages {
            // Content/index.md is the home page's introduction, not a page of its own.
            if page.path == .root { continue }
            claim(page.path, page.file + (page.frontMatter.slug != nil ? " (slug)" : ""))
        }
        let codeSet = model.codeSet
        /// The code whose page is at `path`, if any.
        func code(at path: SitePath) -> String? {
            path.segments.count == 2 && path.segments[0] == "codes" && codeSet.contains(code: path.segments[1]) ? path.segments[1] : nil
        }
        // A content page on a code's page: the code is its first owner, as codes claim before pages.
        for path in owners.keys.filter({ code(at: $0) != nil }) { owners[path]!.insert("(code \(path.segments[1]))", at: 0) }
        func sourcesOf(_ path: SitePath) -> [String] { owners[path] ?? code(at: path).map { ["(code \($0))"] } ?? [] }
        /// The first content file among the owners, where the finding is reported.
        func anchor(_ sources: [String]) -> SourceLocation {
            let file = sources.first { !$0.hasPrefix("(") }.map { $0.hasSuffix(" (slug)") ? String($0.dropLast(7)) : $0 }
            return SourceLocation(file: file ?? "Content")
        }
        var diagnostics: [Diagnostic] = []
        for (path, sources) in owners where sources.count > 1 {
            diagnostics.append(.error("page-collision", "Site/\(path.filePath) <- \(sources.joined(separator: ", "))", at: anchor(sources)))
        }
        // Case-insensitive collisions. Code pages need folding only when one can meet another
        // path: when a claimed path folds to `codes/<x>/`, or when a code is not upper-case
        // ASCII (two such codes could differ only in case). Otherwise no code page is in a group.
        var paths = Array(owners.keys)
        let codes = codeSet.sortedCodes
        let codeFoldsAreDistinct = codes.indices.allSatisfy { index in
            codes[index].code.utf8.allSatisfy { $0 < 0x80 && !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
        }
        if !codeFoldsAreDistinct || paths.contains(where: { $0.segments.count == 2 && $0.segments[0].lowercased() == "codes" }) {
            for index in codes.indices {
                let path = SiteModel.codePath(codes[index].code)
                if owners[path] == nil { paths.append(path) }
            }
        }
        var byFolded: [String: [SitePath]] = [:]
        for path in paths { byFolded[path.filePath.lowercased(), default: []].append(path) }
        for paths in byFolded.values where paths.count > 1 {
            let sorted = paths.sorted()
            let sources = sorted.flatMap(sourcesOf)
            diagnostics.append(.error(
                "page-collision",
                "case-insensitive collision: \(sorted.map(\.description).joined(separator: " vs ")) (\(sources.joined(separator: ", ")))",
                at: anchor(sources)))
        }
        return diagnostics
    }
}

/// A release file to read, with the label and effective date `site.yml` gives it (none for
/// `--code-set` and `codeSet`).
extension SiteAssembler {
    /// "CMS HCPCS 2019 release": the release's label when it has one, else the year in CMS's
    /// file name (`HCPC2019_CONTR_ANWEB.txt`, `HCPC17_CONTR_ANWEB.txt`), else the file name.
    static func recordHeading(label: String?, file: String) -> String {
        if let label { return "CMS HCPCS \(label) release" }
        return releaseYear(label: nil, file: file).map { "CMS HCPCS \($0) release" } ?? "CMS HCPCS release (\(file))"
    }

    /// The release's year: its label when that is a year, else the one in CMS's file name
    /// (`HCPC2019_CONTR_ANWEB.txt`, `HCPC17_CONTR_ANWEB.txt`); nil when neither says.
    static func releaseYear(label: String?, file: String) -> String? {
        if let label, label.count == 4, label.allSatisfy({ $0.isASCII && $0.isNumber }) { return label }
        let name = file.uppercased()
        for prefix in ["HCPCS", "HCPC"] where name.hasPrefix(prefix) {
            let digits = name.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber }
            if digits.count == 4 { return String(digits) }
            if digits.count == 2 { return "20" + digits }
        }
        return nil
    }

    /// `release-processing-note-missing`: a note number the release's records give that the
    /// notes file lacks, once per number, at the first record that gives it (columns 253-256),
    /// naming how many codes give it.
    static func missingNotes(_ records: [HCPCSRecord], notes: ProcessingNotes) -> [Diagnostic] {
        var users: [String: [HCPCSRecord]] = [:]
        var order: [String] = []
        for record in records {
            guard let number = record.processingNoteNumber, notes[number] == nil else { continue }
            if users[number] == nil { order.append(number) }
            users[number, default: []].append(record)
        }
        let notesFile = notes.file.split(separator: "/").last.map(String.init) ?? notes.file
        return order.map { number in
            let codes = users[number]!
            var location = codes[0].location
            location.column = 253
            let others = codes.count == 1 ? "" : " and \(codes.count - 1) more code\(codes.count == 2 ? "" : "s")"
            return .warning(
                "release-processing-note-missing",
                "processing note \(number) of \(codes[0].code)\(others) is not in \(notesFile); code pages show the number alone",
                at: location)
        }
    }
}

/// What the newest release gives the site besides its findings: its code set (before the
/// team's data is merged in) and its records found by code. Neither needs the content, so a
/// build makes them on the thread that reads a `--code-set` release, while the content loads:
/// sorting and indexing a release's codes was a third of the serial assembly at 100,000 codes.
struct PreparedRelease: Sendable {
    var codeSet: CodeSet
    var records: ReleaseRecords

    init(_ release: HCPCSRelease) {
        codeSet = release.codeSet
        records = ReleaseRecords(release.procedureCodes)
    }
}

struct ReleaseInput: Sendable {
    var label: String?
    var path: String
    var displayPath: String
    var effective: CalendarDate?
}
