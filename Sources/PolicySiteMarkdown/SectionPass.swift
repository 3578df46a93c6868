import PolicySiteCore

/// Splits the top-level blocks into the parts a page is made of: the preamble, then per section
/// its heading, its body before the first `###`, and per subsection its heading and body.
/// Sections start at the first `##`; after that, `#` and `##` start sections. Every part is a
/// range of `SearchTextPass.topBlocks`; parts are consecutive and cover them all, so cmark
/// renders the document once and each part is a range of its HTML (`RenderedParts`).
struct SectionPass {
    /// One section: the indices into `parts` of its heading, its intro, and its subsections'.
    struct Section {
        var heading: Int
        var intro: Int
        var subsections: [(heading: Int, body: Int)]
    }

    private(set) var parts: [Range<Int>] = []
    private(set) var sections: [Section] = []
    /// Index into `HeadingPass.headings` of each top-level block that is a heading.
    private let topHeadings: [Int?]

    init(texts: SearchTextPass, headings: HeadingPass) {
        // Both lists are in document order: merge them rather than hash every heading's row.
        let headingNodes = headings.headingNodes
        var nextHeading = 0
        topHeadings = texts.topBlocks.map { block in
            while nextHeading < headingNodes.count, headingNodes[nextHeading] < block { nextHeading += 1 }
            return nextHeading < headingNodes.count && headingNodes[nextHeading] == block ? nextHeading : nil
        }
        let topHeadings = self.topHeadings
        func level(_ index: Int) -> Int? { topHeadings[index].map { headings.headings[$0].level } }
        let count = topHeadings.count
        var firstSection = count
        for index in 0..<count where level(index) == 2 {
            firstSection = index
            break
        }
        parts.reserveCapacity(1 + 2 * (count - firstSection))
        sections.reserveCapacity(count - firstSection)
        parts.append(0..<firstSection)
        var index = firstSection
        while index < count {
            var end = index + 1
            while end < count, (level(end) ?? 3) > 2 { end += 1 }
            var bodyEnd = index + 1
            while bodyEnd < end, level(bodyEnd) != 3 { bodyEnd += 1 }
            parts.append(index..<(index + 1))
            parts.append((index + 1)..<bodyEnd)
            var entry = Section(heading: parts.count - 2, intro: parts.count - 1, subsections: [])
            if bodyEnd < end { entry.subsections.reserveCapacity(end - bodyEnd) }
            var sub = bodyEnd
            while sub < end {
                var subEnd = sub + 1
                while subEnd < end, level(subEnd) != 3 { subEnd += 1 }
                parts.append(sub..<(sub + 1))
                parts.append((sub + 1)..<subEnd)
                entry.subsections.append((heading: parts.count - 2, body: parts.count - 1))
                sub = subEnd
            }
            sections.append(entry)
            index = end
        }
    }

    /// The sections with their HTML from `rendered` and their text from `texts` (slices of
    /// `wholeText`, `texts.wholeText()`).
    func sections(rendered: RenderedParts, texts: SearchTextPass, wholeText: String?, headings: HeadingPass, file: String) -> [MarkdownSection] {
        var result: [MarkdownSection] = []
        result.reserveCapacity(sections.count)
        for entry in sections {
            // Subsections first, so the section is made whole and moved into the list, not
            // copied and changed.
            var subsections: [MarkdownSection] = []
            if !entry.subsections.isEmpty { subsections.reserveCapacity(entry.subsections.count) }
            for sub in entry.subsections {
                subsections.append(section(
                    at: parts[sub.heading].lowerBound, level: 3, end: parts[sub.body].upperBound, texts: texts, wholeText: wholeText,
                    headings: headings, file: file, headingHTML: rendered.string(sub.heading), html: rendered.string(sub.body),
                    subsections: []))
            }
            let sectionEnd = entry.subsections.last.map { parts[$0.body].upperBound } ?? parts[entry.intro].upperBound
            result.append(section(
                at: parts[entry.heading].lowerBound, level: 2, end: sectionEnd, texts: texts, wholeText: wholeText, headings: headings,
                file: file, headingHTML: rendered.string(entry.heading),
                html: rendered.string(entry.intro..<(entry.subsections.last.map { $0.body + 1 } ?? entry.intro + 1)),
                subsections: subsections))
        }
        return result
    }

    /// The preamble's text.
    func preambleText(_ texts: SearchTextPass, wholeText: String?) -> Substring {
        texts.text(ofBlocks: 0..<parts[0].upperBound, in: wholeText)
    }

    /// A section with its heading's title, id and place, its HTML and its text.
    private func section(
        at index: Int, level: Int, end: Int, texts: SearchTextPass, wholeText: String?, headings: HeadingPass, file: String,
        headingHTML: Substring, html: Substring, subsections: [MarkdownSection]
    ) -> MarkdownSection {
        let plainText = texts.text(ofBlocks: (index + 1)..<end, in: wholeText)
        // Read in place: a copy of the heading would retain and release its strings.
        guard let heading = topHeadings[index] else {
            return MarkdownSection(
                title: "", id: "", level: level, location: SourceLocation(file: file), headingHTML: headingHTML, html: html,
                plainText: plainText, subsections: subsections)
        }
        return MarkdownSection(
            title: headings.headings[heading].text, id: headings.headings[heading].id, level: headings.headings[heading].level,
            location: headings.headings[heading].location, headingHTML: headingHTML, html: html, plainText: plainText,
            subsections: subsections)
    }
}
