import Foundation
import PolicySiteCodeSets
import PolicySiteCore
import PolicySiteYAML

/// The settings in `Content/site.yml`.
///
/// ```yaml
/// title: Billing code guidance
/// asOf: 2019-01-01          # the day the site describes; code status is computed for it
///                           # (`today`: the UTC day of the build)
/// payers: [aetna, bcbs, cigna, uhc, medicare]   # ids from data/payers.yml, in display order
/// baseURL: https://policies.example.org/        # optional; absolute URLs in sitemap and canonical links
/// codeSet: ../../shared/hcpcs/HCPC2019_CONTR_ANWEB.txt  # optional CMS release, relative to site.yml
/// releases:                 # or several releases, oldest first: the newest is the code set,
///   - label: "2018"         # the older ones give each code its history
///     file: releases/HCPC2018_CONTR_ANWEB_disc.txt
///     effective: 2018-01-01
/// rawHTML: false            # pass raw HTML in Markdown through (off: cmark's safe mode)
/// reviewIntervalMonths: 12
/// rules: { review-overdue: warning, release-unknown-value: off }
/// acknowledged:             # known defects of CMS's release files, each with a reason
///   - rule: release-date-invalid
///     file: HCPC2018_CONTR_ANWEB_disc.txt
///     code: G0156            # or line: 1234
///     reason: "CMS shifted the ASC date two columns; the field is not shown."
/// ```
struct SiteConfiguration: Sendable, Equatable {
    var title: String
    var asOf: CalendarDate
    /// Where the as-of date came from: `site.yml`'s date, `asOf: today`, or `--as-of`.
    var asOfSource: AsOfSource = .siteFile
    var payerIDs: [String]
    var baseURL: String?
    /// The release file as written in `site.yml`, and resolved against the content folder.
    var codeSetPath: String?
    /// CMS's processing notes text (`proc_notes_2019.txt`), relative to the content folder;
    /// when nil, the file of that name beside the newest release file is read if it is there.
    var processingNotesPath: String?
    /// Several releases, oldest first (`releases:`); empty when the site has one code set.
    var releases: [ReleaseSetting] = []
    /// The largest content file read, in KB (`maxFileSizeKB`); a larger one is an error.
    var maxFileSizeKB = SiteConfiguration.defaultMaxFileSizeKB
    /// 4 MB: a hundred times a long guidance page, far below what takes a build seconds.
    static let defaultMaxFileSizeKB = 4096
    /// 1 GB: the largest limit `maxFileSizeKB` may set (its bytes always fit an `Int`).
    static let maxMaxFileSizeKB = 1_048_576
    /// 100 years: the longest `reviewIntervalMonths`.
    static let maxReviewIntervalMonths = 1200
    /// Rows per page of the long lists (the coverage matrix, each payer's notes, the home
    /// page's codes with guidance): `pagerSize`, as Hugo calls it. A longer list goes on over
    /// `page/2/`, `page/3/`... of the same page, as in Hugo.
    var pagerSize = SiteConfiguration.defaultPagerSize
    /// 1,000 rows: a page of about 1 MB that a browser opens at once.
    static let defaultPagerSize = 1000
    /// A million codes a page: more than any release has, and far from overflowing page counts.
    static let maxPagerSize = 1_000_000
    var rawHTML: Bool
    var reviewIntervalMonths: Int
    /// Rule id to severity; `nil` severity means the rule is off.
    var ruleSeverities: [String: Severity?]
    /// Where `site.yml` set each rule's severity, for findings about the setting.
    var ruleLocations: [String: SourceLocation] = [:]
    /// Where `site.yml` declared the payer list, for findings about it.
    var payersLocation: SourceLocation
    /// Known defects of CMS's release files the team accepts, each with a reason
    /// (`acknowledged:`); listed on the checks page like suppressions.
    var acknowledgements: [ReleaseAcknowledgement] = []

    init(
        title: String, asOf: CalendarDate, payerIDs: [String], baseURL: String? = nil, codeSetPath: String? = nil,
        rawHTML: Bool = false, reviewIntervalMonths: Int = 12, ruleSeverities: [String: Severity?] = [:],
        payersLocation: SourceLocation
    ) {
        self.title = title
        self.asOf = asOf
        self.payerIDs = payerIDs
        self.baseURL = baseURL
        self.codeSetPath = codeSetPath
        self.rawHTML = rawHTML
        self.reviewIntervalMonths = reviewIntervalMonths
        self.ruleSeverities = ruleSeverities
        self.payersLocation = payersLocation
    }

    /// Reads `site.yml`; nil with diagnostics when a required key is missing or malformed.
    ///
    /// - Parameter today: The day `asOf: today` means; the UTC day of the clock when nil.
    static func load(_ source: SourceText, today: CalendarDate? = nil) -> (SiteConfiguration?, [Diagnostic]) {
        let yaml = YAMLSource(file: source.file)
        var (root, diagnostics) = yaml.compose(source.text)
        guard let root else {
            if diagnostics.isEmpty {
                diagnostics.append(.error("yaml-missing-key", "site.yml is empty; it needs at least 'title' and 'asOf'", at: SourceLocation(file: source.file)))
            }
            return (nil, diagnostics)
        }
        guard var reader = YAMLMappingReader(root, subject: "site.yml", failure: &diagnostics) else {
            return (nil, diagnostics)
        }
        let title = reader.text("title", required: true)
        var asOfSource = AsOfSource.siteFile
        let asOf: CalendarDate?
        if reader.value("asOf")?.scalar?.text == "today" {
            asOf = today ?? CalendarDate.todayUTC()
            asOfSource = .today
        } else {
            asOf = reader.date("asOf", required: true)
        }
        var payers: [String] = []
        let payersLocation = reader.location(ofKey: "payers")
        for payer in reader.texts("payers") ?? [] {
            if payers.contains(payer) {
                reader.report(.error("site-config", "payer '\(payer)' is listed twice in payers", at: reader.location(ofValue: "payers")))
            } else {
                payers.append(payer)
            }
        }
        let baseURL = reader.string("baseURL")
        let codeSet = reader.string("codeSet")
        let processingNotes = reader.string("processingNotes")
        var releases: [ReleaseSetting] = []
        for item in reader.sequence("releases") {
            var failure: [Diagnostic] = []
            guard var entry = YAMLMappingReader(item, subject: "release entry", failure: &failure) else {
                diagnostics += failure
                continue
            }
            let label = entry.string("label", required: true)
            let file = entry.string("file", required: true)
            let effective = entry.date("effective", required: true)
            if let label, !SitePath.isValidSegment(label) {
                entry.report(.error("site-config", "release label '\(label)' must be letters, digits, '.', '_' or '-' (it names the page changes/\(label)/)", at: entry.location(ofValue: "label")))
            } else if let label, releases.contains(where: { $0.label == label }) {
                entry.report(.error("site-config", "release label '\(label)' is used twice", at: entry.location(ofValue: "label")))
            }
            entry.rejectUnknownKeys()
            diagnostics += entry.diagnostics
            if let label, let file, let effective {
                releases.append(ReleaseSetting(label: label, file: file, effective: effective, location: entry.location(ofKey: "label")))
            }
        }
        if codeSet != nil, !releases.isEmpty {
            reader.report(.error("site-config", "site.yml sets both codeSet and releases; the newest of releases is the code set, so drop codeSet", at: reader.location(ofKey: "codeSet")))
        }
        for (older, newer) in zip(releases, releases.dropFirst()) where newer.effective <= older.effective {
            reader.report(.error("site-config", "release \(newer.label) (effective \(newer.effective)) must be newer than \(older.label) (effective \(older.effective)); list releases oldest first", at: newer.location))
        }
        let rawHTML = reader.bool("rawHTML") ?? false
        let interval = reader.integer("reviewIntervalMonths", in: 1...maxReviewIntervalMonths, unit: "months between reviews") ?? 12
        let maxFileSizeKB = reader.integer("maxFileSizeKB", in: 1...maxMaxFileSizeKB, unit: "KB, the largest content file read") ?? defaultMaxFileSizeKB
        let pagerSize = reader.integer("pagerSize", in: 1...maxPagerSize, unit: "codes a page of the coverage matrix and the payer pages") ?? defaultPagerSize
        var severities: [String: Severity?] = [:]
        var ruleLocations: [String: SourceLocation] = [:]
        if let rulesNode = reader.value("rules") {
            var failure: [Diagnostic] = []
            if var rules = YAMLMappingReader(rulesNode, subject: "rules", failure: &failure) {
                for key in (rulesNode.mapping ?? []).compactMap({ $0.key.scalar?.text }) {
                    ruleLocations[key] = rules.location(ofKey: key)
                    switch rules.string(key) {
                    case "off": severities[key] = .some(nil)
                    case "warning": severities[key] = .warning
                    case "error": severities[key] = .error
                    case let other:
                        rules.report(.error("yaml-type", "severity of rule '\(key)' must be off, warning or error, not '\(other ?? "")'", at: rules.location(ofKey: key)))
                    }
                }
                failure += rules.diagnostics
            }
            diagnostics += failure
        }
        let acknowledgements = ReleaseAcknowledgement.read(&reader)
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            reader.report(.error("url-scheme", "baseURL must start with https:// or http://", at: reader.location(ofKey: "baseURL")))
        }
        reader.rejectUnknownKeys()
        diagnostics += reader.diagnostics
        guard let title, let asOf, !diagnostics.containsErrors else { return (nil, diagnostics) }
        var configuration = SiteConfiguration(
            title: title, asOf: asOf, payerIDs: payers,
            baseURL: baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }, codeSetPath: codeSet,
            rawHTML: rawHTML, reviewIntervalMonths: interval, ruleSeverities: severities,
            payersLocation: payersLocation)
        configuration.asOfSource = asOfSource
        configuration.ruleLocations = ruleLocations
        configuration.releases = releases
        configuration.processingNotesPath = processingNotes
        configuration.maxFileSizeKB = maxFileSizeKB
        configuration.pagerSize = pagerSize
        configuration.acknowledgements = acknowledgements
        return (configuration, diagnostics)
    }
}

/// One CMS release of `releases:` in `site.yml`.
struct ReleaseSetting: Sendable, Equatable {
    /// A short name such as `2019`; names the page `changes/<label>/`.
    var label: String
    /// The release file as written, relative to `site.yml`'s folder.
    var file: String
    /// The day the release took effect (the code set's January or quarterly update).
    var effective: CalendarDate
    var location: SourceLocation
}

/// A finding about a CMS release file that the team accepts, since it cannot change CMS's
/// file: `acknowledged:` entries in `site.yml`, each naming the rule, the release file (its
/// name), the code or the line, and the reason an auditor reads.
struct ReleaseAcknowledgement: Sendable, Equatable {
    /// A `release-*` rule id.
    var rule: String
    /// The release file as written; matched by its last path component.
    var file: String
    /// The code or modifier the finding names (`G0156`, `GA`); nil when `line` is given.
    var code: String?
    /// The line of the release file the finding is on; nil when `code` is given.
    var line: Int?
    var reason: String
    /// Where the entry's `rule` is in `site.yml`.
    var location: SourceLocation

    /// The file name `file` ends with.
    var fileName: String { file.split(separator: "/").last.map(String.init) ?? file }

    /// Whether `finding` is the one this entry accepts: the same rule, in a file of the same
    /// name, on `line`, or naming `code` as a word of its message (every release finding names
    /// its record: `of G0156`, `for modifier GA`).
    func matches(_ finding: Diagnostic) -> Bool {
        guard finding.rule == rule, (finding.location.file.split(separator: "/").last.map(String.init) ?? finding.location.file) == fileName else { return false }
        if let line { return finding.location.line == line }
        guard let code else { return false }
        return Self.words(of: finding.message).contains(code)
    }

    /// The message's runs of letters and digits.
    static func words(of message: String) -> Set<String> {
        Set(message.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init))
    }

    /// The `acknowledged:` list; malformed entries are `site-config` errors and left out.
    static func read(_ reader: inout YAMLMappingReader) -> [ReleaseAcknowledgement] {
        var result: [ReleaseAcknowledgement] = []
        for item in reader.sequence("acknowledged") {
            var failure: [Diagnostic] = []
            guard var entry = YAMLMappingReader(item, subject: "acknowledged entry", failure: &failure) else {
                failure.forEach { reader.report($0) }
                continue
            }
            let rule = entry.string("rule", required: true)
            let file = entry.string("file", required: true)
            let code = entry.string("code")
            let line = entry.value("line") == nil ? nil : entry.integer("line", in: 1...Int(Int32.max), unit: "the line of the release file")
            let reason = entry.string("reason", required: true)
            var complete = rule != nil && file != nil && reason != nil
            if code == nil, entry.value("line") == nil {
                entry.report(.error("site-config", "acknowledged entry needs a 'code' or a 'line' of the release file: it accepts one finding, not all of a rule", at: entry.location(ofKey: "rule")))
                complete = false
            } else if code != nil, entry.value("line") != nil {
                entry.report(.error("site-config", "acknowledged entry gives both 'code' and 'line'; give one", at: entry.location(ofKey: "line")))
                complete = false
            } else if code == nil, line == nil {
                complete = false
            }
            if let reason, !reason.contains(where: { !$0.isWhitespace }) {
                entry.report(.error("site-config", "acknowledged entry needs a written reason", at: entry.location(ofValue: "reason")))
                complete = false
            }
            entry.rejectUnknownKeys()
            entry.diagnostics.forEach { reader.report($0) }
            if complete, let rule, let file, let reason {
                result.append(ReleaseAcknowledgement(rule: rule, file: file, code: code, line: line, reason: reason, location: entry.location(ofKey: "rule")))
            }
        }
        return result
    }
}

/// Where a site's as-of date came from, for the build summary.
enum AsOfSource: Sendable, Equatable {
    /// A date written in `site.yml`.
    case siteFile
    /// `asOf: today`: the UTC day of the build.
    case today
    /// `--as-of` on the command line, over `site.yml`'s setting.
    case commandLine
}

extension CalendarDate {
    /// The day it is now in UTC: what `asOf: today` and `--as-of today` mean, the same day
    /// wherever the build runs.
    public static func todayUTC(now: Date = Date()) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        // A Gregorian calendar always gives a year, month and day in 1...9999 for the clock.
        return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? CalendarDate(year: 1970, month: 1, day: 1)!
    }
}
