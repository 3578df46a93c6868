import Crypto
import Foundation
import PolicySiteCore
import Synchronization
import SystemPackage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a built site so that the output folder always holds one complete site: every file
/// goes into a staging folder beside the output folder, which is flushed to disk and then
/// exchanged with the output folder in one step (`LinuxFileSystem.exchange`). A build that fails,
/// is killed or is interrupted at any point leaves the previous site exactly as it was; the
/// folders it leaves beside the output are removed by the next build (which holds the
/// output's lock, so it never removes another build's staging folder).
struct SiteWriter {
    /// The file that marks a folder as written by PolicySite; without it an existing folder is
    /// never replaced.
    static let markerName = ".policysite-site"

    var outputPath: String
    /// The output folder as the user named it, for messages.
    var displayPath: String
    /// Folders the output must never be or contain: the working directory, the content and
    /// templates folders.
    var protectedPaths: [String]
    /// Folders the output must not be inside either (the content and templates folders): a
    /// site inside Content/ would be read back as content by the next build.
    var sourceFolders: [String]
    /// Replace a folder without the marker, keeping its files (`--adopt`).
    var adopt = false
    /// Write into the output folder itself, file by file (`--in-place`): for an output folder
    /// that is a mount point, which cannot be exchanged. Not atomic.
    var inPlace = false

    init(outputPath: String, displayPath: String, protectedPaths: [String], sourceFolders: [String] = []) {
        self.outputPath = outputPath
        self.displayPath = displayPath
        self.protectedPaths = protectedPaths
        self.sourceFolders = sourceFolders
    }

    /// Why the output folder may not be written, or nil when it may.
    func refusal() -> Diagnostic? {
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
            if !adopt, !entries.isEmpty, !entries.contains(Self.markerName) {
                return .error("output-refused", "output folder \(displayPath) exists and was not written by PolicySite (no \(Self.markerName)); refusing to replace it. To build into it and keep its files, build with --adopt", at: location)
            }
            if !inPlace, LinuxFileSystem.isMountPoint(outputPath) {
                return .error("output-refused", "output folder \(displayPath) is a mount point, which cannot be swapped for a new site in one step; build with --in-place to write into it file by file (not atomic), or choose a folder inside it", at: location)
            }
        }
        return nil
    }

    /// Files in the output folder that the previous build did not write (by its manifest):
    /// paths below the folder, sorted. `.git`, the marker and the manifest are never among
    /// them. A PolicySite folder without a manifest (written before manifests) has none; an
    /// adopted folder's files all are.
    func foreignFiles() -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: outputPath, isDirectory: &isFolder), isFolder.boolValue else { return [] }
        let written: Set<String>
        if let paths = BuildManifest.outputPaths(site: outputPath) {
            written = paths
        } else if FileManager.default.fileExists(atPath: outputPath + "/" + Self.markerName) {
            return []
        } else {
            written = []
        }
        return SiteFiles.list(outputPath).filter { !written.contains($0) && $0 != BuildManifest.fileName }
    }

    /// Finishes what interrupted builds left beside the output folder (see
    /// `removeLeftovers`). Call it first thing while holding the output's `OutputLock`.
    func recover() {
        let outputURL = URL(fileURLWithPath: outputPath).standardizedFileURL
        Self.removeLeftovers(of: outputURL.lastPathComponent, in: outputURL.deletingLastPathComponent().path, output: outputURL.path)
    }

    /// Starts a build's output: an empty staging folder beside the output folder, holding the
    /// marker. Call it while holding the output's `OutputLock`, after `recover()`. Throws only
    /// for I/O failures.
    func begin() throws -> SiteStaging {
        let outputURL = URL(fileURLWithPath: outputPath).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent().path
        let name = outputURL.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging: String
        if inPlace {
            // The folder may be a mount point: stage inside it, where the files will go.
            try FileManager.default.createDirectory(atPath: outputURL.path, withIntermediateDirectories: true)
            staging = outputURL.path + "/.policysite-tmp-\(pid)"
        } else {
            staging = parent + "/.\(name).tmp-\(pid)"
        }
        try Self.removeTree(staging, trashIn: (staging as NSString).deletingLastPathComponent, name: inPlace ? "" : name)
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        let stagingArea = SiteStaging(folder: URL(fileURLWithPath: staging), output: outputURL, displayPath: displayPath, inPlace: inPlace)
        try stagingArea.write(Self.markerName, [], record: false)
        return stagingArea
    }

    /// Removes the staging and trash folders that interrupted builds left beside the output
    /// (`.Site.tmp-<pid>`, `.Site.trash-<pid>-<n>`, and `.Site.old-<pid>` of earlier
    /// versions), and inside it for `--in-place` (`.policysite-tmp-<pid>`). Each is first
    /// renamed to a trash name and then deleted, so a build killed while deleting leaves a
    /// trash folder that the next build deletes in turn. The last complete copy is never
    /// deleted: an `.old-` folder of an earlier version is put back when the output is missing.
    static func removeLeftovers(of name: String, in parent: String, output: String) {
        let fileManager = FileManager.default
        let entries = ((try? fileManager.contentsOfDirectory(atPath: parent)) ?? []).sorted()
        for entry in entries {
            guard let kind = leftoverKind(entry, of: name) else { continue }
            let path = parent + "/" + entry
            if kind == "old", !fileManager.fileExists(atPath: output), fileManager.fileExists(atPath: path + "/" + markerName) {
                try? LinuxFileSystem.rename(path, output)
                continue
            }
            try? removeTree(path, trashIn: parent, name: name)
        }
        for entry in (try? fileManager.contentsOfDirectory(atPath: output)) ?? [] where entry.hasPrefix(".policysite-tmp-") || entry.hasPrefix(".policysite-trash-") {
            try? removeTree(output + "/" + entry, trashIn: output, name: "")
        }
    }

    /// `tmp`, `trash` or `old` when `entry` is a name PolicySite gives its own folders beside
    /// the output `name` (a dot, the name, the kind, a dash, then digits and dashes).
    static func leftoverKind(_ entry: String, of name: String) -> String? {
        for kind in ["tmp", "trash", "old"] {
            let prefix = ".\(name).\(kind)-"
            guard entry.hasPrefix(prefix) else { continue }
            let rest = entry.dropFirst(prefix.count)
            if !rest.isEmpty, rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) { return kind }
        }
        return nil
    }

    /// Numbers the trash folders this process makes, so that two never take the same name.
    private static let trashCounter = Atomic<Int>(0)

    /// Deletes a folder of PolicySite's: renamed to a trash name first (unless it already has
    /// one), then removed. A missing folder is not an error.
    static func removeTree(_ path: String, trashIn parent: String, name: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let entry = (path as NSString).lastPathComponent
        var target = path
        let trashPrefix = name.isEmpty ? ".policysite-trash-" : ".\(name).trash-"
        if !entry.hasPrefix(trashPrefix) {
            let number = trashCounter.wrappingAdd(1, ordering: .relaxed).newValue
            target = parent + "/" + trashPrefix + "\(ProcessInfo.processInfo.processIdentifier)-\(number)"
            try LinuxFileSystem.rename(path, target)
        }
        try removeFolderTree(target)
    }

    /// Removes the folder `path` and everything in it, the folders two levels down on all
    /// cores at once. Removing is the kernel's work, one file at a time, and a site's files sit
    /// under a few folders (`codes/<code>/` holds most of them): the previous site of the
    /// 2019 release, 13,000 files, took 0.19 s on one core and 0.13 s on two, on every build
    /// into an existing `Site/`. Symbolic links are removed, never followed.
    static func removeFolderTree(_ path: String) throws {
        let folders = subfolders(of: path).flatMap(subfolders(of:))
        DispatchQueue.concurrentPerform(iterations: folders.count) { index in
            // What fails here is left for the removal of the whole folder to report.
            try? FileManager.default.removeItem(atPath: folders[index])
        }
        try FileManager.default.removeItem(atPath: path)
    }

    /// The paths of the folders in `path` (not of symbolic links to folders), in no order.
    private static func subfolders(of path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).compactMap { name in
            let child = path + "/" + name
            var status = stat()
            guard lstat(child, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { return nil }
            return child
        }
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// The files of a site folder, as paths below it, sorted bytewise: what `verify` and the
/// foreign-file check compare. A top-level `.git` (a gh-pages checkout) and the marker are
/// left out, as are PolicySite's own staging folders; symlinks are listed, not followed.
enum SiteFiles {
    static func list(_ root: String) -> [String] {
        var files: [String] = []
        var pending = [""]
        while let folder = pending.popLast() {
            let path = folder.isEmpty ? root : root + "/" + folder
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                if folder.isEmpty, name == ".git" || name == SiteWriter.markerName || name.hasPrefix(".policysite-tmp-") || name.hasPrefix(".policysite-trash-") { continue }
                let relative = folder.isEmpty ? name : folder + "/" + name
                var info = stat()
                guard lstat(root + "/" + relative, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR { pending.append(relative) } else { files.append(relative) }
            }
        }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

/// A build's output while it is being written: files go into a staging folder beside the
/// output folder as soon as they are rendered (from any thread), each hashed as it is
/// written for the manifest, and the staging folder replaces the output folder only in
/// `commit`. `abandon` removes it, leaving the previous site as it was.
final class SiteStaging: Sendable {
    let folder: URL
    let output: URL
    /// The output folder as the user named it, for messages.
    let displayPath: String
    let inPlace: Bool
    /// `folder`'s path, for the POSIX calls that write each page.
    private let folderPath: String
    /// The staging folder, open, so that each page is created relative to it
    /// (`openat(directory, "codes/G9328/index.html")`): the kernel then walks the page's own
    /// segments, not the output's whole path, for each of a site's thousands of files. When the
    /// folder cannot be opened, `AT_FDCWD` and `pathPrefix` (`folderPath/`) name it instead.
    private let directory: Int32
    /// Empty when `directory` is the open staging folder, else `folderPath/`.
    private let pathPrefix: String
    /// What the threads writing pages share.
    private struct State {
        /// Folders made so far, as paths below the site.
        var folders: Set<String> = []
        /// Path below the site, size and SHA-256 of every file written, in the order written.
        /// A list, not a dictionary by path: at two hundred thousand files a dictionary's
        /// spare buckets cost more than the entries (see `takeWrittenFiles`).
        var written: [BuildManifest.File] = []
    }
    private let state = Mutex(State())

    init(folder: URL, output: URL, displayPath: String, inPlace: Bool) {
        self.folder = folder
        self.output = output
        self.displayPath = displayPath
        self.inPlace = inPlace
        folderPath = folder.path
        let descriptor = openFolder(folderPath)
        directory = descriptor >= 0 ? descriptor : AT_FDCWD
        pathPrefix = descriptor >= 0 ? "" : folderPath + "/"
        ActiveStagings.add(self)
    }

    deinit {
        if directory != AT_FDCWD { _ = close(directory) }
    }

    /// Writes one file; `path` is relative to the site and already checked (segments only).
    func write(_ path: String, _ contents: [UInt8]) throws {
        try write(path, contents, record: true)
    }

    /// Writes one file whole: `openat` relative to the staging folder, `write` until every
    /// byte is out, `close` (three system calls, and a `mkdir` for a folder not made yet).
    /// With `record`, its size and SHA-256 go into the manifest's list.
    func write(_ path: String, _ contents: [UInt8], record: Bool) throws {
        if let folder = Self.folder(of: path) { try makeFolder(folder) }
        // `withCString` reads a native path in place; passing the String made a C copy of it.
        let descriptor = (pathPrefix.isEmpty ? path : pathPrefix + path).withCString { openat(directory, $0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        guard descriptor >= 0 else { throw StagedFileError(path: folderPath + "/" + path, code: errno) }
        var failure: Int32 = 0
        contents.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += count
            }
        }
        // A failed close is a failed write (NFS reports a full disk there); EINTR still closed it.
        if close(descriptor) != 0, failure == 0, errno != EINTR { failure = errno }
        if failure != 0 { throw StagedFileError(path: folderPath + "/" + path, code: failure) }
        if record { self.record(path, size: contents.count, sha256: FileDigest.sha256(contents)) }
    }

    /// Creates (or truncates) one file for writing in parts, with its folders; the file's
    /// size and digest are recorded when it is closed.
    func open(_ path: String, hashing: Bool = true) throws -> StagedFile {
        if let folder = Self.folder(of: path) { try makeFolder(folder) }
        return try StagedFile(path: folderPath + "/" + path, sitePath: hashing ? path : nil, staging: self)
    }

    func record(_ path: String, size: Int, sha256: SHA256Digest) {
        state.withLock { $0.written.append(BuildManifest.File(path: path, size: size, sha256: sha256)) }
    }

    /// The size and digest last recorded for one file written since the last
    /// `takeWrittenFiles`; nil when it was not written. Searches from the newest entry: the
    /// one caller asks for the file it has just written.
    func writtenFile(_ path: String) -> BuildManifest.File? {
        state.withLock { $0.written.last { $0.path == path } }
    }

    /// Every file written since the last call, sorted bytewise by path, each path once (the
    /// last write of a path wins), for the manifest. The staging folder hands its list over
    /// and keeps none: a copy would be a second list of every file at the build's last step.
    func takeWrittenFiles() -> [BuildManifest.File] {
        var files = state.withLock { state in
            defer { state.written = [] }
            return state.written
        }
        files.sortKeepingLastOfEachKey(\.path)
        return files
    }

    /// The folder of a path below the site (`codes/G9328` of `codes/G9328/index.html`), nil for
    /// a path without one. Read from the path's UTF-8 in place: searching the string's UTF-8
    /// view for the last slash and slicing the string by its index cost some 750 instructions
    /// a file.
    static func folder(of path: String) -> String? {
        var path = path
        return path.withUTF8 { bytes in
            bytes.lastIndex(of: UInt8(ascii: "/")).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[..<$0]), as: UTF8.self) }
        }
    }

    /// Creates a folder below the staging folder, and the folders above it that no earlier
    /// call made. Nearly every page has a folder of its own (`codes/G9328/`), so this is one
    /// `mkdir` a page; Foundation's `createDirectory` checked every folder on the path first.
    private func makeFolder(_ relative: String) throws {
        guard !state.withLock({ $0.folders.contains(relative) }) else { return }
        let path = pathPrefix.isEmpty ? relative : pathPrefix + relative
        // The folder above is nearly always made already (`codes/`): it is made, and the
        // `mkdir` tried again, only when the kernel says it is missing.
        var made = path.withCString { mkdirat(directory, $0, 0o755) } == 0
        if !made, errno == ENOENT, let parent = Self.folder(of: relative) {
            try makeFolder(parent)
            made = path.withCString { mkdirat(directory, $0, 0o755) } == 0
        }
        if !made, errno != EEXIST { throw StagedFileError(path: folderPath + "/" + relative, code: errno) }
        _ = state.withLock { $0.folders.insert(relative) }
    }

    /// A scratch file in the staging folder (a name no page path can take: it starts with a
    /// dot), removed before the folder becomes the site.
    func spill(named name: String) throws -> TextSpill {
        try TextSpill(path: folder.appendingPathComponent("." + name).path)
    }

    /// A file written so far, by its path below the site (nil when there is none).
    func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(path).path).map(Array.init)
    }

    /// Where a system error's path lies, for a diagnostic: a staged file's path as the path
    /// it will have in the output folder (`Site/codes/G9328/index.html`).
    func displayLocation(of error: Error) -> SourceLocation {
        guard let error = error as? StagedFileError else { return SourceLocation(file: displayPath) }
        if error.path.hasPrefix(folderPath + "/") {
            return SourceLocation(file: displayPath + "/" + error.path.dropFirst(folderPath.count + 1))
        }
        return SourceLocation(file: error.path.hasPrefix(folderPath) ? displayPath : error.path)
    }

    /// Copies static files in (hashing them), reading each in parts.
    func copy(_ copies: [(path: String, source: String)]) throws {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        for copy in copies {
            let source = try StagedFileError.naming(copy.source) { try FileDescriptor.open(copy.source, .readOnly, options: .closeOnExec) }
            defer { try? source.close() }
            let file = try open(copy.path)
            while true {
                let count = try StagedFileError.naming(copy.source) { try buffer.withUnsafeMutableBytes { try source.read(into: $0) } }
                if count == 0 { break }
                try file.append(buffer[0..<count])
            }
            try file.close()
        }
    }

    /// Carries files that the previous build did not write from the output folder into the
    /// new site, and `.git` whole, by hard links: the same files, untouched, and no copy of a
    /// repository's objects. Returns the carried files other than `.git`'s with their digests.
    /// A path the new site writes itself is not carried (it is returned in `replaced`).
    func carry(_ foreign: [String]) throws -> (kept: [BuildManifest.File], replaced: [String]) {
        guard !inPlace else {
            // Written in place: the files stay where they are.
            return (foreign.compactMap { path in FileDigest.sha256(file: output.path + "/" + path).map { BuildManifest.File(path: path, size: $0.size, sha256: $0.sha256) } }, [])
        }
        var kept: [BuildManifest.File] = []
        var replaced: [String] = []
        // Most builds carry nothing: no set of every path for them.
        let existing = foreign.isEmpty ? [] : state.withLock { Set($0.written.map(\.path)) }
        for path in foreign {
            if existing.contains(path) {
                replaced.append(path)
                continue
            }
            try link(path)
            if let digest = FileDigest.sha256(file: output.path + "/" + path) {
                kept.append(BuildManifest.File(path: path, size: digest.size, sha256: digest.sha256))
            }
        }
        if FileManager.default.fileExists(atPath: output.path + "/.git") {
            var pending = [".git"]
            while let relative = pending.popLast() {
                var info = stat()
                guard lstat(output.path + "/" + relative, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    try makeFolder(relative)
                    for name in try FileManager.default.contentsOfDirectory(atPath: output.path + "/" + relative) { pending.append(relative + "/" + name) }
                } else {
                    try link(relative)
                }
            }
        }
        return (kept, replaced)
    }

    /// One hard link (or, where linking fails, a copy; a symlink is recreated).
    private func link(_ path: String) throws {
        if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) { try makeFolder(String(path[..<slash])) }
        let from = output.path + "/" + path, to = folderPath + "/" + path
        if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: from) {
            try FileManager.default.createSymbolicLink(atPath: to, withDestinationPath: destination)
        } else if hardLink(from, to) != 0 {
            try FileManager.default.copyItem(atPath: from, toPath: to)
        }
    }

    /// Swaps the staging folder for the output folder: flushes every staged file to disk,
    /// then exchanges the two folders in one step, and deletes the previous site only once
    /// the new one is in place. Throws for I/O failures (the previous site is then as it was)
    /// and when a signal interrupted the build.
    func commit() throws {
        try ActiveStagings.whileCommitting {
            if inPlace { return try commitInPlace() }
            try LinuxFileSystem.flush(filesystemOf: folderPath)
            let parent = folder.deletingLastPathComponent().path
            if FileManager.default.fileExists(atPath: output.path) {
                try LinuxFileSystem.exchange(folderPath, output.path)
                LinuxFileSystem.syncFolder(parent)
                // The staging name now holds the previous site, which nothing needs any more.
                try? SiteWriter.removeTree(folderPath, trashIn: parent, name: output.lastPathComponent)
            } else {
                try LinuxFileSystem.rename(folderPath, output.path)
                LinuxFileSystem.syncFolder(parent)
            }
            ActiveStagings.remove(self)
        }
    }

    /// `--in-place`: the staging folder is inside the output folder (a mount point). Files of
    /// the previous site that the new one does not have are removed, then each new file is
    /// renamed over the old one: every file is whole at any time, but the site is a mix of
    /// the two builds until the last rename.
    private func commitInPlace() throws {
        try LinuxFileSystem.flush(filesystemOf: folderPath)
        let stagedFiles = SiteFiles.list(folderPath)
        let new = Set(stagedFiles)
        let previous = BuildManifest.read(site: output.path)
        for path in previous?.outputs.map(\.path) ?? [] where !new.contains(path) {
            unlink(output.path + "/" + path)
        }
        for path in stagedFiles + [SiteWriter.markerName] {
            if let slash = path.lastIndex(of: "/") {
                try FileManager.default.createDirectory(atPath: output.path + "/" + path[..<slash], withIntermediateDirectories: true)
            }
            try LinuxFileSystem.rename(folderPath + "/" + path, output.path + "/" + path)
        }
        LinuxFileSystem.syncFolder(output.path)
        try? SiteWriter.removeTree(folderPath, trashIn: output.path, name: "")
        ActiveStagings.remove(self)
    }

    /// Removes the staging folder (renamed to a trash name first, see `removeLeftovers`).
    func abandon() {
        ActiveStagings.remove(self)
        try? SiteWriter.removeTree(folderPath, trashIn: folder.deletingLastPathComponent().path, name: inPlace ? "" : output.lastPathComponent)
    }
}

/// The staging folders of builds in progress, so that SIGTERM and SIGINT can remove them
/// before the process exits. A signal that arrives during a swap waits for the swap to end:
/// the output is then the new site, complete.
public enum ActiveStagings {
    private static let stagings = Mutex<[ObjectIdentifier: SiteStaging]>([:])
    /// The signal that stopped this process's builds, nil until one does. Held for the whole
    /// of a swap, so that an interruption waits for the swap under way and prevents later ones.
    private static let interruption = Mutex<Int32?>(nil)
    /// Held by `interrupt` until every staging folder is gone.
    private static let cleanup = Mutex(())

    /// The signal that interrupted the builds of this process, if one did: a build that then
    /// fails for want of its staging folder must exit as the signal says, not as a failure.
    /// Waits for the clean-up under way, if any, so that the process does not exit halfway.
    public static var interruptingSignal: Int32? {
        cleanup.withLock { _ in interruption.withLock { $0 } }
    }

    static func add(_ staging: SiteStaging) {
        stagings.withLock { $0[ObjectIdentifier(staging)] = staging }
    }

    static func remove(_ staging: SiteStaging) {
        stagings.withLock { $0[ObjectIdentifier(staging)] = nil }
    }

    static func whileCommitting(_ body: () throws -> Void) throws {
        try interruption.withLock { signal in
            if signal != nil { throw StagedFileError(path: "", code: EINTR) }
            try body()
        }
    }

    /// Stops every build in progress: waits for a swap under way, then removes every staging
    /// folder; no later swap happens in this process. For the command's signal handlers.
    public static func interrupt(signal: Int32) {
        cleanup.withLock { _ in
            interruption.withLock { $0 = signal }
            for staging in stagings.withLock({ Array($0.values) }) { staging.abandon() }
        }
    }
}

/// POSIX `link`, which `SiteStaging.link(_:)` hides inside the class.
private func hardLink(_ from: String, _ to: String) -> Int32 { link(from, to) }

/// POSIX `write`, which `SiteStaging.write(_:_:)` hides inside the class.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, bytes, count) }

/// A folder opened for `openat` and `mkdirat` (POSIX `open`, which `SiteStaging.open` hides);
/// -1 when it cannot be opened.
private func openFolder(_ path: String) -> Int32 { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }

/// A file being written into the staging folder: the bytes go straight from the caller's
/// buffer to the file (no `Data` copy), and a large file can be written in parts. When it has
/// a site path, its bytes are hashed as they are written and recorded when it is closed.
final class StagedFile {
    /// Nil once closed.
    private var descriptor: FileDescriptor?
    let path: String
    private let sitePath: String?
    private weak var staging: SiteStaging?
    private var hasher = SHA256()
    private var size = 0

    init(path: String, sitePath: String? = nil, staging: SiteStaging? = nil) throws {
        self.path = path
        self.sitePath = sitePath
        self.staging = staging
        descriptor = try StagedFileError.naming(path) {
            try FileDescriptor.open(path, .writeOnly, options: [.create, .truncate, .closeOnExec], permissions: [.ownerReadWrite, .groupRead, .otherRead])
        }
    }

    func append(_ bytes: ArraySlice<UInt8>) throws {
        guard let descriptor else { throw StagedFileError(path: path, code: EBADF) }
        if sitePath != nil {
            hasher.update(data: bytes)
            size += bytes.count
        }
        try StagedFileError.naming(path) { _ = try descriptor.writeAll(bytes) }
    }

    func close() throws {
        guard let descriptor else { return }
        self.descriptor = nil
        try StagedFileError.naming(path) { try descriptor.close() }
        if let sitePath, let staging { staging.record(sitePath, size: size, sha256: SHA256Digest(hasher.finalize())) }
    }

    deinit { try? descriptor?.close() }
}

/// A system error writing a staged file, described as `strerror` says it.
struct StagedFileError: Error, Equatable, LocalizedError {
    var path: String
    var code: Int32
    var errorDescription: String? { "\(String(cString: strerror(code))) (\(path))" }

    /// Runs a swift-system call, turning the `Errno` it throws into this error at `path`.
    static func naming<Result>(_ path: String, _ call: () throws -> Result) throws -> Result {
        do {
            return try call()
        } catch let error as Errno {
            throw StagedFileError(path: path, code: error.rawValue)
        }
    }
}

/// Text the build sets aside on disk until a later step reads it back: each guidance page's
/// search text from the moment its page is rendered until the search index is written. A
/// hundred thousand pages' text is a hundred megabytes that would otherwise stay in memory
/// for the whole build. The file lives in the staging folder and is removed before commit.
///
/// Texts are gathered in a buffer of `chunkBytes` and written a chunk at a time, and read back
/// through a window of the same size: pages store and the index reads in nearly the same
/// (code) order, so a few dozen `pwrite`s and `pread`s serve thousands of pages instead of
/// one each.
final class TextSpill: Sendable {
    /// Bytes gathered before one `pwrite`, and read ahead by one `pread`.
    static let chunkBytes = 256 * 1024

    /// What writers and readers share. Bytes below `flushed` are in the file; those from
    /// `flushed` on are in `pending`. `window` holds a copy of the file's bytes from
    /// `windowStart`, the last read ahead.
    private struct State {
        /// Nil once removed.
        var descriptor: FileDescriptor?
        var flushed = 0
        var pending: [UInt8] = []
        var windowStart = 0
        var window: [UInt8] = []
    }
    private let file: Mutex<State>
    let path: String

    init(path: String) throws {
        self.path = path
        let descriptor = try StagedFileError.naming(path) {
            try FileDescriptor.open(path, .readWrite, options: [.create, .truncate, .closeOnExec], permissions: [.ownerReadWrite])
        }
        file = Mutex(State(descriptor: descriptor))
    }

    /// Sets `text` aside; returns where to read it back.
    /// - Throws: when the file is removed, or a full chunk cannot be written (the texts of
    ///   other pages in it are then lost too; the build fails with this error).
    func store(_ text: String) throws -> Range<Int> {
        var text = text
        return try text.withUTF8 { bytes in
            try file.withLock { file in
                guard file.descriptor != nil else { throw StagedFileError(path: path, code: EBADF) }
                let start = file.flushed + file.pending.count
                file.pending.append(contentsOf: bytes)
                if file.pending.count >= Self.chunkBytes { try flush(&file) }
                return start..<(start + bytes.count)
            }
        }
    }

    /// Writes the gathered bytes at the end of the file.
    private func flush(_ file: inout State) throws {
        guard let descriptor = file.descriptor else { throw StagedFileError(path: path, code: EBADF) }
        guard !file.pending.isEmpty else { return }
        try StagedFileError.naming(path) { _ = try descriptor.writeAll(toAbsoluteOffset: Int64(file.flushed), file.pending) }
        file.flushed += file.pending.count
        file.pending.removeAll(keepingCapacity: true)
    }

    /// The text stored at `range`.
    func text(_ range: Range<Int>) throws -> String {
        guard !range.isEmpty else { return "" }
        return try file.withLock { file in
            guard let descriptor = file.descriptor else { throw StagedFileError(path: path, code: EBADF) }
            if range.upperBound > file.flushed { try flush(&file) }
            let windowEnd = file.windowStart + file.window.count
            if range.lowerBound < file.windowStart || range.upperBound > windowEnd {
                // Read ahead from this text on: the next texts asked for are most likely the
                // ones stored after it.
                let count = min(max(range.count, Self.chunkBytes), file.flushed - range.lowerBound)
                file.window = try Self.read(descriptor, at: range.lowerBound, count: count, path: path)
                file.windowStart = range.lowerBound
            }
            let offset = range.lowerBound - file.windowStart
            return String(decoding: file.window[offset..<(offset + range.count)], as: UTF8.self)
        }
    }

    /// Exactly `count` bytes of the file from `offset`.
    private static func read(_ descriptor: FileDescriptor, at offset: Int, count: Int, path: String) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let read = try StagedFileError.naming(path) {
                try bytes.withUnsafeMutableBytes { buffer in
                    try descriptor.read(fromAbsoluteOffset: Int64(offset + done), into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
                }
            }
            if read == 0 { throw StagedFileError(path: path, code: EIO) }
            done += read
        }
        return bytes
    }

    /// Closes and removes the file; later calls do nothing (the staging folder may by then be
    /// the site, under another name).
    func remove() {
        let wasOpen = file.withLock { file in
            defer {
                file.descriptor = nil
                file.pending = []
                file.window = []
            }
            guard let descriptor = file.descriptor else { return false }
            try? descriptor.close()
            return true
        }
        if wasOpen { unlink(path) }
    }

    deinit { remove() }
}
