import Foundation
import Yams

/// What YAML tools make of an unquoted (plain) scalar when they resolve its type from its text,
/// as YAML 1.1 does: `00100` is the octal number 64, `10:30` the base-60 number 630, `yes` the
/// boolean true.
///
/// PolicySite reads every identifier as the text written (see `YAMLMappingReader`), but the same
/// files are read by other tools (a spreadsheet export, a script, `Yams.load`), and those
/// publish revenue code 0450 as 296. The resolution is Yams's default resolver (YAML 1.1's
/// int, float, bool, null and timestamp patterns, with YAML 1.2's looser floats such as `09`
/// and `1E10`), so the consequence named is what a Yams user measures.
enum YAMLImplicitType {
    /// The value other YAML tools read, for messages ("the number 64", "the boolean true"), or
    /// nil when the scalar is text to them too: quoted, explicitly tagged, or plain text.
    static func reading(of scalar: YAMLScalar) -> String? {
        guard scalar.style == .plain else { return nil }
        if let first = scalar.text.utf8.first, isPlainTextStart(first) { return nil }
        // Starting with a letter, only the boolean and null words are not text: a title such
        // as "Total knee" needs no regular expression to be known as text.
        if let first = scalar.text.utf8.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z"),
           scalar.text.utf8.count > 5 || scalar.text.utf8.contains(UInt8(ascii: " ")) {
            return nil
        }
        // YAML 1.1's boolean type lists y, Y, n and N; Yams's resolver (like PyYAML's) leaves
        // them out, but other YAML 1.1 tools read them as booleans.
        switch scalar.text {
        case "y", "Y": return "the boolean true"
        case "n", "N": return "the boolean false"
        default: break
        }
        // A scalar without a tag is resolved here with the default resolver, as `Yams.load`
        // does, whatever resolver composed it. A tag (`!!str 00100`) is respected.
        let yamsScalar = Node.Scalar(scalar.text, Tag(Tag.Name(rawValue: scalar.tag ?? "")), .plain)
        switch Node.scalar(yamsScalar).tag.description {
        case Tag.Name.int.rawValue:
            let base60 = scalar.text.contains(":")
            guard let value = Int.construct(from: yamsScalar) else { return "a number" }
            return base60 ? "the base-60 number \(value)" : "the number \(value)"
        case Tag.Name.float.rawValue:
            guard let value = Double.construct(from: yamsScalar) else { return "a number" }
            if value.isNaN { return "the number NaN (not a number)" }
            if value.isInfinite { return "the number \(value < 0 ? "minus " : "")infinity" }
            let shown = value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
            return scalar.text.contains(":") ? "the base-60 number \(shown)" : "the number \(shown)"
        case Tag.Name.bool.rawValue:
            return Bool.construct(from: yamsScalar).map { "the boolean \($0)" } ?? "a boolean"
        case Tag.Name.null.rawValue:
            return "null (no value)"
        case Tag.Name.timestamp.rawValue:
            return "a date"
        default:
            return nil
        }
    }

    /// A letter that no YAML 1.1 number, boolean, null or date starts with (`G9328`, `KX`):
    /// such text needs no regular expression to be known as text.
    static func isPlainTextStart(_ byte: UInt8) -> Bool {
        let letter = byte | 0x20
        guard letter >= UInt8(ascii: "a"), letter <= UInt8(ascii: "z") else { return false }
        // Not y, n, o, t or f, which start yes, no, on, off, true, false (a switch: an array of
        // them was made for every text value of every front matter).
        switch letter {
        case UInt8(ascii: "y"), UInt8(ascii: "n"), UInt8(ascii: "o"), UInt8(ascii: "t"), UInt8(ascii: "f"): return false
        default: return true
        }
    }

    /// `reading(of:)` for text written unquoted.
    static func reading(ofPlain text: String) -> String? {
        reading(of: YAMLScalar(text))
    }
}
