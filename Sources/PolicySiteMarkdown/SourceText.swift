#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of the Markdown being rendered, with a lazily built line index, used to correct
/// inline positions and to look at paragraph lines.
///
/// Why: cmark 0.30 gives inline nodes a reliable line, but on the continuation lines of a
/// paragraph it computes columns from the paragraph's first-line column, so a column is off when
/// the continuation line is indented differently (`  second line`, a lazy line of a block
/// quote). Text nodes are also merged across entities and backslash escapes, so an offset inside
/// a literal is not an offset in the file. `locate` therefore checks the file at the column cmark
/// suggests and, when the expected bytes are not there, takes the nearest occurrence on that
/// line (not before an earlier position already found on the same line).
/// `bytes` are borrowed: a `SourceText` must not outlive the call that made it.
struct SourceText {
    let bytes: UnsafeBufferPointer<UInt8>
    private var lineStarts: [Int] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Byte range of a 1-based line, without its line ending; empty when out of range.
    mutating func lineRange(_ line: Int) -> Range<Int> {
        if lineStarts.isEmpty { buildLineIndex() }
        guard line >= 1, line <= lineStarts.count else { return 0..<0 }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        // Drop the line ending (\n, \r\n or \r), as cmark counts lines.
        if end > start, bytes[end - 1] == 0x0A { end -= 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    private mutating func buildLineIndex() {
        lineStarts = Self.lineStarts(of: bytes)
    }

    private static func lineStarts(of buffer: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts = [0]
        let count = buffer.count
        // About one line per 40 bytes in prose: room for most files without regrowing.
        starts.reserveCapacity(count / 40 + 8)
        guard let base = buffer.baseAddress, count > 0 else { return starts }
        // Most files have no carriage return: then memchr finds the line ends fastest.
        if memchr(base, 0x0D, count) == nil {
            var offset = 0
            while offset < count, let found = memchr(base + offset, 0x0A, count - offset) {
                offset = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
                starts.append(offset)
            }
            return starts
        }
        var index = 0
        while index < count {
            let byte = buffer[index]
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D {
                if index + 1 < count, buffer[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        return starts
    }

    /// The 1-based column where `matches` holds on `line`: `expected` when it holds there,
    /// otherwise the nearest column at or after `minimum` where it holds, otherwise `expected`.
    mutating func locate(line: Int, expected: Int, minimum: Int = 1, matches: (Slice<UnsafeBufferPointer<UInt8>>, Int) -> Bool) -> Int {
        let range = lineRange(line)
        let text = bytes[range]
        let lineLength = range.count
        func holds(_ column: Int) -> Bool {
            column >= 1 && column <= lineLength && matches(text, range.lowerBound + column - 1)
        }
        if expected >= minimum, holds(expected) { return expected }
        var best: Int?
        // Bounded window, so a pathological 20 MB line cannot make each lookup scan the line.
        var column = max(minimum, expected - 4096, 1)
        let last = min(lineLength, expected + 65536)
        while column <= last {
            if holds(column) {
                if best == nil || abs(column - expected) < abs(best! - expected) { best = column }
                if column > expected { break }
            }
            column += 1
        }
        return best ?? expected
    }
}
