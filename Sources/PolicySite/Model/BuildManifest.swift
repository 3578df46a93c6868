import Crypto
import Foundation
import PolicySiteCore

/// The publication record of one build: what PolicySite wrote, from which inputs, so that a
/// compliance team can show later which content and code set a published copy came from
/// (`policysite verify`).
///
/// It lives at `Site/publication/manifest.json`, beside the human-readable page of the same
/// record (`Site/publication/index.html`). The folder is not hidden on purpose: GitHub Pages
/// (Jekyll) drops paths starting with `.` or `_` unless the site has a `.nojekyll`, and copy
/// and sync tools often exclude dot files, so a `.policysite/` folder would vanish from the
/// published copy that the record exists to check.
///
/// The JSON is written by hand in a fixed key order, entries sorted bytewise by path, one
/// entry a line, with no time in it: the same input gives a byte-identical manifest.
struct BuildManifest: Equatable, Sendable {
    /// Bumped when the layout of the JSON changes.
    static let formatVersion = 1
    /// The record's folder below the site, and the two files in it.
    static let folder = "publication"
    static let fileName = "publication/manifest.json"
    static let pagePath = "publication/index.html"

    /// One input file: which folder it belongs to, its path there, its size and SHA-256.
    struct Input: Equatable, Sendable {
        /// `content`, `templates` or `code-set`.
        var role: String
        /// Relative to the content or templates folder; a code-set file as the build named it.
        var path: String
        var size: Int
        var sha256: SHA256Digest
    }

    /// One file of the site: its path below the site, size and SHA-256.
    struct File: Equatable, Sendable {
        var path: String
        var size: Int
        var sha256: SHA256Digest
    }

    var generator: String
    var revision: String?
    var asOf: String
    var codeSet: String
    var inputs: [Input]
    /// Every file the build wrote, except the manifest itself and the `.policysite-site`
    /// marker (bookkeeping that hosts may drop with other dot files).
    var outputs: [File]
    /// Files that were in the output folder and that PolicySite did not write (a `CNAME`),
    /// carried into the new site unchanged.
    var kept: [File]

    init(generator: String = "PolicySite \(PolicySiteVersion.current)", revision: String?, asOf: String, codeSet: String, inputs: [Input], outputs: [File], kept: [File]) {
        self.generator = generator
        self.revision = revision
        self.asOf = asOf
        self.codeSet = codeSet
        func bytewise(_ a: String, _ b: String) -> Bool { a.precedesBytewise(b) }
        self.inputs = inputs.sorted { $0.role != $1.role ? bytewise($0.role, $1.role) : bytewise($0.path, $1.path) }
        self.outputs = outputs.sorted { bytewise($0.path, $1.path) }
        self.kept = kept.sorted { bytewise($0.path, $1.path) }
    }

    /// A manifest whose outputs are already in bytewise path order (no second sort of a list
    /// of every file; `serve`'s rebuilds keep it sorted).
    init(revision: String?, asOf: String, codeSet: String, inputs: [Input], sortedOutputs: [File], kept: [File]) {
        self.init(revision: revision, asOf: asOf, codeSet: codeSet, inputs: inputs, outputs: [], kept: kept)
        assert(zip(sortedOutputs, sortedOutputs.dropFirst()).allSatisfy { $0.path.precedesBytewise($1.path) })
        outputs = sortedOutputs
    }

    /// The manifest as JSON bytes, keys in a fixed order. Written straight into one buffer: a
    /// site of a hundred thousand files has as many lines, and building each as a string of
    /// its own, then joining them, tripled the build's last step's memory.
    func json() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + 160 * (inputs.count + outputs.count + kept.count))
        writeJSON { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// The same bytes as `json()`, given to `write` in parts of about 64 KB, so that a big
    /// site's record never sits whole in memory.
    /// - Throws: what `write` throws.
    func writeJSON(to write: (ArraySlice<UInt8>) throws -> Void) rethrows {
        try writeJSON(recordPage: { nil }, to: write)
    }

    /// `writeJSON(to:)`, with the record page's entry added to the outputs.
    /// - Parameter recordPage: The record page's entry when `outputs` does not hold it yet,
    ///   asked for once, when the list of outputs reaches its place (`pagePath`, after every
    ///   `codes/` file): the build writes the page on another thread meanwhile, and its size
    ///   and digest are known only once it is written. Nil: nothing to add.
    /// - Throws: what `write` or `recordPage` throws.
    func writeJSON(recordPage: () throws -> File?, to write: (ArraySlice<UInt8>) throws -> Void) rethrows {
        var out: [UInt8] = []
        out.reserveCapacity(FileParts.size + 16 * 1024)
        func append(_ text: String) { out.append(contentsOf: text.utf8) }
        func field(_ name: String, _ value: String?, last: Bool = false) {
            append("  \"\(name)\": ")
            if let value { JSONText.append(value, to: &out) } else { append("null") }
            append(last ? "\n" : ",\n")
        }
        append("{\n")
        append("  \"format\": \(Self.formatVersion),\n")
        field("generator", generator)
        field("revision", revision)
        field("asOf", asOf)
        field("codeSet", codeSet)
        func list<Entry>(_ name: String, _ entries: [Entry], last: Bool = false, _ line: (Entry) -> Void) throws {
            append("  \"\(name)\": [")
            for (index, entry) in entries.enumerated() {
                append(index == 0 ? "\n    " : ",\n    ")
                line(entry)
                try FileParts.handOn(&out, to: write)
            }
            if !entries.isEmpty { append("\n  ") }
            append(last ? "]\n" : "],\n")
        }
        func file(_ path: String, _ size: Int, _ sha256: SHA256Digest, role: String? = nil) {
            append("{")
            if let role { append("\"role\": "); JSONText.append(role, to: &out); append(", ") }
            append("\"path\": ")
            JSONText.append(path, to: &out)
            // The size as its own small string: an interpolated line made a string on the heap
            // for each of a site's files.
            append(", \"size\": ")
            append(String(size))
            append(", \"sha256\": \"")
            sha256.appendHex(to: &out)
            append("\"}")
        }
        try list("inputs", inputs) { file($0.path, $0.size, $0.sha256, role: $0.role) }
        // The outputs with the record page's entry merged in at its place in path order (in
        // place of an entry of the same path, as when it was inserted into `outputs`).
        append("  \"outputs\": [")
        var count = 0
        func entry(_ output: File) throws {
            append(count == 0 ? "\n    " : ",\n    ")
            count += 1
            file(output.path, output.size, output.sha256)
            try FileParts.handOn(&out, to: write)
        }
        var askedForPage = false
        for output in outputs {
            if !askedForPage, !output.path.precedesBytewise(Self.pagePath) {
                askedForPage = true
                if let page = try recordPage() {
                    try entry(page)
                    if output.path == Self.pagePath { continue }
                }
            }
            try entry(output)
        }
        if !askedForPage, let page = try recordPage() { try entry(page) }
        if count > 0 { append("\n  ") }
        append("],\n")
        try list("kept", kept, last: true) { file($0.path, $0.size, $0.sha256) }
        append("}\n")
        try FileParts.handOn(&out, last: true, to: write)
    }

    /// Reads a manifest written by `json()`; nil when the bytes are not one (a digest that is
    /// not 64 hexadecimal digits included).
    static func parse(_ bytes: [UInt8]) -> BuildManifest? {
        struct Decoded: Decodable {
            struct Entry: Decodable { var role: String?; var path: String; var size: Int; var sha256: String }
            var format: Int
            var generator: String
            var revision: String?
            var asOf: String
            var codeSet: String
            var inputs: [Entry]
            var outputs: [Entry]
            var kept: [Entry]
        }
        guard let decoded = try? JSONDecoder().decode(Decoded.self, from: Data(bytes)), decoded.format == formatVersion else { return nil }
        func files(_ entries: [Decoded.Entry]) -> [File]? {
            var files: [File] = []
            for entry in entries {
                guard let digest = SHA256Digest(hex: entry.sha256) else { return nil }
                files.append(File(path: entry.path, size: entry.size, sha256: digest))
            }
            return files
        }
        guard let inputs = files(decoded.inputs), let outputs = files(decoded.outputs), let kept = files(decoded.kept) else { return nil }
        return BuildManifest(
            generator: decoded.generator, revision: decoded.revision, asOf: decoded.asOf, codeSet: decoded.codeSet,
            inputs: zip(decoded.inputs, inputs).map { Input(role: $0.role ?? "", path: $1.path, size: $1.size, sha256: $1.sha256) },
            outputs: outputs, kept: kept)
    }

    /// Reads `Site/publication/manifest.json` of the site at `sitePath`; nil when there is
    /// none or it cannot be read.
    static func read(site sitePath: String) -> BuildManifest? {
        FileManager.default.contents(atPath: sitePath + "/" + fileName).flatMap { parse(Array($0)) }
    }

    /// The `outputs` paths of the manifest of the site at `sitePath`; nil when there is no
    /// readable manifest. Every build that writes into an existing site asks this, and the
    /// record of a 100,000-page site decoded whole (`parse`) took about 180 MB at the build's
    /// memory peak; so lines in the layout `json()` writes are read one by one, and only a
    /// manifest in another layout (edited by hand) is decoded whole.
    static func outputPaths(site sitePath: String) -> Set<String>? {
        guard let data = FileManager.default.contents(atPath: sitePath + "/" + fileName) else { return nil }
        return data.withUnsafeBytes { raw in
            outputPaths(in: raw.bindMemory(to: UInt8.self))
        } ?? parse(Array(data)).map { Set($0.outputs.map(\.path)) }
    }

    /// The paths of the `outputs` lines of manifest bytes in `json()`'s layout; nil when a line
    /// of the list is not in that layout or the list is missing.
    static func outputPaths(in bytes: UnsafeBufferPointer<UInt8>) -> Set<String>? {
        let header = Array("  \"outputs\": [".utf8), entryStart = Array("    {\"path\": \"".utf8)
        var paths: Set<String> = []
        var inList = false
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            lineStart = lineEnd + 1
            if !inList {
                guard line.starts(with: header) else { continue }
                if line.count == header.count { inList = true; continue }
                // `"outputs": [],` or `[]` before the last key: an empty list.
                return line.dropFirst(header.count).starts(with: "]".utf8) ? paths : nil
            }
            if line.starts(with: "  ]".utf8) { return paths }
            guard line.starts(with: entryStart) else { return nil }
            // The path is the JSON string up to its closing quote: the first `"` not escaped.
            var index = entryStart.count, escaped = false
            while index < line.count, !(line[index] == 0x22 && !escaped) {
                escaped = !escaped && line[index] == 0x5C
                index += 1
            }
            guard index < line.count else { return nil }
            let literal = UnsafeBufferPointer(rebasing: line[(entryStart.count - 1)...index])
            if literal.contains(0x5C) {
                // Escapes are rare in paths; JSON's own decoder reads them.
                guard let path = try? JSONDecoder().decode(String.self, from: Data(literal)) else { return nil }
                paths.insert(path)
            } else {
                paths.insert(String(decoding: UnsafeBufferPointer(rebasing: literal.dropFirst().dropLast()), as: UTF8.self))
            }
        }
        return nil
    }
}

/// PolicySite's own version, as the manifest records it.
public enum PolicySiteVersion {
    public static let current = "0.9.0"
}

/// SHA-256 through swift-crypto (BoringSSL on Linux).
enum FileDigest {
    /// The digest of `bytes`.
    static func sha256<Bytes: DataProtocol>(_ bytes: Bytes) -> SHA256Digest {
        SHA256Digest(SHA256.hash(data: bytes))
    }

    /// The size and digest of the file at `path`, read in parts of at most 1 MB; nil when
    /// it cannot be read. The buffer is the file's size (most inputs are a few kilobytes), not
    /// a zeroed megabyte per file: at 100,000 content files that was seconds of system time.
    static func sha256(file path: String) -> (size: Int, sha256: SHA256Digest)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        let expected = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 1 << 20
        var hasher = SHA256()
        // One byte more than the size, so a whole file is read in one call and the next sees its end.
        let capacity = min(max(expected + 1, 4096), 1 << 20)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var size = 0
        while true {
            let count = read(descriptor, buffer.baseAddress!, capacity)
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            size += count
        }
        return (size, SHA256Digest(hasher.finalize()))
    }
}
