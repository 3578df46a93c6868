import Foundation

/// A page's place in the built site: the folder that holds its `index.html`, as path
/// segments (`["codes", "G9328"]` is `Site/codes/G9328/index.html`; `[]` is the home page).
///
/// Built from components, never by joining strings, and every segment is checked by
/// `isValidSegment` before it becomes a path, so no content or data can write outside `Site/`.
struct SitePath: Hashable, Sendable, Comparable, CustomStringConvertible {
    let segments: [String]

    init(_ segments: [String]) { self.segments = segments }

    static let root = SitePath([])

    /// `codes/G9328/index.html` (relative to `Site/`).
    var filePath: String {
        // Written straight into the string: every page's path is made several times a build
        // (its job, its file, its links), and an array joined made two copies of it.
        var length = 10
        for segment in segments { length += segment.utf8.count + 1 }
        return String(unsafeUninitializedCapacity: length) { path in
            var written = 0
            for segment in segments {
                written = Self.write(segment, into: path, at: written)
                path[written] = UInt8(ascii: "/")
                written += 1
            }
            return Self.write("index.html", into: path, at: written)
        }
    }

    /// `/codes/G9328/`, the form used in messages.
    var description: String { segments.isEmpty ? "/" : "/" + segments.joined(separator: "/") + "/" }


    /// A relative URL from the page at `self` to the page at `target` that works from
    /// `file://` and under any base path: `../../codes/G9329/index.html`. Segments other than
    /// ASCII letters, digits, `.`, `_` and `-` are percent-encoded (`m%C3%A9dico`).
    func relativeURL(to target: SitePath, fragment: String? = nil) -> String {
        // Pages make tens of thousands of these links: written straight into the string's
        // memory when nothing needs escaping (nearly always), else a piece at a time.
        if target.segments.allSatisfy({ Self.isUnreserved($0) }), fragment.map({ Self.isUnreserved($0) }) ?? true {
            var length = 3 * segments.count + 10 + (fragment.map { $0.utf8.count + 1 } ?? 0)
            for segment in target.segments { length += segment.utf8.count + 1 }
            return String(unsafeUninitializedCapacity: length) { url in
                var written = Self.writeUp(segments.count, into: url)
                for segment in target.segments {
                    written = Self.write(segment, into: url, at: written)
                    url[written] = UInt8(ascii: "/")
                    written += 1
                }
                written = Self.write("index.html", into: url, at: written)
                if let fragment {
                    url[written] = UInt8(ascii: "#")
                    written = Self.write(fragment, into: url, at: written + 1)
                }
                return written
            }
        }
        var url = String(repeating: "../", count: segments.count)
        // Encoded a segment at a time, as the joined path was: the slashes between stay.
        for segment in target.segments {
            Self.appendPercentEncoded(segment, keepingSlashes: true, to: &url)
            url += "/"
        }
        url += "index.html"
        if let fragment {
            url += "#"
            Self.appendPercentEncoded(fragment, keepingSlashes: false, to: &url)
        }
        return url
    }

    /// A relative URL from this page to a file at `path` (relative to `Site/`): `../../assets/site.css`.
    func relativeURL(toFile path: String) -> String {
        guard Self.allBytes(of: path, { Self.isUnreserved($0) || $0 == 0x2F }) else {
            var url = String(repeating: "../", count: segments.count)
            Self.appendPercentEncoded(path, keepingSlashes: true, to: &url)
            return url
        }
        return String(unsafeUninitializedCapacity: 3 * segments.count + path.utf8.count) { url in
            Self.write(path, into: url, at: Self.writeUp(segments.count, into: url))
        }
    }

    /// Writes `../` `count` times at the start of `url`; returns the bytes written.
    private static func writeUp(_ count: Int, into url: UnsafeMutableBufferPointer<UInt8>) -> Int {
        for index in 0..<count {
            url[3 * index] = UInt8(ascii: ".")
            url[3 * index + 1] = UInt8(ascii: ".")
            url[3 * index + 2] = UInt8(ascii: "/")
        }
        return 3 * count
    }

    /// Writes `text`'s UTF-8 into `url` at `offset`; returns the offset after it.
    private static func write(_ text: String, into url: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        // Copied whole (the UTF-8 view copies its contiguous bytes at once), not byte by byte.
        let (_, count) = UnsafeMutableBufferPointer(rebasing: url[offset...]).initialize(from: text.utf8)
        return offset + count
    }

    /// Whether `text` needs no percent-encoding in a URL path segment or fragment.
    private static func isUnreserved(_ text: String) -> Bool {
        allBytes(of: text) { isUnreserved($0) }
    }

    /// Whether every UTF-8 byte of `text` passes `test`, read in place where the string is
    /// contiguous: `utf8.allSatisfy` walks the view's iterator, and these checks run for every
    /// link a list page writes (a coverage page has six a row).
    private static func allBytes(of text: String, _ test: (UInt8) -> Bool) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(test) } ?? text.utf8.allSatisfy(test)
    }

    /// One URL path segment: letters and digits of any script (with their combining marks),
    /// `.`, `_` and `-`; not empty, not starting with `.` (`..`, and hidden files, which many
    /// servers refuse to serve). Segments are compared and written in NFC (see `normalized`).
    static func isValidSegment(_ segment: String) -> Bool {
        guard !segment.isEmpty, !segment.hasPrefix(".") else { return false }
        return segment.unicodeScalars.allSatisfy { scalar in
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2E || byte == 0x5F || byte == 0x2D
            }
            let properties = scalar.properties
            return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark
        }
    }

    /// `text` in Unicode NFC: a file name saved as NFD (`me\u{301}dico`) and one typed as NFC
    /// (`médico`) name the same page, and a browser compares URLs and ids by code points.
    static func normalized(_ text: String) -> String {
        // Bytes, not scalars: ASCII text is every byte below 0x80, and decoding scalars to
        // find that out costs more than the check (the link check calls this per URL segment).
        allBytes(of: text) { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
    }

    /// `path` with every byte other than ASCII letters, digits, `.`, `_`, `-` (and `/` between
    /// segments) percent-encoded, as a URL must carry it.
    static func percentEncoded(_ path: String, keepingSlashes: Bool = true) -> String {
        guard !allBytes(of: path, { isUnreserved($0) || ($0 == 0x2F && keepingSlashes) }) else { return path }
        var encoded = ""
        appendPercentEncoded(path, keepingSlashes: keepingSlashes, to: &encoded)
        return encoded
    }

    /// Appends `percentEncoded(path, keepingSlashes:)` to `url`.
    static func appendPercentEncoded(_ path: String, keepingSlashes: Bool, to url: inout String) {
        guard !allBytes(of: path, { isUnreserved($0) || ($0 == 0x2F && keepingSlashes) }) else {
            url += path
            return
        }
        for byte in path.utf8 {
            if isUnreserved(byte) || (byte == 0x2F && keepingSlashes) {
                url.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                url += "%" + String(byte, radix: 16, uppercase: true).leftPadded
            }
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x2E || byte == 0x5F || byte == 0x2D || byte == 0x7E
    }

    static func < (lhs: SitePath, rhs: SitePath) -> Bool {
        lhs.filePath.precedesBytewise(rhs.filePath)
    }
}

private extension String {
    /// A hexadecimal byte with its leading zero (`0A`).
    var leftPadded: String { count == 1 ? "0" + self : self }
}
