import PolicySiteCore

/// Writes JSON straight into UTF-8 bytes, keys in the order the caller writes them: the
/// published data files (`codes/<CODE>/index.json`, `codes/index.json`) have a documented,
/// fixed key order, so the same input always gives the same bytes. No white space.
///
/// ```swift
/// var json = JSONWriter()
/// json.object { json in json.field("code", "G9328"); json.field("hasGuidance", true) }
/// ```
struct JSONWriter: ~Copyable {
    /// The text so far: `count` bytes at `base`, room for `capacity`. Its own buffer, not an
    /// array: a data twin is a hundred small appends, and each of an array's checks whether
    /// it is shared and has room (every append did both) cost more than the bytes.
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Whether the next value in the current object or array needs a comma before it.
    private var needsComma = false

    init(capacity: Int = 2048) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far (a copy).
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        let larger = max(needed, 2 * capacity)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    private mutating func put(_ run: UnsafeBufferPointer<UInt8>) {
        guard let start = run.baseAddress, !run.isEmpty else { return }
        reserve(run.count)
        (base + count).initialize(from: start, count: run.count)
        count += run.count
    }

    private mutating func put(_ text: StaticString) {
        put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `text` escaped as inside a string literal (`JSONText`'s rule), without the quotes.
    private mutating func putEscaped(_ text: String) {
        JSONText.forEachRun(of: text) { run in
            put(run)
        } escape: { byte in
            reserve(6)
            count += JSONText.writeEscape(of: byte, to: base + count)
        }
    }

    private mutating func separate() {
        if needsComma { put(UInt8(ascii: ",")) }
        needsComma = true
    }

    private mutating func key(_ name: StaticString) {
        reserve(name.utf8CodeUnitCount + 4)
        if needsComma {
            base[count] = UInt8(ascii: ",")
            count += 1
        }
        base[count] = UInt8(ascii: "\"")
        (base + count + 1).initialize(from: name.utf8Start, count: name.utf8CodeUnitCount)
        count += 1 + name.utf8CodeUnitCount
        base[count] = UInt8(ascii: "\"")
        base[count + 1] = UInt8(ascii: ":")
        count += 2
        needsComma = false
    }

    /// `{...}` with the fields `body` writes.
    mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        separate()
        put(UInt8(ascii: "{"))
        needsComma = false
        try body(&self)
        put(UInt8(ascii: "}"))
        needsComma = true
    }

    /// `[...]`, one element per item, each written by `element`.
    mutating func array<Items: Sequence>(_ items: Items, _ element: (inout JSONWriter, Items.Element) throws -> Void) rethrows {
        separate()
        put(UInt8(ascii: "["))
        needsComma = false
        for item in items { try element(&self, item) }
        put(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func value(_ text: String?) {
        separate()
        guard let text else { return put("null") }
        put(UInt8(ascii: "\""))
        putEscaped(text)
        put(UInt8(ascii: "\""))
    }

    /// One string value made of three parts in order, each escaped, as
    /// `value(first + second + third)` (a page, `#`, an id). Three parameters, not a
    /// variadic list: the list was an array made and freed for each of a twin's links.
    mutating func value(joining first: String, _ second: String, _ third: String) {
        separate()
        put(UInt8(ascii: "\""))
        putEscaped(first)
        putEscaped(second)
        putEscaped(third)
        put(UInt8(ascii: "\""))
    }

    mutating func value(_ flag: Bool) {
        separate()
        put(flag ? "true" : "false")
    }

    mutating func value(_ number: Int?) {
        separate()
        guard let number else { return put("null") }
        var digits = String(number)
        digits.withUTF8 { put($0) }
    }

    /// Ends the text with a line feed, as every data file ends.
    mutating func endLine() {
        put(0x0A)
    }

    /// Hands the bytes written so far to `write` once they reach `FileParts.size` (or
    /// whatever there is when `last`) and forgets them, so a big file is written a part at a
    /// time. Where the writer stands (the comma owed) does not change.
    /// - Throws: what `write` throws.
    mutating func handOn(last: Bool = false, to write: (ArraySlice<UInt8>) throws -> Void) rethrows {
        guard last || count >= FileParts.size else { return }
        try write(ArraySlice(UnsafeBufferPointer(start: base, count: count)))
        count = 0
    }

    mutating func null() {
        separate()
        put("null")
    }

    /// Fields another writer wrote (its `bytes`, without braces), copied as they are: for
    /// fields every file repeats, escaped once. A comma goes before them when one is owed.
    mutating func fields(_ written: [UInt8]) {
        separate()
        written.withUnsafeBufferPointer { put($0) }
    }

    mutating func field(_ name: StaticString, _ text: String?) { key(name); value(text) }
    mutating func field(_ name: StaticString, _ flag: Bool) { key(name); value(flag) }
    /// A field holding one string made of three parts (`page.html`, `#`, an id).
    mutating func field(_ name: StaticString, joining first: String, _ second: String, _ third: String) {
        key(name)
        value(joining: first, second, third)
    }
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
