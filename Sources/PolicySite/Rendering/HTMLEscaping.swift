import Mustache

/// How template values are escaped: the five characters swift-mustache's HTML content type
/// escapes (`<`, `>`, `&`, `"`, `'`), found by scanning UTF-8 bytes.
///
/// swift-mustache's own escaper walks the text by `Character` and looks each one up in a
/// dictionary, which was an eighth of a full build's time. This one returns a text without
/// those characters as it is, and builds the others in one pass. It also escapes a quote that
/// a combining mark follows (`"` U+0301 is one `Character`, so the library's lookup misses it
/// and the quote would end an attribute value early).
///
/// Every template is loaded with `pragmaLine` before its first line: swift-mustache chooses a
/// content type per template from a `CONTENT_TYPE` pragma, and a pragma alone on its line
/// renders nothing.
struct HTMLEscaping: MustacheContentType {
    /// The name under which it is registered with swift-mustache.
    static let name = "POLICYSITE_HTML"
    /// Registers the content type once, then gives the pragma line that selects it.
    static let pragmaLine: String = {
        MustacheContentTypes.register(HTMLEscaping(), named: name)
        return "{{% CONTENT_TYPE: \(name)}}\n"
    }()

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: isSpecial) else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 16)
            output.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "<"): output += [0x26, 0x6C, 0x74, 0x3B]  // &lt;
                case UInt8(ascii: ">"): output += [0x26, 0x67, 0x74, 0x3B]  // &gt;
                case UInt8(ascii: "&"): output += [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
                case UInt8(ascii: "\""): output += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
                case UInt8(ascii: "'"): output += [0x26, 0x23, 0x33, 0x39, 0x3B]  // &#39;
                default: output.append(byte)
                }
            }
            return String(decoding: output, as: UTF8.self)
        } ?? text
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
