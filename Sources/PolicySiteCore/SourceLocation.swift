/// A position in a source file, as editors and CI annotations count it.
///
/// `line` and `column` are 1-based; `column` counts UTF-8 bytes, as cmark and libyaml do, so
/// a position taken from either maps to the same place. `file` is the path as the user gave it
/// (relative to the working directory when the user gave a relative path), with `/` separators.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `path:line:column`.
    public var description: String { "\(file):\(line):\(column)" }

    /// Orders by file (bytes, not locale), then line, then column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.file != rhs.file { return Array(lhs.file.utf8).lexicographicallyPrecedes(rhs.file.utf8) }
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        return lhs.column < rhs.column
    }

    /// The same file, `lines` further down; used when a slice of a file (a Markdown body after
    /// its front matter) is parsed on its own.
    public func shifted(lines: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + lines, column: column)
    }
}
