/// A big file (the publication record's page and manifest) made a part at a time: its bytes
/// gather in one buffer that is handed on, and emptied, each time it holds about 64 KB, so the
/// file never sits whole in memory.
enum FileParts {
    static let size = 64 * 1024

    /// Hands `buffer` to `write` once it holds `size` bytes, or whatever it holds when `last`,
    /// then empties it. Throws what `write` throws.
    static func handOn(_ buffer: inout [UInt8], last: Bool = false, to write: (ArraySlice<UInt8>) throws -> Void) rethrows {
        guard last || buffer.count >= size else { return }
        try write(buffer[...])
        buffer.removeAll(keepingCapacity: true)
    }
}
