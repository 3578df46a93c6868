import Foundation
@testable import PolicySite
import PolicySiteCore

/// Pages and helpers shared by the validation tests. Every test builds its own fixture site
/// (see `FixtureSite`): the base site checks clean, and each test adds the one input it needs.
enum Validation {
    /// A guidance page for G9329 (active on 2019-01-01) with every section and both base
    /// payers noted. Front matter lines 2-4; `extra` goes after line 4, shifting what follows.
    ///
    ///     1 ---                    6 ## Overview        14 ## Coding specifications
    ///     2 code: G9329            8 Overview text.     16 Coding text.
    ///     3 title: ...            10 ## Clinical context 18 ## Payer notes
    ///     4 lastReviewed: ...     12 Context text.      20 ### Aetna, 22 No data available.
    ///     5 ---                                         24 ### Medicare, 26 No data available.
    static func page(code: String = "G9329", extra: String = "", body: String? = nil) -> String {
        "---\ncode: \(code)\ntitle: Test guidance\nlastReviewed: 2018-11-15\n\(extra)---\n" + (body ?? standardBody)
    }

    static let standardBody = """
    ## Overview

    Overview text.

    ## Clinical context

    Context text.

    ## Coding specifications

    Coding text.

    ## Payer notes

    ### Aetna

    No data available.

    ### Medicare

    No data available.

    """

    /// The body with `old` replaced by `new` (which must be there).
    static func body(replacing old: String, with new: String) -> String {
        precondition(standardBody.contains(old), "standard body has no \(old)")
        return standardBody.replacingOccurrences(of: old, with: new)
    }

    /// The findings of `check` over the base site plus `files`, as printed lines.
    static func check(_ files: [String: String]) throws -> [String] {
        try FixtureSite(files: files).check().lines
    }

    /// Only the findings of the given rules.
    static func check(_ files: [String: String], rules: Set<String>) throws -> [String] {
        try FixtureSite(files: files).check().diagnostics.filter { rules.contains($0.rule) }.map(\.description)
    }
}
