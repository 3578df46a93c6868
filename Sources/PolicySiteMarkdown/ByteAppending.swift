extension Array where Element == UInt8 {
    /// Appends the bytes of a literal. `append(contentsOf: "...".utf8)` goes through
    /// `String.UTF8View`'s generic path, a visible cost where HTML is built per node.
    @inline(__always)
    mutating func appendLiteral(_ literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends the UTF-8 bytes of `string`, copied from its storage in one go.
    @inline(__always)
    mutating func appendUTF8(_ string: String) {
        var string = string
        string.withUTF8 { append(contentsOf: $0) }
    }
}
