/// Decides whether a link or image URL may reach the page.
///
/// cmark has already decoded entities and backslash escapes in the destination
/// (`javascript&#58;` arrives as `javascript:`). Like a browser, we then ignore leading and
/// trailing spaces and control characters, remove tabs and newlines anywhere, and compare the
/// scheme case-insensitively. Disallowed: `javascript`, `vbscript`, `file`, and `data` except
/// `data:image/png|gif|jpeg|webp` on an image.
public enum URLSafety {
    /// The lower-cased scheme when the URL is not allowed, nil when it is.
    public static func disallowedScheme(in url: String, isImage: Bool) -> String? {
        // Only the scheme and the start of a data: media type matter: at most 32 bytes, kept on
        // the stack.
        var url = url
        return url.withUTF8 { disallowedScheme(inUTF8: $0, isImage: isImage) }
    }

    static func disallowedScheme(inUTF8 url: UnsafeBufferPointer<UInt8>, isImage: Bool) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { bytes in
            var count = 0
            for byte in url {
                if byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
                if count == 0 && byte <= 0x20 { continue }
                bytes[count] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                count += 1
                if count >= 32 { break }
            }
            return disallowedScheme(lowercased: UnsafeBufferPointer(rebasing: bytes[..<count]), isImage: isImage)
        }
    }

    private static func disallowedScheme(lowercased bytes: UnsafeBufferPointer<UInt8>, isImage: Bool) -> String? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return nil }
        let scheme = bytes[..<colon]
        guard let first = scheme.first, (0x61...0x7A).contains(first),
              scheme.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E })
        else { return nil }
        for name in ["javascript", "vbscript", "file"] where scheme.elementsEqual(name.utf8) {
            return name
        }
        guard scheme.elementsEqual("data".utf8) else { return nil }
        guard isImage else { return "data" }
        let rest = bytes[(colon + 1)...]
        for type in ["image/png", "image/gif", "image/jpeg", "image/webp"] {
            let typeBytes = type.utf8
            if rest.starts(with: typeBytes) {
                let after = rest.dropFirst(typeBytes.count).first
                if after == nil || after == UInt8(ascii: ";") || after == UInt8(ascii: ",") { return nil }
            }
        }
        return "data"
    }
}
