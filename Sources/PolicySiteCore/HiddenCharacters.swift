#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Characters a reader cannot see that change what text means or matches: zero-width
/// characters (`G93\u{200B}99` reads as G9399 but is two words to every check), bidirectional
/// controls (a right-to-left override reverses what follows it on screen) and no-break
/// spaces (a space to the eye, another character to links, search and comparisons).
///
/// Used by the `hidden-character` rule and by every diagnostic message, which shows them
/// escaped (`U+200B`) so two strings that look identical print differently.
public enum HiddenCharacters {
    /// The three families the rule reports.
    public enum Kind: Sendable, Equatable {
        case zeroWidth, bidiControl, noBreakSpace
    }

    /// The family of `scalar`, or nil for a character that shows.
    public static func kind(of scalar: Unicode.Scalar) -> Kind? {
        switch scalar.value {
        case 0x200B...0x200D, 0x2060, 0xFEFF: .zeroWidth
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F: .bidiControl
        case 0x00A0, 0x202F: .noBreakSpace
        default: nil
        }
    }

    /// Unicode's name for a hidden character, in lower case: `zero-width space`.
    public static func name(of scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x200B: "zero-width space"
        case 0x200C: "zero-width non-joiner"
        case 0x200D: "zero-width joiner"
        case 0x2060: "word joiner"
        case 0xFEFF: "zero-width no-break space"
        case 0x202A: "left-to-right embedding"
        case 0x202B: "right-to-left embedding"
        case 0x202C: "pop directional formatting"
        case 0x202D: "left-to-right override"
        case 0x202E: "right-to-left override"
        case 0x2066: "left-to-right isolate"
        case 0x2067: "right-to-left isolate"
        case 0x2068: "first strong isolate"
        case 0x2069: "pop directional isolate"
        case 0x200E: "left-to-right mark"
        case 0x200F: "right-to-left mark"
        case 0x00A0: "no-break space"
        case 0x202F: "narrow no-break space"
        default: "character"
        }
    }

    /// `U+200B`: four or more upper-case hex digits.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Whether `text` may hold a hidden character: every one is encoded with a lead byte
    /// 0xC2, 0xE2 or 0xEF, so text without those is skipped without decoding.
    /// Contiguous bytes (a native string's) are searched with libc's `memchr`, once per lead
    /// byte: every page and YAML value is asked, and a byte-by-byte look through a generic
    /// collection was 5% of a build.
    @inline(__always)
    public static func mayContain(_ text: some Collection<UInt8>) -> Bool {
        if let found = text.withContiguousStorageIfAvailable({ mayContain(bytes: $0) }) { return found }
        return text.contains { $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }
    }

    static func mayContain(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, 0xE2, bytes.count) != nil || memchr(base, 0xC2, bytes.count) != nil || memchr(base, 0xEF, bytes.count) != nil
    }

    /// `text` with every hidden character written as its code point (`G93U+200B99`).
    public static func escaped(_ text: String) -> String {
        guard mayContain(text.utf8) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if kind(of: scalar) != nil { result += codePoint(scalar) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
