/// The HTML of every part, as byte ranges of the whole document's HTML.
struct RenderedParts {
    var whole: String
    /// `bounds[i]..<bounds[i + 1]` is part `i`, in UTF-8 bytes of `whole`. Every bound is 0,
    /// the end, or just after a newline, so it is a character boundary.
    var bounds: [Int]

    func string(_ part: Int) -> Substring { string(part..<(part + 1)) }

    /// Parts `parts` as a slice of `whole`: it shares `whole`'s storage (no copy).
    func string(_ parts: Range<Int>) -> Substring {
        let utf8 = whole.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: bounds[parts.lowerBound])
        let end = utf8.index(start, offsetBy: bounds[parts.upperBound] - bounds[parts.lowerBound])
        return whole[start..<end]
    }

    /// The parts of `bytes`; nil if decoding them would repair invalid UTF-8 (never expected
    /// from cmark), so that slices of the decoded string could no longer follow `bounds`.
    init?(bytes: UnsafeBufferPointer<UInt8>, segments: [Range<Int>]) {
        var bounds = [0]
        bounds.reserveCapacity(segments.count + 1)
        var total = 0
        for segment in segments {
            total += segment.count
            bounds.append(total)
        }
        let whole = String(unsafeUninitializedCapacity: total) { buffer in
            var written = 0
            for segment in segments where !segment.isEmpty {
                _ = UnsafeMutableBufferPointer(rebasing: buffer[written..<(written + segment.count)])
                    .initialize(from: UnsafeBufferPointer(rebasing: bytes[segment]))
                written += segment.count
            }
            return written
        }
        guard whole.utf8.count == total else { return nil }
        self.whole = whole
        self.bounds = bounds
    }

    init(bytes: [UInt8], bounds: [Int]) {
        self.whole = String(decoding: bytes, as: UTF8.self)
        self.bounds = bounds
    }
}
