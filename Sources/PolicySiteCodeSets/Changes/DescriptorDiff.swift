import PolicySiteCore

/// A word-level comparison of two descriptors, for showing an old and a new descriptor side by
/// side with the changed words marked (`<del>` and `<ins>` on a page).
///
/// Words are runs of characters between white space, compared exactly (case and punctuation
/// count: "durometer or" to "durometer (or" changes one word). The result is a longest common
/// subsequence of words: every word of the old text appears once, as equal or removed, and every
/// word of the new text once, as equal or added.
///
/// Bounded in time and memory whatever the texts: after the common prefix and suffix, a middle
/// of at most `tableCellLimit` word pairs is compared with the full table (every descriptor CMS
/// has shipped); a larger one with Myers's algorithm, which costs in proportion to the number
/// of words changed, up to `editLimit` changes; beyond that the middle is shown whole (old
/// removed, new added), which is also what a reader can make sense of.
public enum DescriptorDiff {
    /// The largest middle (old words × new words) compared with the full table: 8 MB.
    static let tableCellLimit = 1_000_000
    /// The most words removed plus added that Myers's algorithm looks for before the middle is
    /// shown whole: its memory grows with the square of this (about 2 MB), its time with this
    /// times the words.
    static let editLimit = 500

    /// A run of consecutive words with the same mark.
    public struct Token: Sendable, Hashable, CustomStringConvertible {
        /// How a run of words differs.
        public enum Change: String, Sendable, Hashable, Codable {
            /// In both texts.
            case equal
            /// Only in the old text.
            case removed
            /// Only in the new text.
            case added
        }

        /// The run's words, joined with single spaces.
        public var text: String
        public var change: Change

        init(_ change: Change, _ text: String) {
            self.change = change
            self.text = text
        }

        /// `text`, `[-text-]` or `{+text+}`, as `git diff --word-diff` marks words.
        public var description: String {
            switch change {
            case .equal: text
            case .removed: "[-\(text)-]"
            case .added: "{+\(text)+}"
            }
        }
    }

    /// The words of `old` and `new` as runs marked equal, removed or added.
    ///
    /// Runs come in reading order; where a stretch of words was replaced, the removed run comes
    /// before the added run. Joining every run's text with spaces gives the old text (equal and
    /// removed runs) or the new text (equal and added runs), white space collapsed.
    ///
    /// - Returns: The runs; empty when both texts are blank.
    static func tokens(from old: String, to new: String) -> [Token] {
        let oldWords = words(old), newWords = words(new)
        // Common prefix and suffix first: most descriptor edits touch a few words, and trimming
        // them keeps the quadratic table small.
        var prefix = 0
        while prefix < oldWords.count, prefix < newWords.count, oldWords[prefix] == newWords[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < oldWords.count - prefix, suffix < newWords.count - prefix,
              oldWords[oldWords.count - 1 - suffix] == newWords[newWords.count - 1 - suffix] { suffix += 1 }
        let a = Array(oldWords[prefix..<(oldWords.count - suffix)])
        let b = Array(newWords[prefix..<(newWords.count - suffix)])

        var marked: [(Token.Change, Substring)] = oldWords[..<prefix].map { (.equal, $0) }
        marked += middle(a, b)
        marked += oldWords[(oldWords.count - suffix)...].map { (.equal, $0) }
        return runs(marked)
    }

    /// The longest common subsequence of `a` and `b`, walked into marked words.
    private static func middle(_ a: [Substring], _ b: [Substring]) -> [(Token.Change, Substring)] {
        if a.isEmpty { return b.map { (.added, $0) } }
        if b.isEmpty { return a.map { (.removed, $0) } }
        guard a.count.multipliedReportingOverflow(by: b.count).partialValue <= tableCellLimit, a.count < tableCellLimit, b.count < tableCellLimit else {
            return fewestEdits(a, b, limit: editLimit) ?? (a.map { (.removed, $0) } + b.map { (.added, $0) })
        }
        // lengths[i][j]: LCS length of a[i...] and b[j...], in one flat array.
        let width = b.count + 1
        var lengths = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i * width + j] = a[i] == b[j]
                    ? lengths[(i + 1) * width + j + 1] + 1
                    : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        var result: [(Token.Change, Substring)] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                result.append((.equal, a[i])); i += 1; j += 1
            } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                // Prefer removing first, so a replaced stretch reads "[-old-] {+new+}".
                result.append((.removed, a[i])); i += 1
            } else {
                result.append((.added, b[j])); j += 1
            }
        }
        result += a[i...].map { (.removed, $0) }
        result += b[j...].map { (.added, $0) }
        return result
    }

    /// Myers's O((N+M)D) diff: the fewest removed and added words turning `a` into `b`, or nil
    /// when that takes more than `limit`. Keeps, for each number of edits d, the furthest
    /// reach on diagonals -d-1...d+1 (about limit² positions in all) to walk the path back.
    static func fewestEdits(_ a: [Substring], _ b: [Substring], limit: Int) -> [(Token.Change, Substring)]? {
        let n = a.count, m = b.count
        let maximum = min(n + m, limit)
        let offset = maximum + 1
        var reach = [Int](repeating: 0, count: 2 * maximum + 3)
        var trace: [[Int]] = []
        for d in 0...maximum {
            // The reaches after d - 1 edits, diagonals -d-1...d+1 (index k + d + 1).
            trace.append(Array(reach[(offset - d - 1)...(offset + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && reach[offset + k - 1] < reach[offset + k + 1])) ? reach[offset + k + 1] : reach[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                reach[offset + k] = x
                guard x >= n, y >= m else { continue }
                // Walk back from the end, one edit and its run of equal words at a time.
                var result: [(Token.Change, Substring)] = []
                var (px, py) = (n, m)
                for step in stride(from: d, through: 0, by: -1) {
                    let saved = trace[step]
                    func at(_ diagonal: Int) -> Int { saved[diagonal + step + 1] }
                    let diagonal = px - py
                    let previous = (diagonal == -step || (diagonal != step && at(diagonal - 1) < at(diagonal + 1))) ? diagonal + 1 : diagonal - 1
                    let startX = step == 0 ? 0 : at(previous)
                    let startY = step == 0 ? 0 : startX - previous
                    while px > startX, py > startY { px -= 1; py -= 1; result.append((.equal, a[px])) }
                    if step > 0 {
                        if px == startX { py -= 1; result.append((.added, b[py])) } else { px -= 1; result.append((.removed, a[px])) }
                    }
                }
                return result.reversed()
            }
        }
        return nil
    }

    /// Joins consecutive words of the same mark; within a changed stretch, removed words are
    /// gathered before added ones so a replacement shows as one deletion and one insertion.
    private static func runs(_ marked: [(Token.Change, Substring)]) -> [Token] {
        var tokens: [Token] = []
        var removed: [Substring] = [], added: [Substring] = [], equal: [Substring] = []
        func flushChanged() {
            if !removed.isEmpty { tokens.append(Token(.removed, removed.joined(separator: " "))) }
            if !added.isEmpty { tokens.append(Token(.added, added.joined(separator: " "))) }
            removed = []; added = []
        }
        func flushEqual() {
            if !equal.isEmpty { tokens.append(Token(.equal, equal.joined(separator: " "))) }
            equal = []
        }
        for (change, word) in marked {
            switch change {
            case .equal: flushChanged(); equal.append(word)
            case .removed: flushEqual(); removed.append(word)
            case .added: flushEqual(); added.append(word)
            }
        }
        flushChanged()
        flushEqual()
        return tokens
    }

    /// Whether two descriptors have the same words: equal once runs of white space are
    /// collapsed and ends trimmed. This is what "descriptor changed" means in a comparison.
    static func sameWords(_ old: String, _ new: String) -> Bool {
        old == new || words(old) == words(new)
    }

    private static func words(_ text: String) -> [Substring] { text.whiteSpaceSeparatedWords }
}
