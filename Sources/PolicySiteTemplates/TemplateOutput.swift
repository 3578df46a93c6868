import PolicySiteCore

/// The bytes a template renders, with HTML escaping and the indentation of standalone partials,
/// parents and blocks.
///
/// Indentation is added lazily: at the start of each line of template text, and before a value
/// that starts a line, but never after a line break inside a value (the specification's
/// "standalone indentation"). While no indentation is in force, text is appended as it is.
///
/// The bytes go into raw memory that grows by doubling, and are handed over once: a page is
/// written in thousands of small pieces, and appending each to an array (uniqueness and
/// capacity checks, a generic call) cost more than the copying. That memory is either the
/// output's own (`init(capacity:)`, taken by `finish()`), or first a buffer it is lent
/// (`init(lending:)`: the uninitialized storage of the array a page is returned in, so that a
/// page that fits is neither copied nor allocated twice) and its own only once it outgrows it.
struct TemplateOutput {
    private var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Whether `start` is memory the output allocated (and frees when it grows or finishes).
    private var ownsMemory: Bool
    private(set) var indentation: [UInt8] = []
    private var atLineStart = true

    /// An output with room for `capacity` bytes; call `finish()` to take the bytes and free it.
    init(capacity: Int = 0) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
        ownsMemory = true
    }

    /// An output that writes into `buffer` (which must have room for a byte at least) until it
    /// is full, then into memory of its own. While `isInLentBuffer`, the bytes written are the
    /// first `count` of `buffer`; after, take them with `finish()`.
    init(lending buffer: UnsafeMutableBufferPointer<UInt8>) {
        precondition(!buffer.isEmpty, "an output needs room for a byte at least")
        start = buffer.baseAddress!
        capacity = buffer.count
        ownsMemory = false
    }

    /// Whether every byte written is still in the buffer the output was lent.
    var isInLentBuffer: Bool { !ownsMemory }

    /// The bytes written, in an array of their size; the output's memory is freed, and the
    /// output must not be used again.
    mutating func finish() -> [UInt8] {
        let bytes = [UInt8](UnsafeBufferPointer(start: start, count: count))
        if ownsMemory { start.deallocate() }
        count = 0
        capacity = 0
        return bytes
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toHold: count + extra) }
    }

    @inline(never)
    private mutating func grow(toHold needed: Int) {
        let grown = max(capacity * 2, needed)
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        memory.initialize(from: start, count: count)
        if ownsMemory { start.deallocate() }
        start = memory
        capacity = grown
        ownsMemory = true
    }

    @inline(__always)
    private mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let base = source.baseAddress, !source.isEmpty else { return }
        reserve(source.count)
        (start + count).initialize(from: base, count: source.count)
        count += source.count
    }

    private mutating func append(_ source: [UInt8]) {
        source.withUnsafeBufferPointer { append($0) }
    }

    /// Runs `body` with `extra` added to the indentation, starting on a fresh line.
    mutating func indented(by extra: [UInt8]?, _ body: (inout TemplateOutput) -> Void) {
        guard let extra else { return body(&self) }
        extra.withUnsafeBufferPointer { indented(by: $0, body) }
    }

    /// Runs `body` with `extra` added to the indentation, starting on a fresh line.
    mutating func indented(by extra: UnsafeBufferPointer<UInt8>, _ body: (inout TemplateOutput) -> Void) {
        guard !extra.isEmpty else { return body(&self) }
        let saved = indentation
        indentation.append(contentsOf: extra)
        atLineStart = true
        body(&self)
        indentation = saved
    }

    mutating func appendTemplateText(_ text: [UInt8]) {
        text.withUnsafeBufferPointer { appendTemplateText($0) }
    }

    // Inlined into the run loop: most steps are text, and nearly all of it is written where
    // no indentation is in force.
    @inline(__always)
    mutating func appendTemplateText(_ text: UnsafeBufferPointer<UInt8>) {
        if indentation.isEmpty { append(text) } else { appendIndentedTemplateText(text) }
    }

    @inline(never)
    private mutating func appendIndentedTemplateText(_ text: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count, text[end] != UInt8(ascii: "\n") { end += 1 }
            if end > start, atLineStart {
                append(indentation)
            }
            if end > start { atLineStart = false }
            if end < text.count {
                append(UnsafeBufferPointer(rebasing: text[start...end]))
                atLineStart = true
                start = end + 1
            } else {
                append(UnsafeBufferPointer(rebasing: text[start..<end]))
                start = end
            }
        }
    }

    /// Appends the text of the `String` (or `HTML`) a view stores at `field`, read in place.
    @inline(__always)
    mutating func appendValue(_ field: UnsafePointer<String>, escaped: Bool) {
        if field.pointee.utf8.withContiguousStorageIfAvailable({ appendValue(utf8: $0, escaped: escaped) }) == nil {
            appendValue(field.pointee, escaped: escaped)
        }
    }

    /// Appends the text of the `String?` a view stores at `field`, if there is one.
    @inline(__always)
    mutating func appendValue(optional field: UnsafePointer<String?>, escaped: Bool) {
        guard case .some = field.pointee else { return }
        appendValue(UnsafeRawPointer(field).assumingMemoryBound(to: String.self), escaped: escaped)
    }

    /// Appends `number` in decimal, as `String(number)` writes it.
    mutating func appendNumber(_ number: Int) {
        appendValue(String(number), escaped: false)
    }

    /// Appends a value's text, escaped for HTML when `escaped` is true.
    mutating func appendValue(_ text: String, escaped: Bool) {
        // A native string lends its UTF-8 in place; only a bridged one is copied.
        if text.utf8.withContiguousStorageIfAvailable({ appendValue(utf8: $0, escaped: escaped) }) == nil {
            var copy = text
            copy.withUTF8 { appendValue(utf8: $0, escaped: escaped) }
        }
    }

    private mutating func appendValue(utf8: UnsafeBufferPointer<UInt8>, escaped: Bool) {
        guard !utf8.isEmpty else { return }
        if !indentation.isEmpty {
            if atLineStart { append(indentation) }
            atLineStart = false
        }
        if escaped { appendEscaped(utf8) } else { append(utf8) }
    }

    /// `appendEscaped(_:to:)` into this output.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        while true {
            let index = Self.firstEscaped(in: utf8, from: runStart)
            append(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            guard index < utf8.count else { return }
            Self.reference(for: utf8[index])?.withUTF8Buffer { append($0) }
            runStart = index + 1
        }
    }

    /// Bit `b` is set for each byte `b` below 64 that is written as a character reference:
    /// `"` 34, `&` 38, `'` 39, `<` 60, `>` 62.
    private static let escapedBytes: UInt64 = 1 << 34 | 1 << 38 | 1 << 39 | 1 << 60 | 1 << 62

    /// Whether `byte` is written as a character reference: one shift and test (digits, spaces
    /// and punctuation are below `>`, and went through the `reference(for:)` switch one by one).
    @inline(__always)
    private static func isEscaped(_ byte: UInt8) -> Bool {
        byte < 64 && escapedBytes >> byte & 1 != 0
    }

    /// Whether any of the eight bytes of `word` is written as a character reference. A byte
    /// equal to `c` is a zero byte of `word ^ c` (in every byte), and `(x - 0x01…) & ~x & 0x80…`
    /// is nonzero exactly when `x` has a zero byte. `&` and `'` differ only in bit 0, and `<`
    /// and `>` only in bit 1, so setting that bit tests two at once: three tests for five bytes.
    @inline(__always)
    private static func containsEscaped(_ word: UInt64) -> Bool {
        let quote = ByteLanes.bytes(word, equalTo: 0x22)
        let ampersandOrApostrophe = ByteLanes.bytes(word | ByteLanes.ones, equalTo: 0x27)
        let angleBracket = ByteLanes.bytes(word | (ByteLanes.ones &<< 1), equalTo: 0x3E)
        return quote | ampersandOrApostrophe | angleBracket != 0
    }

    /// The index of the first byte of `utf8` from `start` on that is written as a character
    /// reference, or `utf8.count`. Most values have none, or few: eight bytes are tested at once.
    @inline(__always)
    static func firstEscaped(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = utf8.baseAddress else { return utf8.count }
        var index = start
        while index + 8 <= utf8.count, !containsEscaped(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
            index += 8
        }
        while index < utf8.count, !isEscaped(base[index]) { index += 1 }
        return index
    }

    /// The character reference a template writes for `byte`, or nil when it is written as it is.
    @inline(__always)
    private static func reference(for byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }

    /// Appends `utf8` with `&`, `<`, `>`, `"` and `'` written as character references; runs
    /// without them are copied whole.
    static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var runStart = 0
        while true {
            let index = firstEscaped(in: utf8, from: runStart)
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            guard index < utf8.count else { return }
            reference(for: utf8[index])?.withUTF8Buffer { bytes.append(contentsOf: $0) }
            runStart = index + 1
        }
    }

    /// `text` escaped for HTML, as `{{name}}` writes it.
    static func escaped(_ text: String) -> String {
        var text = text
        var bytes: [UInt8] = []
        text.withUTF8 { appendEscaped($0, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension TemplateValue {
    /// The text a variable tag writes for this value; nil for what writes nothing (null) and
    /// for lists and objects.
    var renderedText: String? {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        case .decimal(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .bool(let value): value ? "true" : "false"
        case .null, .list, .object: nil
        }
    }
}

/// HTML escaping as templates do it (`&`, `<`, `>`, `"` and `'` as character references), for
/// the few pages and files the site writes without a template.
public enum HTMLEscaping {
    public static func escaped(_ text: String) -> String {
        TemplateOutput.escaped(text)
    }

    /// Appends `text` escaped to `bytes`, for pages written in parts.
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { TemplateOutput.appendEscaped($0, to: &bytes) }
    }
}
