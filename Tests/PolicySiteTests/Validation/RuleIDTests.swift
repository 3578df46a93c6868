import Foundation
import Testing
@testable import PolicySite

/// Every rule id the code can emit is documented in README.md. The ids are read from the
/// sources, not from a list kept by hand: the first string argument of `.error(`, `.warning(`,
/// `Diagnostic(severity, `, a template binder's `report(` and the catalog's `rule(`, and the
/// verifier's `rulePrefix:` with its three endings.
@Suite struct RuleIDTests {
    static func emittedRuleIDs() throws -> Set<String> {
        let sources = repositoryRoot.appendingPathComponent("Sources")
        let walker = FileManager.default.enumerator(atPath: sources.path)
        let call = try NSRegularExpression(pattern: #"(?:\.error|\.warning|\breport|\brule|Diagnostic)\(\s*(?:[.\w]+,\s*)?"([a-z0-9]+(?:-[a-z0-9]+)*)""#)
        let prefix = try NSRegularExpression(pattern: #"rulePrefix: "([a-z0-9]+(?:-[a-z0-9]+)+)""#)
        var ids: Set<String> = []
        while let path = walker?.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            for match in call.matches(in: text, range: range) {
                ids.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
            for match in prefix.matches(in: text, range: range) {
                let stem = String(text[Range(match.range(at: 1), in: text)!])
                ids.formUnion(["added", "missing", "changed"].map { "\(stem)-\($0)" })
            }
        }
        return ids
    }

    @Test func everyEmittedRuleIsInTheReadme() throws {
        let ids = try Self.emittedRuleIDs()
        // The scan finds the catalog's rules, so a change to how rules are written shows here.
        #expect(Set(RuleCatalog.all.map(\.id)).subtracting(ids) == [])
        #expect(ids.count == 106)
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(ids.filter { !readme.contains("`\($0)`") }.sorted() == [])
    }
}
