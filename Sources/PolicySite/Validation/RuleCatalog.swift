import PolicySiteCore

/// The rules a site can tune: each rule's id, its default severity, and whether `site.yml`
/// and page suppressions may change it.
///
/// Rules missing here (YAML syntax, encodings, template keys, output folder) are not findings
/// about content an author chose to write and cannot be tuned. The CMS release reader's
/// findings about records are here: the file is CMS's, which the team cannot correct, so a
/// site may set their severity or acknowledge one defect with a reason (`acknowledged:`);
/// `release-empty` and `release-unreadable` (the file was not read at all) are fixed.
enum RuleCatalog {
    /// One rule of the validator (or of the loaders and the Markdown layer that it tunes).
    struct Rule: Sendable, Hashable {
        var id: String
        var defaultSeverity: Severity
        /// False for rules whose finding means content was dropped or made unsafe: turning them
        /// off would publish a site that silently differs from its sources.
        var isTunable: Bool
        /// One line for `--help`-style listings.
        var summary: String
    }

    /// Every rule, by id.
    static let rules: [String: Rule] = {
        var result: [String: Rule] = [:]
        for rule in all { result[rule.id] = rule }
        return result
    }()

    static func rule(_ id: String, _ severity: Severity, tunable: Bool = true, _ summary: String) -> Rule {
        Rule(id: id, defaultSeverity: severity, isTunable: tunable, summary: summary)
    }

    /// In the order the issue groups them: content against data, then structure.
    static let all: [Rule] = [
        rule("code-unknown", .error, tunable: false, "a guidance page's code is not in the code set"),
        rule("code-format", .error, tunable: false, "a code is not an HCPCS Level II or a Level I code"),
        rule("code-terminated", .error, "guidance for a terminated code that is not marked historical"),
        rule("historical-not-terminated", .error, "a page marked historical for a code that is not terminated"),
        rule("code-not-yet-effective", .warning, "guidance for a code added after the as-of date"),
        rule("descriptor-mismatch", .error, "the quoted descriptor differs from the official long descriptor"),
        rule("mention-unknown-code", .error, "the prose names a code that is not in the code set"),
        rule("mention-terminated-code", .warning, "the prose names a terminated code"),
        rule("modifier-unknown", .error, "a modifier that the modifier data does not have"),
        rule("modifier-terminated", .error, "a modifier that is terminated"),
        rule("payer-unknown", .error, "a payer note for a payer the site does not have"),
        rule("payer-alias", .warning, "a payer note under an alias instead of the payer's name"),
        rule("payer-duplicate", .error, "two payer notes for one payer"),
        rule("payer-missing", .warning, "a payer with neither a note nor \"No data available\""),
        rule("payer-note-empty", .error, "a payer note heading with nothing under it"),
        rule("payer-no-data-conflict", .error, "a note says no data is available and then says more"),
        rule("payer-source-missing", .warning, "a payer note with content cites no source"),
        rule("review-overdue", .warning, "last reviewed longer ago than the review interval"),
        rule("guidance-stale", .warning, "a later release changed the code after the page was last reviewed"),
        rule("date-invalid", .error, tunable: false, "a date that does not parse or lies after the as-of date"),
        rule("section-missing", .warning, "a guidance section is missing"),
        rule("section-order", .warning, "guidance sections are out of order"),
        rule("section-unknown", .warning, "a section that is not one of the guidance sections"),
        rule("section-duplicate", .error, "a guidance section appears twice (the second is not shown)"),
        rule("section-empty", .warning, "a guidance section has no text"),
        rule("pipe-table", .warning, "a pipe table that renders as text: its delimiter row has another number of cells than its header, or there is none"),
        rule("link-broken", .error, "a relative link to a page, file or anchor that will not exist"),
        rule("url-scheme", .error, tunable: false, "a link or data URL with a disallowed scheme"),
        rule("page-duplicate", .error, tunable: false, "two guidance pages for one code"),
        rule("filename-mismatch", .error, "the file name and the front matter disagree on the code"),
        rule("data-duplicate", .error, tunable: false, "a code, modifier or payer defined twice"),
        rule("data-reference", .error, tunable: false, "site.yml names a payer payers.yml does not have"),
        rule("code-not-in-release", .warning, "a Level II code or modifier in the team's data that the CMS release does not list"),
        rule("identifier-unquoted", .warning, "an unquoted code or modifier that other YAML tools read as a number, boolean, null or date"),
        rule("raw-html", .warning, "raw HTML that the site drops"),
        rule("id-duplicate", .error, "an id in raw HTML that a heading, the page template or other raw HTML on the page already has"),
        rule("suppression-unused", .warning, "a suppression that matches no finding"),
        rule("suppression-invalid", .error, tunable: false, "a suppression of an unknown or untunable rule, or without a reason"),
        rule("rule-unknown", .error, tunable: false, "site.yml sets the severity of an unknown or untunable rule"),
        rule("placeholder", .warning, "text left by `policysite new` for the author to replace"),
        rule("code-list-marker", .warning, "a line or list item starting with a code and '.' or ')', which Markdown makes a list number"),
        rule("hidden-character", .error, "a zero-width character or bidirectional control, or a no-break space in a heading or YAML value"),
        rule("release-empty", .error, tunable: false, "a CMS release file that holds no HCPCS record (the wrong file)"),
        rule("release-unreadable", .error, tunable: false, "a CMS release file that cannot be read"),
        rule("release-truncated", .error, tunable: false, "a CMS release file that ends inside a record, without its final line end: cut short"),
        rule("release-record-short", .error, "a release record cut short before its termination date; the missing fields are read as blank"),
        rule("release-date-invalid", .error, "a release date that is not a real day (a warning for administrative dates: ASC, MOG)"),
        rule("release-duplicate-record", .error, "a second first line for a code the release already has; it is ignored"),
        rule("release-orphan-continuation", .error, "a continuation line that does not follow its record; its text is dropped"),
        rule("release-code-invalid", .warning, "a release line with a record id but no code; skipped"),
        rule("release-unknown-value", .warning, "a release value outside the record layout's code list; left out"),
        rule("release-processing-note-missing", .warning, "a processing note number the notes file lacks"),
    ]
}
