import Testing
@testable import PolicySiteMarkdown

@Suite struct MarkdownNodeTableTests {
    @Test func rowsInDocumentOrderWithLiteralsAndEnds() {
        let run = PassFixture("# Title\n\nSee [the *notes*](n.md \"T\").\n")
        #expect(run.table.dump() == """
            document @1:1
              heading @1:1 level=1
                text @1:3 "Title"
              paragraph @3:1
                text @3:1 "See "
                link @3:5 url="n.md"
                  text @3:6 "the "
                  emphasis @3:10
                    text @3:11 "notes"
                text @3:28 "."

            """)
        #expect(run.table.rows.map { Int($0.end) } == [10, 3, 3, 10, 5, 9, 7, 9, 9, 10])
        #expect(run.table.title(5) == "T")
        #expect(run.table.headingLevel(1) == 1)
    }

    @Test func walkGivesEnterAndExitLikeCmarkIter() {
        let run = PassFixture("> a\n\n---\n")
        var events: [String] = []
        run.table.walk(enter: { events.append("+\(run.table.rows[$0].kind.rawValue)") }, exit: { events.append("-\(run.table.rows[$0].kind.rawValue)") })
        #expect(events == [
            "+document", "+blockQuote", "+paragraph", "+text", "-paragraph", "-blockQuote", "+thematicBreak", "-document",
        ])
    }

    @Test func tableCellsAreMarkedAndKeepFilePositions() {
        let run = PassFixture("| a | *b* |\n|---|---|\n| c | d |\n")
        // Cells are nodes the pass made: only a plain-text cell (`a`, `c`, `d`) has a position,
        // its text's; a parsed cell (`*b*`) has none.
        let cells = run.table.rows.indices.filter { run.table.rows[$0].isCell }.map { "\(run.table.rows[$0].kind.rawValue)@\(run.table.rows[$0].line):\(run.table.rows[$0].column)" }
        #expect(cells == ["customInline@1:3", "customInline@0:0", "customInline@3:3", "customInline@3:7"])
        let texts = (0..<run.table.count).filter { run.table.rows[$0].kind == .text }.map {
            "\(run.table.literal($0))@\(run.table.rows[$0].line):\(run.table.rows[$0].column)"
        }
        #expect(texts == ["a@1:3", "b@1:8", "c@3:3", "d@3:7"])
    }
}
