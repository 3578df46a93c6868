import CCmark
import Foundation
import PolicySiteCore
import Synchronization
import Testing
@testable import PolicySiteMarkdown

/// The byte-level helpers of the Markdown layer's hot paths, with exact values, and checks that
/// each shortcut gives what the slower way (or cmark itself) gives.
@Suite struct FastPathTests {
    // MARK: CodeMentionScanner

    func scan(_ text: String) -> [CodeMentionScanner.Match] {
        var text = text
        return text.withUTF8 { CodeMentionScanner.scan($0) }
    }

    func code(_ offset: Int) -> CodeMentionScanner.Match { .init(kind: .code, offset: offset, length: 5) }
    func modifier(_ offset: Int) -> CodeMentionScanner.Match { .init(kind: .modifier, offset: offset, length: 2) }

    @Test func scannerFindsCodesAndModifiersAtExactOffsets() {
        #expect(scan("Bill G9328 with modifier 26, not G1234.") == [code(5), modifier(25), code(33)])
        #expect(scan("modifiers 26, and TC / 59") == [modifier(10), modifier(18), modifier(23)])
        #expect(scan("XG9328 G93281 W1234 MODIFIER 26 modifier 2x Modifiers 26/TC") == [modifier(29), modifier(54), modifier(57)])
        #expect(scan("(V0001) A1234_ M1234 modifier 59") == [code(1), code(15), modifier(30)])
        #expect(scan("") == [])
        #expect(scan("modifier") == [])
        #expect(scan("modifier 26") == [modifier(9)])
    }

    @Test func candidateBytesAreExactlyAToVAndLowerM() {
        // Every byte value in every lane of the eight-byte word, the other lanes a space.
        for lane in 0..<8 {
            for value in 0...255 {
                var word: UInt64 = 0x2020_2020_2020_2020
                word &= ~(0xFF << UInt64(8 * lane))
                word |= UInt64(value) << UInt64(8 * lane)
                let expected: UInt64 = (0x41...0x56).contains(value) || value == 0x6D ? 0x80 << UInt64(8 * lane) : 0
                #expect(CodeMentionScanner.candidates(word) == expected, "lane \(lane) byte \(value)")
            }
        }
        #expect(CodeMentionScanner.candidates(0x6D41_FF80_0056_5740) == 0x8080_0000_0080_0000)
    }

    @Test func scannerFindsMatchesAcrossItsEightByteSteps() {
        // Matches at every offset from the start of a longer text, and right at its end.
        for prefix in 0..<17 {
            let padding = String(repeating: "x ", count: prefix / 2) + (prefix % 2 == 1 ? " " : "")
            let offset = padding.utf8.count
            #expect(scan(padding + "G9328 modifier TC") == [code(offset), modifier(offset + 15)], "\(prefix)")
            #expect(scan(padding + "aG9328 mG9328") == [], "\(prefix)")
        }
    }

    @Test func scannerAppendsToTheBufferItIsGiven() {
        var matches = [code(99)]
        var text = "G9328"
        text.withUTF8 { CodeMentionScanner.scan($0, into: &matches) }
        #expect(matches == [code(99), code(0)])
    }

    @Test func separatorsAreTriedInTheirOrder() {
        func length(_ text: String) -> Int? {
            var text = text
            return text.withUTF8 { CodeMentionScanner.separatorLength($0, at: 0) }
        }
        #expect(length(", and TC") == 6)
        #expect(length(", or TC") == 5)
        #expect(length(", TC") == 2)
        #expect(length(" and TC") == 5)
        #expect(length(" or TC") == 4)
        #expect(length(" / TC") == 3)
        #expect(length("/TC") == 1)
        #expect(length(" & TC") == 3)
        #expect(length(" TC") == nil)
        #expect(length(",") == nil)
        #expect(length("") == nil)
    }

    /// The scanner as it was before it worked on a reused buffer without allocating: the
    /// reference the fast one must agree with on any text.
    enum ReferenceScanner {
        static func scan(_ text: [UInt8]) -> [CodeMentionScanner.Match] {
            var matches: [CodeMentionScanner.Match] = []
            var index = 0
            while index < text.count {
                let byte = text[index]
                let isCodeStart = byte >= 0x41 && byte <= 0x56
                let isModifierStart = byte == 0x6D || byte == 0x4D
                if !(isCodeStart || isModifierStart) || (index > 0 && isWord(text[index - 1])) {
                    index += 1
                    continue
                }
                if isModifierStart, let end = modifiers(text, index, &matches) {
                    index = end
                    continue
                }
                if isCodeStart, index + 5 <= text.count, (1...4).allSatisfy({ isDigit(text[index + $0]) }),
                   index + 5 == text.count || !isWord(text[index + 5]) {
                    matches.append(.init(kind: .code, offset: index, length: 5))
                    index += 5
                    continue
                }
                index += 1
            }
            return matches
        }

        static func modifiers(_ text: [UInt8], _ start: Int, _ matches: inout [CodeMentionScanner.Match]) -> Int? {
            let word = Array("modifier".utf8)
            guard start + word.count < text.count else { return nil }
            for offset in 0..<word.count where text[start + offset] | 0x20 != word[offset] { return nil }
            var index = start + word.count
            let plural = text[index] | 0x20 == UInt8(ascii: "s")
            if plural { index += 1 }
            guard index < text.count, text[index] == 0x20 else { return nil }
            while index < text.count, text[index] == 0x20 { index += 1 }
            guard identifier(text, index) else { return nil }
            matches.append(.init(kind: .modifier, offset: index, length: 2))
            index += 2
            guard plural else { return index }
            let separators = [", and ", ", or ", ", ", " and ", " or ", " / ", "/", " & "].map { Array($0.utf8) }
            while true {
                var next: Int?
                for separator in separators where text.count - index >= separator.count {
                    if Array(text[index..<(index + separator.count)]) == separator {
                        next = index + separator.count
                        break
                    }
                }
                guard let candidate = next, identifier(text, candidate) else { return index }
                matches.append(.init(kind: .modifier, offset: candidate, length: 2))
                index = candidate + 2
            }
        }

        static func identifier(_ text: [UInt8], _ index: Int) -> Bool {
            guard index + 2 <= text.count else { return false }
            func allowed(_ byte: UInt8) -> Bool { isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) }
            guard allowed(text[index]), allowed(text[index + 1]) else { return false }
            return index + 2 == text.count || !isWord(text[index + 2])
        }

        static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        static func isWord(_ byte: UInt8) -> Bool {
            isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
        }
    }

    @Test func scannerAgreesWithTheReferenceOnGeneratedText() {
        // Pieces that make and break matches, glued in a fixed pseudo-random order.
        let pieces = ["G9328", "V0001", "W1234", "M1234", "modifier", "Modifiers", "MODIFIERS", " ", "  ", "26", "TC", "2x",
                      ", and ", ", or ", ", ", " and ", " or ", " / ", "/", " & ", "_", "X", "é", "9", ".", "m", "\n"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3000 {
            var text: [UInt8] = []
            for _ in 0..<(Int(state >> 60) + 1) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += Array(pieces[Int((state >> 33) % UInt64(pieces.count))].utf8)
            }
            let fast = text.withUnsafeBufferPointer { CodeMentionScanner.scan($0) }
            #expect(fast == ReferenceScanner.scan(text), "\(String(decoding: text, as: UTF8.self))")
        }
    }

    // MARK: CrossLinkHTML

    func escaped(_ text: String) -> String {
        var html: [UInt8] = []
        var text = text
        text.withUTF8 { CrossLinkHTML.appendEscapedText($0, to: &html) }
        return String(decoding: html, as: UTF8.self)
    }

    @Test func textIsEscapedLikeCmarkEscapesText() {
        #expect(escaped(#"a&b<c>d"e'f/g"#) == #"a&amp;b&lt;c&gt;d&quot;e'f/g"#)
        #expect(escaped("") == "")
        #expect(escaped("&&") == "&amp;&amp;")
        #expect(escaped("Größe ✓") == "Größe ✓")
    }

    /// What `cmark_render_html` writes for a paragraph holding one node.
    func cmarkHTML(_ make: (OpaquePointer) -> Void) -> String {
        let document = cmark_node_new(CMARK_NODE_DOCUMENT)!
        defer { cmark_node_free(document) }
        let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
        cmark_node_append_child(document, paragraph)
        make(paragraph)
        let html = cmark_render_html(document, CMARK_OPT_DEFAULT)!
        defer { free(html) }
        return String(cString: html)
    }

    @Test func escapingMatchesCmarkForEveryASCIIByteAndUTF8() {
        var samples = (1...0x7F).map { String(UnicodeScalar(UInt8($0))) }
        samples += ["Größe", "✓ & ✓", "\u{1F600}<>", #"" '"#]
        for sample in samples {
            let rendered = cmarkHTML { paragraph in
                let text = cmark_node_new(CMARK_NODE_TEXT)!
                cmark_node_set_literal(text, sample)
                cmark_node_append_child(paragraph, text)
            }
            #expect(rendered == "<p>" + escaped(sample) + "</p>\n", "\(sample.unicodeScalars.map(\.value))")
        }
    }

    @Test func writerAppendsInOneGoWhatItWrote() {
        var bytes: [UInt8] = [0x41]
        var url = "../G9328/index.html"
        var id = "G9328"
        url.withUTF8 { url in
            id.withUTF8 { id in
                bytes.appendWritten(maximum: CrossLinkHTML.maximumEscapedCount(id.count) + url.count + 15) { writer in
                    writer.write(0x20)
                    #expect(writer.count == 1)
                    CrossLinkHTML.writeLink(url: url, text: id, to: &writer)
                    writer.write(" & ")
                }
            }
        }
        #expect(String(decoding: bytes, as: UTF8.self) == #"A <a href="../G9328/index.html">G9328</a> & "#)
        bytes.appendWritten(maximum: 0) { _ in }
        #expect(bytes.count == 44)
    }

    @Test func plainHrefs() {
        #expect(CrossLinkHTML.isPlainHref("../G9328/index.html"))
        #expect(CrossLinkHTML.isPlainHref("../../codes/G9328/index.html#code-summary"))
        #expect(CrossLinkHTML.isPlainHref("a-b_c.d~e/f#g"))
        #expect(!CrossLinkHTML.isPlainHref(""))
        #expect(!CrossLinkHTML.isPlainHref("javascript:alert(1)"))
        #expect(!CrossLinkHTML.isPlainHref("a?b=c"))
        #expect(!CrossLinkHTML.isPlainHref("a b"))
        #expect(!CrossLinkHTML.isPlainHref("a&b"))
        #expect(!CrossLinkHTML.isPlainHref("é"))
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/#".utf8)
        for value in 0...255 {
            let bytes: [UInt8] = [0x61, UInt8(value), 0x61]
            #expect(bytes.withUnsafeBufferPointer { CrossLinkHTML.isPlainHref($0) } == allowed.contains(UInt8(value)), "byte \(value)")
        }
    }

    @Test func cmarkWritesEveryPlainHrefByteUnchanged() {
        let plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/#"
        #expect(CrossLinkHTML.isPlainHref(plain))
        for (allowRaw, options) in [(false, CMARK_OPT_DEFAULT), (true, CMARK_OPT_UNSAFE)] {
            let document = cmark_node_new(CMARK_NODE_DOCUMENT)!
            defer { cmark_node_free(document) }
            let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
            cmark_node_append_child(document, paragraph)
            let link = cmark_node_new(CMARK_NODE_LINK)!
            cmark_node_set_url(link, plain)
            let label = cmark_node_new(CMARK_NODE_TEXT)!
            cmark_node_set_literal(label, "G9328")
            cmark_node_append_child(link, label)
            cmark_node_append_child(paragraph, link)
            let html = cmark_render_html(document, options)!
            defer { free(html) }
            var ours: [UInt8] = []
            var id = "G9328"
            let appended = id.withUTF8 { CrossLinkHTML.appendLink(href: plain, text: $0, to: &ours) }
            #expect(appended)
            #expect(String(cString: html) == "<p>" + String(decoding: ours, as: UTF8.self) + "</p>\n", "unsafe: \(allowRaw)")
        }
    }

    @Test func linkHTMLIsExactAndRefusesOtherURLs() {
        var html: [UInt8] = []
        var id = "26"
        #expect(id.withUTF8 { CrossLinkHTML.appendLink(href: "../../modifiers/26/index.html", text: $0, to: &html) })
        #expect(String(decoding: html, as: UTF8.self) == #"<a href="../../modifiers/26/index.html">26</a>"#)
        #expect(!id.withUTF8 { CrossLinkHTML.appendLink(href: "https://example.org/26", text: $0, to: &html) })
        #expect(String(decoding: html, as: UTF8.self) == #"<a href="../../modifiers/26/index.html">26</a>"#)
    }

    // MARK: Cross-links as HTML versus as cmark nodes

    static let resolver = MarkdownLinkResolver(
        codeURL: { code in
            switch code {
            case "G9328": "../G9328/index.html"
            case "G9329": "../G9329/index.html?from=text"  // not plain: split into nodes
            case "G9330": "javascript:alert(1)"  // not plain, and blanked by cmark's safe mode
            case "G9331": "../G9331/index.html#code-summary"
            default: nil
            }
        },
        modifierURL: { ["26", "TC", "59"].contains($0) ? "../../modifiers/\($0)/index.html" : nil },
        contentLinkURL: { _ in nil })

    static let documents = [
        "Bill G9328 with modifier 26, not G1234.\n",
        "Use *G9328* & **modifiers 26 and TC** for <b>\"x\"</b> &amp; G9331 'quoted'.\n",
        "G9328 then G9329 then G9330 then G9331.\n\nmodifiers 26/TC, 59 or XU\n",
        "## G9328 heading\n\n[G9328 in a link](x.md) and ![G9328](y.png) G9328\n\n> G9328 in a quote\n> - item G9331\n",
        "Text &lt;G9328&gt; and G9328&amp;26 and G9328\\*\n\n    G9328 in code\n\n`G9328` code span\n",
        "Größe G9328 ✓ modifier TC\u{1F600}\n",
    ]

    @Test func htmlCrossLinksGiveTheBytesOfLinkNodes() {
        for allowRaw in [false, true] {
            for markdown in Self.documents {
                var options = MarkdownOptions()
                options.allowRawHTML = allowRaw
                var nodes = options
                nodes.crossLinksAsNodes = true
                let fast = MarkdownRenderer.render(markdown, file: "a.md", options: options, links: Self.resolver)
                let slow = MarkdownRenderer.render(markdown, file: "a.md", options: nodes, links: Self.resolver)
                #expect(fast.html == slow.html, "\(markdown)")
                #expect(fast.sections == slow.sections, "\(markdown)")
                #expect(fast.preambleHTML == slow.preambleHTML, "\(markdown)")
                #expect(fast.mentions == slow.mentions, "\(markdown)")
                #expect(fast.links == slow.links, "\(markdown)")
                #expect(fast.diagnostics == slow.diagnostics, "\(markdown)")
            }
        }
    }

    @Test func crossLinkHTMLIsExact() {
        let document = MarkdownRenderer.render(
            "A & G9328 <x> G9329 \"G9331\"\n", file: "a.md", links: Self.resolver)
        #expect(document.html == """
            <p>A &amp; <a href="../G9328/index.html">G9328</a> <!-- raw HTML omitted --> \
            <a href="../G9329/index.html?from=text">G9329</a> &quot;<a href="../G9331/index.html#code-summary">G9331</a>&quot;</p>

            """)
    }

    final class CallCounter: Sendable {
        private let recorded = Mutex<[String]>([])
        var calls: [String] { recorded.withLock { $0 } }
        func record(_ value: String) {
            recorded.withLock { $0.append(value) }
        }
    }

    @Test func resolverIsAskedOncePerIdentifierAndPage() {
        let counter = CallCounter()
        let resolver = MarkdownLinkResolver(
            codeURL: { counter.record("code \($0)"); return $0 == "G9328" ? "../G9328/index.html" : nil },
            modifierURL: { counter.record("modifier \($0)"); return "../../modifiers/\($0)/index.html" },
            contentLinkURL: { _ in nil })
        let document = MarkdownRenderer.render(
            "G9328 G9328 G1234 modifier 26\n\nG1234 and modifiers 26 and TC; G9328\n", file: "a.md", links: resolver)
        #expect(counter.calls == ["code G9328", "code G1234", "modifier 26", "modifier TC"])
        #expect(document.mentions.map(\.identifier) == ["G9328", "G9328", "G1234", "26", "G1234", "26", "TC", "G9328"])
        #expect(document.mentions.map(\.isLinked) == [true, true, false, true, false, true, true, true])
    }

    // MARK: Small helpers

    @Test func asciiSlugs() {
        func slug(_ text: String) -> String? {
            var text = text
            return text.withUTF8 { HeadingIDGenerator.asciiSlug($0) }
        }
        #expect(slug("Payer notes & G9328") == "payer-notes--g9328")
        #expect(slug("26/TC") == "26tc")
        #expect(slug("a - b") == "a---b")
        #expect(slug("!!!") == "section")
        #expect(slug("") == "section")
        #expect(slug("Größe") == nil)
        // Non-ASCII after a slug's worth of ASCII, and as the last byte.
        #expect(slug("Coverage notes for G9328 ü") == nil)
        #expect(slug("Notes é") == nil)
        #expect(HeadingIDGenerator.slug("Coverage notes for G9328 ü") == "coverage-notes-for-g9328-ü")
        #expect(HeadingIDGenerator.slug("Größe Notes") == "größe-notes")
    }

    @Test func byteAppending() {
        var bytes: [UInt8] = [0x41]
        bytes.appendLiteral("<h2 id=\"")
        bytes.appendUTF8("größe")
        bytes.appendUTF8("")
        bytes.appendLiteral("")
        #expect(bytes == Array("A<h2 id=\"größe".utf8))
    }

    @Test func disallowedSchemesFromStringsAndBytes() {
        #expect(URLSafety.disallowedScheme(in: " \tJava\nScript:alert(1)", isImage: false) == "javascript")
        #expect(URLSafety.disallowedScheme(in: "data:image/png;base64,AAAA", isImage: true) == nil)
        #expect(URLSafety.disallowedScheme(in: "data:image/png;base64,AAAA", isImage: false) == "data")
        #expect(URLSafety.disallowedScheme(in: "../G9328/index.html", isImage: false) == nil)
        var url = "FILE:///etc/passwd"
        #expect(url.withUTF8 { URLSafety.disallowedScheme(inUTF8: $0, isImage: false) } == "file")
    }
}
