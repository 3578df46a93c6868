extension Array where Element == UInt8 {
    /// Appends the bytes of a literal. `append(contentsOf: "...".utf8)` goes through
    /// `String.UTF8View`'s generic path, a visible cost where HTML is built per node.
    @inline(__always)
    mutating func appendLiteral(_ literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends the UTF-8 bytes of `string`, copied from its storage in one go.
    @inline(__always)
    mutating func appendUTF8(_ string: String) {
        var string = string
        string.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends what `body` writes, at most `maximum` bytes, in one `append`.
    ///
    /// Why: each `append(contentsOf:)` checks uniqueness and capacity and goes through the
    /// sequence copy, about a hundred instructions; HTML made of many short pieces (a heading's
    /// wrapper, a text node with cross-links) is written into scratch memory (on the stack when
    /// small) with plain copies and appended once.
    @inline(__always)
    mutating func appendWritten(maximum: Int, _ body: (inout ByteWriter) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(maximum, 1)) { scratch in
            var writer = ByteWriter(scratch.baseAddress!)
            body(&writer)
            append(contentsOf: UnsafeBufferPointer(start: scratch.baseAddress, count: writer.count))
        }
    }
}

/// Writes bytes at a cursor in memory that the caller sized (see `Array.appendWritten`); no
/// bounds checks of its own.
struct ByteWriter {
    private let start: UnsafeMutablePointer<UInt8>
    private var cursor: UnsafeMutablePointer<UInt8>

    init(_ start: UnsafeMutablePointer<UInt8>) {
        self.start = start
        self.cursor = start
    }

    /// Bytes written so far.
    var count: Int { cursor - start }

    @inline(__always)
    mutating func write(_ byte: UInt8) {
        cursor.pointee = byte
        cursor += 1
    }

    @inline(__always)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        cursor.update(from: base, count: bytes.count)
        cursor += bytes.count
    }

    @inline(__always)
    mutating func write(_ literal: StaticString) {
        cursor.update(from: literal.utf8Start, count: literal.utf8CodeUnitCount)
        cursor += literal.utf8CodeUnitCount
    }

    /// Writes `text` escaped as cmark escapes a text node (`escape_html`, not secure): `&`,
    /// `<`, `>` and `"` become entities (at most 6 bytes for one), every other byte is copied.
    mutating func writeEscapedText(_ text: UnsafeBufferPointer<UInt8>) {
        guard let base = text.baseAddress else { return }
        var runStart = 0
        for index in 0..<text.count {
            let byte = base[index]
            // Every byte to escape is at most `>` (0x3E): letters and most text pass one test.
            if byte > 0x3E { continue }
            let entity: StaticString
            switch byte {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&quot;"
            default: continue
            }
            write(UnsafeBufferPointer(start: base + runStart, count: index - runStart))
            write(entity)
            runStart = index + 1
        }
        write(UnsafeBufferPointer(start: base + runStart, count: text.count - runStart))
    }
}
