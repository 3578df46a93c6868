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

@Suite struct LowercasedWordsTests {
    @Test func wordsAreRunsOfLetters() {
        #expect("  No data -- AVAILABLE.\n".lowercasedWords() == "no data available")
        #expect("LCD L34567, p.2".lowercasedWords() == "lcd l p")
        #expect("LCD L34567, p.2".lowercasedWords(digits: true) == "lcd l34567 p 2")
        #expect("Keine Daten für Ärzte".lowercasedWords() == "keine daten für ärzte")
        #expect("...".lowercasedWords() == "")
    }

    @Test func aLimitStopsOncePassedAndKeepsAPrefixOfTheWhole() {
        #expect("  No data -- AVAILABLE for this payer.".lowercasedWords(limit: 7) == "no data")
        // The space and the next letter come together: one byte over.
        #expect("No data available".lowercasedWords(limit: 8) == "no data a")
        #expect("...".lowercasedWords(digits: true, limit: 1) == "")
        #expect("... 7".lowercasedWords(digits: true, limit: 1) == "7")
        // Past the limit a non-ASCII letter is not read; before it, the Unicode path's prefix.
        #expect("Daten für Ärzte".lowercasedWords(limit: 5) == "daten")
        #expect("Ärzte und Daten".lowercasedWords(limit: 5) == "ärzt")
        #expect("Ärzte".lowercasedWords(limit: 50) == "ärzte")
    }
}
