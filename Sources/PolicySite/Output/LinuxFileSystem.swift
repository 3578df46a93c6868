import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system calls that make the output survive crashes: an atomic exchange of two
/// folders, flushing a file system, and an advisory lock. Named for Linux, where they are
/// Linux's own calls (`renameat2`, `syncfs`); macOS has an exchange of its own
/// (`renamex_np(RENAME_SWAP)`) and flushes with `sync`.
enum LinuxFileSystem {
    #if os(Linux)
    // Swift's Glibc module does not declare `renameat2` or `syncfs` (they need `_GNU_SOURCE`)
    // and cannot call the variadic `syscall`, so both are looked up in the C library once, by name.
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private typealias SyncFS = @convention(c) (Int32) -> Int32

    private static let renameAt2: RenameAt2? = dlsym(dlopen(nil, RTLD_NOW), "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
    private static let syncFS: SyncFS? = dlsym(dlopen(nil, RTLD_NOW), "syncfs").map { unsafeBitCast($0, to: SyncFS.self) }
    /// `RENAME_EXCHANGE` from `<linux/fs.h>`.
    private static let renameExchange: UInt32 = 1 << 1
    #endif

    /// Swaps the two paths in one step: there is no moment at which either is missing.
    /// Throws the system's error (EINVAL where the file system cannot exchange, EXDEV across
    /// file systems, EBUSY for a mount point; ENOSYS where the system has no such call).
    static func exchange(_ first: String, _ second: String) throws {
        #if os(Linux)
        guard let renameAt2 else { throw StagedFileError(path: first, code: ENOSYS) }
        if renameAt2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) != 0 { throw StagedFileError(path: second, code: errno) }
        #elseif canImport(Darwin)
        if renamex_np(first, second, UInt32(RENAME_SWAP)) != 0 { throw StagedFileError(path: second, code: errno) }
        #else
        throw StagedFileError(path: first, code: ENOSYS)
        #endif
    }

    /// Renames `from` to `to` (which must not be a non-empty folder).
    static func rename(_ from: String, _ to: String) throws {
        if systemRename(from, to) != 0 { throw StagedFileError(path: to, code: errno) }
    }

    /// Flushes every file written below `folder` to disk. On Linux one `syncfs` of the
    /// folder's file system instead of an `fsync` per file: a site is thousands of files, and
    /// each `fsync` is a journal commit of its own (seconds for a site on a disk). Elsewhere,
    /// and where `syncfs` is missing, `sync`.
    static func flush(filesystemOf folder: String) throws {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StagedFileError(path: folder, code: errno) }
        defer { close(descriptor) }
        #if os(Linux)
        if let syncFS {
            if syncFS(descriptor) != 0 { throw StagedFileError(path: folder, code: errno) }
            return
        }
        #endif
        sync()
    }

    /// Flushes a folder's entries (the names a rename changed) to disk.
    static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// Whether `path` is a mount point: a folder on another device than its parent. Such a
    /// folder cannot be renamed or exchanged.
    static func isMountPoint(_ path: String) -> Bool {
        var own = stat(), parent = stat()
        guard stat(path, &own) == 0, stat(path + "/..", &parent) == 0 else { return false }
        return own.st_dev != parent.st_dev || own.st_ino == parent.st_ino
    }
}

/// POSIX `rename`, which `LinuxFileSystem.rename(_:_:)` hides inside the enum.
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }

/// An advisory lock on one output folder, held by a build from before it looks at the folder
/// until after its swap: a second build of the same output waits for it (or stops, if it
/// must not wait). The lock file `.<name>.lock` sits beside the output and is never deleted:
/// deleting a lock file lets a third build lock a new file while the second holds the old one.
/// The kernel drops a `flock` when its holder dies, so a killed build never leaves it taken.
final class OutputLock {
    private var descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Why a lock could not be taken.
    enum Failure: Error, Equatable {
        /// Another build holds it and the caller would not wait.
        case busy
        /// The lock file could not be opened (an unwritable parent folder), with `strerror`'s text.
        case unavailable(String)
    }

    /// The lock file's path for an output folder.
    static func path(forOutput output: String) -> String {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).lock").path
    }

    /// Takes the lock of `output`, waiting for another build to finish unless `wait` is false.
    static func acquire(output: String, wait: Bool) -> Result<OutputLock, Failure> {
        let path = path(forOutput: output)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return .failure(.unavailable(String(cString: strerror(errno)))) }
        while flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(descriptor)
            return .failure(code == EWOULDBLOCK ? .busy : .unavailable(String(cString: strerror(code))))
        }
        return .success(OutputLock(descriptor: descriptor))
    }

    /// Releases the lock (also released when the process ends).
    func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)  // closing the last descriptor drops the flock
        descriptor = -1
    }

    deinit { release() }
}
