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

    @Test func substringsAndLongTextsCompareInPlace() {
        let long = String(repeating: "Coding specifications ", count: 4)
        #expect(long.uppercased().equalsIgnoringCase(long))
        #expect(String("xx Payer notes xx".dropFirst(3).dropLast(3)).equalsIgnoringCase("PAYER NOTES"))
        #expect(!"".equalsIgnoringCase(" "))
        #expect("".equalsIgnoringCase(""))
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

/// The words of an ASCII text written into a caller's buffer, as `lowercasedWords` makes them.
@Suite struct ASCIILowercasedWordsTests {
    static func words(_ text: String, digits: Bool = false, limit: Int = .max) -> String? {
        var text = text
        return text.withUTF8 { bytes in
            let capacity = String.wordsCapacity(bytes.count, limit: limit)
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
                String.asciiLowercasedWords(bytes, digits: digits, limit: limit, into: buffer).map { String(decoding: buffer[..<$0], as: UTF8.self) }
            }
        }
    }

    @Test func theBufferHoldsWhatLowercasedWordsReturns() {
        #expect(Self.words("  No data -- AVAILABLE.\n") == "no data available")
        #expect(Self.words("LCD L34567, p.2", digits: true) == "lcd l34567 p 2")
        #expect(Self.words("No data available", limit: 8) == "no data a")
        #expect(Self.words("...", digits: true, limit: 1) == "")
        #expect(String.wordsCapacity(17, limit: 8) == 9)
        #expect(String.wordsCapacity(17, limit: .max) == 17)
    }

    @Test func aByteOverASCIIBeforeTheLimitGivesNil() {
        #expect(Self.words("Ärzte") == nil)
        #expect(Self.words("Daten für Ärzte", limit: 5) == "daten")
    }
}
