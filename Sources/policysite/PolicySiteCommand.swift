import ArgumentParser
import Foundation
import PolicySite
import PolicySiteCore

/// `policysite`: builds and checks a billing-code guidance site.
@main
struct PolicySiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policysite",
        abstract: "Build and check a billing-code guidance site from Content/, code-set data and Templates/.",
        version: "policysite \(PolicySiteVersion.current)",
        subcommands: [Build.self, Check.self, Changes.self, Verify.self, Serve.self, New.self],
        defaultSubcommand: Build.self)

    /// Refuses a mistyped command before parsing: `build` is the default subcommand, so
    /// ArgumentParser would read `policysite chek` as `build chek` and answer with build's usage.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let refusal = CommandNames.refusal(arguments, commands: commandNames) {
            FileHandle.standardError.write(Data((refusal + "\n").utf8))
            Self.exit(withError: ExitCode.validationFailure)
        }
        ProcessMemory.returnLargeBuffersToSystem()
        await main(arguments)
    }

    /// The names a first argument may be: the subcommands and ArgumentParser's `help`.
    static var commandNames: [String] {
        configuration.subcommands.map { $0._commandName } + ["help"]
    }
}

/// What a first argument that is not an option must be: a command's name.
enum CommandNames {
    /// `unknown command 'chek'; did you mean 'check'?` when the first argument is neither an
    /// option (`-...`) nor one of `commands`; nil otherwise. Without a near name the sentence
    /// lists the commands. `build` takes no positional argument, so nothing is lost.
    static func refusal(_ arguments: [String], commands: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first) else { return nil }
        let visible = commands.filter { $0 != "help" }
        if let near = Spelling.closest(to: first, among: visible) ?? visible.first(where: { $0.lowercased() == first.lowercased() }) {
            return "unknown command '\(first)'; did you mean '\(near)'?"
        }
        return "unknown command '\(first)'; the commands are \(visible.sorted().joined(separator: ", "))"
    }
}

/// Options every command shares.
struct SiteOptions: ParsableArguments {
    @Option(help: "The content folder (site.yml, data/, codes/, pages).")
    var content: String = "Content"

    @Option(help: "The templates folder (*.mustache, assets/).")
    var templates: String = "Templates"

    @Option(name: .customLong("code-set"), help: "A CMS HCPCS release file (ANWEB fixed-width text); overrides site.yml's codeSet.")
    var codeSet: String?

    @Option(name: .customLong("as-of"), help: "The day code status and review dates are computed for (YYYY-MM-DD, or today: the UTC day); overrides site.yml's asOf.")
    var asOf: String?

    /// `--as-of` as a day; nil when not given (`validate()` has rejected anything else).
    var asOfDate: CalendarDate? {
        guard let asOf else { return nil }
        return asOf == "today" ? CalendarDate.todayUTC() : CalendarDate(parsing: asOf)
    }

    /// An empty path would mean the working directory: a command-line mistake, not a folder.
    func validate() throws {
        for (flag, value) in [("--content", content), ("--templates", templates), ("--code-set", codeSet ?? "x")] where value.isEmpty {
            throw ValidationError("\(flag) needs a path")
        }
        if let asOf, asOf != "today", CalendarDate(parsing: asOf) == nil {
            throw ValidationError("--as-of must be a day written YYYY-MM-DD (0001-01-01 to 9999-12-31) or 'today', not '\(asOf)'")
        }
    }
}

extension PolicySiteCommand {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the content, then write the site (atomically: a failed build leaves the previous site as it was).")

        @OptionGroup var site: SiteOptions

        @Option(help: "The output folder; replaced only if PolicySite wrote it.")
        var output: String = "Site"

        @Option(help: "The content revision to print in page footers (for CI, the commit).")
        var revision: String?

        @Flag(help: "Print how long each step took, and the peak memory after it.")
        var timings = false

        @Flag(name: .customLong("no-wait"), help: "If another build is writing the output folder, stop with output-busy instead of waiting.")
        var noWait = false

        @Flag(help: "Build into an output folder that PolicySite did not write, keeping its files.")
        var adopt = false

        @Flag(name: .customLong("in-place"), help: "Write into the output folder file by file instead of swapping it in (for a mount point; not atomic).")
        var inPlace = false

        func validate() throws {
            if output.isEmpty { throw ValidationError("--output needs a path") }
        }

        func run() throws {
            var request = BuildRequest(contentPath: site.content, templatesPath: site.templates, outputPath: output, codeSetPath: site.codeSet, revision: revision)
            request.asOf = site.asOfDate
            request.waitForLock = !noWait
            request.adopt = adopt
            request.inPlace = inPlace
            let signals = SignalCleanup.install()
            let report = SiteBuilder.build(request)
            withExtendedLifetime(signals) {}
            // The build stopped because a signal removed its staging folder.
            if let number = ActiveStagings.interruptingSignal {
                FileHandle.standardError.write(Data("build interrupted by signal \(number); \(output)/ was left as it was\n".utf8))
                throw ExitCode(128 + number)
            }
            DiagnosticPrinter.printText(report.diagnostics)
            if timings {
                for (name, seconds, peak) in report.stepTimes {
                    let memory = peak.map { String(format: " (peak memory %.0f MB)", Double($0) / 1_048_576) } ?? ""
                    FileHandle.standardError.write(Data("\(name): \(String(format: "%.3f", seconds)) s\(memory)\n".utf8))
                }
            }
            guard report.wroteSite else {
                let step = report.stoppedAt.map { " at step '\($0)'" } ?? ""
                FileHandle.standardError.write(Data("build failed\(step); \(output)/ was left as it was\n".utf8))
                throw ExitCode(1)
            }
            print("wrote \(report.pageCount) pages, \(report.fileCount) files, \(report.byteCount) bytes of HTML to \(output)/")
            for note in report.notes { print("note: \(note)") }
        }
    }

    /// `policysite check`: every rule, nothing written. Exit status 0 without errors, 1 with
    /// errors (or warnings under `--strict`), 64 for a bad command line.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule over the content and write nothing.",
            discussion: "Exit status: 0 no errors; 1 errors found (or warnings with --strict); 64 a bad command line.")

        @OptionGroup var site: SiteOptions

        @Option(help: "How to print findings: text (path:line:column: severity: message [rule]), json, or github (CI annotations).")
        var format: FindingFormat = .text

        @Flag(help: "Fail (exit 1) on warnings too.")
        var strict = false

        func run() throws {
            var request = BuildRequest(contentPath: site.content, templatesPath: site.templates, codeSetPath: site.codeSet)
            request.asOf = site.asOfDate
            let report = SiteBuilder.build(request, write: false)
            // Findings from steps before validation (an unreadable folder) are in `diagnostics`
            // only; the printed outcome always holds every finding.
            var outcome = report.validation
            outcome.findings = report.diagnostics
            print(FindingFormatter.format(outcome, as: format), terminator: "")
            if outcome.errorCount > 0 || (strict && outcome.warningCount > 0) { throw ExitCode(1) }
        }
    }
}

extension FindingFormat: ExpressibleByArgument {}

/// SIGTERM and SIGINT during a build: the staging folder is removed (a swap under way is
/// let finish first) and the process exits with 128 + the signal's number, as a shell
/// reports a process a signal ended. The previous site stays in place.
enum SignalCleanup {
    static func install() -> [DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)  // delivered to the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                ActiveStagings.interrupt(signal: number)
                FileHandle.standardError.write(Data("build interrupted by signal \(number); the output folder was left as it was\n".utf8))
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }
}

/// Prints the findings of `build`, `changes` and `new` on stderr, through the one presenter
/// of findings (`FindingFormatter`, as `check` prints them on stdout); nothing when there are
/// none.
enum DiagnosticPrinter {
    static func printText(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        FileHandle.standardError.write(Data(FindingFormatter.format(ValidationOutcome(findings: diagnostics), as: .text).utf8))
    }
}
