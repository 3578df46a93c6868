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
    /// Folders the output must never be: the working directory, the content and templates folders.
    public var protectedPaths: [String]

    public init(outputPath: String, displayPath: String, protectedPaths: [String]) {
        self.outputPath = outputPath
        self.displayPath = displayPath
        self.protectedPaths = protectedPaths
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

    /// Writes `files` (path relative to the output folder, bytes) and swaps them in.
    /// Throws only for I/O failures; the previous output is then untouched.
    public func write(_ files: [(path: String, contents: [UInt8])], staticCopies: [(path: String, source: String)]) throws {
        let fileManager = FileManager.default
        let outputURL = URL(fileURLWithPath: outputPath).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent()
        let name = outputURL.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).tmp-\(pid)")
        let retired = parent.appendingPathComponent(".\(name).old-\(pid)")
        try? fileManager.removeItem(at: staging)
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            var folders: Set<String> = []
            func ensureFolder(for path: String) throws {
                guard let slash = path.lastIndex(of: "/") else { return }
                let folder = String(path[..<slash])
                guard !folders.contains(folder) else { return }
                try fileManager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
                folders.insert(folder)
            }
            try Data().write(to: staging.appendingPathComponent(Self.markerName))
            for file in files {
                try ensureFolder(for: file.path)
                try Data(file.contents).write(to: staging.appendingPathComponent(file.path))
            }
            for copy in staticCopies {
                try ensureFolder(for: copy.path)
                try fileManager.copyItem(atPath: copy.source, toPath: staging.appendingPathComponent(copy.path).path)
            }
            let hadOutput = fileManager.fileExists(atPath: outputURL.path)
            if hadOutput { try fileManager.moveItem(at: outputURL, to: retired) }
            do {
                try fileManager.moveItem(at: staging, to: outputURL)
            } catch {
                if hadOutput { try? fileManager.moveItem(at: retired, to: outputURL) }
                throw error
            }
            if hadOutput { try? fileManager.removeItem(at: retired) }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
