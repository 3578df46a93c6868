import PolicySiteMarkdown

/// The anchors of one published HTML page: every `id` attribute and every `<a name>`, their
/// character references decoded as a browser decodes them. Read with `HTMLTagScanner`, the
/// reading of tags that the raw HTML allowlist and link rebasing share; comments are skipped.
enum AnchorScanner {
    static func anchors(in html: [UInt8]) -> Set<String> {
        html.withUnsafeBufferPointer { buffer in
            var anchors: Set<String> = []
            let scanner = HTMLTagScanner(buffer)
            for case .startTag(let name, let attributes, _, _) in scanner {
                for attribute in attributes where attribute.name == "id" || (attribute.name == "name" && name == "a") {
                    if let value = scanner.decodedValue(attribute) { anchors.insert(value) }
                }
            }
            return anchors
        }
    }
}
