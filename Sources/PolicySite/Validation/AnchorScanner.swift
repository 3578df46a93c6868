/// The anchors of one published HTML page: every `id` attribute and every `<a name>`.
///
/// A scan of tags and their attributes in our own generated HTML (cmark's output inside our
/// templates), not an HTML parser: it skips comments, reads quoted and unquoted attribute
/// values, and decodes the few entities cmark and Mustache write in attributes.
enum AnchorScanner {
    static func anchors(in html: [UInt8]) -> Set<String> {
        var anchors: Set<String> = []
        let count = html.count
        var index = 0
        while index < count {
            guard html[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if html[index...].starts(with: "<!--".utf8) {
                index = find("-->", in: html, from: index + 4).map { $0 + 3 } ?? count
                continue
            }
            index += 1
            let nameStart = index
            while index < count, isNameByte(html[index]) { index += 1 }
            guard index > nameStart else { continue }  // `</p>`, `<!DOCTYPE>`, a stray `<`
            let isAnchorElement = index - nameStart == 1 && html[nameStart] | 0x20 == UInt8(ascii: "a")
            // Attributes until `>`.
            while index < count, html[index] != UInt8(ascii: ">") {
                if isSpace(html[index]) || html[index] == UInt8(ascii: "/") {
                    index += 1
                    continue
                }
                let attributeStart = index
                while index < count, !isSpace(html[index]), html[index] != UInt8(ascii: "="), html[index] != UInt8(ascii: ">") { index += 1 }
                let attribute = String(decoding: html[attributeStart..<index], as: UTF8.self).lowercased()
                while index < count, isSpace(html[index]) { index += 1 }
                guard index < count, html[index] == UInt8(ascii: "=") else { continue }
                index += 1
                while index < count, isSpace(html[index]) { index += 1 }
                guard index < count else { break }
                var value: ArraySlice<UInt8>
                if html[index] == UInt8(ascii: "\"") || html[index] == UInt8(ascii: "'") {
                    let quote = html[index]
                    let valueStart = index + 1
                    index = valueStart
                    while index < count, html[index] != quote { index += 1 }
                    value = html[valueStart..<min(index, count)]
                    index += 1
                } else {
                    let valueStart = index
                    while index < count, !isSpace(html[index]), html[index] != UInt8(ascii: ">") { index += 1 }
                    value = html[valueStart..<index]
                }
                if attribute == "id" || (attribute == "name" && isAnchorElement) {
                    anchors.insert(decodeEntities(String(decoding: value, as: UTF8.self)))
                }
            }
            index += 1
        }
        return anchors
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }

    static func find(_ needle: String, in bytes: [UInt8], from start: Int) -> Int? {
        let pattern = Array(needle.utf8)
        guard bytes.count >= pattern.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    /// `&amp;`, `&quot;`, `&#39;`, `&lt;`, `&gt;` and numeric references.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[ampersand...]
            guard let semicolon = after.firstIndex(of: ";"), after.distance(from: ampersand, to: semicolon) <= 10 else {
                result += "&"
                rest = rest[rest.index(after: ampersand)...]
                continue
            }
            let name = after[after.index(after: ampersand)..<semicolon]
            var decoded: String?
            switch name {
            case "amp": decoded = "&"
            case "quot": decoded = "\""
            case "apos": decoded = "'"
            case "lt": decoded = "<"
            case "gt": decoded = ">"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                }
            }
            if let decoded {
                result += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result += "&"
                rest = rest[rest.index(after: ampersand)...]
            }
        }
        return result + rest
    }
}
