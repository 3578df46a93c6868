import PolicySiteCodeSets
import PolicySiteCore

extension SiteModel {
    /// A change of a later release that a guidance page has not been reviewed since.
    struct StaleChange: Sendable {
        var change: CodeChange
        var kind: CodeChangeKind
        var lastReviewed: CalendarDate

        /// "Long descriptor changed in 2019 (effective 2019-01-01), after this guidance was last reviewed on 2018-11-15."
        var sentence: String {
            "\(kind.title) in \(change.releaseLabel) (effective \(change.effectiveDate?.description ?? "?")), after this guidance was last reviewed on \(lastReviewed)."
        }
    }

    /// The changes of releases effective after the page was last reviewed that affect its
    /// guidance (descriptor changed, discontinued, ...): the page's banner and the
    /// `guidance-stale` finding both come from here.
    func staleChanges(for page: GuidanceSource) -> [StaleChange] {
        guard let history, let reviewed = page.frontMatter.lastReviewed else { return [] }
        return history.changesAffectingGuidance(for: page.frontMatter.code, lastReviewed: reviewed).flatMap { change in
            change.kinds.filter { CodeChangeKind.guidanceAffecting.contains($0) }.map {
                StaleChange(change: change, kind: $0, lastReviewed: reviewed)
            }
        }
    }
}
