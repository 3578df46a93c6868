import Foundation
import Testing

/// The `PolicySite` target's folders are the build's steps, and each may use only the folders
/// below it: Model, then Loading (read the content), Resolve (join it with the code set into
/// the site model), Validation, Rendering, Output (write), and Build and Scaffold on top.
/// The compiler sees one target; this test keeps the arrows pointing one way.
@Suite struct LayerTests {
    static let order = ["Model", "Loading", "Resolve", "Validation", "Rendering", "Output", "Build", "Scaffold"]
    static let target = repositoryRoot.appendingPathComponent("Sources/PolicySite")

    /// A folder's Swift files, comments taken out (a comment may name any type).
    static func code(in folder: String) throws -> [(file: String, text: String)] {
        let url = target.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".swift") }.sorted().map { name in
            let text = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
                guard let comment = line.range(of: "//") else { return line }
                return line[..<comment.lowerBound]
            }
            return (folder + "/" + name, lines.joined(separator: "\n"))
        }
    }

    /// The types a folder declares at the top level of its files.
    static func declaredTypes(in folder: String) throws -> Set<String> {
        let pattern = try Regex(#"(?m)^(?:public |package |internal |fileprivate |private )?(?:final )?(?:struct|enum|class|protocol|actor) ([A-Za-z_][A-Za-z0-9_]*)"#)
        var names: Set<String> = []
        for (_, text) in try code(in: folder) {
            for match in text.matches(of: pattern) {
                if let name = match.output[1].substring { names.insert(String(name)) }
            }
        }
        return names
    }

    @Test func everyFolderHasItsPlaceInTheOrder() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.target.path).filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: Self.target.appendingPathComponent(name).path, isDirectory: &isFolder) && isFolder.boolValue
        }
        #expect(folders.sorted() == Self.order.sorted())
    }

    @Test func noFolderUsesAFolderAboveIt() throws {
        var violations: [String] = []
        let declared = try Self.order.map { try Self.declaredTypes(in: $0) }
        #expect(declared[0].contains("SitePath") && declared[2].contains("SiteModel") && declared[4].contains("PageRenderer"))
        for (index, folder) in Self.order.enumerated() {
            for (file, text) in try Self.code(in: folder) {
                let words = Set(text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
                for above in (index + 1)..<Self.order.count {
                    for name in declared[above].intersection(words).sorted() {
                        violations.append("\(file) uses \(name) (\(Self.order[above]))")
                    }
                }
            }
        }
        #expect(violations == [])
    }
}
