import Foundation
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
    private let lock = NSLock()
    private var folders: Set<String> = []

    init(folder: URL, output: URL) {
        self.folder = folder
        self.output = output
    }

    /// Writes one file; `path` is relative to the site and already checked (segments only).
    public func write(_ path: String, _ contents: [UInt8]) throws {
        if let slash = path.lastIndex(of: "/") {
            let parent = String(path[..<slash])
            lock.lock()
            let known = folders.contains(parent)
            lock.unlock()
            if !known {
                try FileManager.default.createDirectory(at: folder.appendingPathComponent(parent), withIntermediateDirectories: true)
                lock.lock()
                folders.insert(parent)
                lock.unlock()
            }
        }
        try Data(contents).write(to: folder.appendingPathComponent(path))
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
