import Foundation
import PolicySiteCore
import PolicySiteMarkdown
import Synchronization

/// Every relative link and image in the content must land on a page, file and anchor that the
/// built site really has: rule `link-broken`.
///
/// Resolution follows what the browser will do with what we publish:
/// - links with a scheme (`https:`, `mailto:`) and `//host` links are external and not checked;
///   blanked dangerous URLs are the Markdown layer's `url-scheme` findings;
/// - the query is removed before the path is resolved, the fragment is checked after;
/// - a path ending in `.md` names a content file relative to the *source file* (the Markdown
///   layer rewrites it to the target page's URL, so the rewritten link is checked);
/// - any other relative path resolves against the page's *output URL* (`/codes/G9328/`), and
///   `/`-paths against the top of the site; a folder means its `index.html`;
/// - a fragment must be an `id` (or `<a name>`) of the target page's final HTML, compared
///   case-sensitively as browsers do; `#` and `#top` (any case) are the top of the page.
enum LinkCheck {
    /// The guidance pages are checked in `parts` runs on all cores (the general pages with the
    /// last): this check reads every link of the site and is most of validation, which
    /// otherwise leaves a core idle. Each run has its own copy of the site's lazily filled
    /// caches. The findings come back in page order, as one run over the pages gives them.
    static func run(_ context: ValidationContext) -> [Diagnostic] {
        run(context, parts: 8)
    }

    static func run(_ context: ValidationContext, parts: Int) -> [Diagnostic] {
        let site = PublishedSite(context)
        let guidanceCount = context.model.sortedGuidance.count
        let parts = max(1, min(parts, guidanceCount))
        return Array(0..<parts).parallelMap { part -> [Diagnostic] in
            var site = site
            var diagnostics: [Diagnostic] = []
            func checkLinks(of page: ContentPage) {
                for link in page.document.links {
                    if let finding = check(link, on: page, site: &site) { diagnostics.append(finding) }
                }
            }
            // Two loops rather than one over type-erased sequences joined: erased, each page
            // went through unspecialized lazy-sequence code, some 6,000 instructions a page.
            for page in context.guidancePages(guidanceCount * part / parts..<guidanceCount * (part + 1) / parts) {
                checkLinks(of: page)
            }
            if part == parts - 1 {
                for page in context.generalPages { checkLinks(of: page) }
            }
            return diagnostics
        }.flatMap { $0 }
    }

    static func check(_ link: MarkdownLink, on page: ContentPage, site: inout PublishedSite) -> Diagnostic? {
        let destination = link.destination
        // Blanked by the Markdown layer (disallowed scheme), which reports it.
        guard !destination.isEmpty, !link.href.isEmpty, !isExternal(destination) else { return nil }
        let (path, fragment) = parts(of: destination)
        func broken(_ message: String) -> Diagnostic { .error("link-broken", message, at: link.location) }

        let target: ResolvedURL
        if path.hasSuffix(".md") {
            guard link.href != destination else {
                let file = resolve(path, in: folder(of: page.file))
                guard let file else { return broken("link target '\(destination)' leaves the content folder; '.md' links are relative to the file") }
                if site.filesWithErrors.contains(file) { return nil }
                let hint = site.contentFile(caseInsensitive: file).map { "; did you mean \($0) (differs only in case)?" } ?? ""
                return broken("link target '\(destination)': \(file) is not a page of the site\(hint)")
            }
            // The rewritten link is what readers follow.
            target = ResolvedURL(parts(of: link.href).path, from: page.path)
        } else {
            target = ResolvedURL(path, from: page.path)
        }
        guard !target.isAboveTop else { return broken("link target '\(destination)' goes above the top of the site") }
        guard let output = site.existing(target) else {
            var hint = ""
            if let suggestion = site.sourceRelativeSuggestion(for: path, from: page.file) {
                hint = "; did you mean '\(suggestion)'?"
            } else if let file = site.copiedFile(sourceRelative: path, from: page.file) {
                // A file link written relative to the source, as on GitHub: name its URL.
                hint = "; did you mean '\(page.path.relativeURL(toFile: file))'?"
            } else if let other = site.output(caseInsensitive: target) {
                hint = "; did you mean \(other) (differs only in case)?"
            } else if let nearest = site.nearestPage(to: target) {
                hint = "; did you mean \(nearest)?"
            }
            return broken("link target '\(destination)' resolves to \(target.display), which does not exist\(hint)")
        }
        guard let fragment, let anchors = site.anchors(of: output) else { return nil }
        // An empty fragment and "top" (ASCII, any case) are the top of the page (HTML spec).
        if fragment.isEmpty || fragment.lowercased() == "top" || anchors.contains(fragment) { return nil }
        let where_ = PublishedSite.display(output)
        if let same = anchors.sorted().first(where: { $0.lowercased() == fragment.lowercased() }) {
            return broken("fragment '#\(fragment)' not found in \(where_); did you mean '#\(same)' (differs only in case)?")
        }
        let hint = Spelling.closest(to: fragment, among: anchors.sorted()).map { "; did you mean '#\($0)'?" } ?? ""
        return broken("fragment '#\(fragment)' not found in \(where_)\(hint)")
    }

    /// A scheme (`https:`, `mailto:`) before any `/`, `?` or `#`, or a `//host` link.
    /// Read by bytes: the four marks are ASCII, and every link of the site passes here.
    static func isExternal(_ url: String) -> Bool {
        if url.hasPrefix("//") { return true }
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: ":"): return true
            case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"): return false
            default: continue
            }
        }
        return false
    }

    /// The path without its query, and the percent-decoded fragment (nil when there is no `#`).
    /// `#` and `?` are found by their bytes (an ASCII byte's index is a valid index of the
    /// text): searching by `Character` segments every grapheme of every link.
    static func parts(of url: String) -> (path: String, fragment: String?) {
        // The marks' offsets are read from the bytes in place: `firstIndex(of:)` on a
        // substring's UTF-8 view cost more than a thousand instructions a link.
        let marks = url.utf8.withContiguousStorageIfAvailable { bytes -> (hash: Int?, question: Int?) in
            let hash = bytes.firstIndex(of: UInt8(ascii: "#"))
            return (hash, bytes[..<(hash ?? bytes.count)].firstIndex(of: UInt8(ascii: "?")))
        }
        if let marks {
            let utf8 = url.utf8
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            let fragment = marks.hash.map { SitePath.normalized(percentDecoded(url[index($0 + 1)...])) }
            guard let end = marks.question ?? marks.hash else { return (url, fragment) }
            return (String(url[..<index(end)]), fragment)
        }
        var rest = Substring(url)
        var fragment: String?
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = SitePath.normalized(percentDecoded(rest[rest.utf8.index(after: hash)...]))
            rest = rest[..<hash]
        }
        if let question = rest.utf8.firstIndex(of: UInt8(ascii: "?")) { rest = rest[..<question] }
        return (String(rest), fragment)
    }

    /// `text` with its percent-escapes decoded (as written when one is malformed). Most links
    /// have none, and Foundation's decoder goes through `NSString` for every call.
    static func percentDecoded<Text: StringProtocol>(_ text: Text) -> String {
        // Read in place when the text is contiguous (a string or a slice of one): searching
        // a substring's UTF-8 view through its iterator cost 600 instructions a segment.
        let hasEscape = text.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "%")) }
            ?? text.utf8.contains(UInt8(ascii: "%"))
        guard hasEscape else { return String(text) }
        return text.removingPercentEncoding ?? String(text)
    }

    /// The folders of a display path, an absolute path's leading empty segment kept.
    static func folder(of file: String) -> [String] {
        // An ASCII path's folders are made from its bytes in place, as `segments` splits them:
        // its substrings, dropped and mapped, made two arrays for every page rendered.
        let plain = file.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var folders: [String] = []
            var start = 0
            while let end = bytes[start...].firstIndex(of: UInt8(ascii: "/")) {
                folders.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                start = end + 1
            }
            return folders
        }
        if let plain, let plain { return plain }
        return segments(of: file, omittingEmpty: false).dropLast().map(String.init)
    }

    /// `text` split at `/`. An ASCII text is split by its bytes, where a `/` byte is a `/`
    /// character; any other by characters, as a combining mark after `/` joins it (the Markdown
    /// link resolver and the link check split every page's folder and every `.md` link).
    static func segments(of text: String, omittingEmpty: Bool) -> [Substring] {
        // The bytes are read in place (every link passes here, three times): through the
        // UTF-8 view's iterators, finding the slashes cost more than resolving the link.
        let split = text.utf8.withContiguousStorageIfAvailable { bytes -> [Substring]? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            let utf8 = text.utf8
            // Sized once from the slashes: grown by appending, the array was reallocated for
            // most links (two or three segments), the build's largest source of array growth.
            var slashes = 0
            for byte in bytes where byte == UInt8(ascii: "/") { slashes += 1 }
            var segments: [Substring] = []
            segments.reserveCapacity(slashes + 1)
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "/") {
                if !omittingEmpty || start != end {
                    segments.append(text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
                }
                start = end + 1
            }
            return segments
        }
        if let split, let split { return split }
        return text.split(separator: "/", omittingEmptySubsequences: omittingEmpty)
    }

    /// `../codes/G9329.md` against the folder of the linking file (`["Content", "policies"]`),
    /// as display paths in NFC (percent-escapes decoded); nil when it leaves the content folder
    /// or is not relative.
    static func resolve(_ path: String, in folder: [String]) -> String? {
        guard !path.hasPrefix("/") else { return nil }
        if let plain = resolvePlain(path, in: folder) { return plain }
        var parts = folder.map(SitePath.normalized)
        for part in segments(of: path, omittingEmpty: true) {
            switch part {
            case ".": continue
            case "..":
                guard parts.count > 1 else { return nil }
                parts.removeLast()
            default: parts.append(SitePath.normalized(percentDecoded(part)))
            }
        }
        return parts.joined(separator: "/")
    }

    /// `resolve` for a path of ASCII without escapes in a folder of ASCII (nearly every `.md`
    /// link, resolved as each page renders and again by the link check), which are their own
    /// decoded NFC form: resolved from the bytes in place into one string, with no array of
    /// segments and no string per segment. Nil when either is not plain; `.some(nil)` when the
    /// path leaves the content folder.
    private static func resolvePlain(_ path: String, in folder: [String]) -> String?? {
        for part in folder {
            guard part.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy { $0 < 0x80 } }) == true else { return nil }
        }
        let resolved = path.utf8.withContiguousStorageIfAvailable { bytes -> String?? in
            guard !bytes.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "%") }) else { return nil }
            let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
            var slashes = 0
            for byte in bytes where byte == slash { slashes += 1 }
            return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: slashes + 1) { kept -> String?? in
                // The folder's first `keptFolders` parts, then the path's segments `kept[..<keptCount]`.
                var keptFolders = folder.count, keptCount = 0
                var start = 0
                for end in 0...bytes.count where end == bytes.count || bytes[end] == slash {
                    let length = end - start
                    defer { start = end + 1 }
                    if length == 0 || (length == 1 && bytes[start] == dot) { continue }
                    if length == 2, bytes[start] == dot, bytes[start + 1] == dot {
                        guard keptFolders + keptCount > 1 else { return .some(nil) }
                        if keptCount > 0 { keptCount -= 1 } else { keptFolders -= 1 }
                        continue
                    }
                    kept[keptCount] = start..<end
                    keptCount += 1
                }
                var count = max(0, keptFolders + keptCount - 1)
                for index in 0..<keptFolders { count += folder[index].utf8.count }
                for index in 0..<keptCount { count += kept[index].count }
                return String(unsafeUninitializedCapacity: count) { buffer in
                    var written = 0, isFirst = true
                    // Joined as `joined(separator: "/")` joins: an empty first folder (an
                    // absolute display path's) still gets its slash after it.
                    func append(_ piece: UnsafeBufferPointer<UInt8>) {
                        if !isFirst {
                            buffer[written] = slash
                            written += 1
                        }
                        isFirst = false
                        if let base = piece.baseAddress, !piece.isEmpty {
                            UnsafeMutableRawPointer(buffer.baseAddress! + written).copyMemory(from: base, byteCount: piece.count)
                        }
                        written += piece.count
                    }
                    for index in 0..<keptFolders {
                        var part = folder[index]
                        part.withUTF8 { append($0) }
                    }
                    for index in 0..<keptCount { append(UnsafeBufferPointer(rebasing: bytes[kept[index]])) }
                    return written
                }
            }
        }
        return resolved ?? nil
    }
}

/// A URL path resolved against a page's URL, as a browser does: folder segments, the last
/// segment (empty for a folder), and whether `..` went above the top of the site.
struct ResolvedURL {
    var folders: [String]
    var name: String
    var isAboveTop = false

    init(_ path: String, from page: SitePath) {
        // Every link of the site passes here three times (the link targets, the link check, a
        // payer note's rebase): split as the link check splits paths (by bytes when ASCII,
        // else by characters: a combining mark after a `/` makes one character of the two),
        // each segment decoded and in NFC before `.` and `..` are judged (`%2E%2E` is `..`).
        // A path of ASCII without escapes (nearly all) is its own decoded, NFC form.
        // That one is resolved from its bytes in place: no array of pieces, no string for a
        // `.` or `..`, a string only for each segment kept.
        let plain = path.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { $0 >= 0x80 || $0 == UInt8(ascii: "%") } ? nil : Self.resolvePlain(bytes, from: page)
        }
        if let plain, let plain {
            (self.folders, self.name, self.isAboveTop) = plain
            return
        }
        func decode(_ piece: Substring) -> String { Self.decoded(piece) }
        var folders = path.hasPrefix("/") ? [] : page.segments
        var pieces = LinkCheck.segments(of: path, omittingEmpty: false)[...]
        if path.hasPrefix("/") { pieces.removeFirst() }
        let name = pieces.popLast().map(decode) ?? ""
        for piece in pieces { Self.enter(decode(piece), folders: &folders, isAboveTop: &isAboveTop) }
        self.name = Self.lastSegment(name, folders: &folders, isAboveTop: &isAboveTop)
        self.folders = folders
    }

    /// `init`'s resolution of a path of ASCII without escapes, given as its bytes: split at
    /// each `/` byte as `LinkCheck.segments` splits it, each piece judged as `enter` and
    /// `lastSegment` judge it.
    private static func resolvePlain(_ bytes: UnsafeBufferPointer<UInt8>, from page: SitePath) -> (folders: [String], name: String, isAboveTop: Bool) {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var start = bytes.first == slash ? 1 : 0
        var folders = start == 1 ? [] : page.segments
        var isAboveTop = false
        func up() {
            if folders.isEmpty { isAboveTop = true } else { folders.removeLast() }
        }
        while let end = bytes[start...].firstIndex(of: slash) {
            let length = end - start
            if length == 2, bytes[start] == dot, bytes[start + 1] == dot {
                up()
            } else if length > 0, !(length == 1 && bytes[start] == dot) {
                folders.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
            start = end + 1
        }
        let length = bytes.count - start
        if length == 1, bytes[start] == dot { return (folders, "", isAboveTop) }
        if length == 2, bytes[start] == dot, bytes[start + 1] == dot {
            up()
            return (folders, "", isAboveTop)
        }
        return (folders, String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self), isAboveTop)
    }

    private static func decoded(_ piece: Substring) -> String {
        SitePath.normalized(LinkCheck.percentDecoded(piece))
    }

    /// Follows one folder segment: `.` and empty stay, `..` goes up (above the top is noted).
    private static func enter(_ piece: String, folders: inout [String], isAboveTop: inout Bool) {
        switch piece {
        case "", ".": break
        case "..":
            if folders.isEmpty { isAboveTop = true } else { folders.removeLast() }
        default: folders.append(piece)
        }
    }

    /// The last segment as the page's name: `.` and `..` name the folder (empty), `..` after going up.
    private static func lastSegment(_ name: String, folders: inout [String], isAboveTop: inout Bool) -> String {
        if name == "." { return "" }
        if name == ".." {
            if folders.isEmpty { isAboveTop = true } else { folders.removeLast() }
            return ""
        }
        return name
    }

    /// `/codes/G9328/` for the folders `codes`, `G9328`.
    static func folderDisplay(_ folders: [String]) -> String {
        folders.isEmpty ? "/" : "/" + folders.joined(separator: "/") + "/"
    }

    /// `/codes/modifiers/tc` or `/modifiers/` for messages.
    var display: String {
        let joined = folders.joined(separator: "/")
        if name.isEmpty { return joined.isEmpty ? "/" : "/\(joined)/" }
        return "/" + (joined.isEmpty ? "" : joined + "/") + name
    }

    /// Output files (below `Site/`) that would serve this URL, most literal first.
    var candidates: [String] {
        [literalCandidate] + (folderCandidate.map { [$0] } ?? [])
    }

    /// The first candidate: the file the URL names (`index.html` of a folder URL).
    var literalCandidate: String { Self.path(folders, name: name, index: name.isEmpty) }

    /// The second candidate, for a URL whose last segment has no slash after it: a folder
    /// named without its slash, which servers redirect to the folder. Nil for a folder URL.
    var folderCandidate: String? { name.isEmpty ? nil : Self.path(folders, name: name, index: true) }

    /// `folders`, then `name` when it is not empty, then `index.html` when `index`, joined by
    /// `/`: each written once into the new string (every link of the site is looked up by
    /// its candidates twice, and joining and appending made a string a piece).
    private static func path(_ folders: [String], name: String, index: Bool) -> String {
        // The name and `index.html` are written after the folders without an array of them:
        // a literal array of strings was an allocation for every candidate of every link.
        let indexName = "index.html"
        var length = 0
        for part in folders { length += part.utf8.count + 1 }
        if !name.isEmpty { length += name.utf8.count + 1 }
        if index { length += indexName.utf8.count + 1 }
        return String(unsafeUninitializedCapacity: max(0, length - 1)) { buffer in
            var written = 0
            func write(_ part: String) {
                if written > 0 {
                    buffer[written] = UInt8(ascii: "/")
                    written += 1
                }
                written = UnsafeMutableBufferPointer(rebasing: buffer[written...]).initialize(from: part.utf8).1 + written
            }
            for part in folders { write(part) }
            if !name.isEmpty { write(name) }
            if index { write(indexName) }
            return written
        }
    }
}

/// What the built site will hold, for link resolution: published pages (with their anchors,
/// scanned once, when first needed), copied files, and the content files that became pages.
///
/// Held while every other check runs, so it keeps no table of every page: pages are found by
/// binary search in the build's sorted list of outputs, and the content files are listed only
/// when a broken link asks for a suggestion (`SourcePages`).
struct PublishedSite {
    /// Every page that will be written, sorted bytewise by path.
    var outputs: [OutputFile]
    var copied: Set<String>
    let contentPages: SourcePages
    var anchorCache: [String: Set<String>] = [:]
    var foldedOutputs: [String: String]?
    var filesWithErrors: Set<String>
    /// Static content files: display path to output path.
    var staticFiles: [String: String] = [:]

    init(_ context: ValidationContext) {
        outputs = context.outputs
        // A build hands them over sorted; anything else is sorted here, once.
        if zip(outputs, outputs.dropFirst()).contains(where: { $1.path.precedesBytewise($0.path) }) {
            outputs.sort { $0.path.precedesBytewise($1.path) }
        }
        anchorCache = context.anchors
        copied = Set(context.copiedFiles + context.model.staticFiles.map(\.outputPath))
        filesWithErrors = context.filesWithErrors
        // Keyed in NFC, as `LinkCheck.resolve` gives paths.
        for file in context.model.staticFiles { staticFiles[SitePath.normalized(file.file.displayPath)] = file.outputPath }
        contentPages = SourcePages(context.model)
    }

    /// The page written at `path` (below `Site/`), by binary search; nil when there is none.
    func page(_ path: String) -> OutputFile? {
        pagePosition(path).map { outputs[$0] }
    }

    /// Where the page written at `path` is in `outputs`, without copying it out.
    private func pagePosition(_ path: String) -> Int? {
        let lower = outputs.firstIndex(notBefore: path, by: \.path)
        return lower < outputs.count && outputs[lower].path == path ? lower : nil
    }

    /// The first of `url.candidates` that the site has. Each candidate is made only when the
    /// one before it is missing, and no array of them is made: every link of the site is
    /// looked up here, and nearly all land on their first candidate.
    func existing(_ url: ResolvedURL) -> String? {
        func exists(_ path: String) -> Bool { pagePosition(path) != nil || copied.contains(path) }
        let literal = url.literalCandidate
        if exists(literal) { return literal }
        guard let folder = url.folderCandidate else { return nil }
        return exists(folder) ? folder : nil
    }

    /// The page's anchors; nil for a copied file (a PDF's `#page=2` is not ours to check).
    mutating func anchors(of output: String) -> Set<String>? {
        if let cached = anchorCache[output] { return cached }
        guard let html = page(output)?.contents else { return nil }
        let anchors = AnchorScanner.anchors(in: html)
        anchorCache[output] = anchors
        return anchors
    }

    /// `/codes/G9328/` for `codes/G9328/index.html`.
    static func display(_ output: String) -> String {
        if output == "index.html" { return "/" }
        if output.hasSuffix("/index.html") { return "/" + output.dropLast("index.html".count) }
        return "/" + output
    }

    /// An output that differs from the URL only in case, for "did you mean".
    mutating func output(caseInsensitive url: ResolvedURL) -> String? {
        if foldedOutputs == nil {
            var folded: [String: String] = [:]
            for path in outputs.map(\.path).sorted() + copied.sorted() where folded[path.lowercased()] == nil { folded[path.lowercased()] = path }
            foldedOutputs = folded
        }
        for candidate in url.candidates {
            if let match = foldedOutputs?[candidate.lowercased()] { return Self.display(match) }
        }
        return nil
    }

    /// The page whose URL is a likely typo away from `url`'s (`/codes/G9238/` for G9328), for
    /// "did you mean"; nil when none is near enough.
    mutating func nearestPage(to url: ResolvedURL) -> String? {
        // A last segment without an extension is a folder to a reader (`/codes/G9238`).
        let wanted = url.name.isEmpty || url.name == "index.html" ? ResolvedURL.folderDisplay(url.folders)
            : url.name.contains(".") ? url.display : ResolvedURL.folderDisplay(url.folders + [url.name])
        let pagesByDisplay = outputs.map { Self.display($0.path) }
        return Spelling.closest(to: wanted, among: pagesByDisplay.sorted())
    }

    func contentFile(caseInsensitive file: String) -> String? {
        contentPages.table.keys.sorted().first { $0.lowercased() == file.lowercased() && $0 != file }
    }

    /// The output path of a static file that `path` names relative to the source file.
    func copiedFile(sourceRelative path: String, from file: String) -> String? {
        guard !path.isEmpty, !path.hasPrefix("/"), let resolved = LinkCheck.resolve(path, in: LinkCheck.folder(of: file)) else { return nil }
        return staticFiles[resolved]
    }

    /// The `.md` link the author probably meant when a URL-relative link names a content file
    /// relative to the source (`../modifiers/tc` for `../modifiers/tc.md`).
    func sourceRelativeSuggestion(for path: String, from file: String) -> String? {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.hasSuffix(".md") else { return nil }
        let folder = LinkCheck.folder(of: file)
        let candidates = path.hasSuffix("/") ? [path + "index.md"] : [path + ".md", path + "/index.md"]
        return candidates.first { candidate in
            LinkCheck.resolve(candidate, in: folder).map { contentPages.table[$0] != nil } ?? false
        }
    }
}

/// The content files that became pages (display path in NFC to the page's path), listed on
/// first use and then shared by every part of the link check: only a broken link needs them,
/// and at a hundred thousand guidance pages the table is 13 MB.
final class SourcePages: Sendable {
    private let model: SiteModel
    private let made = Mutex<[String: SitePath]?>(nil)

    init(_ model: SiteModel) { self.model = model }

    var table: [String: SitePath] {
        made.withLock { made in
            if let made { return made }
            var table: [String: SitePath] = [:]
            for page in model.pages { table[SitePath.normalized(page.file)] = page.path }
            for (code, page) in model.guidance { table[SitePath.normalized(page.file)] = SiteModel.codePath(code) }
            made = table
            return table
        }
    }
}
