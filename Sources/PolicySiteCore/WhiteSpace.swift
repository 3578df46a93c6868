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
        var text = self
        let ascii: String? = text.withUTF8 { utf8 in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count)
            var pendingSpace = false
            for byte in utf8 {
                if byte >= 0x80 { return nil }
                // ASCII white space as `Character.isWhitespace` has it: tab to carriage return, space.
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    pendingSpace = !bytes.isEmpty
                } else {
                    if pendingSpace { bytes.append(0x20); pendingSpace = false }
                    bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return ascii ?? whiteSpaceSeparatedWords.joined(separator: " ")
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
