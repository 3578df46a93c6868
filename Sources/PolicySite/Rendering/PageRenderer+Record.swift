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
            html += "<dt>\(Self.escape(term))</dt><dd>\(Self.escape(value))</dd>\n"
        }
        html += "</dl>\n"
        func table(_ id: String, _ title: String, _ columns: [String], _ rows: [[String]]) {
            html += "<h2 id=\"\(id)\">\(title)</h2>\n"
            guard !rows.isEmpty else { return html += "<p>None.</p>\n" }
            html += "<table class=\"record\">\n<thead><tr>" + columns.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in rows {
                html += "<tr>" + row.enumerated().map { $0.offset == row.count - 1 ? "<td><code>\(Self.escape($0.element))</code></td>" : "<td>\(Self.escape($0.element))</td>" }.joined() + "</tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        table("inputs", "Inputs", ["Kind", "File", "Bytes", "SHA-256"], manifest.inputs.map { [$0.role, $0.path, String($0.size), $0.sha256] })
        // This page cannot list its own digest; manifest.json does.
        let files = manifest.outputs.filter { $0.path != BuildManifest.pagePath }
        table("files", "Site files", ["File", "Bytes", "SHA-256"], files.map { [$0.path, String($0.size), $0.sha256] })
        table("kept", "Files kept from the previous copy", ["File", "Bytes", "SHA-256"], manifest.kept.map { [$0.path, String($0.size), $0.sha256] })
        let view = GeneralPageView(
            layout: layout(at: path, title: "Publication record", breadcrumbs: [LinkView(title: "Home", url: path.relativeURL(to: .root))]),
            title: "Publication record", showsTitle: true, description: nil, html: HTML(html))
        return output(\.page, view, at: path)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
