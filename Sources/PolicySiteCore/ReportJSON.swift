import Foundation

/// The JSON of the reports PolicySite prints for programs (`check --format json`, `changes
/// --format json`): Foundation's `JSONEncoder` with keys sorted, so that the text is the same
/// from run to run, pretty-printed for people who read it, and ended by a newline.
///
/// The report types write every key, an absent value as `null` (`NullWhenAbsent`), so every
/// object of a kind has the same keys. Files of the
/// site (the manifest, the code pages' JSON twins, the search index) are written by hand
/// instead, where the layout is part of the published bytes.
public enum ReportJSON {
    /// `value` as pretty-printed JSON with sorted keys, and a final newline.
    public static func text<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        } catch {
            // Reports hold strings, integers, arrays and objects, which always encode; a
            // failure is a bug in a report type, not something a user can cause.
            preconditionFailure("report could not be encoded as JSON: \(error)")
        }
    }
}

/// A report value written as `null` when absent. The synthesized `encode(to:)` leaves a nil
/// optional's key out; readers of a report rely on every object having all its keys.
@propertyWrapper
public struct NullWhenAbsent<Value: Encodable>: Encodable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension NullWhenAbsent: Equatable where Value: Equatable {}
extension NullWhenAbsent: Sendable where Value: Sendable {}
