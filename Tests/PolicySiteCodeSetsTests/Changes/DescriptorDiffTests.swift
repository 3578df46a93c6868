import Testing
import PolicySiteCodeSets

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

    @Test func sameWordsIgnoresSpacingOnly() {
        #expect(DescriptorDiff.sameWords("pulse exam;  report when", "pulse exam; report when "))
        #expect(!DescriptorDiff.sameWords("pulse exam", "Pulse exam"))
    }
}
