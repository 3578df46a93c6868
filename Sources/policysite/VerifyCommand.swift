import ArgumentParser
import Foundation
import PolicySite
import PolicySiteCore

extension PolicySiteCommand {
    /// `policysite verify`: is this copy of the site the one its publication record
    /// describes, and (with `--content`) was it built from this content?
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare a copy of a site with its publication record (publication/manifest.json).",
            discussion: "Reports every file added, missing or changed. Exit status: 0 the copy matches; 1 any difference; 64 a bad command line.")

        @Argument(help: "The site folder to verify (the output folder, or a copy fetched from the web server).")
        var site: String = "Site"

        @Option(help: "Also check that the site was built from this content folder (input hashes).")
        var content: String?

        @Option(help: "Also check that the site was built with this templates folder.")
        var templates: String?

        @Option(name: .customLong("code-set"), help: "Also check that the site was built from this CMS release file.")
        var codeSet: [String] = []

        @Option(help: "How to print differences: text, json, or github (CI annotations).")
        var format: FindingFormat = .text

        func validate() throws {
            for (flag, value) in [("SITE", site), ("--content", content ?? "x"), ("--templates", templates ?? "x")] where value.isEmpty {
                throw ValidationError("\(flag) needs a path")
            }
        }

        func run() throws {
            let differences = SiteVerifier.verify(SiteVerifier.Request(sitePath: site, contentPath: content, templatesPath: templates, codeSetPaths: codeSet))
            print(FindingFormatter.format(ValidationOutcome(findings: differences), as: format), terminator: "")
            if !differences.isEmpty { throw ExitCode(1) }
        }
    }
}
