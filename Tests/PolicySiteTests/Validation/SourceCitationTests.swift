import Testing
@testable import PolicySite

/// `SourceCitation`: a payer note's source cited in words, by a scan of the text instead of
/// two regular expressions, answering as they did.
@Suite struct SourceCitationTests {
    /// The expressions `PayerNotesCheck` used before the scan, kept here as the reference.
    static func byRegex(_ text: String) -> Bool {
        text.contains(#/(?i)\b(source|sources|reference|references)\s*:\s*\S/#)
            || text.contains(#/(?i)\b(policy|bulletin|lcd|ncd|article|guideline|cpb|manual)\b[^.\n]{0,40}?\b[a-z]{0,3}[-#.]?\d/#)
    }

    static let cited = [
        "Source: CMS claims processing manual.",
        "sources :x",
        "REFERENCES:\n\tAetna",
        "See the reference: page 4",
        "Medicare pays for G9329 under LCD L34567.",
        "Covered per Clinical Policy Bulletin 0123.",
        "cpb#12",
        "Article A-52458 applies",
        "Manual #12",
        "policy-5",
        "ncd 20.4",
        "Guideline abc.7 of the plan",
        "policy (effective 2019) says so",
        "lcd: 1",
        "policy " + String(repeating: "x", count: 38) + " 1",
        "Policy ab-1",
        "policy 2a",
    ]

    static let notCited = [
        "",
        "Medicare pays for G9329.",
        "Source:",
        "Source:   \n ",
        "resource: none",
        "sourced: x",
        "Policy. 2019",
        "policy\n2019",
        "policy ch. 12",
        "policies 2019",
        "policy " + String(repeating: "x", count: 39) + " 1",
        "policyholder 12",
        "apolicy 12",
        "policy abcd12",
        "policy x_1",
        "Manual chapter twelve",
    ]

    @Test func textsThatCiteASource() {
        for text in Self.cited { #expect(SourceCitation.cites(text), "\(text)") }
    }

    @Test func textsThatDoNot() {
        for text in Self.notCited { #expect(!SourceCitation.cites(text), "\(text)") }
    }

    /// Plain ASCII is read a byte at a time; a carriage return or any other byte sends the
    /// text through grapheme breaking, so `\r\n` stays one character as the scan has always had it.
    @Test func charactersAreTheTextsCharacters() {
        #expect(SourceCitation.characters(of: "LCD 1") == ["L", "C", "D", " ", "1"])
        #expect(SourceCitation.characters(of: "a\r\nb") == ["a", "\r\n", "b"])
        #expect(SourceCitation.characters(of: "e\u{301}: 1") == ["e\u{301}", ":", " ", "1"])
        #expect(SourceCitation.cites("Source:\r\nx") && !SourceCitation.cites("Source:\r\n"))
    }

    /// Every text above, and each of its suffixes, answered as the regular expressions answer.
    @Test func answersAsTheRegularExpressionsDid() {
        var texts = Self.cited + Self.notCited
        texts += texts.flatMap { text in text.indices.map { String(text[$0...]) } }
        let differing = texts.filter { SourceCitation.cites($0) != Self.byRegex($0) }
        #expect(differing == [])
        #expect(texts.count == 33 + (Self.cited + Self.notCited).map(\.count).reduce(0, +))
    }
}
