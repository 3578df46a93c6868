/// The one rule for white space in text compared or indexed as words (descriptors, search
/// text): a character is white space when `Character.isWhitespace` says so, which covers ASCII
/// tab to carriage return and space, the no-break space U+00A0 (CMS's Latin-1 files and
/// pasted text carry it), NEL U+0085 and the Unicode space separators.
extension String {
    /// The text's words: runs of characters between white space, as written.
    public var whiteSpaceSeparatedWords: [Substring] {
        split(whereSeparator: \.isWhitespace)
    }

    /// The text with every run of white space made one space and the ends trimmed:
    /// `"  a\tb \u{A0}c "` gives `"a b c"`.
    public var collapsingWhiteSpace: String {
        // Nearly all text is ASCII, where bytes are characters and the scan is ten times faster
        // than splitting on `Character.isWhitespace`. The bytes are read in place.
        // The result is written straight into its string's memory (no array grown a byte at a
        // time and copied into a string after: a guidance page's search text is kilobytes).
        var text = self
        let ascii: String? = text.withUTF8 { utf8 in
            var isASCII = true
            let collapsed = String(unsafeUninitializedCapacity: utf8.count) { bytes in
                guard let input = utf8.baseAddress.map(UnsafeRawPointer.init), let output = bytes.baseAddress.map(UnsafeMutableRawPointer.init) else { return 0 }
                var count = 0
                var pendingSpace = false
                var index = 0
                while index < utf8.count {
                    // Eight bytes of words and single spaces are copied at once (never more
                    // bytes out than in, so they fit): most of a text is such runs.
                    if !pendingSpace, utf8.count - index >= 8 {
                        let chunk = input.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                        if Self.copiesAsItIs(UInt64(littleEndian: chunk)) {
                            output.storeBytes(of: chunk, toByteOffset: count, as: UInt64.self)
                            count += 8
                            index += 8
                            continue
                        }
                    }
                    let byte = utf8[index]
                    index += 1
                    if byte >= 0x80 {
                        isASCII = false
                        return 0
                    }
                    // ASCII white space as `Character.isWhitespace` has it: tab to carriage return, space.
                    if byte == 0x20 || (0x09...0x0D).contains(byte) {
                        pendingSpace = count > 0
                    } else {
                        if pendingSpace {
                            bytes[count] = 0x20
                            count += 1
                            pendingSpace = false
                        }
                        bytes[count] = byte
                        count += 1
                    }
                }
                return count
            }
            return isASCII ? collapsed : nil
        }
        return ascii ?? whiteSpaceSeparatedWords.joined(separator: " ")
    }

    /// Whether eight ASCII bytes (the first in the lowest byte) are kept as they are when
    /// white space is collapsed after a byte that is not white space: no byte over 0x7F or
    /// under 0x20 (tab to carriage return among them), and spaces only alone and neither
    /// first nor last (where a run of white space may start or go on).
    @inline(__always)
    static func copiesAsItIs(_ chunk: UInt64) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        guard chunk & high == 0 else { return false }
        // With every byte under 0x80, adding 0x60 sets a byte's high bit when it is 0x20 or more.
        guard (chunk &+ 0x6060_6060_6060_6060) & high == high else { return false }
        // 0x80 in exactly the bytes that are spaces.
        let others = chunk ^ 0x2020_2020_2020_2020
        let spaces = ~(((others & low) &+ low) | others | low)
        return spaces & 0x8000_0000_0000_0080 == 0 && spaces & (spaces &<< 8) == 0
    }
}

extension StringProtocol {
    /// True when every character is white space (`Character.isWhitespace`), or there is none.
    /// An ASCII byte other than white space answers at once (no character holding it is white
    /// space), so a section's text is not broken into characters to learn that it has words.
    public var isAllWhiteSpace: Bool {
        var isASCII = true
        for byte in utf8 {
            if byte >= 0x80 {
                isASCII = false
            } else if byte != 0x20, !(0x09...0x0D).contains(byte) {
                return false
            }
        }
        return isASCII || allSatisfy(\.isWhitespace)
    }
}
