import Foundation
import Testing

/// The package builds on macOS as well as on Linux (CI builds and tests on Linux only, and no
/// macOS SDK is at hand there): every use of Linux's C library, kernel or file system sits in an
/// `#if canImport(Glibc)` or `#if os(Linux)` branch, next to a macOS branch that works or says
/// what it cannot do. This scan of every Swift file under `Sources/` and `Tests/` keeps it so.
@Suite struct PortabilityTests {
    /// Text that names something only Linux has, with the reason, as it reads in code (comments
    /// are not scanned).
    static let linuxOnly: [(text: String, reason: String)] = [
        ("import Glibc", "Glibc is Linux's C library; macOS has Darwin"),
        ("Glibc.", "names a call in Glibc, Linux's C library; macOS has Darwin"),
        ("SOCK_STREAM.rawValue", "Glibc imports SOCK_STREAM as an enum; Darwin as an Int32"),
        ("__rusage_who_t", "Glibc's type of getrusage's first argument; Darwin takes an Int32"),
        ("\"/proc/", "macOS has no /proc"),
        ("inotify_", "inotify is Linux's; macOS watches files with kqueue or FSEvents"),
        ("mallopt", "mallopt tunes glibc's allocator; macOS has no such call"),
        ("malloc_trim", "malloc_trim is glibc's; macOS has no such call"),
        ("renameat2", "renameat2 is Linux's; macOS exchanges with renamex_np"),
        ("syncfs", "syncfs is Linux's; macOS has sync"),
        ("epoll_", "epoll is Linux's; macOS has kqueue"),
        ("st_mtim", "Linux's name of the stat field; macOS calls it st_mtimespec"),
        ("st_atim", "Linux's name of the stat field; macOS calls it st_atimespec"),
        ("st_ctim", "Linux's name of the stat field; macOS calls it st_ctimespec"),
        ("O_TMPFILE", "O_TMPFILE is Linux's"),
        ("MSG_NOSIGNAL", "MSG_NOSIGNAL is Linux's; macOS sets SO_NOSIGPIPE on the socket"),
        ("SOCK_CLOEXEC", "SOCK_CLOEXEC is Linux's"),
        ("sched_getaffinity", "sched_getaffinity is Linux's"),
        ("prctl(", "prctl is Linux's"),
        ("\"tmpfs\"", "tmpfs is Linux's file system; macOS has none"),
    ]

    /// `file:line: text` for each Linux-only name in `text` outside a Linux branch.
    /// A Linux branch is an `#if` or `#elseif` whose condition is `canImport(Glibc)` or
    /// `os(Linux)` (possibly with others, never negated), nested at any depth.
    static func findings(in text: String, file: String) -> [String] {
        var branches: [Bool] = []  // per open `#if`: whether the branch we are in is Linux's
        var inMultilineString = false
        var result: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if !inMultilineString {
                if line.hasPrefix("#if ") {
                    branches.append(isLinux(condition: line.dropFirst(4)))
                    continue
                } else if line.hasPrefix("#elseif "), !branches.isEmpty {
                    branches[branches.count - 1] = isLinux(condition: line.dropFirst(8))
                    continue
                } else if line.hasPrefix("#else"), !branches.isEmpty {
                    branches[branches.count - 1] = false
                    continue
                } else if line.hasPrefix("#endif"), !branches.isEmpty {
                    branches.removeLast()
                    continue
                }
            }
            let code = inMultilineString ? line : withoutComment(line)
            if line.components(separatedBy: "\"\"\"").count % 2 == 0 { inMultilineString.toggle() }
            guard !branches.contains(true) else { continue }
            for entry in linuxOnly where contains(code, entry.text) {
                result.append("\(file):\(index + 1): \(entry.text) outside #if canImport(Glibc) or #if os(Linux): \(entry.reason)")
            }
        }
        return result
    }

    /// Whether `code` holds `name`; a name ending in a letter or digit only as a whole word
    /// (`st_mtim` is not `st_mtimespec`), one ending in `_` as the start of any (`inotify_`).
    static func contains(_ code: String, _ name: String) -> Bool {
        guard let last = name.last, last.isLetter || last.isNumber else { return code.contains(name) }
        var rest = code[...]
        while let found = rest.range(of: name) {
            let next = found.upperBound < rest.endIndex ? rest[found.upperBound] : " "
            if !(next.isLetter || next.isNumber || next == "_") { return true }
            rest = rest[found.upperBound...]
        }
        return false
    }

    static func isLinux(condition: Substring) -> Bool {
        !condition.contains("!") && (condition.contains("canImport(Glibc)") || condition.contains("os(Linux)"))
    }

    /// The line up to a `//` that is not inside a string literal.
    static func withoutComment(_ line: String) -> String {
        var inString = false
        var previous: Character = " "
        var end = line.endIndex
        for index in line.indices {
            let character = line[index]
            if character == "\"", previous != "\\" {
                inString.toggle()
            } else if !inString, character == "/", previous == "/" {
                end = line.index(before: index)
                break
            }
            previous = character
        }
        return String(line[..<end])
    }

    /// Every Swift file under `Sources/` and `Tests/`, as a path from the repository root.
    static func swiftFiles() -> [String] {
        ["Sources", "Tests"].flatMap { top -> [String] in
            let walker = FileManager.default.enumerator(atPath: repositoryRoot.appendingPathComponent(top).path)
            return (walker?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }.map { top + "/" + $0 }
        }.sorted()
    }

    @Test func everyLinuxOnlyNameIsInALinuxBranch() throws {
        let files = Self.swiftFiles()
        // The scan reaches every target's files, the benchmarks' and the tests' included.
        for expected in ["Sources/serve-bench/main.swift", "Sources/site-bench/main.swift", "Sources/PolicySiteServe/FileWatcher.swift",
                         "Tests/PolicySiteServeTests/ServeSupport.swift", "Tests/PolicySiteTests/Support/ChildProcessTests.swift"] {
            #expect(files.contains(expected), "\(expected) is not scanned")
        }
        var findings: [String] = []
        // This file names them all, as the rule's own text.
        for file in files where file != "Tests/PolicySiteTests/Structure/PortabilityTests.swift" {
            let text = try String(contentsOf: repositoryRoot.appendingPathComponent(file), encoding: .utf8)
            findings += Self.findings(in: text, file: file)
        }
        #expect(findings == [])
    }

    @Test func theScanFindsLinuxOnlyNamesOutsideALinuxBranch() {
        let text = #"""
        import Foundation
        import Glibc
        #if canImport(Glibc)
        import Glibc
        #elseif canImport(Darwin)
        import Darwin
        #endif
        #if os(Linux)
        let a = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        #else
        let b = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        #endif
        // a comment may name /proc/, inotify_init1 and "tmpfs"
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)  // and so may this one: mallopt
        #if !os(Linux)
        _ = mallopt(-3, 1)
        #endif
        #if os(Linux) || os(Android)
        #if DEBUG
        let wd = inotify_init1(0)
        #endif
        #endif
        let note = """
        "tmpfs" // in a string
        """
        let url = "https://example.org/proc/" // "/proc/ only in the comment
        """#
        #expect(Self.findings(in: text, file: "X.swift") == [
            "X.swift:2: import Glibc outside #if canImport(Glibc) or #if os(Linux): Glibc is Linux's C library; macOS has Darwin",
            "X.swift:11: \"/proc/ outside #if canImport(Glibc) or #if os(Linux): macOS has no /proc",
            "X.swift:14: SOCK_STREAM.rawValue outside #if canImport(Glibc) or #if os(Linux): Glibc imports SOCK_STREAM as an enum; Darwin as an Int32",
            "X.swift:16: mallopt outside #if canImport(Glibc) or #if os(Linux): mallopt tunes glibc's allocator; macOS has no such call",
            "X.swift:24: \"tmpfs\" outside #if canImport(Glibc) or #if os(Linux): tmpfs is Linux's file system; macOS has none",
        ])
    }
}
