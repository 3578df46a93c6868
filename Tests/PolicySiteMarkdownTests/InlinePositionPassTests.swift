import Testing
@testable import PolicySiteMarkdown

@Suite struct InlinePositionPassTests {
    @Test func mentionsAreFoundInEveryTextNodeWithFilePositions() {
        let run = PassFixture("# G9328\n\nSee G9329 and\n  modifier 26 [G9330](x.md).\n")
        // Per mention: its text node's literal, the offset in it, where it is in the file.
        let found = run.positions.mentions.map { "\(run.table.literal($0.node))|\($0.match.offset)@\($0.line):\($0.column)" }
        #expect(found == ["G9328|0@1:3", "See G9329 and|4@3:5", "modifier 26 |9@4:12", "G9330|0@4:16"])
    }

    @Test func continuationLineColumnsAreCorrectedFromTheFile() {
        // cmark gives the second line's inlines columns from the first line's indentation.
        let run = PassFixture("A\n   b [x](y) and [z](w) <i>\n")
        let columns = run.positions.columns.map(\.column)
        #expect(columns == [6, 17, 24])
    }
}
