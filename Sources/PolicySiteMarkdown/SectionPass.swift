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
            let headingBlock = parts[entry.heading].lowerBound
            let sectionEnd = entry.subsections.last.map { parts[$0.body].upperBound } ?? parts[entry.intro].upperBound
            var section = section(at: headingBlock, level: 2, end: sectionEnd, texts: texts, wholeText: wholeText, headings: headings, file: file)
            section.headingHTML = rendered.string(entry.heading)
            section.html = rendered.string(entry.intro..<(entry.subsections.last.map { $0.body + 1 } ?? entry.intro + 1))
            section.subsections.reserveCapacity(entry.subsections.count)
            for sub in entry.subsections {
                var subsection = self.section(
                    at: parts[sub.heading].lowerBound, level: 3, end: parts[sub.body].upperBound, texts: texts, wholeText: wholeText,
                    headings: headings, file: file)
                subsection.headingHTML = rendered.string(sub.heading)
                subsection.html = rendered.string(sub.body)
                section.subsections.append(subsection)
            }
            result.append(section)
        }
        return result
    }

    /// The preamble's text.
    func preambleText(_ texts: SearchTextPass, wholeText: String?) -> Substring {
        texts.text(ofBlocks: 0..<parts[0].upperBound, in: wholeText)
    }

    /// A section's title, id and text; its HTML is filled in by `sections`.
    private func section(
        at index: Int, level: Int, end: Int, texts: SearchTextPass, wholeText: String?, headings: HeadingPass, file: String
    ) -> MarkdownSection {
        let heading = topHeadings[index].map { headings.headings[$0] }
        return MarkdownSection(
            title: heading?.text ?? "", id: heading?.id ?? "", level: heading?.level ?? level,
            location: heading?.location ?? SourceLocation(file: file), html: "",
            plainText: texts.text(ofBlocks: (index + 1)..<end, in: wholeText))
    }
}
