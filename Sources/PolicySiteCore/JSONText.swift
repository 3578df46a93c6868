/// JSON string literals for the JSON that PolicySite writes by hand, where the bytes are part
/// of the published site (the build manifest, the search index) or of a protocol (live
/// reload's events); only the escaping is shared here. Reports for programs use `ReportJSON`.
public enum JSONText {
    /// Appends `text` as a JSON string literal: quotes, backslash escapes, `\u00XX` for the
    /// other control characters.
    public static func append(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Appends `text` as a JSON string literal to UTF-8 `bytes`, escaped as `append(_:to:)`
    /// escapes it; for the search index, the data twins and the manifest, which are megabytes
    /// of such strings. Runs of bytes that need no escape are copied whole.
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(text, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `text` escaped as inside a JSON string literal, without the quotes: a literal
    /// made of several texts (a page's path, `#`, an id) is written without joining them first.
    public static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        forEachRun(of: text) { run in
            bytes.append(contentsOf: run)
        } escape: { byte in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 6) { sequence in
                let length = writeEscape(of: byte, to: sequence.baseAddress!)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: sequence[..<length]))
            }
        }
    }

    /// Reads `text`'s UTF-8 in order: each run of bytes that need no escape goes to `plain`
    /// (in place, not copied), each byte that does (a control character, `"`, `\`) to
    /// `escape`. The one rule of what is escaped, for writers of bytes of any kind.
    public static func forEachRun(of text: String, plain: (UnsafeBufferPointer<UInt8>) -> Void, escape: (UInt8) -> Void) {
        var text = text
        text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            var runStart = 0
            var index = 0
            while index < utf8.count {
                // Eight bytes at a time where none needs an escape: descriptors, notes and the
                // search text are megabytes of plain words.
                if index + 8 <= utf8.count, !needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = utf8[index]
                index += 1
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index - 1 { plain(UnsafeBufferPointer(rebasing: utf8[runStart..<(index - 1)])) }
                escape(byte)
                runStart = index
            }
            if runStart < utf8.count { plain(UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
    }

    /// Writes the escape sequence of `byte` (one `forEachRun` hands to `escape`) at `out`:
    /// `\"`, `\\`, `\n`, `\r`, `\t`, else `\u00XX` in lowercase hexadecimal. Returns its
    /// length, at most 6.
    public static func writeEscape(of byte: UInt8, to out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = 0x5C
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out[1] = byte
        case 0x0A: out[1] = UInt8(ascii: "n")
        case 0x0D: out[1] = UInt8(ascii: "r")
        case 0x09: out[1] = UInt8(ascii: "t")
        default:
            let hex: StaticString = "0123456789abcdef"
            out[1] = UInt8(ascii: "u")
            out[2] = 0x30
            out[3] = 0x30
            hex.withUTF8Buffer { digits in
                out[4] = digits[Int(byte >> 4)]
                out[5] = digits[Int(byte & 0x0F)]
            }
            return 6
        }
        return 2
    }

    /// Whether any of the eight bytes of `word` is a control character, `"` or `\`, by the
    /// usual bit tricks: `(x - 0x01…) & ~x & 0x80…` is not zero exactly when some byte of `x`
    /// is zero (a wrong high bit can only follow the borrow of a byte that is), and
    /// `(x - 0x20…) & ~x & 0x80…` exactly when some byte is below `0x20`.
    private static func needsEscape(_ word: UInt64) -> Bool {
        let control = (word &- ByteLanes.ones &* 0x20) & ~word & ByteLanes.highs != 0
        return control || ByteLanes.bytes(word, equalTo: 0x22) != 0 || ByteLanes.bytes(word, equalTo: 0x5C) != 0
    }
}
