import Foundation
import Testing
@testable import PolicySiteTemplates

/// The parser never crashes or hangs: any bytes give a template or a positioned syntax error.
@Suite struct MustacheParserRobustnessTests {
    /// A hang is what this guards against, not speed: the time limit is a minute, far above the
    /// second or two it takes, so a loaded machine cannot fail it.
    @Test(.timeLimit(.minutes(1))) func hundredThousandNestedSectionsGiveAPositionedError() {
        let source = String(repeating: "{{#layout}}", count: 100_000) + "x" + String(repeating: "{{/layout}}", count: 100_000)
        #expect(throws: MustacheSyntaxError(position: TemplatePosition(line: 1, column: 200 * 11 + 1), message: "sections nest more than 200 deep here")) {
            try MustacheTemplate(name: "deep", source: source)
        }
    }

    @Test func nestingUpToTheLimitParsesAndRenders() throws {
        let source = String(repeating: "{{#a}}", count: 200) + "{{b}}" + String(repeating: "{{/a}}", count: 200)
        let template = try MustacheTemplate(name: "deep", source: source)
        let keys = TemplateKeys(["a", "b"])
        let data = TemplateValue.object(TemplateObject(keys: keys, fields: [.bool(true), .text("deep")]))
        #expect(MustacheInterpreter(partials: [:]).render(template, with: data) == "deep")
    }

    /// Random bytes from Mustache's alphabet, and real templates with bytes changed, removed or
    /// repeated: each parses or throws an error inside the text; whatever parses renders and
    /// binds without crashing. Bounded in time (about 2 s) and seeded, so a failure repeats.
    @Test func randomAndMutatedTemplates() throws {
        var random = SplitMix64(seed: 20261130)
        let alphabet = Array("{{}}#^/!=<>$&.{ }\n\r\tab.c".utf8)
        let templatesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates")
        let seeds = try FileManager.default.contentsOfDirectory(atPath: templatesFolder.path).filter { $0.hasSuffix(".mustache") }.sorted()
            .map { Array(try Data(contentsOf: templatesFolder.appendingPathComponent($0))) }
        #expect(seeds.count == 16)  // the 14 page templates and the toc-compact and history partials
        let keys = TemplateKeys(["a", "b", "c"])
        let object = TemplateObject(keys: keys, fields: [.bool(true), .list([.text("x"), .number(2)]), .text("<c>")])
        let started = Date()
        var parsed = 0
        var rejected = 0
        while Date().timeIntervalSince(started) < 2 {
            var source: [UInt8]
            if random.next() % 2 == 0 {
                source = (0..<Int(random.next() % 200)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            } else {
                source = seeds[Int(random.next() % UInt64(seeds.count))]
                for _ in 0..<(1 + random.next() % 8) where !source.isEmpty {
                    let at = Int(random.next() % UInt64(source.count))
                    switch random.next() % 3 {
                    case 0: source[at] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                    case 1: source.remove(at: at)
                    default: source.insert(contentsOf: source[at..<min(source.count, at + Int(random.next() % 40))], at: at)
                    }
                }
            }
            let lines = source.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
            do {
                let template = try MustacheTemplate(name: "fuzz", source: source)
                parsed += 1
                _ = MustacheInterpreter(partials: ["fuzz": template]).render(template, with: .object(object))
                let binder = TemplateBinder(templates: ["fuzz": template], folderDisplay: "T/") { "T/\($0).mustache" }
                _ = binder.bind("fuzz", to: PageTestView.self, schemas: ViewSchemaBuilder())
            } catch {
                rejected += 1
                #expect(error.position.line >= 1 && error.position.line <= lines, "\(error) in \(String(decoding: source, as: UTF8.self))")
                #expect(error.position.column >= 1)
                #expect(!error.message.isEmpty)
            }
        }
        #expect(parsed > 100)
        #expect(rejected > 100)
    }
}

/// A small seeded generator, so a failing input can be found again.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
