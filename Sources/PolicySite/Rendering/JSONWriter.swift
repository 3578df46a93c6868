import PolicySiteCore

/// Writes JSON straight into UTF-8 bytes, keys in the order the caller writes them: the
/// published data files (`codes/<CODE>/index.json`, `codes/index.json`) have a documented,
/// fixed key order, so the same input always gives the same bytes. No white space.
///
/// ```swift
/// var json = JSONWriter()
/// json.object { json in json.field("code", "G9328"); json.field("hasGuidance", true) }
/// ```
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next value in the current object or array needs a comma before it.
    private var needsComma = false

    init(capacity: Int = 2048) {
        bytes.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    private mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// `{...}` with the fields `body` writes.
    mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        try body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// `[...]`, one element per item, each written by `element`.
    mutating func array<Items: Sequence>(_ items: Items, _ element: (inout JSONWriter, Items.Element) throws -> Void) rethrows {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for item in items { try element(&self, item) }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func value(_ text: String?) {
        separate()
        if let text { JSONText.append(text, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
    }

    /// One string value made of `parts` in order, each escaped, as `value(parts.joined())`.
    mutating func value(joining parts: String...) { value(joined: parts) }

    private mutating func value(joined parts: [String]) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        for part in parts { JSONText.appendEscaped(part, to: &bytes) }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func value(_ flag: Bool) {
        separate()
        bytes.append(contentsOf: (flag ? "true" : "false").utf8)
    }

    mutating func value(_ number: Int?) {
        separate()
        bytes.append(contentsOf: (number.map(String.init) ?? "null").utf8)
    }

    /// Ends the text with a line feed, as every data file ends.
    mutating func endLine() {
        bytes.append(0x0A)
    }

    /// Hands the bytes written so far to `write` once they reach `FileParts.size` (or
    /// whatever there is when `last`) and forgets them, so a big file is written a part at a
    /// time. Where the writer stands (the comma owed) does not change.
    /// - Throws: what `write` throws.
    mutating func handOn(last: Bool = false, to write: (ArraySlice<UInt8>) throws -> Void) rethrows {
        try FileParts.handOn(&bytes, last: last, to: write)
    }

    mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    mutating func field(_ name: StaticString, _ text: String?) { key(name); value(text) }
    mutating func field(_ name: StaticString, _ flag: Bool) { key(name); value(flag) }
    /// A field holding one string made of `parts` (`page.html`, `#`, an id).
    mutating func field(_ name: StaticString, joining parts: String...) { key(name); value(joined: parts) }
    mutating func field(_ name: StaticString, _ number: Int?) { key(name); value(number) }
    mutating func field(_ name: StaticString, object body: (inout JSONWriter) throws -> Void) rethrows { key(name); try object(body) }
    /// A field holding an object, or `null` when `value` is nil.
    mutating func field<Value>(_ name: StaticString, _ value: Value?, object body: (inout JSONWriter, Value) -> Void) {
        key(name)
        if let value { object { body(&$0, value) } } else { null() }
    }
    mutating func field<Items: Sequence>(_ name: StaticString, array items: Items, _ element: (inout JSONWriter, Items.Element) throws -> Void) rethrows {
        key(name)
        try array(items, element)
    }
    /// A field holding a list of strings.
    mutating func field(_ name: StaticString, strings: [String]) {
        field(name, array: strings) { $0.value($1) }
    }
}
