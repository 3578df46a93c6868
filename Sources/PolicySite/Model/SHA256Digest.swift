import Crypto

/// A file's SHA-256 as its 32 bytes, held inline: four words, no heap storage. The publication
/// record lists a digest for every file of the site, and a site of a hundred thousand pages has
/// twice as many files; kept as 64-character hex strings, their digests alone took about 23 MB
/// of the build's memory peak (a 112-byte allocation each). The hex is made only where a
/// digest is written out: `manifest.json`, the record page, a message.
struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes, big-endian in four words: byte 0 is the high byte of `word0`.
    private var word0: UInt64, word1: UInt64, word2: UInt64, word3: UInt64

    /// The digest swift-crypto computed.
    init(_ digest: SHA256.Digest) {
        (word0, word1, word2, word3) = digest.withUnsafeBytes { raw in
            func word(_ index: Int) -> UInt64 { UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self)) }
            return (word(0), word(1), word(2), word(3))
        }
    }

    /// The digest written as 64 hexadecimal digits (either case, as `manifest.json` lists it);
    /// nil for any other text.
    init?<Text: StringProtocol>(hex: Text) {
        var words: [UInt64] = [0, 0, 0, 0]
        var count = 0
        for unit in hex.utf8 {
            let value: UInt8
            switch unit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = unit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = unit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = unit - UInt8(ascii: "A") + 10
            default: return nil
            }
            guard count < 64 else { return nil }
            words[count / 16] = words[count / 16] << 4 | UInt64(value)
            count += 1
        }
        guard count == 64 else { return nil }
        (word0, word1, word2, word3) = (words[0], words[1], words[2], words[3])
    }

    /// Appends the 64 lowercase hexadecimal digits to `bytes`.
    /// The record page and `manifest.json` write two digests per file of the site: the 64
    /// bytes are made in place, with no array of the words and no capacity check per digit.
    func appendHex(to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 64))
        bytes.withUnsafeMutableBufferPointer { buffer in
            func put(_ word: UInt64, at offset: Int) {
                for index in 0..<16 {
                    let nibble = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * index)) & 0xF
                    // 0-9 are ASCII 48-57, a-f are 97-102.
                    buffer[start + offset + index] = nibble < 10 ? nibble + 48 : nibble + 87
                }
            }
            put(word0, at: 0)
            put(word1, at: 16)
            put(word2, at: 32)
            put(word3, at: 48)
        }
    }

    /// The 64 lowercase hexadecimal digits.
    var hex: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        appendHex(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The hex digits, so that messages print a digest as `sha256sum` does.
    var description: String { hex }
}
