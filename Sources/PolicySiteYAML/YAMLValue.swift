import PolicySiteCore

/// One node of a YAML document as PolicySite reads it: a scalar, a mapping or a sequence, each
/// with the `file:line:column` of its first character.
///
/// Built by `YAMLSource.compose` from libyaml's tree once the document has parsed and passed
/// the alias bound, so no other module sees a Yams type. An alias (`*name`) is already replaced
/// by a copy of the node it names, located where that node is written (at its anchor).
public struct YAMLValue: Sendable, Equatable {
    /// What the node holds.
    public enum Content: Sendable, Equatable {
        /// Text, a number, a date... as written: PolicySite gives it a type when it reads it.
        case scalar(YAMLScalar)
        /// The entries in the order written.
        case mapping([YAMLMappingEntry])
        /// The items in the order written.
        case sequence([YAMLValue])
    }

    /// The node's scalar, entries or items.
    public var content: Content
    /// Where the node starts; for a mapping or sequence in block style, its first key or item.
    public var location: SourceLocation

    /// A node made by a reader rather than by `YAMLSource` (an empty record stands for `-`).
    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// The scalar, or nil when the node is a mapping or sequence.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// The entries of a mapping in the order written, or nil for any other node.
    public var mapping: [YAMLMappingEntry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    /// The items of a sequence, or nil for any other node.
    public var sequence: [YAMLValue]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// How messages name the node's kind: "scalar", "mapping" or "list".
    var kindName: String {
        switch content {
        case .scalar: "scalar"
        case .mapping: "mapping"
        case .sequence: "list"
        }
    }
}

/// One `key: value` of a mapping; the key is a node of its own, with its own location.
public struct YAMLMappingEntry: Sendable, Equatable {
    /// The key as written (`0450:` keeps its zero), with its own place.
    public var key: YAMLValue
    /// The value, located where it starts (after the colon when it is empty).
    public var value: YAMLValue

    init(key: YAMLValue, value: YAMLValue) {
        self.key = key
        self.value = value
    }

    /// The key's text when it is a scalar; "" for a mapping or sequence used as a key.
    var keyText: String { key.scalar?.text ?? "" }
}
