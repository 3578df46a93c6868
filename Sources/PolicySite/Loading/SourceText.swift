#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicySiteCore

/// The text of one content file, checked and normalised before anything parses it.
///
/// - A single leading UTF-8 byte-order mark is removed (Windows editors write one; left in,
///   it hides the front-matter fence).
/// - Bytes must be UTF-8: UTF-16 (by its BOM) and invalid bytes are errors with the byte
///   offset and line, never silently replaced with U+FFFD.
/// - CRLF and lone CR become LF, so no `\r` reaches a value, a code or the site. Line numbers
///   do not change.
struct SourceText: Sendable {
    var file: String
    var text: String
    /// Bytes of the file before `text` (3 for a byte-order mark, else 0): a UTF-8 offset in
    /// `text` plus this is the same byte's offset in the file. Nil when line endings were
    /// normalised, as offsets in `text` are then not offsets in the file.
    var fileOffset: Int? = 0

    /// Decodes `bytes`; returns nil with an error diagnostic when they are not UTF-8.
    static func decode(_ bytes: [UInt8], file: String) -> (SourceText?, [Diagnostic]) {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            let order = bytes[0] == 0xFF ? "LE" : "BE"
            return (nil, [.error("encoding", "UTF-16 \(order) (BOM) detected; convert to UTF-8", at: SourceLocation(file: file))])
        }
        let byteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        let body = bytes[byteOrderMark...]
        // One pass of the standard library's validation makes the text too (validating, then
        // decoding again, checked every file twice and made its text twice); only a file that
        // fails is scanned again here for where it breaks.
        let decoded = body.withUnsafeBufferPointer { body -> (text: String?, hasCarriageReturn: Bool) in
            guard let text = String(validating: body, as: UTF8.self) else { return (nil, false) }
            // `memchr`, where `contains` on the slice tested every byte of every file in turn.
            return (text, body.baseAddress.map { memchr($0, 0x0D, body.count) != nil } ?? false)
        }
        let text: String, hasCarriageReturn: Bool
        if let valid = decoded.text {
            (text, hasCarriageReturn) = (valid, decoded.hasCarriageReturn)
        } else if let offset = firstInvalidUTF8Offset(body) {
            let absolute = offset
            let prefix = body[body.startIndex..<(body.startIndex + offset)]
            let line = prefix.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let lineStart = prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
            let column = body.startIndex + offset - lineStart + 1
            let byte = body[body.startIndex + offset]
            let hex = String(byte, radix: 16, uppercase: true)
            return (nil, [.error("encoding", "not valid UTF-8 at byte offset \(absolute + (bytes.count - body.count)) (0x\(hex.count == 1 ? "0" + hex : hex))", at: SourceLocation(file: file, line: line, column: column))])
        } else {
            // Should the two validations ever disagree, the text is decoded as it always was.
            (text, hasCarriageReturn) = (String(decoding: body, as: UTF8.self), body.contains(0x0D))
        }
        guard hasCarriageReturn else {
            return (SourceText(file: file, text: text, fileOffset: byteOrderMark), [])
        }
        var normalised: [UInt8] = []
        normalised.reserveCapacity(body.count)
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            if byte == 0x0D {
                normalised.append(0x0A)
                if index + 1 < body.endIndex, body[index + 1] == 0x0A { index += 1 }
            } else {
                normalised.append(byte)
            }
            index += 1
        }
        return (SourceText(file: file, text: String(decoding: normalised, as: UTF8.self), fileOffset: nil), [])
    }

    /// The offset of the first byte that breaks UTF-8 (bad lead byte, truncated sequence,
    /// overlong form, surrogate), or nil when all bytes are valid.
    static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
    }
}

extension SourceText {
    /// Lines in a guidance page's body (a slice of its file's text): its line feeds, and one
    /// more when the last line has none. Counted over the slice's own bytes: through the
    /// generic path below, a Substring's UTF-8 view was walked index by index.
    static func lineCount(_ text: Substring) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            // Line feeds found by `memchr`, a few dozen a page, where a test of every byte cost
            // about three instructions a byte.
            var count = 0
            if let base = bytes.baseAddress {
                var next = UnsafeRawPointer(base)
                let end = next + bytes.count
                while next < end, let found = memchr(next, 0x0A, end - next) {
                    count += 1
                    next = UnsafeRawPointer(found) + 1
                }
            }
            // `hasSuffix("\n")` on characters: a final `\r\n` is one character, not "\n".
            let endsWithLineFeed = bytes.last == 0x0A && !(bytes.count >= 2 && bytes[bytes.count - 2] == 0x0D)
            if !bytes.isEmpty, !endsWithLineFeed { count += 1 }
            return count
        }
    }

    /// Lines in `text`: its line feeds, and one more when the last line has none.
    static func lineCount<Text: StringProtocol>(_ text: Text) -> Int {
        // Over the contiguous bytes when there are (a native string or a slice of one): a
        // loop the compiler vectorises, where the UTF-8 view is walked index by index.
        let utf8 = text.utf8
        var count = utf8.withContiguousStorageIfAvailable { $0.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
            ?? utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        if !text.isEmpty, !text.hasSuffix("\n") { count += 1 }
        return count
    }
}
