import Foundation
import PolicySiteCore
import PolicySiteTemplates

extension PageRenderer {
    /// The site's path of the publication record page (`publication/`).
    static var recordPath: SitePath { SiteModel.recordPath }

    /// The publication record as a page a person reads: what was built, from which inputs,
    /// and every file of the site with its SHA-256; the same record as `manifest.json` beside
    /// it. Rendered with the general page template, so a site's own templates style it.
    ///
    /// The page is written in parts of about 64 KB to `write`. The tables of a site of a
    /// hundred thousand files make a page of tens of megabytes, which held whole (and again in
    /// the template's buffer) was the largest part of a big build's memory peak; so the page
    /// is rendered around a marker in place of its body, and the rows stream where it stood.
    /// - Throws: what `write` throws.
    func writeRecordPage(_ manifest: BuildManifest, to write: (ArraySlice<UInt8>) throws -> Void) rethrows {
        let path = Self.recordPath
        // Two noncharacters (U+FDD0, U+FDD1) around a word: text no template writes by chance.
        let marker = String(decoding: [0xEF, 0xB7, 0x90] + Array("policysite-record-body".utf8) + [0xEF, 0xB7, 0x91], as: UTF8.self)
        let view = GeneralPageView(
            layout: layout(at: path, title: "Publication record", breadcrumbs: [LinkView(title: "Home", url: path.relativeURL(to: .root))]),
            title: "Publication record", showsTitle: true, description: nil, html: HTML(marker))
        let page = templates.pages.page.render(view)
        let markerBytes = Array(marker.utf8)
        let split = page.firstRange(of: markerBytes) ?? page.endIndex..<page.endIndex

        var buffer: [UInt8] = []
        buffer.reserveCapacity(FileParts.size + 16 * 1024)
        func append(_ text: String) { buffer.append(contentsOf: text.utf8) }
        func escaped(_ text: String) { HTMLEscaping.append(text, to: &buffer) }

        buffer.append(contentsOf: page[..<split.lowerBound])
        append("<p>This page records what this copy of the site was built from and every file it holds, ")
        append("as <a href=\"manifest.json\">manifest.json</a> does for tools. ")
        append("<code>policysite verify</code> compares a published copy with it.</p>\n")
        append("<dl class=\"record-facts\">\n")
        for (term, value) in [
            ("Built by", manifest.generator), ("Content revision", manifest.revision ?? "not given"),
            ("Status as of", manifest.asOf), ("Code set", manifest.codeSet),
            ("Inputs", "\(manifest.inputs.count) files"), ("Site files", "\(manifest.outputs.count + 2), this page and manifest.json included"),
        ] {
            append("<dt>"); escaped(term); append("</dt><dd>"); escaped(value); append("</dd>\n")
        }
        append("</dl>\n")
        // Rows go straight into the buffer: a site of a hundred thousand files has as many rows.
        func cell(_ text: String) { append("<td>"); escaped(text); append("</td>") }
        func number(_ value: Int) { append("<td>"); append(String(value)); append("</td>") }
        func digest(_ sha256: SHA256Digest) { append("<td><code>"); sha256.appendHex(to: &buffer); append("</code></td>") }
        func table<Entry>(_ id: String, _ title: String, _ columns: [String], _ entries: [Entry], _ row: (Entry) -> Bool) throws {
            append("<h2 id=\"\(id)\">\(title)</h2>\n")
            guard !entries.isEmpty else { return append("<p>None.</p>\n") }
            append("<table class=\"record\">\n<thead><tr>" + columns.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n")
            for entry in entries {
                let mark = buffer.count
                append("<tr>")
                guard row(entry) else {
                    buffer.removeSubrange(mark...)
                    continue
                }
                append("</tr>\n")
                try FileParts.handOn(&buffer, to: write)
            }
            append("</tbody>\n</table>\n")
        }
        func file(_ entry: BuildManifest.File) -> Bool {
            cell(entry.path); number(entry.size); digest(entry.sha256)
            return true
        }
        try table("inputs", "Inputs", ["Kind", "File", "Bytes", "SHA-256"], manifest.inputs) {
            cell($0.role); cell($0.path); number($0.size); digest($0.sha256)
            return true
        }
        // This page cannot list its own digest; manifest.json does.
        try table("files", "Site files", ["File", "Bytes", "SHA-256"], manifest.outputs) { $0.path != BuildManifest.pagePath && file($0) }
        try table("kept", "Files kept from the previous copy", ["File", "Bytes", "SHA-256"], manifest.kept, file)
        buffer.append(contentsOf: page[split.upperBound...])
        try FileParts.handOn(&buffer, last: true, to: write)
    }
}
