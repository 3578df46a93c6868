import PolicySiteCore
import PolicySiteYAML

/// Reads the team's typed data files in `Content/data/`: `codes.yml`, `modifiers.yml` and
/// `payers.yml`.
///
/// Each file is either a list of records (`- code: "G9328"` ...) or a mapping keyed by the
/// identifier (`G9328:` then the record's keys). Every problem is a diagnostic at its line and
/// column; a bad row is skipped and the rest of the file still loads.
public enum DataFileLoader {
    /// Codes from `codes.yml`. Keys: `code` (required), `longDescriptor`, `shortDescriptor`,
    /// `added`, `actionEffective`, `terminated` (YYYY-MM-DD), `coverage` (C, D, I, M, S),
    /// `betos`.
    public static func codes(yaml text: String, file: String) -> (codes: [HCPCSCode], diagnostics: [Diagnostic]) {
        records(yaml: text, file: file, identifierKey: "code", kind: "code", lintsUnquoted: true) { reader, identifier in
            guard HCPCSIdentifier.isProcedureCode(identifier) else {
                reader.report(.error("code-format", "code '\(identifier)' is not an HCPCS Level II code (a letter A-V and four digits) or a five-character Level I code", at: reader.location(ofKey: "code")))
                return nil
            }
            let coverageText = reader.string("coverage")
            let coverage = coverageText.flatMap(CoverageCode.init(rawValue:))
            if let coverageText, coverage == nil {
                reader.report(.error("data-value", "coverage code '\(coverageText)' of \(identifier) is not one of C, D, I, M, S", at: reader.location(ofKey: "coverage")))
            }
            return HCPCSCode(
                code: identifier,
                longDescriptor: reader.text("longDescriptor", required: true) ?? "",
                shortDescriptor: reader.text("shortDescriptor", required: true) ?? "",
                addedDate: reader.date("added"),
                actionEffectiveDate: reader.date("actionEffective"),
                terminationDate: reader.date("terminated"),
                coverageCode: coverage,
                betosCode: reader.string("betos"),
                source: reader.node.location)
        }
    }

    /// Modifiers from `modifiers.yml`. Keys: `code` (required, two characters), `descriptor`
    /// (required), `shortDescriptor`, `level` (`I` for CPT modifiers, `II` for HCPCS),
    /// `added`, `terminated`.
    public static func modifiers(yaml text: String, file: String) -> (modifiers: [Modifier], diagnostics: [Diagnostic]) {
        records(yaml: text, file: file, identifierKey: "code", kind: "modifier", lintsUnquoted: true) { reader, identifier in
            guard HCPCSIdentifier.isModifier(identifier) else {
                reader.report(.error("modifier-format", "modifier '\(identifier)' is not two upper-case letters or digits", at: reader.location(ofKey: "code")))
                return nil
            }
            let levelText = reader.string("level") ?? (identifier.allSatisfy(\.isNumber) ? "I" : "II")
            let level = ModifierLevel(rawValue: levelText)
            if level == nil {
                reader.report(.error("data-value", "level '\(levelText)' of modifier \(identifier) is not I or II", at: reader.location(ofKey: "level")))
            }
            return Modifier(
                code: identifier,
                descriptor: reader.string("descriptor", required: true) ?? "",
                shortDescriptor: reader.string("shortDescriptor"),
                level: level ?? .levelII,
                addedDate: reader.date("added"),
                terminationDate: reader.date("terminated"),
                source: reader.node.location)
        }
    }

    /// Payers from `payers.yml`. Keys: `id` (required; lower-case letters, digits, hyphens),
    /// `name` (required), `aliases`, `portalURL`.
    ///
    /// An alias equal (ignoring case) to another payer's id or name, or to another payer's
    /// alias, is a `data-duplicate` error: a note under it would belong to two payers, and the
    /// code page would get two notes with one anchor.
    public static func payers(yaml text: String, file: String) -> (payers: [Payer], diagnostics: [Diagnostic]) {
        var (payers, diagnostics) = payerRecords(yaml: text, file: file)
        var owners: [String: Payer] = [:]
        for payer in payers {
            for name in [payer.id, payer.name] where owners[name.lowercased()] == nil { owners[name.lowercased()] = payer }
        }
        var aliasOwners: [String: Payer] = [:]
        for payer in payers {
            for alias in payer.aliases {
                let key = alias.lowercased()
                if let other = owners[key], other.id != payer.id {
                    diagnostics.append(.error("data-duplicate", "alias '\(alias)' of payer '\(payer.id)' is the id or name of payer '\(other.id)'; a note under it would belong to both", at: payer.source))
                } else if let other = aliasOwners[key], other.id != payer.id {
                    diagnostics.append(.error("data-duplicate", "alias '\(alias)' of payer '\(payer.id)' is also an alias of payer '\(other.id)'; a note under it would belong to both", at: payer.source))
                } else {
                    aliasOwners[key] = payer
                }
            }
        }
        // A colliding alias is dropped, so no note resolves to two payers.
        for index in payers.indices {
            let id = payers[index].id
            payers[index].aliases.removeAll { alias in
                let other = owners[alias.lowercased()] ?? aliasOwners[alias.lowercased()]
                return other.map { $0.id != id } ?? false
            }
        }
        return (payers, diagnostics)
    }

    static func payerRecords(yaml text: String, file: String) -> (payers: [Payer], diagnostics: [Diagnostic]) {
        records(yaml: text, file: file, identifierKey: "id", kind: "payer", lintsUnquoted: true) { reader, identifier in
            guard !identifier.isEmpty, identifier.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else {
                reader.report(.error("payer-format", "payer id '\(identifier)' must use only lower-case letters, digits and hyphens", at: reader.location(ofKey: "id")))
                return nil
            }
            return Payer(
                id: identifier,
                name: reader.text("name", required: true) ?? identifier,
                aliases: reader.texts("aliases") ?? [],
                portalURL: reader.string("portalURL"),
                portalURLLocation: reader.value("portalURL")?.location,
                source: reader.node.location)
        }
    }

    /// Walks a list-of-records or keyed-mapping file; `make` reads one record's other keys.
    /// Duplicate identifiers are `data-duplicate` errors naming the first definition's line.
    /// With `lintsUnquoted`, an identifier written unquoted that YAML tools would read as a
    /// number, boolean, null or date (`- code: 0450`, or `0450:` as a key) gets an
    /// `identifier-unquoted` warning (see `YAMLMappingReader.identifier`); the row still loads.
    static func records<Record>(
        yaml text: String, file: String, identifierKey: String, kind: String, lintsUnquoted: Bool = false,
        make: (inout YAMLMappingReader, String) -> Record?
    ) -> ([Record], [Diagnostic]) {
        let source = YAMLSource(file: file)
        var (root, diagnostics) = source.compose(text)
        guard let root else { return ([], diagnostics) }
        var entries: [(identifier: String?, identifierLocation: SourceLocation, key: YAMLScalar?, record: YAMLValue)] = []
        switch root.content {
        case .sequence(let sequence):
            entries = sequence.map { (nil, $0.location, nil, $0) }
        case .mapping(let mapping):
            entries = mapping.map { ($0.key.scalar?.text, $0.key.location, $0.key.scalar, $0.value) }
        case .scalar:
            diagnostics.append(.error("yaml-type", "\(file) must be a list of \(kind)s or a mapping keyed by \(kind)", at: root.location))
            return ([], diagnostics)
        }
        var records: [Record] = []
        var firstSeen: [String: SourceLocation] = [:]
        for entry in entries {
            var failure: [Diagnostic] = []
            let recordNode: YAMLValue
            if entry.identifier != nil, entry.record.scalar != nil {
                // `G9328: "short text"` is not a record; say so rather than guess.
                diagnostics.append(.error("yaml-type", "\(kind) '\(entry.identifier!)' must be a mapping of keys to values", at: entry.record.location))
                continue
            }
            // An empty list item (`-`) is an empty record, reported where the document starts.
            recordNode = entry.record.scalar?.text.isEmpty == true ? YAMLValue(.mapping([]), at: source.documentStart) : entry.record
            guard var reader = YAMLMappingReader(recordNode, subject: kind, failure: &failure) else {
                diagnostics += failure
                continue
            }
            let identifier: String?
            let identifierLocation: SourceLocation
            if let keyed = entry.identifier {
                identifier = keyed
                identifierLocation = entry.identifierLocation
                if let inner = reader.string(identifierKey), inner != keyed {
                    reader.report(.error("data-value", "\(kind) '\(keyed)' has \(identifierKey) '\(inner)'", at: reader.location(ofKey: identifierKey)))
                }
            } else {
                identifier = reader.string(identifierKey, required: true)
                identifierLocation = reader.location(ofKey: identifierKey)
            }
            guard let identifier else {
                reader.rejectUnknownKeys()
                diagnostics += reader.diagnostics
                continue
            }
            if let first = firstSeen[identifier] {
                diagnostics.append(.error("data-duplicate", "\(kind) '\(identifier)' is defined twice (first at line \(first.line))", at: identifierLocation))
                continue
            }
            firstSeen[identifier] = identifierLocation
            let subjectReader = reader
            reader = YAMLMappingReader(recordNode, subject: "\(kind) \(identifier)", failure: &failure) ?? subjectReader
            if lintsUnquoted {
                if let keyScalar = entry.key {
                    reader.lintUnquoted(keyScalar, name: kind, at: entry.identifierLocation)
                }
                if let inner = reader.value(identifierKey)?.scalar {
                    reader.lintUnquoted(inner, name: kind, at: reader.location(ofValue: identifierKey))
                }
            } else {
                _ = reader.value(identifierKey)
            }
            let record = make(&reader, identifier)
            // A row rejected for its identifier is reported once, not once per key.
            if record != nil { reader.rejectUnknownKeys() }
            diagnostics += reader.diagnostics
            if let record { records.append(record) }
        }
        return (records, diagnostics)
    }
}
