/// Where each identifier of a list (HCPCS codes, modifiers) is in that list, found without
/// hashing a string.
///
/// An HCPCS code is five ASCII characters and a modifier two: an identifier of one to eight
/// ASCII bytes is packed into a `UInt64`, first byte highest, and found by one binary search
/// over the sorted packed identifiers. A dictionary keyed by `String` ran the hasher over every
/// identifier asked for (a code set is asked tens of thousands of times a build).
///
/// Look-ups answer as `==` on `String` does, canonical equivalence included: an identifier
/// that does not pack (longer, non-ASCII or holding a NUL byte) is compared with `==`, and an
/// identifier that packs but is not found is compared with the list's identifiers that do not
/// pack (there are none in a CMS release).
struct IdentifierIndex: Sendable {
    /// The packed identifiers, ascending.
    private var keys: [UInt64] = []
    /// `positions[i]` is the list position of the identifier packed as `keys[i]`.
    private var positions: [Int32] = []
    /// The list positions of identifiers that do not pack.
    private var unpacked: [Int32] = []
    /// How many identifiers the list has.
    private(set) var count = 0

    init() {}

    /// The index of a list of `count` identifiers, `identifierAt(i)` at position `i`, distinct
    /// under `==`.
    init(count: Int, identifierAt: (Int) -> String) {
        var packed: [(key: UInt64, position: Int32)] = []
        packed.reserveCapacity(count)
        for position in 0..<count {
            if let key = Self.pack(identifierAt(position)) {
                packed.append((key, Int32(position)))
            } else {
                unpacked.append(Int32(position))
            }
        }
        // A list sorted bytewise (the code set's codes) is already in key order.
        if !packed.indices.dropFirst().allSatisfy({ packed[$0 - 1].key < packed[$0].key }) {
            packed.sort { $0.key < $1.key }
        }
        keys = packed.map(\.key)
        positions = packed.map(\.position)
        self.count = count
    }

    /// The list position of `identifier`, or nil when the list lacks it. `identifierAt` gives
    /// the list's identifier at a position, for the identifiers compared with `==`.
    @inline(__always)
    func position(of identifier: String, identifierAt: (Int) -> String) -> Int? {
        guard let key = Self.pack(identifier) else {
            return (0..<count).first { identifierAt($0) == identifier }
        }
        if let slot = slot(of: key) { return Int(positions[slot]) }
        for position in unpacked where identifierAt(Int(position)) == identifier { return Int(position) }
        return nil
    }

    /// Records that the list's new last identifier, `identifier`, is at `position` (the
    /// list lacked it).
    mutating func append(_ identifier: String, at position: Int) {
        if let key = Self.pack(identifier) {
            // Appends are rare (a team modifier added to a release's): a walk is enough.
            let slot = keys.firstIndex { $0 > key } ?? keys.endIndex
            keys.insert(key, at: slot)
            positions.insert(Int32(position), at: slot)
        } else {
            unpacked.append(Int32(position))
        }
        count += 1
    }

    /// The slot of `key` in `keys`: one binary search whose halving step the compiler makes a
    /// conditional move.
    @inline(__always)
    private func slot(of key: UInt64) -> Int? {
        keys.withUnsafeBufferPointer { keys in
            guard var length = Optional(keys.count), length > 0 else { return nil }
            var base = 0
            while length > 1 {
                let half = length / 2
                base = keys[base + half] <= key ? base + half : base
                length -= half
            }
            return keys[base] == key ? base : nil
        }
    }

    /// `identifier`'s bytes packed into an integer, first byte highest and zeros after the
    /// last, or nil when it has no byte, more than eight, a byte over 0x7F or a NUL. Packed
    /// identifiers compare as the texts do bytewise (`precedesBytewise`): a shorter text that
    /// is a prefix of a longer one has a zero where the longer has a byte.
    @inline(__always)
    static func pack(_ identifier: String) -> UInt64? {
        // Read in place (a small string is copied to the stack): walking `utf8` with its
        // iterator took three times the instructions.
        let packed: UInt64?? = identifier.utf8.withContiguousStorageIfAvailable { bytes -> UInt64? in
            guard bytes.count > 0, bytes.count <= 8 else { return nil }
            var key: UInt64 = 0
            var shift: UInt64 = 56
            for byte in bytes {
                guard byte != 0, byte < 0x80 else { return nil }
                key |= UInt64(byte) &<< shift
                shift &-= 8
            }
            return key
        }
        if let packed { return packed }
        // Not contiguous UTF-8 (a bridged text): no packing, compared with `==`.
        return nil
    }
}
