import PolicySiteCore

/// Codes named in prose must exist and be in use: rules `mention-unknown-code` and
/// `mention-terminated-code`.
///
/// Not a finding: a page naming its own code (a historical page says its code is terminated),
/// any mention on a page marked historical (it is about the past), and a terminated code that
/// has historical guidance of its own (the link lands on a page whose banner says so).
enum CodeMentionCheck {
    /// General pages; a guidance page is checked while it renders (`SiteValidator.checkGuidancePage`).
    static func run(_ context: ValidationContext) -> [Diagnostic] {
        context.generalPages.flatMap { check($0, model: context.model) }
    }

    static func check(_ page: ContentPage, model: SiteModel) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let codeSet = model.codeSet
        let asOf = model.configuration.asOf
        let ownCode = page.guidance?.frontMatter.code
        let isHistorical = page.guidance?.frontMatter.historical ?? false
        for mention in page.document.mentions where mention.kind == .code && mention.identifier != ownCode {
            // The code's status read where the code is: a copy of it retained each of its strings.
            guard let status = codeSet.withCode(mention.identifier, { $0.status(asOf: asOf) }) else {
                diagnostics.append(.error("mention-unknown-code", "code \(mention.identifier) is not in the code set (\(model.releaseLabel))", at: mention.location))
                continue
            }
            guard !isHistorical, case .terminated(let date) = status else { continue }
            if model.guidance[mention.identifier]?.frontMatter.historical == true { continue }
            diagnostics.append(.warning("mention-terminated-code", "code \(mention.identifier) is terminated: its last day of service was \(date), before the as-of date \(asOf)", at: mention.location))
        }
        return diagnostics
    }
}
