import PolicySiteCore

/// A heading's title as it is compared with several names ignoring case (the guidance
/// sections' titles, payers' names and aliases): its UTF-8 length and whether it is ASCII,
/// found once.
///
/// Two ASCII texts of different lengths are never equal ignoring case, so most names are told
/// apart by their length alone; `equalsIgnoringCase` read both texts for bytes over 0x7F, for
/// each name. The answer is always `equalsIgnoringCase`'s.
struct HeadingTitle {
    /// The title as written.
    let text: String
    /// The title's length in UTF-8 bytes.
    let count: Int
    /// Every byte of the title is below 0x80.
    let isASCII: Bool

    init(_ text: String) {
        self.text = text
        count = text.utf8.count
        isASCII = Self.isASCII(text)
    }

    /// Whether the title equals `name`, which is ASCII, ignoring case.
    func matches(asciiName name: String) -> Bool {
        if isASCII, name.utf8.count != count { return false }
        return text.equalsIgnoringCase(name)
    }

    /// Whether the title equals `name`, in any script, ignoring case. A name of another length
    /// is asked whether it is ASCII only when the title is.
    func matches(_ name: String) -> Bool {
        if isASCII, name.utf8.count != count, Self.isASCII(name) { return false }
        return text.equalsIgnoringCase(name)
    }

    /// Whether every byte of `text` is below 0x80, read in place where it is contiguous.
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 } } ?? text.utf8.allSatisfy { $0 < 0x80 }
    }
}
