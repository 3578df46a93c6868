import Foundation
import PolicySiteCodeSets
import PolicySiteCore
import PolicySiteMarkdown
import PolicySiteTemplates

/// Guidance and general pages' Markdown through the Markdown layer, and what the build keeps of it.
extension PageRenderer {
    func linkResolver(from path: SitePath, sourceFile: String) -> MarkdownLinkResolver {
        let codeSet = model.codeSet
        let pageFiles = contentPagePaths
        // Kept with an empty first segment for an absolute path, so the join restores its "/".
        let sourceFolder = LinkCheck.folder(of: sourceFile)
        return MarkdownLinkResolver(
            codeURL: { code in
                guard codeSet.contains(code: code) else { return nil }
                // A code named on its own page is the page's subject, not a way elsewhere: no link
                // (a link to the page itself reads as one more place to go). Payer pages reuse a
                // note's HTML, and each of their rows links the code page already.
                let target = SiteModel.codePath(code)
                return path == target ? nil : path.relativeURL(to: target)
            },
            modifierURL: { code in codeSet[modifier: code] == nil ? nil : path.relativeURL(to: SiteModel.modifierPath(code)) },
            // The link check resolves with the same two functions (`LinkCheck.resolve` for `.md`
            // links, `ResolvedURL` for URLs), so what it passes is what readers follow.
            contentLinkURL: { destination in
                guard let target = LinkCheck.resolve(destination, in: sourceFolder), let sitePath = pageFiles[target] else { return nil }
                return path.relativeURL(to: sitePath)
            },
            siteLinkURL: { [outputFiles] destination in
                // A site path names the file from the top of the site; any other path, from this
                // page's folder. Either becomes a relative link to the file that serves it.
                let url = ResolvedURL(destination, from: path)
                guard !url.isAboveTop, let file = url.candidates.first(where: { outputFiles.contains($0) }) else { return nil }
                return path.relativeURL(toFile: file)
            })
    }

    func markdown(_ body: String, file: String, lineOffset: Int, path: SitePath) -> MarkdownDocument {
        var options = MarkdownOptions()
        options.allowRawHTML = model.configuration.rawHTML
        // A site that opts in to raw HTML still publishes only allowlisted tags (a `<script>` is still dropped).
        options.rawHTMLAllowlist = true
        options.reservedIDs = reservedIDs
        var document = MarkdownRenderer.render(body, file: file, lineOffset: lineOffset, options: options, links: linkResolver(from: path, sourceFile: file))
        // Checks of the source lines themselves: what the parse hides from the document.
        document.diagnostics += HiddenCharacterCheck.markdown(body, file: file, lineOffset: lineOffset)
        document.diagnostics += CodeListMarkerCheck.check(body, file: file, lineOffset: lineOffset)
        return document
    }

    /// Renders the Markdown of every general page, on all cores. Guidance pages are many and
    /// are rendered one at a time instead (`guidanceDocument`, `digest`), so that a build
    /// never holds all their documents at once.
    func renderGeneralPages() -> [MarkdownDocument] {
        model.pages.parallelMap { page in
            markdown(page.body, file: page.file, lineOffset: page.bodyLineOffset, path: page.path)
        }
    }

    /// The Markdown of the guidance page for `code`, read and rendered anew (nil when there is
    /// none; a document holding only the `content-changed` finding when the file changed).
    /// The whole-page HTML stays: the sections are slices of it, and the placeholder check
    /// reads it.
    func guidanceDocument(code: String) -> MarkdownDocument? {
        guard let page = model.guidance[code] else { return nil }
        let (read, finding) = page.readBody()
        guard let body = read else { return MarkdownDocument(diagnostics: finding.map { [$0] } ?? []) }
        return markdown(body, file: page.file, lineOffset: page.bodyLineOffset, path: SiteModel.codePath(code))
    }

    /// The text a guidance page contributes to the search index.
    static func searchText(of document: MarkdownDocument) -> String {
        SearchIndex.text(of: document)
    }

    /// What the rest of the build needs of a guidance page's Markdown: payer-note states for
    /// the payer pages and the matrix, where its search text waits, the links the link check
    /// reads, and every finding about the page itself (the Markdown layer's and those of the
    /// checks that read only this page).
    /// `searchText` is where the build set the page's search text aside (nil for `check`);
    /// `text` is that text when the caller made it already (it is made here otherwise).
    func digest(_ page: GuidanceSource, document: MarkdownDocument, searchText: Range<Int>? = nil, text: String? = nil) -> GuidanceDigest {
        // A page whose file changed under the build has no document to check: its one finding
        // says so, and the build stops on it.
        let unread = document.diagnostics.contains { $0.rule == "content-changed" }
        return GuidanceDigest(
            links: document.links,
            payerStates: computePayerNoteStates(document), searchText: searchText,
            modifierMentions: ModifierMentions.scan(text ?? Self.searchText(of: document), known: knownModifiers),
            findings: document.diagnostics + (unread ? [] : SiteValidator.checkGuidancePage(page, document: document, model: model)))
    }

    /// The general pages' Markdown findings (invalid UTF-8, dangerous URLs, raw HTML, pipe
    /// tables); a guidance page's are in its digest.
    var markdownFindings: [Diagnostic] {
        content.pages.flatMap(\.diagnostics)
    }
}
