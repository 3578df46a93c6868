import Foundation
import PolicySiteCore

/// `policysite new`: writes the skeleton of a guidance page or a general page, with the site's
/// own data filled in (the official descriptor, the as-of date, the payers in display order)
/// and a `Placeholder:` line wherever the author has to write (rule `placeholder`).
public enum Scaffold {
    /// What `new` did: the file it wrote (its display path), or the findings that stopped it.
    public struct Outcome: Sendable, Equatable {
        public var written: String?
        public var diagnostics: [Diagnostic]
    }

    /// Writes `codes/<CODE>.md` for a code of the site's code set.
    ///
    /// Refuses, each with a finding at the file it would write: a code that is not an HCPCS
    /// code (`code-format`), one the code set lacks (`code-unknown`, with the nearest code), a
    /// terminated code unless `historical` (`code-terminated`), `historical` for a code that
    /// is not terminated (`historical-not-terminated`), and a file that exists (`file-exists`).
    public static func newGuidancePage(code given: String, request: BuildRequest, historical: Bool = false) -> Outcome {
        let code = given.uppercased()
        let contentDisplay = request.contentDisplayPath ?? request.contentPath
        let display = "\(contentDisplay)/codes/\(code).md"
        let target = "\(request.contentPath)/codes/\(code).md"
        let here = SourceLocation(file: display)
        guard HCPCSIdentifier.isProcedureCode(code) else {
            // No file name can be made of it: the finding names the folder.
            return Outcome(diagnostics: [.error("code-format", "'\(given)' is not an HCPCS Level II code (a letter A-V and four digits) or a five-character Level I code", at: SourceLocation(file: "\(contentDisplay)/codes"))])
        }
        if let existing = existing(target, display: display) { return Outcome(diagnostics: [existing]) }
        let (content, loadFindings) = ContentLoader.load(root: request.contentPath, displayRoot: contentDisplay)
        guard let content else { return Outcome(diagnostics: loadFindings.filter { $0.severity == .error }) }
        let (model, assembleFindings) = SiteAssembler.assemble(content, releases: SiteBuilder.releaseInputs(request, configuration: content.configuration))
        guard let model else { return Outcome(diagnostics: (loadFindings + assembleFindings).filter { $0.severity == .error }.sorted()) }
        guard let hcpcs = model.codeSet[code: code] else {
            let suggestion = Spelling.closest(to: code, among: model.codeSet.sortedCodes.lazy.map(\.code)).map { "; did you mean \($0)?" } ?? ""
            return Outcome(diagnostics: [.error("code-unknown", "code \(code) is not in the code set (\(model.codeSet.releaseLabel))\(suggestion)", at: here)])
        }
        let asOf = model.configuration.asOf
        switch (hcpcs.status(asOf: asOf), historical) {
        case (.terminated(let date), false):
            return Outcome(diagnostics: [.error("code-terminated", "code \(code) was terminated on \(date); to keep guidance for older claims, pass --historical", at: here)])
        case (.active, true), (.notYetEffective, true):
            return Outcome(diagnostics: [.error("historical-not-terminated", "code \(code) is not terminated on \(asOf); leave out --historical", at: here)])
        default:
            break
        }
        let text = guidancePage(hcpcs, asOf: asOf, payers: model.payers, historical: historical)
        return write(text, to: target, display: display)
    }

    /// Writes a general page at `path` below the content folder (`policies/x.md`), titled after
    /// its file name. Refuses (`path-invalid`) a path that is not a plain relative `.md` path,
    /// a guidance page's place (`codes/<name>.md`), and a file that exists (`file-exists`).
    public static func newPage(path: String, request: BuildRequest) -> Outcome {
        let contentDisplay = request.contentDisplayPath ?? request.contentPath
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let display = "\(contentDisplay)/\(path)"
        let here = SourceLocation(file: display)
        guard path.hasSuffix(".md"), segments.count > 0,
              segments.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && !$0.contains("\\") && !$0.contains("\0") }),
              segments.last!.count > 3
        else {
            return Outcome(diagnostics: [.error("path-invalid", "'\(path)' is not a Markdown file path below the content folder (like policies/prior-authorization.md)", at: SourceLocation(file: contentDisplay))])
        }
        if segments.count == 2, segments[0] == "codes" {
            return Outcome(diagnostics: [.error("path-invalid", "a file directly in codes/ is a guidance page; use `policysite new code \(segments[1].dropLast(3))`", at: here)])
        }
        let target = "\(request.contentPath)/\(path)"
        if let existing = existing(target, display: display) { return Outcome(diagnostics: [existing]) }
        return write(generalPage(title: title(fromFileName: segments.last!)), to: target, display: display)
    }

    // MARK: - The text

    /// The guidance page for `code`: front matter, the four sections with what belongs in
    /// each, and one note per payer saying that no data is available yet.
    static func guidancePage(_ code: HCPCSCode, asOf: CalendarDate, payers: [Payer], historical: Bool) -> String {
        var text = """
            ---
            code: \(code.code)
            title: \(yamlQuoted(code.longDescriptor))
            descriptor: >-
            \(wrapped(code.longDescriptor, indent: "  "))
            lastReviewed: \(asOf)
            owner: "\(PlaceholderCheck.marker) the team that owns this page"

            """
        if historical { text += "historical: true\n" }
        text += """
            ---

            ## Overview

            \(PlaceholderCheck.marker) what \(code.code) reports and when it is used, in plain words.

            ## Clinical context

            \(PlaceholderCheck.marker) the clinical setting: who performs the service, where, and why.

            ## Coding specifications

            \(PlaceholderCheck.marker) how to report \(code.code): units, modifiers, the documentation it needs, and what not to report with it.

            ## Payer notes

            """
        for payer in payers {
            text += "\n### \(payer.name)\n\nNo data available.\n"
        }
        return text
    }

    /// A general page with its title and one placeholder paragraph.
    static func generalPage(title: String) -> String {
        """
        ---
        title: \(yamlQuoted(title))
        ---

        \(PlaceholderCheck.marker) what this page tells coders, in plain words.

        """
    }

    /// `prior-authorization.md` → `Prior authorization`.
    static func title(fromFileName name: String) -> String {
        let words = name.dropLast(3).split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " }).joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// A YAML scalar for `text`: plain when YAML reads it back unchanged, else double-quoted.
    static func yamlQuoted(_ text: String) -> String {
        let plainSafe = !text.isEmpty && text.first!.isLetter
            && !text.contains(": ") && !text.contains(" #") && !text.hasSuffix(":")
            && text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0 != "\"" && $0 != "\\" }
        if plainSafe { return text }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    /// `text` as indented lines of at most 90 columns (a folded block scalar's lines).
    static func wrapped(_ text: String, indent: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, indent.count + line.count + 1 + word.count > 90 {
                lines.append(indent + line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines.joined(separator: "\n")
    }

    // MARK: - Files

    private static func existing(_ target: String, display: String) -> Diagnostic? {
        var info = stat()
        guard lstat(target, &info) == 0 else { return nil }
        return .error("file-exists", "\(display) already exists; edit it, or remove it first", at: SourceLocation(file: display))
    }

    private static func write(_ text: String, to target: String, display: String) -> Outcome {
        do {
            let url = URL(fileURLWithPath: target)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // `.withoutOverwriting`: a file that appeared since the check is not replaced.
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            return Outcome(written: display, diagnostics: [])
        } catch {
            return Outcome(diagnostics: [.error("output-write", "\(display) could not be written: \(error.localizedDescription)", at: SourceLocation(file: display))])
        }
    }
}
