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
        // than splitting on `Character.isWhitespace`. The bytes are read in place and written
        // straight into the new string, which is never longer (each space written stands for
        // at least one white-space byte read): every page's search text and every payer
        // note of the data twins pass here, a megabyte of text for each thousand pages.
        var text = self
        let ascii: String? = text.withUTF8 { utf8 in
            var isASCII = true
            let collapsed = String(unsafeUninitializedCapacity: utf8.count) { out in
                var written = 0
                var pendingSpace = false
                for byte in utf8 {
                    if byte >= 0x80 {
                        isASCII = false
                        return 0
                    }
                    // ASCII white space as `Character.isWhitespace` has it: tab to carriage return, space.
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        pendingSpace = written > 0
                    } else {
                        if pendingSpace {
                            out[written] = 0x20
                            written += 1
                            pendingSpace = false
                        }
                        out[written] = byte
                        written += 1
                    }
                }
                return written
            }
            return isASCII ? collapsed : nil
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
