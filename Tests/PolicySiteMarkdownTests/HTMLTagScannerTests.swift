import Testing
@testable import PolicySiteMarkdown

/// The one reading of tags that the allowlist, the anchor scanner, link rebasing and the
/// templates' literal ids share.
@Suite struct HTMLTagScannerTests {
    /// Each token as a short line: kind, name, and for a start tag its attributes as
    /// `name=value` (quote kept, `·` for none) with the decoded value after `->`.
    static func describe(_ html: String) -> [String] {
        var html = html
        return html.withUTF8 { bytes in
            let scanner = HTMLTagScanner(bytes)
            func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            return scanner.map { token -> String in
                switch token {
                case .startTag(let name, let attributes, let selfClosing, _):
                    let listed = attributes.map { attribute -> String in
                        let quote = attribute.quote.map { String(UnicodeScalar($0)) } ?? ""
                        guard let raw = scanner.rawValue(attribute) else { return attribute.name + "=·" }
                        return "\(attribute.name)=\(quote)\(raw)\(quote)->\(scanner.decodedValue(attribute)!)"
                    }
                    return "start \(name)\(selfClosing ? "/" : "") [\(listed.joined(separator: " "))]"
                case .endTag(let name, _): return "end \(name)"
                case .comment(let range): return "comment \(text(range))"
                case .cdata(let range): return "cdata \(text(range))"
                case .declaration(let range): return "declaration \(text(range))"
                case .processingInstruction(let range): return "pi \(text(range))"
                case .unclosedTag(let name, let range): return "unclosed \(name) \(text(range))"
                case .text(let range): return "text \(text(range))"
                }
            }
        }
    }

    @Test func tagsAttributesAndEverythingElseInOrder() {
        #expect(Self.describe(#"<!DOCTYPE html><!-- a <b> --><A HREF='x&amp;y' id=top disabled>a < b</a><br/><?php x ?><![CDATA[<i>]]>"#) == [
            "declaration <!DOCTYPE html>",
            "comment <!-- a <b> -->",
            "start a [href='x&amp;y'->x&y id=top->top disabled=·]",
            "text a ",
            "text < b",
            "end a",
            "start br/ []",
            "pi <?php x ?>",
            "cdata <![CDATA[<i>]]>",
        ])
    }

    @Test func valuesAreDecodedAsABrowserDecodesThem() {
        #expect(Self.describe(#"<p id="&#109;ain" title="a&colon;b&unknown;c &#x26;" class = "x">"#) == [
            "start p [id=\"&#109;ain\"->main title=\"a&colon;b&unknown;c &#x26;\"->a:b&unknown;c & class=\"x\"->x]",
        ])
    }

    @Test func whatIsCutOffOrNotATagIsSaidSo() {
        #expect(Self.describe("<a href=\"x") == ["unclosed a <a href=\"x"])
        #expect(Self.describe("</p") == ["unclosed p </p"])
        #expect(Self.describe("1 <2 and </ p>") == ["text 1 ", "text <2 and ", "text </ p>"])
        #expect(Self.describe("<a \"onclick\"=x>") == ["start a [\"onclick\"=x->x]"])
    }
}
