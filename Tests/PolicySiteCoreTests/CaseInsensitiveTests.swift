import Testing
@testable import PolicySiteCore

@Suite struct CaseInsensitiveTests {
    @Test func asciiTextsCompareByLetterOnly() {
        #expect("Payer notes".equalsIgnoringCase("payer NOTES"))
        #expect(!"Payer notes".equalsIgnoringCase("Payer note"))
        // '@' and '`' differ only in the bit that folds letters: they are not letters.
        #expect(!"a@b".equalsIgnoringCase("a`b"))
        #expect(!"[x]".equalsIgnoringCase("{x}"))
    }

    @Test func otherTextsFoldAsFoundationDoes() {
        #expect("Überblick".equalsIgnoringCase("üBERBLICK"))
        #expect(!"Überblick".equalsIgnoringCase("Uberblick"))
    }
}
