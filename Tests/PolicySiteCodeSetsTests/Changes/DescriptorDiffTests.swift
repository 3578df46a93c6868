import Testing
@testable import PolicySiteCodeSets

/// The word-level descriptor comparison the change pages mark with `<del>` and `<ins>`.
@Suite struct DescriptorDiffTests {
    typealias Token = DescriptorDiff.Token

    @Test func identicalTextIsOneEqualRun() {
        #expect(DescriptorDiff.tokens(from: "Injection, patisiran, 0.1 mg", to: "Injection, patisiran, 0.1 mg")
                == [Token(.equal, "Injection, patisiran, 0.1 mg")])
    }

    @Test func blankTexts() {
        #expect(DescriptorDiff.tokens(from: "", to: "  ") == [])
        #expect(DescriptorDiff.tokens(from: "", to: "New code") == [Token(.added, "New code")])
        #expect(DescriptorDiff.tokens(from: "Old code", to: "") == [Token(.removed, "Old code")])
    }

    /// A replaced stretch is one removal then one addition, between the equal runs.
    @Test func replacementInTheMiddle() {
        let tokens = DescriptorDiff.tokens(
            from: "Remote in-home visit for use only in the medicare-approved comprehensive care for joint replacement model, which requires",
            to: "Remote in-home visit for use only in a medicare-approved cms innovation center demonstration project, which requires")
        #expect(tokens == [
            Token(.equal, "Remote in-home visit for use only in"),
            Token(.removed, "the"), Token(.added, "a"),
            Token(.equal, "medicare-approved"),
            Token(.removed, "comprehensive care for joint replacement model,"),
            Token(.added, "cms innovation center demonstration project,"),
            Token(.equal, "which requires"),
        ])
        #expect(tokens.map(\.description).joined(separator: " ")
                == "Remote in-home visit for use only in [-the-] {+a+} medicare-approved [-comprehensive care for joint replacement model,-] {+cms innovation center demonstration project,+} which requires")
    }

    @Test func insertionAndDeletionAlone() {
        #expect(DescriptorDiff.tokens(from: "Drug test(s), definitive, utilizing drug identification",
                                      to: "Drug test(s), definitive, utilizing (1) drug identification")
                == [Token(.equal, "Drug test(s), definitive, utilizing"), Token(.added, "(1)"), Token(.equal, "drug identification")])
        #expect(DescriptorDiff.tokens(from: "palliative goals for for whom", to: "palliative goals for whom")
                == [Token(.equal, "palliative goals for"), Token(.removed, "for"), Token(.equal, "whom")])
    }

    /// Both texts can be rebuilt from the runs, white space collapsed.
    @Test(arguments: [
        ("At least two different high-risk medications ordered", "At least two orders for the same high-risk medication"),
        ("a b c d e f", "f e d c b a"),
        ("x  y\tz", "x y z w"),
    ])
    func runsRebuildBothTexts(old: String, new: String) {
        let tokens = DescriptorDiff.tokens(from: old, to: new)
        func collapsed(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        #expect(tokens.filter { $0.change != .added }.map(\.text).joined(separator: " ") == collapsed(old))
        #expect(tokens.filter { $0.change != .removed }.map(\.text).joined(separator: " ") == collapsed(new))
        // Runs alternate: no two neighbours with the same mark.
        for (left, right) in zip(tokens, tokens.dropFirst()) { #expect(left.change != right.change) }
    }

    /// Two 16,000-word descriptors differing in every third word: once a 2.26 GB table, now
    /// shown whole after the common prefix and suffix (more changes than `editLimit`).
    @Test func aLongDescriptorChangedThroughoutIsShownWhole() {
        let old = (0..<16_000).map { "w\($0)" }
        let new = old.enumerated().map { $0.offset % 3 == 2 ? "x\($0.offset)" : $0.element }
        let tokens = DescriptorDiff.tokens(from: old.joined(separator: " "), to: new.joined(separator: " "))
        #expect(tokens.map(\.change) == [.equal, .removed, .added, .equal])
        #expect(tokens[0].text == "w0 w1")
        #expect(tokens[3].text == "w15999")
        #expect(tokens[1].text == old[2..<15_999].joined(separator: " "))
        #expect(tokens[2].text == new[2..<15_999].joined(separator: " "))
    }

    /// A long descriptor with a few changes keeps its word-by-word marks (Myers's algorithm,
    /// past the table's size), and the marks rebuild both texts.
    @Test func aLongDescriptorWithFewChangesIsStillMarkedWordByWord() {
        let old = (0..<16_000).map { "w\($0)" }
        var new = old
        new[5_000] = "changed"
        new.remove(at: 9_000)
        new.insert("inserted", at: 12_000)
        let tokens = DescriptorDiff.tokens(from: old.joined(separator: " "), to: new.joined(separator: " "))
        let marks: [String] = tokens.filter { $0.change != .equal }.map(\.description)
        #expect(marks == ["[-w5000-]", "{+changed+}", "[-w9000-]", "{+inserted+}"])
        #expect(tokens.filter { $0.change != .added }.map(\.text).joined(separator: " ") == old.joined(separator: " "))
        #expect(tokens.filter { $0.change != .removed }.map(\.text).joined(separator: " ") == new.joined(separator: " "))
    }

    /// Myers's path and the table's agree on what changed for the descriptors above.
    @Test func myersAndTheTableMarkTheSameWords() {
        let pairs = [
            ("Remote in-home visit for use only in the medicare-approved comprehensive care", "Remote in-home visit for use only in a medicare-approved cms innovation care"),
            ("palliative goals for for whom", "palliative goals for whom"),
            ("a b c d e f", "a c d x f g"),
        ]
        for (old, new) in pairs {
            let a = old.split(separator: " "), b = new.split(separator: " ")
            let edits = DescriptorDiff.fewestEdits(a, b, limit: 100)!
            let oldWords: [Substring] = edits.filter { $0.0 != .added }.map(\.1)
            let newWords: [Substring] = edits.filter { $0.0 != .removed }.map(\.1)
            #expect(oldWords == a)
            #expect(newWords == b)
            let tokens = DescriptorDiff.tokens(from: old, to: new)
            let equalWords: Int = edits.filter { $0.0 == .equal }.count
            let tableEqualWords: Int = tokens.filter { $0.change == .equal }.reduce(0) { $0 + $1.text.split(separator: " ").count }
            #expect(equalWords == tableEqualWords)
        }
        #expect(DescriptorDiff.fewestEdits(["a", "b"], ["c", "d"], limit: 3) == nil)
    }

    @Test func sameWordsIgnoresSpacingOnly() {
        #expect(DescriptorDiff.sameWords("pulse exam;  report when", "pulse exam; report when "))
        #expect(!DescriptorDiff.sameWords("pulse exam", "Pulse exam"))
    }
}
