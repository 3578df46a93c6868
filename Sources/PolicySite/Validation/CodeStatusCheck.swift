import PolicySiteCore

/// Guidance must describe a code in use on the site's "as of" date: rules `code-terminated`,
/// `code-not-yet-effective` and `historical-not-terminated`.
///
/// A page kept on purpose for a terminated code says so with `historical: true`; the code
/// page then carries a banner instead of a finding. The flag on a code still in use is a
/// finding too, because the banner would tell coders the code is gone.
enum CodeStatusCheck {
    static func run(_ context: ValidationContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let asOf = context.asOf
        for page in context.model.sortedGuidance {
            let matter = page.frontMatter
            guard let code = context.model.codeSet[code: matter.code] else { continue }
            switch code.status(asOf: asOf) {
            case .terminated(let date) where !matter.historical:
                diagnostics.append(.error("code-terminated", "code \(code.code) is terminated: its last day of service was \(date), before the as-of date \(asOf); mark the page 'historical: true' or remove it", at: matter.codeLocation))
            case .terminated:
                break
            case .notYetEffective(let date):
                diagnostics.append(.warning("code-not-yet-effective", "code \(code.code) takes effect on \(date), after the as-of date \(asOf)", at: matter.codeLocation))
                if matter.historical { diagnostics.append(historicalFinding(code.code, matter)) }
            case .active:
                if matter.historical { diagnostics.append(historicalFinding(code.code, matter)) }
            }
        }
        return diagnostics
    }

    static func historicalFinding(_ code: String, _ matter: GuidanceFrontMatter) -> Diagnostic {
        .error("historical-not-terminated", "page is marked 'historical: true' but code \(code) is not terminated on the as-of date; remove the flag", at: matter.historicalLocation ?? matter.codeLocation)
    }
}
