import PolicySiteCore

/// Guidance is reviewed on a schedule: rules `review-overdue` (last reviewed longer ago than
/// `reviewIntervalMonths`, default 12, before the as-of date) and `date-invalid` (a review
/// after the as-of date; a date that does not parse is reported when the front matter is read).
///
/// Both compare with the as-of date, not today's: the site describes that day, and the same
/// content must give the same findings whenever it is checked.
enum ReviewDateCheck {
    static func run(_ context: ValidationContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let asOf = context.asOf
        let months = context.model.configuration.reviewIntervalMonths
        // An interval reaching back before 0001-01-01 makes no review overdue.
        let due = asOf.subtracting(months: months)
        for page in context.model.sortedGuidance {
            let matter = page.frontMatter
            guard let reviewed = matter.lastReviewed else { continue }
            if reviewed > asOf {
                diagnostics.append(.error("date-invalid", "lastReviewed \(reviewed) is after the as-of date \(asOf)", at: matter.lastReviewedLocation))
            } else if let due, reviewed < due {
                diagnostics.append(.warning("review-overdue", "last reviewed \(reviewed), more than \(months) month\(months == 1 ? "" : "s") before the as-of date \(asOf); review the page and update lastReviewed", at: matter.lastReviewedLocation))
            }
        }
        return diagnostics
    }
}
