import Testing
@testable import PolicySiteCore

/// The rules several layers share, each written once in PolicySiteCore: white space in words,
/// the code and modifier grammar, strict UTF-8.
@Suite struct SharedRulesTests {
    @Test func whiteSpaceIsWhatCharacterIsWhitespaceSays() {
        #expect("  a\tb \u{A0}c\r\n".collapsingWhiteSpace == "a b c")
        #expect("x\u{0B}y\u{0C}z\u{85}w\u{2028}v".collapsingWhiteSpace == "x y z w v")
        #expect("Dicom  format\u{A0}image".whiteSpaceSeparatedWords == ["Dicom", "format", "image"])
        #expect("".collapsingWhiteSpace == "" && " \t ".collapsingWhiteSpace == "")
        // The ASCII fast path and the general path agree.
        #expect("a \t\n\u{0B}\u{0C}\rb".collapsingWhiteSpace == "a b")
        #expect("a \t\n\u{0B}\u{0C}\rb\u{E9}".collapsingWhiteSpace == "a b\u{E9}")
        // A page's worth of text, and a character over ASCII at its very end.
        let words = (0..<2000).map { "w\($0)" }
        #expect(("\n " + words.joined(separator: " \t ") + "  ").collapsingWhiteSpace == words.joined(separator: " "))
        #expect((words.joined(separator: "\n") + " \u{E9}").collapsingWhiteSpace == words.joined(separator: " ") + " \u{E9}")
        // All white space: the ASCII answer and the characters' answer.
        #expect("".isAllWhiteSpace && " \t\r\n\u{0B}\u{0C}".isAllWhiteSpace && " \u{A0}\u{2028} ".isAllWhiteSpace)
        #expect(!" x ".isAllWhiteSpace && !"\u{A0}\u{E9}".isAllWhiteSpace && !" \u{200B} ".isAllWhiteSpace)
        #expect(!"\u{A0}.\u{A0}"[...].isAllWhiteSpace)
    }

    /// Long ASCII text is written straight into the result: runs of white space at the ends
    /// and between words, a text that shrinks to one word, and a long text whose only
    /// non-ASCII character comes last (the characters' path then answers).
    @Test func longTextCollapsesAsTheWordsJoined() {
        let words = (1...40).map { "w\($0)" }
        let spaced = "\n\t " + words.joined(separator: " \t\r\n ") + "   "
        #expect(spaced.collapsingWhiteSpace == words.joined(separator: " "))
        #expect((String(repeating: " ", count: 100) + "x" + String(repeating: "\t", count: 100)).collapsingWhiteSpace == "x")
        #expect((String(repeating: "ab  ", count: 50) + "\u{A0}é").collapsingWhiteSpace == String(repeating: "ab ", count: 50) + "é")
        #expect(String(repeating: "a", count: 300).collapsingWhiteSpace == String(repeating: "a", count: 300))
    }

    /// Eight bytes at a time are copied only when the byte loop would copy them unchanged:
    /// every text of words and white space from a fixed generator (spaces alone, in runs,
    /// first and last in an eight-byte chunk; tabs, line ends, a control byte, a character
    /// over ASCII) collapses as the characters' rule says.
    @Test func eightBytesAtATimeCollapseAsTheCharactersDo() {
        #expect(String.copiesAsItIs(0x6867_6665_6463_6261))        // "abcdefgh"
        #expect(String.copiesAsItIs(0x6867_6620_6463_2061))        // "a cd fgh"
        #expect(!String.copiesAsItIs(0x6867_6665_6463_6220))       // " bcdefgh": a run may start before it
        #expect(!String.copiesAsItIs(0x2067_6665_6463_6261))       // "abcdefg ": the run may go on
        #expect(!String.copiesAsItIs(0x6867_6620_2063_6261))       // "abc  fgh"
        #expect(!String.copiesAsItIs(0x6867_6609_6463_6261))       // a tab
        #expect(!String.copiesAsItIs(0x6867_661F_6463_6261))       // a control byte
        #expect(!String.copiesAsItIs(0x6867_66A9_C363_6261))       // "é"
        let pieces = ["word", "a", "HCPCS", " ", "  ", "\t", "\r\n", " \n ", "\u{1F}", "x.y", "\u{E9}", "12345678", "        "]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var checked = 0
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(state % 40) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            state = state &* 6364136223846793005 &+ 1442695040888963407
            #expect(text.collapsingWhiteSpace == text.whiteSpaceSeparatedWords.joined(separator: " "))
            checked += 1
        }
        #expect(checked == 3000)
    }

    @Test func codeGrammarOnTextAndBytes() {
        for code in ["G9328", "A0021", "V5299", "99213", "0001U", "0500F", "0042T"] {
            #expect(HCPCSIdentifier.isProcedureCode(code) && HCPCSIdentifier.isProcedureCode(bytes: Array(code.utf8)), "\(code)")
        }
        for text in ["W1234", "G932", "G93281", "g9328", "9921A", "G 328", ""] {
            #expect(!HCPCSIdentifier.isProcedureCode(text) && !HCPCSIdentifier.isProcedureCode(bytes: Array(text.utf8)), "\(text)")
        }
        #expect(HCPCSIdentifier.isModifier("26") && HCPCSIdentifier.isModifier(bytes: Array("TC".utf8)))
        #expect(!HCPCSIdentifier.isModifier("tc") && !HCPCSIdentifier.isModifier(bytes: Array(" T".utf8)))
    }

    @Test func strictUTF8() {
        func firstInvalid(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) } }
        #expect(firstInvalid(Array("Café ✓ 𝄞".utf8)) == nil)
        #expect(firstInvalid([0x41, 0xC0, 0x80]) == 1)  // overlong
        #expect(firstInvalid([0x41, 0x42, 0xED, 0xA0, 0x80]) == 2)  // surrogate U+D800
        #expect(firstInvalid([0xF4, 0x90, 0x80, 0x80]) == 0)  // above U+10FFFF
        #expect(firstInvalid([0x41, 0xE2, 0x9C]) == 1)  // cut short
        #expect(firstInvalid([0x80]) == 0)  // a continuation byte alone
    }
}
