import Foundation
@testable import PolicySiteCodeSets

/// The counts of `ReleaseComparison` derived a second way, straight from the raw files, with no
/// code of the library: a plain fixed-width read and the definitions of `CodeChangeKind` applied
/// to byte slices. It shares nothing with `HCPCSReleaseReader` or `ReleaseComparison` but the
/// kind names, so when both agree on the real releases neither is merely agreeing with itself.
///
/// The read: lines split on LF, a trailing CR dropped, short lines padded with blanks; record id
/// in column 11; 3 and 7 start a procedure code (columns 1-5) and a modifier (columns 4-5), 4 and
/// 8 append columns 12-91 to the long descriptor of the record they follow; a second first line
/// for a code is ignored with its continuations. Descriptors are compared as words (runs of
/// bytes between blanks); the administrative columns 120-268 field by field as words; dates and
/// the action code (column 293, blank meaning N) as raw text.
struct IndependentReleaseComparison {
    struct Record {
        var long: [UInt8]
        var short: [UInt8]
        var administrative: [[ArraySlice<UInt8>]]
        var added: ArraySlice<UInt8>
        var terminated: Bool
        var termination: ArraySlice<UInt8>
        var action: UInt8
    }

    /// Per record kind ("procedure" or "modifier"), code to record.
    static func read(_ path: String) throws -> [String: [String: Record]] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // 1-based inclusive columns of each administrative field, from the 2019 record layout.
        let fields: [ClosedRange<Int>] = [120...127, 128...128, 129...146, 147...170, 171...180, 181...204, 205...229, 230...230,
                                          231...232, 233...240, 241...243, 244...244, 245...252, 253...256, 257...259, 261...265, 266...268]
        var records: [String: [String: Record]] = ["procedure": [:], "modifier": [:]]
        var current: (kind: String, code: String)?
        for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            var line = Array(rawLine)
            if line.last == 0x0D { line.removeLast() }
            guard line.count >= 11 else { current = nil; continue }
            if line.count < 320 { line += [UInt8](repeating: 0x20, count: 320 - line.count) }
            func columns(_ range: ClosedRange<Int>) -> ArraySlice<UInt8> { line[(range.lowerBound - 1)...(range.upperBound - 1)] }
            func text(_ range: ClosedRange<Int>) -> String { String(decoding: columns(range), as: UTF8.self).trimmingCharacters(in: .whitespaces) }
            switch line[10] {
            case UInt8(ascii: "3"), UInt8(ascii: "7"):
                let kind = line[10] == UInt8(ascii: "3") ? "procedure" : "modifier"
                let code = kind == "procedure" ? text(1...5) : text(4...5)
                if records[kind]![code] != nil { current = nil; continue }
                let termination = columns(285...292)
                records[kind]![code] = Record(
                    long: Array(columns(12...91)), short: Array(columns(92...119)),
                    administrative: fields.map { columns($0).split(separator: 0x20) },
                    added: columns(269...276), terminated: termination.contains { $0 != 0x20 }, termination: termination,
                    action: line[292] == 0x20 ? UInt8(ascii: "N") : line[292])
                current = (kind, code)
            case UInt8(ascii: "4"), UInt8(ascii: "8"):
                let kind = line[10] == UInt8(ascii: "4") ? "procedure" : "modifier"
                let code = kind == "procedure" ? text(1...5) : text(4...5)
                if let current, current.kind == kind, current.code == code {
                    records[kind]![code]!.long += columns(12...91)
                }
            default:
                current = nil
            }
        }
        return records
    }

    static func words(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] { bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }) }

    /// The kinds of each changed code, keyed "procedure G0477" or "modifier ZZ".
    static func kinds(old oldPath: String, new newPath: String) throws -> [String: Set<CodeChangeKind>] {
        let old = try read(oldPath), new = try read(newPath)
        var result: [String: Set<CodeChangeKind>] = [:]
        for kind in ["procedure", "modifier"] {
            let before = old[kind]!, after = new[kind]!
            for code in Set(before.keys).union(after.keys) {
                var kinds: Set<CodeChangeKind> = []
                var expected: String
                switch (before[code], after[code]) {
                case (let o?, nil):
                    kinds = o.terminated ? [.droppedAfterTermination] : [.discontinued, .vanishedWithoutTermination]
                    expected = ""  // nothing in NEW to check
                case (nil, let n?):
                    kinds = n.terminated ? [.addedAlreadyTerminated] : [.added]
                    expected = n.terminated ? "DA" : "A"
                case (let o?, let n?):
                    if !o.terminated, n.terminated { kinds.insert(.discontinued) }
                    if o.terminated, !n.terminated { kinds.insert(.reinstated) }
                    if o.terminated, n.terminated, o.termination != n.termination { kinds.insert(.terminationDateChanged) }
                    if o.added != n.added { kinds.insert(.addedDateChanged) }
                    if words(o.long) != words(n.long) { kinds.insert(.longDescriptorChanged) }
                    if words(o.short) != words(n.short) { kinds.insert(.shortDescriptorChanged) }
                    if o.administrative != n.administrative { kinds.insert(.administrativeDataChanged) }
                    // The first that applies names the action code CMS should have written.
                    expected = kinds.contains(.discontinued) ? "D"
                        : kinds.contains(.reinstated) ? "RA"
                        : kinds.contains(.addedDateChanged) ? "A"
                        : kinds.contains(.terminationDateChanged) ? "DF"
                        : kinds.contains(.longDescriptorChanged) ? "CB"
                        : kinds.contains(.shortDescriptorChanged) ? "S"
                        : kinds.contains(.administrativeDataChanged) ? "FPT"
                        : "N"
                case (nil, nil):
                    continue
                }
                if let n = after[code], !expected.utf8.contains(n.action) { kinds.insert(.actionCodeDisagrees) }
                if !kinds.isEmpty { result["\(kind) \(code)"] = kinds }
            }
        }
        return result
    }

    /// The number of codes with each kind, zero included, as `ReleaseComparison.counts`.
    static func counts(_ kinds: [String: Set<CodeChangeKind>], prefix: String = "") -> [CodeChangeKind: Int] {
        var counts = Dictionary(uniqueKeysWithValues: CodeChangeKind.allCases.map { ($0, 0) })
        for (key, set) in kinds where key.hasPrefix(prefix) { for kind in set { counts[kind]! += 1 } }
        return counts
    }
}
