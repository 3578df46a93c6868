import PolicySiteCore

/// A descriptor quoted in the front matter must be the official long descriptor: rule
/// `descriptor-mismatch`. Case and runs of spaces (YAML folding, CMS's upper case) are ignored;
/// any other difference is a finding, because a coder copies the quoted text.
enum DescriptorCheck {
    static func run(_ context: ValidationContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for page in context.model.sortedGuidance {
            let matter = page.frontMatter
            guard let quoted = matter.descriptor, let code = context.model.codeSet[code: matter.code] else { continue }
            let official = normalised(code.longDescriptor)
            let given = normalised(quoted)
            guard given != official else { continue }
            let quotedWords = given.split(separator: " "), officialWords = official.split(separator: " ")
            let same = zip(quotedWords, officialWords).prefix { $0 == $1 }.count
            let where_ = same < quotedWords.count ? "from \"\(quotedWords[same])\" (word \(same + 1))" : "after word \(same) (the official text goes on)"
            diagnostics.append(.error("descriptor-mismatch", "descriptor differs from the official long descriptor of \(code.code) \(where_); official: \"\(code.longDescriptor)\"", at: matter.descriptorLocation))
        }
        return diagnostics
    }

    /// Lower-cased, with every run of white space made one space and the ends trimmed.
    static func normalised(_ text: String) -> String {
        text.lowercased().collapsingWhiteSpace
    }
}
