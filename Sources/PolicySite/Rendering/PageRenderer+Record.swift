import Foundation
import PolicySiteCore
import PolicySiteTemplates

extension PageRenderer {
    /// The site's path of the publication record page (`publication/`).
    static let recordPath = SitePath([BuildManifest.folder])

    /// The publication record as a page a person reads: what was built, from which inputs,
    /// and every file of the site with its SHA-256; the same record as `manifest.json` beside
    /// it. Rendered with the general page template, so a site's own templates style it.
    func recordPage(_ manifest: BuildManifest) -> (OutputFile?, [Diagnostic]) {
        let path = Self.recordPath
        var html = "<p>This page records what this copy of the site was built from and every file it holds, "
        html += "as <a href=\"manifest.json\">manifest.json</a> does for tools. "
        html += "<code>policysite verify</code> compares a published copy with it.</p>\n"
        html += "<dl class=\"record-facts\">\n"
        for (term, value) in [
            ("Built by", manifest.generator), ("Content revision", manifest.revision ?? "not given"),
            ("Status as of", manifest.asOf), ("Code set", manifest.codeSet),
            ("Inputs", "\(manifest.inputs.count) files"), ("Site files", "\(manifest.outputs.count + 2), this page and manifest.json included"),
        ] {
            html += "<dt>\(HTMLEscaping.escaped(term))</dt><dd>\(HTMLEscaping.escaped(value))</dd>\n"
        }
        html += "</dl>\n"
        // Rows go straight into the page: a site of a hundred thousand files has as many, and
        // an array of cells per row first doubled the memory of the build's last step.
        func table<Entry>(_ id: String, _ title: String, _ columns: [String], _ entries: [Entry], _ cells: (Entry) -> [String]) {
            html += "<h2 id=\"\(id)\">\(title)</h2>\n"
            guard !entries.isEmpty else { return html += "<p>None.</p>\n" }
            html += "<table class=\"record\">\n<thead><tr>" + columns.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for entry in entries {
                let row = cells(entry)
                guard !row.isEmpty else { continue }
                html += "<tr>"
                for (index, cell) in row.enumerated() {
                    html += index == row.count - 1 ? "<td><code>\(HTMLEscaping.escaped(cell))</code></td>" : "<td>\(HTMLEscaping.escaped(cell))</td>"
                }
                html += "</tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        table("inputs", "Inputs", ["Kind", "File", "Bytes", "SHA-256"], manifest.inputs) { [$0.role, $0.path, String($0.size), $0.sha256] }
        // This page cannot list its own digest; manifest.json does.
        table("files", "Site files", ["File", "Bytes", "SHA-256"], manifest.outputs) { $0.path == BuildManifest.pagePath ? [] : [$0.path, String($0.size), $0.sha256] }
        table("kept", "Files kept from the previous copy", ["File", "Bytes", "SHA-256"], manifest.kept) { [$0.path, String($0.size), $0.sha256] }
        let view = GeneralPageView(
            layout: layout(at: path, title: "Publication record", breadcrumbs: [LinkView(title: "Home", url: path.relativeURL(to: .root))]),
            title: "Publication record", showsTitle: true, description: nil, html: HTML(html))
        return output(\.page, view, at: path)
    }
}
