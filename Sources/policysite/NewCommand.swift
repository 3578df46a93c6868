import ArgumentParser
import Foundation
import PolicySite

extension PolicySiteCommand {
    /// `policysite new code CODE` and `policysite new page PATH`: scaffolds to fill in.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the skeleton of a new page: `new code G9329` or `new page policies/prior-authorization.md`.",
            discussion: "What is left to fill in starts with \"Placeholder:\" and is reported by the placeholder rule (a warning; an error under check --strict) until it is replaced.")

        enum Kind: String, ExpressibleByArgument {
            case code, page
        }

        @Argument(help: "What to write: code (a guidance page) or page (a general page).")
        var kind: Kind

        @Argument(help: "The code (G9329), or the page's path below the content folder (policies/prior-authorization.md).")
        var name: String

        @Option(help: "The content folder (site.yml, data/, codes/, pages).")
        var content: String = "Content"

        @Option(name: .customLong("code-set"), help: "A CMS HCPCS release file; overrides site.yml's codeSet.")
        var codeSet: String?

        @Flag(help: "Write guidance for a terminated code, kept for older claims (historical: true).")
        var historical = false

        func validate() throws {
            if content.isEmpty { throw ValidationError("--content needs a path") }
            if historical, kind == .page { throw ValidationError("--historical is for `new code` only") }
        }

        func run() throws {
            let request = BuildRequest(contentPath: content, codeSetPath: codeSet)
            let outcome = kind == .code
                ? Scaffold.newGuidancePage(code: name, request: request, historical: historical)
                : Scaffold.newPage(path: name, request: request)
            DiagnosticPrinter.printText(outcome.diagnostics)
            guard let written = outcome.written else { throw ExitCode(1) }
            print("wrote \(written); replace each \"Placeholder:\" line, then run policysite check")
        }
    }
}
