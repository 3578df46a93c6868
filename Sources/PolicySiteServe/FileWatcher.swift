import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches folders (recursively) and single files, and reports changes in batches: editors
/// save in bursts (write a temporary file, rename it over the old one, touch a backup), and
/// one batch per burst means one rebuild per save.
///
/// On Linux the kernel says what changed (inotify). Elsewhere the watcher scans the watched
/// files ten times a second and compares each one's inode, size and modification time with
/// the scan before (`scanEvery`); a folder counts as changed when it appears or goes.
///
/// A thread of its own blocks in `poll` on the inotify descriptor (or until the next scan)
/// and on a pipe that `stop()` writes to, so stopping never waits for a file to change.
// Unchecked: the watches (`folders`, `namedFiles`, `namedFolders`, `roots`, `namedPaths`,
// `scanned`) are set up in `init` and from then on read and changed only by the watch thread;
// `thread` only by `start()`, called once. What other threads hand the watch thread goes
// through `pendingFiles`, a Mutex, and the stop pipe.
final class FileWatcher: @unchecked Sendable {
    /// Batches of changed paths (absolute), in the order they were first seen (in path order
    /// within one scan).
    let changes: AsyncStream<[String]>
    private let continuation: AsyncStream<[String]>.Continuation
    /// The inotify descriptor; -1 when scanning.
    private var descriptor: Int32 = -1
    /// Seconds between two scans, or nil when inotify reports the changes.
    private let scanInterval: Double?
    /// Scanning: the watched folders, the single files, and what the last scan found.
    private var roots: [String] = []
    private var namedPaths: [String] = []
    private var scanned: [String: ScannedFile] = [:]
    private var stopPipe: [Int32] = [-1, -1]
    /// Watch descriptor to the folder it watches.
    private var folders: [Int32: String] = [:]
    /// Folders watched for a few named files only (the code set beside the content), by watch
    /// descriptor: the names that count.
    private var namedFiles: [Int32: Set<String>] = [:]
    private var namedFolders: [Int32: String] = [:]
    private let quiet: Double
    private let longest: Double
    private var thread: Thread?

    /// - Parameters:
    ///   - folders: watched with every folder below them, including folders created later.
    ///   - files: single files (the code-set and release files named in `site.yml`); their
    ///     folder is watched for their names only.
    ///   - quiet: a batch ends once no change came for this long (seconds).
    ///   - longest: and at the latest this long after its first change.
    /// - Throws: `FileWatcherError` when inotify cannot be set up.
    convenience init(folders: [String], files: [String] = [], quiet: Double = 0.03, longest: Double = 0.5) throws {
        #if os(Linux)
        try self.init(folders: folders, files: files, quiet: quiet, longest: longest, scanEvery: nil)
        #else
        try self.init(folders: folders, files: files, quiet: quiet, longest: longest, scanEvery: 0.1)
        #endif
    }

    /// - Parameter scanEvery: seconds between scans of the watched files; nil to have inotify
    ///   report changes (Linux only: elsewhere nil throws ENOSYS).
    init(folders: [String], files: [String], quiet: Double, longest: Double, scanEvery: Double?) throws {
        (changes, continuation) = AsyncStream.makeStream(of: [String].self, bufferingPolicy: .unbounded)
        self.quiet = quiet
        self.longest = longest
        scanInterval = scanEvery
        if scanEvery == nil {
            #if os(Linux)
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard descriptor >= 0 else { throw FileWatcherError(path: "inotify", code: errno) }
            #else
            throw FileWatcherError(path: "inotify", code: ENOSYS)
            #endif
        }
        guard pipe(&stopPipe) == 0 else { throw FileWatcherError(path: "pipe", code: errno) }
        if scanEvery == nil {
            for folder in folders { addTree(folder) }
        } else {
            roots = folders
        }
        watchNamed(files)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        close(stopPipe[0])
        close(stopPipe[1])
    }

    /// Starts the watch thread; batches arrive on `changes` until `stop()`.
    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "policysite-watch"
        self.thread = thread
        thread.start()
    }

    /// Ends the watch thread and the `changes` stream.
    func stop() {
        var byte: UInt8 = 1
        _ = write(stopPipe[1], &byte, 1)
    }

    /// Watches `files` instead of the single files named so far (`site.yml` named another
    /// code set). The watch thread makes the change, between two reads of events.
    func watchFiles(_ files: [String]) {
        pendingFiles.withLock { $0 = files }
        var byte: UInt8 = 2
        _ = write(stopPipe[1], &byte, 1)
    }

    /// Files for `watchFiles` not yet taken up by the watch thread.
    private let pendingFiles = Mutex<[String]?>(nil)

    /// Watches the folder of each file for its name only, dropping the previous such watches.
    /// Scanning: the files replace the previous ones, and the next scan compares with now.
    private func watchNamed(_ files: [String]) {
        guard scanInterval == nil else {
            namedPaths = files.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            scanned = scan()
            return
        }
        #if os(Linux)
        for wd in namedFiles.keys where folders[wd] == nil { inotify_rm_watch(descriptor, wd) }
        namedFiles = [:]
        namedFolders = [:]
        var byFolder: [String: Set<String>] = [:]
        for file in files {
            let url = URL(fileURLWithPath: file).standardizedFileURL
            byFolder[url.deletingLastPathComponent().path, default: []].insert(url.lastPathComponent)
        }
        for (folder, names) in byFolder.sorted(by: { $0.key < $1.key }) {
            let wd = inotify_add_watch(descriptor, folder, Self.mask)
            // A folder already watched whole (the code set inside Content/) is covered.
            guard wd >= 0, folders[wd] == nil else { continue }
            namedFiles[wd, default: []].formUnion(names)
            namedFolders[wd] = folder
        }
        #endif
    }

    /// Whether a file name is an editor's scratch file, never content: Vim's swap files and
    /// its `4913` write test, Emacs's lock (`.#name`) and autosave (`#name#`) files, `name~`
    /// backups, and hidden files in general (the build skips them too).
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || (name.hasPrefix("#") && name.hasSuffix("#"))
            || name == "4913" || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix(".kate-swp")
    }

    // MARK: - The watch thread

    #if os(Linux)
    private static let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)

    #endif

    private func addTree(_ folder: String) {
        #if os(Linux)
        let wd = inotify_add_watch(descriptor, folder, Self.mask | UInt32(IN_ONLYDIR))
        guard wd >= 0 else { return }
        folders[wd] = folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names.sorted() where !Self.isIgnored(name) {
            let path = folder + "/" + name
            if ServedPath.kind(of: path) == .folder { addTree(path) }
        }
        #endif
    }

    private func run() {
        var pending: [String] = []
        var seen: Set<String> = []
        var firstChange: Double?
        var lastChange = 0.0
        var nextScan = Self.now() + (scanInterval ?? 0)
        while true {
            // Wait for a change, or until the open batch's quiet time runs out.
            var timeout: Int32 = -1
            if let first = firstChange {
                let now = Self.now()
                let until = min(lastChange + quiet, first + longest)
                timeout = Int32(max(0, (until - now) * 1000).rounded(.up))
            }
            var fds = [pollfd(fd: stopPipe[0], events: Int16(POLLIN), revents: 0)]
            if scanInterval != nil {
                let untilScan = Int32(max(0, (nextScan - Self.now()) * 1000).rounded(.up))
                timeout = timeout < 0 ? untilScan : min(timeout, untilScan)
            } else {
                fds.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
            }
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0, errno != EINTR { break }
            if fds[0].revents != 0 {
                var byte: UInt8 = 0
                _ = read(stopPipe[0], &byte, 1)
                if byte != 2 { break }
                if let files = pendingFiles.withLock({ $0.take() }) { watchNamed(files) }
            }
            var found: [String]?
            if let scanInterval {
                if Self.now() >= nextScan {
                    let paths = changedPaths()
                    nextScan = Self.now() + scanInterval
                    if !paths.isEmpty { found = paths }
                }
            } else if fds[1].revents != 0 {
                found = readEvents()
            }
            if let found {
                for path in found where seen.insert(path).inserted {
                    pending.append(path)
                }
                if !pending.isEmpty {
                    lastChange = Self.now()
                    if firstChange == nil { firstChange = lastChange }
                }
            }
            if let first = firstChange {
                let now = Self.now()
                if now >= lastChange + quiet || now >= first + longest {
                    continuation.yield(pending)
                    pending = []
                    seen = []
                    firstChange = nil
                }
            }
        }
        continuation.finish()
    }

    /// Reads every queued event; returns the paths that count.
    private func readEvents() -> [String] {
        #if os(Linux)
        var paths: [String] = []
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, size)
            if count <= 0 { break }
            var offset = 0
            // struct inotify_event { int wd; uint32_t mask, cookie, len; char name[len]; }
            while offset + 16 <= count {
                let wd = buffer.load(fromByteOffset: offset, as: Int32.self)
                let mask = buffer.load(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(buffer.load(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = UnsafeRawBufferPointer(start: buffer + offset + 16, count: length)
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += 16 + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    // Events were lost: whatever changed, a full rebuild covers it.
                    paths.append("")
                    continue
                }
                if mask & UInt32(IN_IGNORED) != 0 {
                    folders[wd] = nil
                    continue
                }
                if let names = namedFiles[wd] {
                    if names.contains(name), let folder = folderOfNamed(wd) { paths.append(folder + "/" + name) }
                    continue
                }
                guard let folder = folders[wd] else { continue }
                if name.isEmpty {
                    // The watched folder itself was deleted or moved.
                    paths.append(folder)
                    continue
                }
                guard !Self.isIgnored(name) else { continue }
                let path = folder + "/" + name
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    // A new folder: watch it, and count what it already holds.
                    addTree(path)
                }
                paths.append(path)
            }
        }
        return paths
        #else
        return []
        #endif
    }

    // MARK: - Scanning

    /// What a scan keeps of one path: it changed when any of this differs. A folder's size and
    /// time change with its entries, which are compared themselves.
    struct ScannedFile: Equatable {
        var inode: UInt64
        var isFolder: Bool
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
    }

    /// The watched folders with everything below them (scratch files left out, symlinks not
    /// followed) and the single files, by path.
    private func scan() -> [String: ScannedFile] {
        var found: [String: ScannedFile] = [:]
        var pending = roots
        while let path = pending.popLast() {
            guard let file = Self.scanned(path) else { continue }
            found[path] = file
            guard file.isFolder, let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { continue }
            for name in names where !Self.isIgnored(name) { pending.append(path + "/" + name) }
        }
        for path in namedPaths { found[path] = Self.scanned(path) }
        return found
    }

    /// The paths that appeared, went or changed since the last scan, sorted.
    private func changedPaths() -> [String] {
        let now = scan()
        defer { scanned = now }
        var changed = now.keys.filter { scanned[$0] != now[$0] }
        changed += scanned.keys.filter { now[$0] == nil }
        return changed.sorted()
    }

    static func scanned(_ path: String) -> ScannedFile? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let isFolder = info.st_mode & S_IFMT == S_IFDIR
        #if os(Linux)
        let modified = info.st_mtim
        #else
        let modified = info.st_mtimespec  // Darwin's name of the field
        #endif
        return ScannedFile(
            inode: UInt64(info.st_ino), isFolder: isFolder, size: isFolder ? 0 : Int64(info.st_size),
            seconds: isFolder ? 0 : Int(modified.tv_sec), nanoseconds: isFolder ? 0 : Int(modified.tv_nsec))
    }

    private func folderOfNamed(_ wd: Int32) -> String? { namedFolders[wd] }

    private static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}

/// The watch could not be set up (inotify: too many watches, a missing folder).
struct FileWatcherError: Error, CustomStringConvertible {
    /// What could not be watched.
    var path: String
    /// The `errno` of the failed call.
    var code: Int32
    /// `cannot watch PATH: REASON`.
    var description: String { "cannot watch \(path): \(String(cString: strerror(code)))" }
}
