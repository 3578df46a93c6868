/// Eight bytes of text read as one `UInt64` (the first byte lowest) and tested all at once,
/// with the bit tricks of "Bit Twiddling Hacks". The scanners that look for a few bytes in
/// long text (JSON and HTML escaping, modifier mentions) share these tests.
public enum ByteLanes {
    /// 0x01 in every byte. (Computed, so that other modules' inlined tests fold it to a
    /// constant instead of reading a stored global through its accessor.)
    @inlinable public static var ones: UInt64 { 0x0101_0101_0101_0101 }
    /// 0x80 in every byte.
    @inlinable public static var highs: UInt64 { 0x8080_8080_8080_8080 }

    /// Nonzero exactly when some byte of `word` is zero: `(x - 0x01…) & ~x & 0x80…`. The high
    /// bit of each zero byte is set; a byte after a zero byte may be set too (the borrow), so
    /// ask whether there is one, not which.
    @inlinable @inline(__always)
    public static func zeroBytes(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highs }

    /// `zeroBytes` of `word`'s bytes equal to `byte`: nonzero exactly when it has one.
    @inlinable @inline(__always)
    public static func bytes(_ word: UInt64, equalTo byte: UInt8) -> UInt64 { zeroBytes(word ^ (ones &* UInt64(byte))) }

    /// For a word of ASCII bytes (all under 0x80): 0x80 in exactly the bytes that are `byte`
    /// or more (adding 0x80 - `byte` sets a byte's high bit then, and never carries).
    @inlinable @inline(__always)
    public static func asciiBytes(_ word: UInt64, atLeast byte: UInt8) -> UInt64 { (word &+ (0x80 - UInt64(byte)) &* ones) & highs }
}
