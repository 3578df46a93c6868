import Testing
@testable import PolicySiteMarkdown

@Suite struct SearchTextPassTests {
    @Test func blocksEndLinesBreaksAreSpacesHTMLHasNoText() {
        let run = PassFixture("# Ti*tle*\n\nOne\ntwo `code`  \nthree <b>x</b>\n\n<div>raw</div>\n\n    block\n")
        #expect(String(decoding: run.texts.text, as: UTF8.self) == "Title\nOne two code three x\nblock\n")
        #expect(run.texts.topBlocks == [1, 5, 16, 17])
        #expect(run.texts.topBlockTextStarts == [0, 6, 27, 27])
        #expect(run.texts.headingTexts == ["Title"])
    }

    @Test func linkTextsIncludeNestedImagesAndAreCut() {
        let long = String(repeating: "x", count: 1100)
        let run = PassFixture("[a ![img](i.png) b](l.md) [\(long)](m.md)\n")
        #expect(run.texts.linkTexts.count == 3)
        #expect(run.texts.linkTexts[0] == "a img b")
        #expect(run.texts.linkTexts[1] == "img")
        #expect(run.texts.linkTexts[2].utf8.count == SearchTextPass.linkTextLimit)
    }

    @Test func tableCellsAreWordsOfTheirOwn() {
        let run = PassFixture("| a | b |\n|---|---|\n| c | d |\n")
        #expect(String(decoding: run.texts.text, as: UTF8.self) == "a b\nc d\n")
    }

    /// Slices of the whole text, and strings of their own when there is none: the same text.
    @Test(arguments: [true, false]) func textOfBlocksIsTrimmed(sliced: Bool) {
        let run = PassFixture("Intro\n\n## A\n\nBody  \n")
        let whole = sliced ? run.texts.wholeText() : nil
        #expect(whole == (sliced ? "Intro\nA\nBody\n" : nil))
        #expect(run.texts.text(ofBlocks: 0..<1, in: whole) == "Intro")
        #expect(run.texts.text(ofBlocks: 2..<3, in: whole) == "Body")
        #expect(run.texts.text(ofBlocks: 3..<3, in: whole) == "")
    }
}
