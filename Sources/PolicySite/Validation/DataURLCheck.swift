import PolicySiteCore
import PolicySiteMarkdown

/// URLs the templates take from data files, which cmark never sees, must pass the same scheme
/// allowlist as links in Markdown: rule `url-scheme` (a payer's `portalURL`).
enum DataURLCheck {
    static func run(_ context: ValidationContext) -> [Diagnostic] {
        context.model.allPayers.compactMap { payer in
            guard let url = payer.portalURL, let scheme = URLSafety.disallowedScheme(in: url, isImage: false) else { return nil }
            return .error("url-scheme", "portalURL: disallowed scheme '\(scheme)'", at: payer.portalURLLocation ?? payer.source)
        }
    }
}
