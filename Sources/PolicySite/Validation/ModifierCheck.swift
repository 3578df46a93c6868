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
        var uses: [(code: String, location: SourceLocation)] = page.guidance?.frontMatter.modifiers.map { ($0.code, $0.location) } ?? []
        uses += page.document.mentions.filter { $0.kind == .modifier }.map { ($0.identifier, $0.location) }
        return uses.compactMap { finding(for: $0.code, at: $0.location, in: model, historical: isHistorical) }
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
