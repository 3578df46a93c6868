import PolicySiteCore

/// Renders the site's Markdown: cmark parses and writes the HTML; in between, the pipe table
/// pass changes cmark's tree, `CmarkBridge` records it as a `MarkdownNodeTable`, and one pass per
/// concern reads the table (see `MarkdownOptions`): their findings make the `MarkdownDocument`,
/// their decisions (`MarkdownEdits`) go back to cmark's tree before it renders.
public enum MarkdownRenderer {
    /// Parses and renders one document.
    ///
    /// Never throws and never crashes: problems come back in `MarkdownDocument.diagnostics`.
    /// - Parameters:
    ///   - source: the Markdown body.
    ///   - file: the path used in diagnostics and locations.
    ///   - lineOffset: added to every line (the front matter lines before the body).
    ///   - options: which transformations run; all on, raw HTML off, by default.
    ///   - links: how this page links to code, modifier and content pages.
    public static func render(
        _ source: String, file: String, lineOffset: Int = 0,
        options: MarkdownOptions = MarkdownOptions(), links: MarkdownLinkResolver = .none
    ) -> MarkdownDocument {
        var source = source
        return source.withUTF8 { bytes in
            render(
                bytes, isValidUTF8: true, file: file, lineOffset: lineOffset, options: options, links: links,
                diagnostics: [])
        }
    }

    /// Like `render(_:String...)` for raw file bytes: invalid UTF-8 is reported (`utf8-invalid`,
    /// one error per line, at most `UTF8Check.reportLimit` lines) and rendered as U+FFFD.
    public static func render(
        _ bytes: [UInt8], file: String, lineOffset: Int = 0,
        options: MarkdownOptions = MarkdownOptions(), links: MarkdownLinkResolver = .none
    ) -> MarkdownDocument {
        let problems = UTF8Check.problems(in: bytes, file: file, lineOffset: lineOffset)
        return bytes.withUnsafeBufferPointer { buffer in
            render(
                buffer, isValidUTF8: problems.isEmpty, file: file, lineOffset: lineOffset, options: options,
                links: links, diagnostics: problems)
        }
    }
}

extension MarkdownRenderer {
    /// Parses, runs the passes and renders one document. See `render(_:String...)`.
    /// - Parameters:
    ///   - isValidUTF8: the caller knows `source` is valid UTF-8, so cmark need not check it.
    ///   - separateParts: render each part alone rather than the document once (tests: both
    ///     must give the same bytes).
    static func render(
        _ source: UnsafeBufferPointer<UInt8>, isValidUTF8: Bool, file: String, lineOffset: Int,
        options: MarkdownOptions, links resolver: MarkdownLinkResolver, diagnostics: [Diagnostic],
        separateParts: Bool = false
    ) -> MarkdownDocument {
        let context = MarkdownPassContext(file: file, lineOffset: lineOffset, options: options, resolver: resolver)
        let tables: Bool? = options.tables ? options.tableMarkup : nil
        let rendered = CmarkBridge.withDocument(source, isValidUTF8: isValidUTF8, tables: tables) { document, sourceText in
            let table = document.table
            let texts = SearchTextPass(table)
            let positions = InlinePositionPass(table, source: &sourceText)
            let links = LinkPass(table, positions: positions, texts: texts, context: context)
            let rawHTML = RawHTMLPass(table, positions: positions, context: context)
            let headings = HeadingPass(table, texts: texts, rawHTML: rawHTML, positions: positions, context: context)
            let mentions = CodeMentionPass(table, positions: positions, context: context)
            let sections = SectionPass(texts: texts, headings: headings)

            var edits = MarkdownEdits()
            edits.destinations = links.destinations
            edits.blankedHTML = rawHTML.blanked
            edits.textReplacements = mentions.replacements
            edits.textSplits = mentions.splits
            edits.pieces = mentions.pieces
            edits.crossLinkHTML = mentions.html
            edits.headings = headings.wrappers
            edits.headingHTML = headings.html
            document.apply(edits)
            let html = document.render(
                topBlocks: texts.topBlocks, parts: sections.parts, allowRawHTML: options.allowRawHTML, forceSeparate: separateParts)

            var all = diagnostics
            for finding in document.tableFindings {
                all.append(.warning("pipe-table", finding.message, at: context.location(line: finding.line, column: finding.column)))
            }
            all += links.diagnostics
            all += rawHTML.diagnostics
            all += headings.diagnostics
            all.sort()
            let wholeText = texts.wholeText()
            return MarkdownDocument(
                html: html.whole, preambleHTML: html.string(0), preambleText: sections.preambleText(texts, wholeText: wholeText),
                sections: sections.sections(rendered: html, texts: texts, wholeText: wholeText, headings: headings, file: file),
                headings: headings.headings, links: links.links, mentions: mentions.mentions,
                pipeTables: document.tableFindings.map { context.location(line: $0.line, column: $0.column) },
                rawHTML: rawHTML.rawHTML, diagnostics: all)
        }
        return rendered ?? MarkdownDocument(diagnostics: diagnostics)
    }
}

/// Finds invalid UTF-8 in a file's bytes and says where.
enum UTF8Check {
    /// More lines than this are not reported one by one (a binary file would flood the output).
    static let reportLimit = 100

    /// One `utf8-invalid` error per line holding invalid UTF-8, at its first bad byte; after
    /// `reportLimit` lines, one more error says how many further lines were affected.
    public static func problems(in bytes: [UInt8], file: String, lineOffset: Int = 0) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var line = 1
        var lineStart = 0
        var reportedLine = 0
        var extraLines = 0
        var index = 0
        let count = bytes.count
        bytes.withUnsafeBufferPointer { buffer in
            while index < count {
                let byte = buffer[index]
                if byte < 0x80 {
                    if byte == 0x0A || (byte == 0x0D && (index + 1 == count || buffer[index + 1] != 0x0A)) {
                        line += 1
                        lineStart = index + 1
                    }
                    index += 1
                    continue
                }
                let length = UTF8Validation.validSequenceLength(buffer, at: index)
                if length > 0 {
                    index += length
                    continue
                }
                if reportedLine != line {
                    reportedLine = line
                    if diagnostics.count < reportLimit {
                        let hex = String(byte, radix: 16, uppercase: true)
                        diagnostics.append(.error(
                            "utf8-invalid", "invalid UTF-8 byte 0x\(hex.count == 1 ? "0" : "")\(hex); shown as U+FFFD",
                            at: SourceLocation(file: file, line: line + lineOffset, column: index - lineStart + 1)))
                    } else {
                        extraLines += 1
                    }
                }
                index += 1
            }
        }
        if extraLines > 0 {
            diagnostics.append(.error(
                "utf8-invalid", "invalid UTF-8 on \(extraLines) more lines",
                at: SourceLocation(file: file, line: reportedLine + lineOffset, column: 1)))
        }
        return diagnostics
    }
}
