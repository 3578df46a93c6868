#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes, read with one `open` and `read` when the file is small (most content files
/// are a few kilobytes), else with an `fstat` and as many `read`s as its size needs.
///
/// A build reads every content file once when it loads and every guidance page again when it
/// renders (see `GuidanceSource.readBody`); Foundation's `attributesOfItem` and
/// `contents(atPath:)` cost more than the reading itself (a dictionary of attributes, `Data`).
enum FileBytes {
    enum Failure: Error, Equatable {
        /// The file could not be opened or read (`errno`).
        case unreadable(Int32)
        /// The file is larger than the limit; its size in bytes.
        case tooLarge(Int)
    }

    /// Bytes asked for by the first `read`: a file that fills less is read whole by it.
    static let firstReadSize = 16 * 1024

    /// The bytes of the file at `path`; a file over `limit` bytes is not read past the first
    /// `firstReadSize` bytes.
    static func read(_ path: String, limit: Int = .max) -> Result<[UInt8], Failure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.unreadable(errno)) }
        defer { close(descriptor) }
        // One byte over the limit when the limit is lower, so a file over it never reads short.
        let firstCapacity = limit < firstReadSize ? limit + 1 : firstReadSize
        var failure: Int32?
        // Read straight into uninitialised storage: zero-filling every file first was 3% of a
        // build.
        let first = [UInt8](unsafeUninitializedCapacity: firstCapacity) { buffer, initialized in
            var count = systemRead(descriptor, buffer.baseAddress!, firstCapacity)
            while count < 0, errno == EINTR { count = systemRead(descriptor, buffer.baseAddress!, firstCapacity) }
            if count < 0 { failure = errno }
            initialized = max(count, 0)
        }
        if let failure { return .failure(.unreadable(failure)) }
        // A regular file reads short only at its end: this is all of it, and its size needs no
        // `fstat` (one call fewer for each of thousands of pages).
        guard first.count == firstCapacity else { return .success(first) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.unreadable(errno)) }
        let size = max(Int(status.st_size), first.count)
        guard size <= limit else { return .failure(.tooLarge(size)) }
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            first.withUnsafeBufferPointer { buffer.baseAddress!.initialize(from: $0.baseAddress!, count: $0.count) }
            var filled = first.count
            while filled < size {
                let count = systemRead(descriptor, buffer.baseAddress! + filled, size - filled)
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else { failure = errno; break }
                // The file shrank while it was read: what was there is what it holds.
                guard count > 0 else { break }
                filled += count
            }
            initialized = filled
        }
        if let failure { return .failure(.unreadable(failure)) }
        return .success(bytes)
    }

    /// The bytes of the file at `path`, which the caller expects to be `size` bytes long:
    /// one `open`, `read` and `close`, no `fstat`. Reads one byte more than `size`, so a file
    /// that grew comes back longer (and one that shrank shorter) than expected; nil when it
    /// cannot be opened or read.
    static func read(_ path: String, size: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var failed = false
        let capacity = size + 1
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            var filled = 0
            while filled < capacity {
                let wanted = capacity - filled
                let count = systemRead(descriptor, buffer.baseAddress! + filled, wanted)
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else { failed = true; break }
                filled += count
                // A regular file reads short only at its end: no second call to hear that.
                guard count == wanted else { break }
            }
            initialized = filled
        }
        return failed ? nil : bytes
    }
}

/// The C library's `read` (Glibc's or Darwin's), which `FileBytes.read` hides inside the enum.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(descriptor, buffer, count) }
