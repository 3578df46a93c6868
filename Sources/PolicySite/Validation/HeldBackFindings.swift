import PolicySiteCore

/// A data file that did not load is reported once, at the file; what only follows from its
/// absence (every page's code unknown because `data/codes.yml` is not YAML) is held back and
/// counted in one `findings-held-back` note, so the root cause is not buried under its effects.
///
/// A file that is there but did not load has its own error already (`yaml-syntax`,
/// `encoding`, `content-unreadable`...). A missing file is reported (`data-missing`, error)
/// only when something follows from it: `data/payers.yml` always, `data/codes.yml` and
/// `data/modifiers.yml` only without a CMS release, which otherwise holds the codes and
/// modifiers. Every held-back finding follows an error, so the build still fails; the findings
/// come back on the next build once the file loads.
enum HeldBackFindings {
    /// The rules whose findings may only follow from a data file's absence.
    static let consequences: [DataFileKind: Set<String>] = [
        .codes: ["code-unknown", "mention-unknown-code"],
        .modifiers: ["modifier-unknown"],
        .payers: ["payer-unknown", "data-reference"],
    ]

    /// `diagnostics` without the findings that follow from a data file that did not load, plus
    /// one note per such file (and a `data-missing` error per missing file) naming the count.
    ///
    /// - Parameter hasRelease: Whether the site reads a CMS release (then missing `codes.yml`
    ///   and `modifiers.yml` are expected: the release holds the codes and modifiers).
    static func apply(_ diagnostics: [Diagnostic], content: SiteContent, hasRelease: Bool) -> [Diagnostic] {
        var roots: [(kind: DataFileKind, file: String, missing: Bool)] = content.unloadedData.sorted { $0.key < $1.key }.map { ($0.key, $0.value, false) }
        for (kind, file) in content.missingData.sorted(by: { $0.key < $1.key }) where kind == .payers || !hasRelease {
            roots.append((kind, file, true))
        }
        guard !roots.isEmpty else { return diagnostics }
        var result = diagnostics
        for root in roots {
            let rules = consequences[root.kind] ?? []
            let held = Set(result.filter { rules.contains($0.rule) })
            guard !held.isEmpty else { continue }
            result.removeAll { rules.contains($0.rule) }
            // At the file's first error, so the cause reads first and the count right after it.
            let at = result.filter { $0.location.file == root.file && $0.severity == .error }.min()?.location ?? SourceLocation(file: root.file)
            let name = "data/" + root.kind.fileName
            if root.missing {
                result.append(.error("data-missing", missingMessage(root.kind), at: at))
            }
            let count = held.count
            result.append(Diagnostic(.note, "findings-held-back", "\(count) finding\(count == 1 ? "" : "s") about \(root.kind.rawValue) held back until \(name) loads", at: at))
        }
        return result
    }

    static func missingMessage(_ kind: DataFileKind) -> String {
        switch kind {
        case .codes: "data/codes.yml is missing; without a CMS release (codeSet or releases in site.yml) the site's codes come from it"
        case .modifiers: "data/modifiers.yml is missing; without a CMS release (codeSet or releases in site.yml) the site's modifiers come from it"
        case .payers: "data/payers.yml is missing; the payers site.yml lists and the payer notes name come from it"
        }
    }
}
