import PolicySiteCore
import PolicySiteYAML

/// One modifier a guidance page uses, with its "when to use" line, from front matter:
/// `modifiers: [{code: "26", whenToUse: "..."}]`.
struct ModifierUsage: Sendable, Equatable {
    var code: String
    var whenToUse: String
    var location: SourceLocation
}

/// A rule switched off for one page, with the written reason an auditor reads:
/// `suppress: [{rule: review-overdue, reason: "..."}]`.
struct RuleSuppression: Sendable, Equatable {
    var rule: String
    var reason: String
    var location: SourceLocation
}

/// The front matter of a guidance page (`Content/codes/<CODE>.md`).
struct GuidanceFrontMatter: Sendable, Equatable {
    var code: String
    var codeLocation: SourceLocation
    var title: String
    var serviceType: String?
    var sitesOfService: [String]
    var modifiers: [ModifierUsage]
    var lastReviewed: CalendarDate?
    var lastReviewedLocation: SourceLocation
    var owner: String?
    /// Guidance kept for a terminated code on purpose: the page carries a banner instead of
    /// a `code-terminated` finding.
    var historical: Bool
    /// The official long descriptor as the author quoted it, checked against the code set.
    var descriptor: String?
    var descriptorLocation: SourceLocation
    var suppressions: [RuleSuppression]
    /// Where `historical` is set (the mapping's start when it is not).
    var historicalLocation: SourceLocation? = nil

    static func read(_ reader: inout YAMLMappingReader) -> GuidanceFrontMatter? {
        let code = reader.identifier("code", required: true)
        let title = reader.text("title", required: true)
        var modifiers: [ModifierUsage] = []
        for item in reader.sequence("modifiers") {
            var failure: [Diagnostic] = []
            guard var usage = YAMLMappingReader(item, subject: "modifier entry", failure: &failure) else {
                failure.forEach { reader.report($0) }
                continue
            }
            if let modifierCode = usage.identifier("code", name: "modifier", required: true) {
                modifiers.append(ModifierUsage(code: modifierCode, whenToUse: usage.text("whenToUse") ?? "", location: usage.location(ofKey: "code")))
            }
            usage.rejectUnknownKeys()
            usage.diagnostics.forEach { reader.report($0) }
        }
        var matter = GuidanceFrontMatter(
            code: code ?? "",
            codeLocation: reader.location(ofKey: "code"),
            title: title ?? "",
            serviceType: reader.text("serviceType"),
            sitesOfService: reader.texts("sitesOfService") ?? [],
            modifiers: modifiers,
            lastReviewed: reader.date("lastReviewed"),
            lastReviewedLocation: reader.location(ofKey: "lastReviewed"),
            owner: reader.text("owner"),
            historical: reader.bool("historical") ?? false,
            descriptor: reader.text("descriptor"),
            descriptorLocation: reader.location(ofKey: "descriptor"),
            suppressions: readSuppressions(&reader))
        matter.historicalLocation = reader.location(ofKey: "historical")
        reader.rejectUnknownKeys()
        return code == nil || title == nil ? nil : matter
    }

    static func readSuppressions(_ reader: inout YAMLMappingReader) -> [RuleSuppression] {
        var result: [RuleSuppression] = []
        for item in reader.sequence("suppress") {
            var failure: [Diagnostic] = []
            guard var entry = YAMLMappingReader(item, subject: "suppression", failure: &failure) else {
                failure.forEach { reader.report($0) }
                continue
            }
            let rule = entry.string("rule", required: true)
            let reason = entry.string("reason", required: true)
            if let rule, let reason {
                result.append(RuleSuppression(rule: rule, reason: reason, location: entry.location(ofKey: "rule")))
            }
            entry.rejectUnknownKeys()
            entry.diagnostics.forEach { reader.report($0) }
        }
        return result
    }
}

/// The front matter of any other page (policies, how-to guides, an about page).
struct GeneralFrontMatter: Sendable, Equatable {
    var title: String
    /// Replaces the file name in the page's URL; one path segment of `[A-Za-z0-9._-]`.
    var slug: String?
    var slugLocation: SourceLocation
    var description: String?
    var suppressions: [RuleSuppression]

    static func read(_ reader: inout YAMLMappingReader) -> GeneralFrontMatter? {
        let title = reader.text("title", required: true)
        let matter = GeneralFrontMatter(
            title: title ?? "",
            slug: reader.string("slug"),
            slugLocation: reader.location(ofValue: "slug"),
            description: reader.text("description"),
            suppressions: GuidanceFrontMatter.readSuppressions(&reader))
        reader.rejectUnknownKeys()
        return title == nil ? nil : matter
    }
}
