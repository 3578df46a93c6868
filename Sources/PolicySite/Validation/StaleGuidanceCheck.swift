import PolicySiteCore

/// Rule `guidance-stale`: a guidance page last reviewed before the effective date of a release
/// that changed its code in a way that affects guidance (descriptor changed, discontinued,
/// reinstated, code reused). Only sites with several releases (`releases:`) have the history
/// this needs. The page shows the same changes in a banner.
enum StaleGuidanceCheck {
    static func run(_ context: ValidationContext) -> [Diagnostic] {
        context.model.sortedGuidance.flatMap { page in
            context.model.staleChanges(for: page).map { stale in
                .warning(
                    "guidance-stale",
                    "\(stale.kind.title.lowercased()) for \(page.frontMatter.code) in release \(stale.change.releaseLabel) (effective \(stale.change.effectiveDate?.description ?? "?")) after this guidance was last reviewed on \(stale.lastReviewed); review the page and update lastReviewed",
                    at: page.frontMatter.lastReviewedLocation)
            }
        }
    }
}
