import Foundation
import PolicySiteCore
import PolicySiteMarkdown
import PolicySiteTemplates

/// The client-side search index: a JavaScript file that sets a global, because browsers block
/// `fetch()` of a JSON file opened from `file://` but run a `<script src>`.
///
/// Shape: `window.POLICYSITE_SEARCH = {"entries": [[code, title, descriptor, status, url, text, guidance], ...]}`
/// - code: the HCPCS code, or "" for a general page;
/// - title: the short descriptor (codes) or the page title;
/// - descriptor: the long descriptor (codes) or the page description;
/// - status: "" when active, else the status label ("Terminated 2015-12-31");
/// - url: relative to `Site/`;
/// - text: the page's text without markup, before its first heading and under each heading
///   (guidance and general pages; "" for codes without guidance and for modifiers);
/// - guidance: the guidance page's title, "" for a code without guidance (the script ranks
///   codes with guidance first and shows the title).
/// Entries are codes sorted by code (bytewise), then modifiers by code (their descriptor starts
/// "Modifier 26:", so "modifier 26" finds them), then general pages by URL: the script relies on
/// the order for code-prefix results in code order.
enum SearchIndex {
    /// Writes the index through `emit`, in parts of about a megabyte: the index of a large
    /// site is tens of megabytes, and holding it whole was the build's peak memory.
    /// `codes` are the code set's codes in code order (the renderer sorted them once).
    /// `guidanceText` gives a code's guidance text ("" without guidance); `content.pages`
    /// carry the general pages'.
    /// Returns the number of bytes written.
    @discardableResult
    static func write(_ model: SiteModel, codes: [HCPCSCode], content: RenderedContent, guidanceText: (String) throws -> String, to emit: (ArraySlice<UInt8>) throws -> Void) throws -> Int {
        var bytes = Array("window.POLICYSITE_SEARCH = {\"entries\":[".utf8)
        var total = 0
        let flushSize = 1 << 20
        bytes.reserveCapacity(flushSize + 64 * 1024)
        var first = true
        // An entry is written a field at a time: a code's entry made as an array of its seven
        // strings was an array made, each string retained, and all of it freed, per code.
        var fieldCount = 0
        func open() {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            bytes.append(UInt8(ascii: "["))
            fieldCount = 0
        }
        func field(_ text: String) {
            if fieldCount > 0 { bytes.append(UInt8(ascii: ",")) }
            fieldCount += 1
            JSONText.append(text, to: &bytes)
        }
        func close() throws {
            bytes.append(UInt8(ascii: "]"))
            if bytes.count >= flushSize {
                try emit(bytes[...])
                total += bytes.count
                bytes.removeAll(keepingCapacity: true)
            }
        }
        func entry(_ fields: [String]) throws {
            open()
            for text in fields { field(text) }
            try close()
        }
        let asOf = model.configuration.asOf
        // Codes read where they are: `for code in codes` copied each (a retain of every field).
        for index in codes.indices {
            let status = codes[index].status(asOf: asOf)
            let code = codes[index].code
            open()
            field(code)
            field(codes[index].shortDescriptor)
            field(codes[index].longDescriptor)
            field(status == .active ? "" : status.label)
            field(SiteModel.codePath(code).filePath)
            field(try guidanceText(code))
            field(model.guidance[code]?.frontMatter.title ?? "")
            try close()
        }
        for modifier in model.codeSet.sortedModifiers {
            let status = modifier.status(asOf: asOf)
            try entry([
                modifier.code, modifier.shortDescriptor ?? modifier.descriptor, "Modifier \(modifier.code): \(modifier.descriptor)",
                status == .active ? "" : status.label, SiteModel.modifierPath(modifier.code).filePath, "", "",
            ])
        }
        for (page, document) in zip(model.pages, content.pages).sorted(by: { $0.0.path < $1.0.path }) {
            try entry(["", page.frontMatter.title, page.frontMatter.description ?? "", "", page.path.filePath, text(of: document), ""])
        }
        bytes += Array("]};\n".utf8)
        try emit(bytes[...])
        return total + bytes.count
    }

    /// A page's words for the index: its text before the first heading, then each section's
    /// heading and text, white space collapsed.
    static func text(of document: MarkdownDocument) -> String {
        // Joined in one buffer, then collapsed: no string per section. Each section's title
        // and text are read in place: `for section in` copied every section whole (its HTML,
        // its subsections) for the two fields.
        let sections = document.sections
        var length = document.preambleText.utf8.count
        for index in sections.indices { length += sections[index].title.utf8.count + sections[index].plainText.utf8.count + 2 }
        let joined = String(unsafeUninitializedCapacity: length) { buffer in
            var written = 0
            // Copied whole from the text's contiguous bytes: initialising from a substring's
            // UTF-8 view went byte by byte, and cost twice what the `+=` did.
            func write(_ text: some StringProtocol) {
                let utf8 = text.utf8
                let copied = utf8.withContiguousStorageIfAvailable { source in
                    UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[written...]).copyMemory(from: UnsafeRawBufferPointer(source))
                    return source.count
                }
                written += copied ?? UnsafeMutableBufferPointer(rebasing: buffer[written...]).initialize(from: utf8).1
            }
            write(document.preambleText)
            for index in sections.indices {
                buffer[written] = UInt8(ascii: " ")
                written += 1
                write(sections[index].title)
                buffer[written] = UInt8(ascii: " ")
                written += 1
                write(sections[index].plainText)
            }
            return written
        }
        return compact(joined)
    }

    /// Collapses runs of white space: the index carries words, not layout.
    static func compact(_ text: String) -> String { text.collapsingWhiteSpace }
}

/// `sitemap.xml`, which needs absolute URLs: written only when `site.yml` has a `baseURL`.
enum Sitemap {
    static func make(baseURL: String, pages: [OutputFile]) -> OutputFile {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        // Pages a reader lands on; the search page and the build's checks page are tools.
        let excluded: Set<String> = [SiteModel.searchPath.filePath, SiteModel.checksPath.filePath]
        let folders = pages.map(\.path)
            .filter { $0.hasSuffix("index.html") && !excluded.contains($0) }
            .map { String($0.dropLast("index.html".count)) }
            .sorted { $0.precedesBytewise($1) }
        for folder in folders {
            xml += "<url><loc>\(HTMLEscaping.escaped(baseURL + folder))</loc></url>\n"
        }
        xml += "</urlset>\n"
        return OutputFile(path: "sitemap.xml", contents: Array(xml.utf8))
    }

}
