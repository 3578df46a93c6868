#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicySiteCore
import Yams

/// YAML text read into `YAMLValue`s, with every problem as a diagnostic.
///
/// libyaml (through Yams) does the parsing; this type only maps its errors and marks to
/// `file:line:column` and copies its tree into our own values. `lineOffset` is added to every
/// line, because front matter is parsed apart from the file it sits in (after the opening fence).
public struct YAMLSource: Sendable {
    let file: String
    /// Lines before the YAML in its file (front matter's opening fence).
    let lineOffset: Int
    /// Whether mapping keys get YAML 1.1's implied types while composing (libyaml's duplicate
    /// key check compares keys by type). PolicySite reads every scalar as the text written, so
    /// only files whose keys are identifiers need it (`0450:` in a data file is linted as the
    /// number 296); front matter, whose keys are names, skips the default resolver's regular
    /// expressions, which ran for every key of every guidance page (ICU, a tenth of a build).
    let resolvesImplicitTypes: Bool

    /// - Parameters:
    ///   - file: The path diagnostics name, as shown to the author (`Content/site.yml`).
    ///   - lineOffset: Lines of the file before the YAML (front matter starts after `---`).
    ///   - resolvesImplicitTypes: See the property; false for front matter.
    public init(file: String, lineOffset: Int = 0, resolvesImplicitTypes: Bool = true) {
        self.file = file
        self.lineOffset = lineOffset
        self.resolvesImplicitTypes = resolvesImplicitTypes
    }

    /// Where the document starts (line 1 of the YAML, column 1): where a problem that has no
    /// node of its own is reported.
    public var documentStart: SourceLocation { location(nil) }

    /// Composes one YAML document. Returns nil and at least one error diagnostic when the text
    /// is not valid YAML (syntax, tabs used for indentation, duplicate keys, a `yaml-too-large`
    /// expansion of aliases); an empty document gives nil and no diagnostic.
    public func compose(_ text: String) -> (root: YAMLValue?, diagnostics: [Diagnostic]) {
        do {
            // The encoding is named: Yams's default reads it from the process environment
            // (`YAMS_DEFAULT_ENCODING`) on every call, which builds the whole environment.
            let root = try Yams.compose(yaml: text, resolvesImplicitTypes ? .default : .basic, Self.constructor, .utf8)
            guard let root else { return (nil, []) }
            // Checked before copying: the copy expands every alias.
            if Self.mayHaveAliases(text), let problem = expansionProblem(root, text: text) {
                return (nil, [problem])
            }
            return (value(of: root), [])
        } catch let error as YamlError {
            return (nil, [diagnostic(for: error, in: text)])
        } catch {
            return (nil, [.error("yaml-syntax", "YAML could not be read: \(error)", at: SourceLocation(file: file, line: lineOffset + 1))])
        }
    }

    /// The constructor Yams's composer wants, made once: composing builds no Swift values from
    /// it, and `Constructor.default` makes a new one (three dictionaries) every time it is named,
    /// once per front matter. Immutable once made, so sharing it between threads is safe.
    nonisolated(unsafe) static let constructor = Constructor.default

    /// Whether `text` has a `*` (an alias can only be written with one), found by `memchr` in
    /// its contiguous bytes: `contains` on the UTF-8 view walks it index by index, and on the
    /// bytes tested them one at a time.
    static func mayHaveAliases(_ text: String) -> Bool {
        let star = UInt8(ascii: "*")
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, Int32(star), bytes.count) != nil } ?? false
        } ?? text.utf8.contains(star)
    }

    /// Our copy of a composed node. A tag not resolved yet (name "") is no tag: the scalar is
    /// plain and untagged, and `YAMLScalar.implicitType` resolves it when asked.
    /// Each node's place is read from the node's own case (`Node.mark` would unpack it a second
    /// time, a copy of it with its retains, for every node of every front matter).
    ///
    /// The node is taken, not borrowed, and its children are handed on the same way: each key
    /// and value comes out of Yams's subscript as a value of its own, and a borrowed node was
    /// copied again (a retain of each of its fields) only to be unpacked, for every node.
    func value(of node: consuming Node) -> YAMLValue {
        switch consume node {
        case .scalar(let scalar):
            let tag = scalar.tag.description
            return YAMLValue(.scalar(YAMLScalar(scalar.string, style: Self.style(of: scalar.style), tag: tag.isEmpty ? nil : tag)), at: location(scalar.mark))
        case .mapping(let mapping):
            var entries: [YAMLMappingEntry] = []
            entries.reserveCapacity(mapping.count)
            for index in mapping.indices {
                let (key, value) = mapping[index]
                entries.append(YAMLMappingEntry(key: self.value(of: consume key), value: self.value(of: consume value)))
            }
            return YAMLValue(.mapping(entries), at: location(mapping.mark))
        case .sequence(let sequence):
            var items: [YAMLValue] = []
            items.reserveCapacity(sequence.count)
            for index in sequence.indices {
                let item = sequence[index]
                items.append(value(of: consume item))
            }
            return YAMLValue(.sequence(items), at: location(sequence.mark))
        case .alias(let alias):
            // Composing replaces every alias by the node it names; kept for completeness.
            return YAMLValue(.scalar(YAMLScalar("*" + alias.anchor.rawValue, style: .plain)), at: location(alias.mark))
        }
    }

    static func style(of style: Node.Scalar.Style) -> YAMLScalar.Style {
        switch style {
        case .singleQuoted: .singleQuoted
        case .doubleQuoted: .doubleQuoted
        case .literal: .literal
        case .folded: .folded
        case .any, .plain: .plain
        }
    }

    /// The most a document may expand to through aliases, in bytes of scalar text plus 16 a
    /// node: ten times its own size, and at least 1 MB. Without aliases a document is its own
    /// size; with them (`&a [x, x]`, `&b [*a, *a]` ...) a few lines can stand for gigabytes.
    static func expansionLimit(textBytes: Int) -> Int { max(10 * textBytes, 1_048_576) }

    /// A `yaml-too-large` error when the tree, aliases expanded, passes `expansionLimit`;
    /// counted with an early stop, so a document of a billion nodes costs the limit, no more.
    func expansionProblem(_ root: Node, text: String) -> Diagnostic? {
        let limit = Self.expansionLimit(textBytes: text.utf8.count)
        var total = 0
        var pending: [Node] = [root]
        while let node = pending.popLast() {
            total += 16
            switch node {
            case .scalar(let scalar): total += scalar.string.utf8.count
            case .mapping(let mapping):
                for (key, value) in mapping { pending.append(key); pending.append(value) }
            case .sequence(let sequence): pending.append(contentsOf: sequence)
            case .alias: break
            }
            if total > limit {
                let at = Self.firstAlias(in: text).map { SourceLocation(file: file, line: $0.line + lineOffset, column: $0.column) } ?? location(of: root)
                return .error("yaml-too-large", "aliases expand this YAML past \(limit / 1024) KB (ten times its own size, at least 1 MB); write the values out, or repeat fewer of them", at: at)
            }
        }
        return nil
    }

    /// The first alias (`*name`) whose anchor (`&name`) the text defines: where an expansion
    /// starts. A lookup of tokens libyaml has already read, not a parser.
    static func firstAlias(in text: String) -> (line: Int, column: Int)? {
        var anchors: Set<Substring> = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var index = line.startIndex
            while index < line.endIndex {
                let character = line[index]
                if character == "&" || character == "*" {
                    let nameStart = line.index(after: index)
                    let nameEnd = line[nameStart...].firstIndex { $0 == " " || $0 == "," || $0 == "]" || $0 == "}" || $0 == "\r" } ?? line.endIndex
                    let name = line[nameStart..<nameEnd]
                    if character == "&" {
                        anchors.insert(name)
                    } else if anchors.contains(name) {
                        return (number + 1, line.utf8.distance(from: line.startIndex, to: index) + 1)
                    }
                    index = nameEnd
                    continue
                }
                index = line.index(after: index)
            }
        }
        return nil
    }

    /// The location of a node's first character.
    func location(of node: Node?) -> SourceLocation {
        location(node?.mark)
    }

    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(file: file, line: lineOffset + 1, column: 1) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: max(1, mark.column))
    }

    private func diagnostic(for error: YamlError, in text: String) -> Diagnostic {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            // libyaml reports a tab used for indentation as "found character that cannot
            // start any token"; name the real cause, which is what authors need to fix.
            if character(in: text, at: mark) == "\t" {
                return .error("yaml-syntax", "tab character used for indentation", at: location(mark))
            }
            return .error("yaml-syntax", "invalid YAML: \(problem)", at: location(mark))
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? "?"
            let first = context.mark
            let repeated = Self.nextOccurrence(ofKey: key, after: first, in: text)
            var at = location(first)
            if let repeated { at = SourceLocation(file: file, line: repeated.line + lineOffset, column: repeated.column) }
            return .error(
                "yaml-duplicate-key",
                "duplicate key '\(key)' (first defined at line \(first.line + lineOffset))",
                at: at)
        case let .reader(problem, _, _, _):
            return .error("yaml-syntax", "invalid YAML: \(problem)", at: location(nil))
        default:
            return .error("yaml-syntax", "invalid YAML: \(error)", at: location(nil))
        }
    }

    private func character(in text: String, at mark: Mark) -> Character? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let line = lines[mark.line - 1]
        // libyaml points at the offending character, or at the start of the line's indentation.
        let index = line.unicodeScalars.index(line.unicodeScalars.startIndex, offsetBy: max(0, mark.column - 1), limitedBy: line.unicodeScalars.endIndex)
        if let index, index < line.unicodeScalars.endIndex, line.unicodeScalars[index] == "\t" { return "\t" }
        return line.first == "\t" ? "\t" : nil
    }

    /// Yams reports where a duplicated key first appears; the finding belongs on the repeat.
    /// Looks for the same key at the same indentation on a later line: a lookup of a token
    /// libyaml has already parsed, not a parser.
    static func nextOccurrence(ofKey key: String, after mark: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let indent = mark.column - 1
        let spellings = [key + ":", "\"\(key)\":", "'\(key)':"]
        for number in mark.line..<lines.count {
            let line = lines[number]  // 0-based index `number` is line number + 1
            let scalars = Array(line.unicodeScalars)
            guard scalars.count > indent else { continue }
            let rest = String(String.UnicodeScalarView(scalars[indent...]))
            let before = String(String.UnicodeScalarView(scalars[..<indent]))
            guard before.allSatisfy({ $0 == " " || $0 == "-" }) else { continue }
            if spellings.contains(where: { rest.hasPrefix($0) }) {
                return (number + 1, mark.column)
            }
        }
        return nil
    }
}
