import PolicySiteCore

/// Modifiers a page uses, in its front matter (`modifiers:`) or its prose ("modifier 26"),
/// must be in the modifier data and in use: rules `modifier-unknown` and `modifier-terminated`.
/// A page marked historical may name modifiers terminated since.
enum ModifierCheck {
    /// General pages; a guidance page is checked while it renders (`SiteValidator.checkGuidancePage`).
    static func run(_ context: ValidationContext) -> [Diagnostic] {
        context.generalPages.flatMap { check($0, model: context.model) }
    }

    static func check(_ page: ContentPage, model: SiteModel) -> [Diagnostic] {
        let isHistorical = page.guidance?.frontMatter.historical ?? false
        // Front matter first, then prose, each checked where it is: a list of both, filtered
        // and mapped, made three arrays for each page.
        var findings: [Diagnostic] = []
        for use in page.guidance?.frontMatter.modifiers ?? [] {
            if let finding = finding(for: use.code, at: use.location, in: model, historical: isHistorical) { findings.append(finding) }
        }
        for mention in page.document.mentions where mention.kind == .modifier {
            if let finding = finding(for: mention.identifier, at: mention.location, in: model, historical: isHistorical) { findings.append(finding) }
        }
        return findings
    }

    static func finding(for code: String, at location: SourceLocation, in model: SiteModel, historical: Bool) -> Diagnostic? {
        let modifiers = model.codeSet
        let asOf = model.configuration.asOf
        guard let modifier = modifiers[modifier: code] else {
            let hint = modifiers[modifier: code.uppercased()] != nil ? "; did you mean \"\(code.uppercased())\"?" : ""
            return .error("modifier-unknown", "modifier \"\(code)\" is not in the modifier data\(hint)", at: location)
        }
        guard !historical, case .terminated(let date) = modifier.status(asOf: asOf) else { return nil }
        return .error("modifier-terminated", "modifier \"\(code)\" is terminated: its last day of service was \(date), before the as-of date \(asOf)", at: location)
    }
}
