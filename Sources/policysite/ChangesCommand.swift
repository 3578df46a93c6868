import ArgumentParser
import Foundation
import PolicySiteCodeSets
import PolicySiteCore

extension PolicySiteCommand {
    /// `policysite changes OLD NEW`: what changed between two CMS releases, without building a
    /// site. Exit 0 with the report on stdout; 1 when a file cannot be read or has errors
    /// (diagnostics on stderr, nothing on stdout); 64 for a bad command line.
    struct Changes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two CMS HCPCS release files and print what changed.",
            discussion: """
                Every change is computed from the records (dates, descriptors, administrative fields); \
                the file's action code is shown beside it, and where they disagree that is listed \
                as a finding.
                """)

        /// How the report is printed.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        @Argument(help: "The older release file.") var old: String
        @Argument(help: "The newer release file.") var new: String

        @Option(help: "text (grouped by kind, one line per code) or json (stable keys).")
        var format: Format = .text

        func run() throws {
            let (comparison, diagnostics) = ReleaseComparison.read(oldPath: old, newPath: new)
            DiagnosticPrinter.printText(diagnostics)
            guard let comparison else { throw ExitCode(1) }
            let report = format == .json ? comparison.jsonReport() : comparison.textReport()
            FileHandle.standardOutput.write(Data(report.utf8))
        }
    }
}
