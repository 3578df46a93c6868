import Testing
@testable import PolicySite

/// `PlaceholderCheck.holdsMarker` finds the marker by its last byte, the colon: colons before,
/// inside and at the very start of the text must neither hide nor fake it.
@Suite struct PlaceholderMarkerTests {
    @Test func colonsAroundTheMarkerNeitherHideNorFakeIt() {
        let texts = [
            ": Placeholder:", "https://x.org/ Placeholder: fill", "::::::::::::::", "Placeholder::", "laceholder:",
            "Placeholder :", "<a href=\"https://x.org\">Source: CMS</a>", "placeholder:Placeholder:",
        ]
        #expect(texts.map(PlaceholderCheck.holdsMarker) == [true, true, false, true, false, false, false, true])
    }
}
