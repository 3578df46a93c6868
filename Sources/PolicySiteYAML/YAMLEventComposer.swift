import CYaml
import PolicySiteCore

/// Front matter composed straight from libyaml's events into `YAMLValue`s, without Yams's
/// composer in between.
///
/// Yams builds a `Node` tree (a `Tag` object per node, an `Event` object per event) and, to find
/// duplicate keys, groups every mapping's keys in a dictionary of nodes; we then copy that tree
/// into our own values. For a guidance page's few lines of front matter this was 160,000
/// instructions, a twelfth of a build. libyaml still does all the parsing here (no YAML is read
/// by hand); only the composing is ours, and only for what front matter is: scalars, sequences
/// and mappings with scalar keys, no tags, anchors or aliases, one document.
///
/// Anything else, and every document libyaml or the composer would reject (a syntax error, a
/// duplicate key, a second document), answers `needsComposer`: `YAMLSource.compose` then runs
/// Yams as before, so its values and its diagnostics are the only ones a reader ever sees, and
/// this path gives exactly the values Yams's gives (`YAMLEventComposerTests` compares them).
enum YAMLEventComposer {
    enum Outcome: Equatable {
        /// The document's root; nil for an empty stream.
        case document(YAMLValue?)
        /// The document needs Yams's composer (see the type's summary).
        case needsComposer
    }

    /// The tag a quoted or block scalar has, and a plain mapping key once Yams's duplicate check
    /// has resolved it (front matter resolves no other type: `Resolver.basic`).
    static let stringTag = "tag:yaml.org,2002:str"

    /// Composes `text` for `source` (its file and line offset place every value).
    static func compose(_ text: String, for source: YAMLSource) -> Outcome {
        var text = text
        return text.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return .needsComposer }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            return withUnsafeMutablePointer(to: &parser) { parser in
                var events = Events(parser: parser, source: source)
                defer { events.finish() }
                return events.document()
            }
        }
    }

    /// libyaml's events, one at a time, and the values they compose to.
    private struct Events {
        let parser: UnsafeMutablePointer<yaml_parser_t>
        let source: YAMLSource
        /// The current event (zeroed before the first).
        var event = yaml_event_t()

        init(parser: UnsafeMutablePointer<yaml_parser_t>, source: YAMLSource) {
            self.parser = parser
            self.source = source
        }

        /// Moves to the next event; false when libyaml reports an error.
        mutating func advance() -> Bool {
            yaml_event_delete(&event)
            return yaml_parser_parse(parser, &event) == 1
        }

        mutating func finish() { yaml_event_delete(&event) }

        /// The stream: nothing, or one document (as `Yams.Parser.singleRoot` reads it).
        mutating func document() -> Outcome {
            guard advance(), event.type == YAML_STREAM_START_EVENT, advance() else { return .needsComposer }
            if event.type == YAML_STREAM_END_EVENT { return .document(nil) }
            guard event.type == YAML_DOCUMENT_START_EVENT, advance(), let root = node(isKey: false) else { return .needsComposer }
            guard advance(), event.type == YAML_DOCUMENT_END_EVENT, advance(), event.type == YAML_STREAM_END_EVENT else { return .needsComposer }
            return .document(root)
        }

        /// The node that starts at the current event, which is left at the node's last event;
        /// nil when the node needs Yams's composer.
        mutating func node(isKey: Bool) -> YAMLValue? {
            let location = source.location(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                guard scalar.anchor == nil, scalar.tag == nil else { return nil }
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let tag = isKey || scalar.quoted_implicit == 1 ? YAMLEventComposer.stringTag : nil
                return YAMLValue(.scalar(YAMLScalar(text, style: Self.style(scalar.style), tag: tag)), at: location)
            case YAML_SEQUENCE_START_EVENT:
                guard event.data.sequence_start.anchor == nil, event.data.sequence_start.tag == nil else { return nil }
                var items: [YAMLValue] = []
                while true {
                    guard advance() else { return nil }
                    if event.type == YAML_SEQUENCE_END_EVENT { break }
                    guard let item = node(isKey: false) else { return nil }
                    items.append(item)
                }
                return YAMLValue(.sequence(items), at: location)
            case YAML_MAPPING_START_EVENT:
                guard event.data.mapping_start.anchor == nil, event.data.mapping_start.tag == nil else { return nil }
                var entries: [YAMLMappingEntry] = []
                var keyTexts: [String] = []
                entries.reserveCapacity(8)
                keyTexts.reserveCapacity(8)
                while true {
                    guard advance() else { return nil }
                    if event.type == YAML_MAPPING_END_EVENT { break }
                    guard event.type == YAML_SCALAR_EVENT, entries.count < Self.largestMapping, let key = node(isKey: true), let keyText = key.scalar?.text else { return nil }
                    // Every key resolves to a string here, so two keys are one when their texts
                    // are: Yams reports that (`yaml-duplicate-key`).
                    guard !keyTexts.contains(keyText) else { return nil }
                    guard advance(), let value = node(isKey: false) else { return nil }
                    entries.append(YAMLMappingEntry(key: key, value: value))
                    keyTexts.append(keyText)
                }
                return YAMLValue(.mapping(entries), at: location)
            default:
                // An alias, or an event no node starts with.
                return nil
            }
        }

        /// The most keys a mapping composed here has: keys are compared pairwise, which is
        /// cheapest for front matter's handful; a larger mapping is Yams's.
        static let largestMapping = 32

        static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
            switch style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: .literal
            case YAML_FOLDED_SCALAR_STYLE: .folded
            default: .plain
            }
        }
    }
}
