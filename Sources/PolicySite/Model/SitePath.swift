/// A page's place in the built site: the folder that holds its `index.html`, as path
/// segments (`["codes", "G9328"]` is `Site/codes/G9328/index.html`; `[]` is the home page).
///
/// Built from components, never by joining strings, and every segment is checked by
/// `isValidSegment` before it becomes a path, so no content or data can write outside `Site/`.
public struct SitePath: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let segments: [String]

    public init(_ segments: [String]) { self.segments = segments }

    public static let root = SitePath([])

    /// `codes/G9328/index.html` (relative to `Site/`).
    public var filePath: String { (segments + ["index.html"]).joined(separator: "/") }

    /// `/codes/G9328/`, the form used in messages.
    public var description: String { segments.isEmpty ? "/" : "/" + segments.joined(separator: "/") + "/" }

    public func appending(_ segment: String) -> SitePath { SitePath(segments + [segment]) }

    /// The segments below `Site/` that the relative URL path `path` (no query or fragment)
    /// names from this page's folder; nil when `..` climbs above `Site/`.
    public func resolving<Path: StringProtocol>(_ path: Path) -> [String]? {
        var parts = segments
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case "..": if parts.isEmpty { return nil } else { parts.removeLast() }
            case ".", "": continue
            default: parts.append(String(part))
            }
        }
        return parts
    }

    /// A relative URL from the page at `self` to the page at `target` that works from
    /// `file://` and under any base path: `../../codes/G9329/index.html`.
    public func relativeURL(to target: SitePath, fragment: String? = nil) -> String {
        let up = String(repeating: "../", count: segments.count)
        return up + target.filePath + (fragment.map { "#" + $0 } ?? "")
    }

    /// A relative URL from this page to a file at `path` (relative to `Site/`): `../../assets/site.css`.
    public func relativeURL(toFile path: String) -> String {
        String(repeating: "../", count: segments.count) + path
    }

    /// One URL path segment: `[A-Za-z0-9._-]`, not empty, not starting with `.` (`..`, and
    /// hidden files, which many servers refuse to serve).
    public static func isValidSegment(_ segment: String) -> Bool {
        guard !segment.isEmpty, !segment.hasPrefix(".") else { return false }
        return segment.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
    }

    public static func < (lhs: SitePath, rhs: SitePath) -> Bool {
        lhs.filePath.utf8.lexicographicallyPrecedes(rhs.filePath.utf8)
    }
}
