import PolicySiteCore

/// Every heading's id (`HeadingIDGenerator`, unique in the page) and, with `headingIDs`, the
/// wrapper that gives the rendered heading its id and a hover anchor. Ids that kept raw HTML
/// gives elements are claimed in document order with the headings': a second `id="notes"` is an
/// `id-duplicate` error, and later headings avoid it.
struct HeadingPass {
    private(set) var headings: [MarkdownHeading] = []
    /// The row of each heading, in order.
    private(set) var headingNodes: [Int] = []
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var wrappers: [HeadingWrapper] = []
    /// The wrappers' HTML, NUL-terminated strings one after another.
    private(set) var html: [UInt8] = []

    init(_ table: MarkdownNodeTable, texts: SearchTextPass, rawHTML: RawHTMLPass, positions: InlinePositionPass, context: MarkdownPassContext) {
        var ids = HeadingIDGenerator(reservedIDs: context.options.reservedIDs)
        // Document order: a raw HTML node counts where it starts, a heading where it ends (its
        // id comes from its whole text), so raw HTML inside a heading comes first.
        let kept = rawHTML.kept
        var nextKept = 0
        for node in 0..<table.count {
            // Headings are few: stop after the last one.
            if headings.count == table.counts.headings { break }
            guard table.rows[node].kind == .heading else { continue }
            let end = Int(table.rows[node].end)
            while nextKept < kept.count, kept[nextKept] < end {
                claimIDs(kept[nextKept], table, &ids, positions: positions, context: context)
                nextKept += 1
            }
            if headings.isEmpty {
                headings.reserveCapacity(table.counts.headings)
                headingNodes.reserveCapacity(table.counts.headings)
                if context.options.headingIDs { wrappers.reserveCapacity(table.counts.headings) }
            }
            let text = texts.headingTexts[headings.count]
            let heading = MarkdownHeading(
                level: table.headingLevel(node), text: text, id: ids.id(for: text), location: context.location(of: node, in: table))
            headings.append(heading)
            headingNodes.append(node)
            if context.options.headingIDs { wrappers.append(Self.appendWrapper(node, heading, to: &html)) }
        }
        while nextKept < kept.count {
            claimIDs(kept[nextKept], table, &ids, positions: positions, context: context)
            nextKept += 1
        }
    }

    /// Claims the ids a kept raw HTML node gives elements; a taken one is an `id-duplicate`.
    private mutating func claimIDs(
        _ node: Int, _ table: MarkdownNodeTable, _ ids: inout HeadingIDGenerator, positions: InlinePositionPass, context: MarkdownPassContext
    ) {
        for id in table.withLiteral(node, { RawHTMLAllowlist.ids(in: $0) }) {
            guard let owner = ids.claim(id) else { continue }
            let whose = owner == .page ? "the page around the content (its template)" : "a heading or other raw HTML of this page"
            let where_ = context.location(line: Int(table.rows[node].line), column: positions.column(of: node, in: table))
            diagnostics.append(.error("id-duplicate", "raw HTML id '\(id)' is already the id of \(whose); a link to #\(id) lands on the first: choose another id", at: where_))
        }
    }

    /// `<hN id="x">` and ` <a class="anchor" href="#x" aria-label="Link to this section">#</a></hN>`.
    /// Ids hold only letters, marks, digits and hyphens: nothing to escape. Built as bytes:
    /// string interpolation was a visible cost on pages with many headings.
    static func appendWrapper(_ node: Int, _ heading: MarkdownHeading, to html: inout [UInt8]) -> HeadingWrapper {
        let level = UInt8(ascii: "0") + UInt8(clamping: heading.level)
        var id = heading.id
        return id.withUTF8 { id in
            if html.isEmpty { html.reserveCapacity(8 * (96 + 2 * id.count)) }
            let enter = html.count
            var exit = 0
            html.appendWritten(maximum: 96 + 2 * id.count) { writer in
                writer.write("<h")
                writer.write(level)
                writer.write(" id=\"")
                writer.write(id)
                writer.write("\">")
                writer.write(0)
                exit = enter + writer.count
                writer.write(" <a class=\"anchor\" href=\"#")
                writer.write(id)
                writer.write("\" aria-label=\"Link to this section\">#</a></h")
                writer.write(level)
                writer.write(">")
                writer.write(0)
            }
            return HeadingWrapper(node: node, enter: enter, exit: exit)
        }
    }
}
