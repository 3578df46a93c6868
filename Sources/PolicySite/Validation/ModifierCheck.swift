import PolicySiteCore

/// Modifiers a page uses, in its front matter (`modifiers:`) or its prose ("modifier 26"),
/// must be in the modifier data and in use: rules `modifier-unknown` and `modifier-terminated`.
/// A page marked historical may name modifiers terminated since.
enum ModifierCheck {
    static func run(_ context: ValidationContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for page in context.contentPages {
            let isHistorical = page.guidance?.frontMatter.historical ?? false
            var uses: [(code: String, location: SourceLocation)] = page.guidance?.frontMatter.modifiers.map { ($0.code, $0.location) } ?? []
            uses += page.document.mentions.filter { $0.kind == .modifier }.map { ($0.identifier, $0.location) }
            for use in uses {
                if let finding = finding(for: use.code, at: use.location, in: context, historical: isHistorical) { diagnostics.append(finding) }
            }
        }
        return diagnostics
    }

    static func finding(for code: String, at location: SourceLocation, in context: ValidationContext, historical: Bool) -> Diagnostic? {
        let modifiers = context.model.codeSet
        guard let modifier = modifiers[modifier: code] else {
            let hint = modifiers[modifier: code.uppercased()] != nil ? "; did you mean \"\(code.uppercased())\"?" : ""
            return .error("modifier-unknown", "modifier \"\(code)\" is not in the modifier data\(hint)", at: location)
        }
        guard !historical, case .terminated(let date) = modifier.status(asOf: context.asOf) else { return nil }
        return .error("modifier-terminated", "modifier \"\(code)\" was terminated on \(date), on or before the as-of date \(context.asOf)", at: location)
    }
}
