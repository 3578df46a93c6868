/// A scalar as written: its text (quotes and escapes already read), how it was written, and
/// its tag when it has one.
///
/// PolicySite reads every scalar as its text (`00100` stays `00100`); what other YAML tools
/// would make of it is `implicitType`, worked out only when asked (it runs regular expressions).
public struct YAMLScalar: Sendable, Equatable {
    /// How a scalar was written; only `plain` scalars get a type from their text.
    public enum Style: Sendable, Equatable {
        /// Unquoted: `0450`, `Total knee`.
        case plain
        /// `'26'`.
        case singleQuoted
        /// `"26"`.
        case doubleQuoted
        /// A `|` block.
        case literal
        /// A `>` block.
        case folded
    }

    /// The text, as libyaml read it (a quoted `"\t"` is a tab).
    public var text: String
    /// How it was written: plain, quoted or a block.
    public var style: Style
    /// The full tag name: `tag:yaml.org,2002:str` for a quoted or block scalar, the expanded
    /// tag when one is written (`!!int 26` has `tag:yaml.org,2002:int`), and for a mapping key
    /// the type the composer resolved it to while comparing keys for duplicates. Nil for a
    /// plain, untagged value: its type comes from its text (`implicitType`).
    public var tag: String?

    init(_ text: String, style: Style = .plain, tag: String? = nil) {
        self.text = text
        self.style = style
        self.tag = tag
    }

    /// Whether the scalar means "no value" here: written plain as nothing, `~` or `null`.
    var isNull: Bool {
        style == .plain && textIsNullWord
    }

    /// Whether the text is nothing, `~` or `null`, whatever its style. Told by its length
    /// first: a title or descriptor compared with `"~"` and `"null"` went out of line to the
    /// standard library's comparison twice, for each value of each front matter.
    var textIsNullWord: Bool {
        switch text.utf8.count {
        case 0: true
        case 1: text == "~"
        case 4: text == "null"
        default: false
        }
    }

    /// What YAML 1.1 tools read the scalar as when it is not text to them ("the number 64",
    /// "the boolean true"); nil when it is text everywhere. See `YAMLImplicitType`.
    public var implicitType: String? { YAMLImplicitType.reading(of: self) }
}
