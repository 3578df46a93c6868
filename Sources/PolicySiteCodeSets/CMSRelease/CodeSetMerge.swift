import PolicySiteCore

/// Merges the team's code data (`Content/data/codes.yml`, `modifiers.yml`) with a CMS release.
///
/// The release is authoritative for what CMS publishes: long and short descriptors, added,
/// action effective and termination dates, coverage code, BETOS code and action code. Where
/// both sides give a value and they differ, the release's value is kept and the data row gets a
/// warning (`data-release-mismatch`) at its own location naming the release line, such as
/// `long descriptor of G9328 differs from HCPC2019_CONTR_ANWEB.txt:5376`. A value the data leaves
/// out (nil, or an empty descriptor) is not a disagreement. Descriptors are compared with runs of
/// white space collapsed, as YAML folding and CMS's 80-column chunks space text differently.
///
/// Codes and modifiers only in the data are kept as they are (teams may track codes ahead of a
/// release); those only in the release are added. A Level II code or modifier only in the data
/// gets a warning at its row (`code-not-in-release`), such as `code G9999 is not in
/// HCPC2019_CONTR_ANWEB.txt; its descriptor and dates come from codes.yml only`: the site would
/// otherwise show it as if CMS listed it. Level I (CPT) codes and modifiers are never in CMS
/// release files and get no finding; nor does anything when the release has no records at all
/// (the reader's `release-empty` error already says why).
///
/// A merged entry keeps the data row as its `source`, since that is the line the team edits.
public enum CodeSetMerge {
    /// - Parameters:
    ///   - release: The release's code set (`HCPCSRelease.codeSet`), sources at release lines.
    ///   - data: The team's code set, sources at data rows.
    ///   - releaseFile: How warnings name the release file (`HCPC2019_CONTR_ANWEB.txt`).
    /// - Returns: The merged set, labelled with the release's label, and the warnings sorted by
    ///   location.
    ///
    /// The release set is consumed and becomes the merged set in place: a copy of its
    /// dictionary was 57 MB of a 100,000-code build's memory peak. A data code or modifier
    /// replaces the release's entry only after that entry was read, and each is read once.
    public static func merge(release: consuming CodeSet, data: CodeSet, releaseFile: String) -> (CodeSet, [Diagnostic]) {
        let releaseHasRecords = release.codeCount > 0 || !release.modifiers.isEmpty
        var merged = consume release
        var diagnostics: [Diagnostic] = []
        func notInRelease(_ subject: String, at source: SourceLocation) {
            guard releaseHasRecords else { return }
            let dataFile = source.file.split(separator: "/").last.map(String.init) ?? source.file
            diagnostics.append(.warning(
                "code-not-in-release",
                "\(subject) is not in \(releaseFile); its descriptor and dates come from \(dataFile) only",
                at: source))
        }

        // Codes only in the data are added together at the end: one sort, not one each.
        var dataOnly: [HCPCSCode] = []
        for dataCode in data.sortedCodes {
            guard let releaseCode = merged[code: dataCode.code] else {
                if HCPCSIdentifier.isLevelIICode(dataCode.code) { notInRelease("code \(dataCode.code)", at: dataCode.source) }
                dataOnly.append(dataCode)
                continue
            }
            var check = Comparison(subject: dataCode.code, dataSource: dataCode.source,
                                   releasePlace: "\(releaseFile):\(releaseCode.source.line)")
            check.text("long descriptor", dataCode.longDescriptor, releaseCode.longDescriptor)
            check.text("short descriptor", dataCode.shortDescriptor, releaseCode.shortDescriptor)
            check.value("added date", dataCode.addedDate, releaseCode.addedDate)
            check.value("action effective date", dataCode.actionEffectiveDate, releaseCode.actionEffectiveDate)
            check.value("termination date", dataCode.terminationDate, releaseCode.terminationDate)
            check.value("coverage code", dataCode.coverageCode?.rawValue, releaseCode.coverageCode?.rawValue)
            check.value("BETOS code", dataCode.betosCode, releaseCode.betosCode)
            diagnostics += check.diagnostics

            var code = releaseCode
            code.source = dataCode.source
            // Fill what CMS leaves blank from the data rather than losing it.
            code.addedDate = code.addedDate ?? dataCode.addedDate
            code.actionEffectiveDate = code.actionEffectiveDate ?? dataCode.actionEffectiveDate
            code.terminationDate = code.terminationDate ?? dataCode.terminationDate
            code.coverageCode = code.coverageCode ?? dataCode.coverageCode
            code.betosCode = code.betosCode ?? dataCode.betosCode
            code.actionCode = code.actionCode ?? dataCode.actionCode
            if code.shortDescriptor.isEmpty { code.shortDescriptor = dataCode.shortDescriptor }
            if code.longDescriptor.isEmpty { code.longDescriptor = dataCode.longDescriptor }
            merged.insert(code)
        }
        merged.insert(contentsOf: dataOnly)

        for dataModifier in data.sortedModifiers {
            // Release files carry Level II modifiers only; a Level I modifier of the same
            // spelling is a different thing and is kept as the data has it.
            guard dataModifier.level == .levelII else {
                merged.insert(dataModifier)
                continue
            }
            guard let releaseModifier = merged[modifier: dataModifier.code] else {
                notInRelease("modifier \(dataModifier.code)", at: dataModifier.source)
                merged.insert(dataModifier)
                continue
            }
            var check = Comparison(subject: "modifier \(dataModifier.code)", dataSource: dataModifier.source,
                                   releasePlace: "\(releaseFile):\(releaseModifier.source.line)")
            check.text("long descriptor", dataModifier.descriptor, releaseModifier.descriptor)
            check.text("short descriptor", dataModifier.shortDescriptor ?? "", releaseModifier.shortDescriptor ?? "")
            check.value("added date", dataModifier.addedDate, releaseModifier.addedDate)
            check.value("termination date", dataModifier.terminationDate, releaseModifier.terminationDate)
            diagnostics += check.diagnostics

            var modifier = releaseModifier
            modifier.source = dataModifier.source
            modifier.addedDate = modifier.addedDate ?? dataModifier.addedDate
            modifier.terminationDate = modifier.terminationDate ?? dataModifier.terminationDate
            modifier.shortDescriptor = modifier.shortDescriptor ?? dataModifier.shortDescriptor
            if modifier.descriptor.isEmpty { modifier.descriptor = dataModifier.descriptor }
            merged.insert(modifier)
        }
        return (merged, diagnostics.sorted())
    }

    /// The field-by-field comparison of one data row with its release record.
    private struct Comparison {
        let subject: String
        let dataSource: SourceLocation
        let releasePlace: String
        var diagnostics: [Diagnostic] = []

        mutating func text(_ field: String, _ data: String, _ release: String) {
            let data = data.collapsingWhiteSpace, release = release.collapsingWhiteSpace
            guard !data.isEmpty, !release.isEmpty, data != release else { return }
            diagnostics.append(.warning("data-release-mismatch", "\(field) of \(subject) differs from \(releasePlace)", at: dataSource))
        }

        /// Short values are named in the message, so the reader needs not open both files.
        mutating func value<Value: Equatable & CustomStringConvertible>(_ field: String, _ data: Value?, _ release: Value?) {
            guard let data, let release, data != release else { return }
            diagnostics.append(.warning(
                "data-release-mismatch",
                "\(field) of \(subject) differs from \(releasePlace) (\(data) here, \(release) there)",
                at: dataSource))
        }
    }
}
