import Foundation
import Glibc  // the staging folder is written with POSIX calls: PolicySite builds on Linux
import PolicySiteCore

/// Writes a built site atomically: every file goes into a temporary folder beside the output
/// folder, which replaces the output folder only once everything was written. A build that
/// fails at any point leaves the previous site exactly as it was.
public struct SiteWriter {
    /// The file that marks a folder as written by PolicySite; without it an existing folder is
    /// never replaced.
    public static let markerName = ".policysite-site"

    public var outputPath: String
    /// The output folder as the user named it, for messages.
    public var displayPath: String
    /// Folders the output must never be or contain: the working directory, the content and
    /// templates folders.
    public var protectedPaths: [String]
    /// Folders the output must not be inside either (the content and templates folders): a
    /// site inside Content/ would be read back as content by the next build.
    public var sourceFolders: [String]

    public init(outputPath: String, displayPath: String, protectedPaths: [String], sourceFolders: [String] = []) {
        self.outputPath = outputPath
        self.displayPath = displayPath
        self.protectedPaths = protectedPaths
        self.sourceFolders = sourceFolders
    }

    /// Why the output folder may not be written, or nil when it may.
    public func refusal() -> Diagnostic? {
        let output = Self.canonical(outputPath)
        let location = SourceLocation(file: displayPath)
        for protected in protectedPaths {
            let path = Self.canonical(protected)
            if output == path || path.hasPrefix(output + "/") {
                return .error("output-refused", "output folder \(displayPath) would replace \(protected); choose another folder", at: location)
            }
        }
        for source in sourceFolders where output.hasPrefix(Self.canonical(source) + "/") {
            return .error("output-refused", "output folder \(displayPath) is inside \(source); the next build would read the site as content", at: location)
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: outputPath, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                return .error("output-refused", "output path \(displayPath) exists and is not a folder", at: location)
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: outputPath)) ?? []
            if !entries.isEmpty, !entries.contains(Self.markerName) {
                return .error("output-refused", "output folder \(displayPath) exists and was not written by PolicySite (no \(Self.markerName)); refusing to replace it", at: location)
            }
        }
        return nil
    }

    /// Starts a build's output: an empty staging folder beside the output folder, holding the
    /// marker. Throws only for I/O failures.
    public func begin() throws -> SiteStaging {
        let fileManager = FileManager.default
        let outputURL = URL(fileURLWithPath: outputPath).standardizedFileURL
        let name = outputURL.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = outputURL.deletingLastPathComponent().appendingPathComponent(".\(name).tmp-\(pid)")
        try? fileManager.removeItem(at: staging)
        removeLeftovers(of: name, in: outputURL.deletingLastPathComponent())
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        try Data().write(to: staging.appendingPathComponent(Self.markerName))
        return SiteStaging(folder: staging, output: outputURL)
    }

    /// Staging and retired folders that an interrupted build left beside the output (a build
    /// killed mid-way cannot clean up). Only folders holding PolicySite's marker are removed.
    func removeLeftovers(of name: String, in parent: URL) {
        let fileManager = FileManager.default
        let entries = (try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? []
        for entry in entries where entry.hasPrefix(".\(name).tmp-") || entry.hasPrefix(".\(name).old-") {
            let folder = parent.appendingPathComponent(entry)
            if fileManager.fileExists(atPath: folder.appendingPathComponent(Self.markerName).path) {
                try? fileManager.removeItem(at: folder)
            }
        }
    }

    /// Writes `files` (path relative to the output folder, bytes) and swaps them in.
    /// Throws only for I/O failures; the previous output is then untouched.
    public func write(_ files: [(path: String, contents: [UInt8])], staticCopies: [(path: String, source: String)]) throws {
        let staging = try begin()
        do {
            for file in files { try staging.write(file.path, file.contents) }
            try staging.commit(staticCopies: staticCopies)
        } catch {
            staging.abandon()
            throw error
        }
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// A build's output while it is being written: files go into a staging folder beside the
/// output folder as soon as they are rendered (from any thread), and the staging folder
/// replaces the output folder only in `commit`. `abandon` removes it, leaving the previous
/// site as it was.
public final class SiteStaging: @unchecked Sendable {
    let folder: URL
    let output: URL
    /// `folder`'s path, for the POSIX calls that write each page.
    private let folderPath: String
    private let lock = NSLock()
    private var folders: Set<String> = []

    init(folder: URL, output: URL) {
        self.folder = folder
        self.output = output
        folderPath = folder.path
    }

    /// Writes one file; `path` is relative to the site and already checked (segments only).
    public func write(_ path: String, _ contents: [UInt8]) throws {
        let file = try open(path)
        defer { try? file.close() }
        try file.append(contents[...])
    }

    /// Creates (or truncates) one file for writing in parts, with its folders.
    func open(_ path: String) throws -> StagedFile {
        if let slash = path.lastIndex(of: "/") { try makeFolder(String(path[..<slash])) }
        return try StagedFile(path: folderPath + "/" + path)
    }

    /// Creates a folder below the staging folder, and the folders above it that no earlier
    /// call made. Nearly every page has a folder of its own (`codes/G9328/`), so this is one
    /// `mkdir` a page; Foundation's `createDirectory` checked every folder on the path first.
    private func makeFolder(_ relative: String) throws {
        lock.lock()
        let known = folders.contains(relative)
        lock.unlock()
        guard !known else { return }
        if let slash = relative.lastIndex(of: "/") { try makeFolder(String(relative[..<slash])) }
        let path = folderPath + "/" + relative
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw StagedFileError(path: path, code: errno) }
        lock.lock()
        folders.insert(relative)
        lock.unlock()
    }

    /// A scratch file in the staging folder (a name no page path can take: it starts with a
    /// dot), removed before the folder becomes the site.
    func spill(named name: String) throws -> TextSpill {
        try TextSpill(path: folder.appendingPathComponent("." + name).path)
    }

    /// A file written so far, by its path below the site (nil when there is none).
    public func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(path).path).map(Array.init)
    }

    /// Copies the static files in and swaps the staging folder for the output folder.
    public func commit(staticCopies: [(path: String, source: String)]) throws {
        let fileManager = FileManager.default
        for copy in staticCopies {
            if let slash = copy.path.lastIndex(of: "/") {
                try fileManager.createDirectory(at: folder.appendingPathComponent(String(copy.path[..<slash])), withIntermediateDirectories: true)
            }
            try fileManager.copyItem(atPath: copy.source, toPath: folder.appendingPathComponent(copy.path).path)
        }
        let retired = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        let hadOutput = fileManager.fileExists(atPath: output.path)
        if hadOutput { try fileManager.moveItem(at: output, to: retired) }
        do {
            try fileManager.moveItem(at: folder, to: output)
        } catch {
            if hadOutput { try? fileManager.moveItem(at: retired, to: output) }
            throw error
        }
        if hadOutput { try? fileManager.removeItem(at: retired) }
    }

    /// Removes the staging folder.
    public func abandon() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// A file being written into the staging folder: the bytes go straight from the caller's
/// buffer to the file (no `Data` copy), and a large file can be written in parts.
final class StagedFile {
    private var descriptor: Int32
    let path: String

    init(path: String) throws {
        self.path = path
        descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 { throw StagedFileError(path: path, code: errno) }
    }

    func append(_ bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw StagedFileError(path: path, code: errno)
                }
                offset += written
            }
        }
    }

    func close() throws {
        guard descriptor >= 0 else { return }
        let result = Glibc.close(descriptor)
        descriptor = -1
        if result != 0 { throw StagedFileError(path: path, code: errno) }
    }

    deinit { if descriptor >= 0 { _ = Glibc.close(descriptor) } }
}

/// A system error writing a staged file, described as `strerror` says it.
struct StagedFileError: Error, LocalizedError {
    var path: String
    var code: Int32
    var errorDescription: String? { "\(String(cString: strerror(code))) (\(path))" }
}

/// Text the build sets aside on disk until a later step reads it back: each guidance page's
/// search text from the moment its page is rendered until the search index is written. A
/// hundred thousand pages' text is a hundred megabytes that would otherwise stay in memory
/// for the whole build. The file lives in the staging folder and is removed before commit.
final class TextSpill: @unchecked Sendable {  // the offset and file are guarded by `lock`
    private let lock = NSLock()
    private var descriptor: Int32
    private var size = 0
    let path: String

    init(path: String) throws {
        self.path = path
        descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        if descriptor < 0 { throw StagedFileError(path: path, code: errno) }
    }

    /// Sets `text` aside; returns where to read it back.
    func store(_ text: String) throws -> Range<Int> {
        var text = text
        return try text.withUTF8 { bytes in
            lock.lock()
            defer { lock.unlock() }
            let start = size
            var offset = 0
            while offset < bytes.count {
                let written = pwrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset, off_t(start + offset))
                if written < 0 {
                    if errno == EINTR { continue }
                    throw StagedFileError(path: path, code: errno)
                }
                offset += written
            }
            size += bytes.count
            return start..<size
        }
    }

    /// The text stored at `range`.
    func text(_ range: Range<Int>) throws -> String {
        guard !range.isEmpty else { return "" }
        var bytes = [UInt8](repeating: 0, count: range.count)
        var offset = 0
        while offset < range.count {
            let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + offset, range.count - offset, off_t(range.lowerBound + offset)) }
            if read < 0 {
                if errno == EINTR { continue }
                throw StagedFileError(path: path, code: errno)
            }
            if read == 0 { throw StagedFileError(path: path, code: EIO) }
            offset += read
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Closes and removes the file.
    func remove() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
        unlink(path)
    }

    deinit { remove() }
}
