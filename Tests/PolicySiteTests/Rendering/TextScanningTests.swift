import Testing
@testable import PolicySite
@testable import PolicySiteTemplates

/// The byte-level scans that replaced `Character` loops on the build's hot path (plain text of
/// payer notes, dates in prose and in status labels, the placeholder marker): for ASCII text
/// they read bytes, for any other text they fall back to the `Character` loop, and the two
/// give the same text.
@Suite struct TextScanningTests {
    @Test func plainTextOfTagsEntitiesAndBlocks() {
        // Closing tags, self-closing tags and tags in capitals separate words when they are
        // blocks; inline tags do not.
        #expect(PlainText.fromHTML("<P>one</P><p>two<br />three</p><DIV>four</DIV>five<em>six</em>seven") == "one two three four fivesixseven")
        #expect(PlainText.fromHTML("<p>a</p>\r\n<p>b\r\nc</p>") == "a b c")
        // An entity at the very end, unterminated, and one too long to be an entity.
        #expect(PlainText.fromHTML("<p>x &amp") == "x &amp")
        #expect(PlainText.fromHTML("<p>&abcdefghijkl; y</p>") == "&abcdefghijkl; y")
        #expect(PlainText.fromHTML("&#xA0;&#233;&lt;") == "\u{E9}<")
        // An entity cut short by a tag or another `&`, a tag never closed, a `>` in text.
        #expect(PlainText.fromHTML("x &amp<p>y</p>") == "x &amp y")
        #expect(PlainText.fromHTML("a &b &amp; c") == "a &b & c")
        #expect(PlainText.fromHTML("one <em two") == "one")
        #expect(PlainText.fromHTML("1 > 0<br>") == "1 > 0")
    }

    @Test func plainTextOfNonASCIIHTMLMatchesTheASCIIRules() {
        #expect(PlainText.fromHTML("<p>Revisi\u{F3}n &amp; a\u{F1}o</p><li>x</li>") == "Revisi\u{F3}n & a\u{F1}o x")
        #expect(PlainText.fromHTML("<p>caf\u{E9} &amp") == "caf\u{E9} &amp")
    }

    @Test func datesInProseAtTheEdges() {
        #expect(PageRenderer.nowrapDates("2019-01-01 to 2019-12-31") == "<span class=\"nowrap\">2019-01-01</span> to <span class=\"nowrap\">2019-12-31</span>")
        #expect(PageRenderer.nowrapDates("<p>No date here, 2019-1-1.</p>") == "<p>No date here, 2019-1-1.</p>")
        #expect(PageRenderer.nowrapDates("2019-01-01") == "<span class=\"nowrap\">2019-01-01</span>")
        #expect(PageRenderer.nowrapDates("<p>A\u{F1}o 2019-01-01</p>") == "<p>A\u{F1}o <span class=\"nowrap\">2019-01-01</span></p>")
        #expect(PageRenderer.nowrapDates("2019-01-011") == "2019-01-011")
        // Hyphens without a date around them, and a date only inside a tag: the HTML as it is.
        #expect(PageRenderer.nowrapDates("<p>a - b -- c, 19-01-01, 2019-01-1</p>") == "<p>a - b -- c, 19-01-01, 2019-01-1</p>")
        #expect(PageRenderer.nowrapDates("<a href=\"/2019-01-01/\">link</a>") == "<a href=\"/2019-01-01/\">link</a>")
        #expect(PageRenderer.nowrapDates("<a href=\"/2019-01-01/\">2019-01-02</a>") == "<a href=\"/2019-01-01/\"><span class=\"nowrap\">2019-01-02</span></a>")
        // A date ending the text, after many hyphens.
        #expect(PageRenderer.nowrapDates("-----x 2019-12-31") == "-----x <span class=\"nowrap\">2019-12-31</span>")
        #expect(PageRenderer.nowrapDates(Substring("<p>x 2019-12-31</p>").dropFirst(3)) == "x <span class=\"nowrap\">2019-12-31</span></p>")
    }

    @Test func datesInLabelsAtTheEdgesAndOutsideASCII() {
        #expect(PageRenderer.datesAsTime("2015-12-31").markup == "<time datetime=\"2015-12-31\">2015-12-31</time>")
        #expect(PageRenderer.datesAsTime("Termin\u{E9} 2015-12-31 <b>").markup == "Termin\u{E9} <time datetime=\"2015-12-31\">2015-12-31</time> &lt;b&gt;")
        #expect(PageRenderer.datesAsTime("Active").markup == "Active")
        #expect(PageRenderer.datesAsTime("'2015-12-31'x").markup == "'<time datetime=\"2015-12-31\">2015-12-31</time>'x")
    }

    @Test func placeholderMarkerFoundByItsBytes() {
        #expect(PlaceholderCheck.holdsMarker("<p>Placeholder: the overview.</p>"))
        #expect(PlaceholderCheck.holdsMarker("Placeholder:"))
        #expect(!PlaceholderCheck.holdsMarker("Placeholder"))
        #expect(!PlaceholderCheck.holdsMarker("placeholder: lower case"))
        #expect(!PlaceholderCheck.holdsMarker(""))
        #expect(PlaceholderCheck.holdsMarker("A\u{F1}o PPlaceholder: x"))
        // Candidates found one after another, the marker only at the very end.
        #expect(PlaceholderCheck.holdsMarker(String(repeating: "P", count: 5_000) + "laceholder:"))
        #expect(!PlaceholderCheck.holdsMarker(String(repeating: "Placeholder ", count: 500) + "Placeholder"))
        #expect(!PlaceholderCheck.holdsMarker("PPPPP"))
    }
}
