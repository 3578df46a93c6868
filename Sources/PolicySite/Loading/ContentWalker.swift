import Foundation
import PolicySiteCore

/// A file found under the content folder.
struct ContentFile: Sendable, Hashable {
    /// Path segments below the content folder: `["codes", "G9328.md"]`.
    var segments: [String]
    /// The path for messages, the content folder as the user named it: `Content/codes/G9328.md`.
    var displayPath: String
    /// The path to read (a symlink inside the content folder is read through).
    var absolutePath: String
}

/// Lists the files under the content folder in a fixed order (bytewise by path), whatever
/// order the file system returns them in.
///
/// Symlinks: a link to a file inside the content folder is read through; a link to a folder is
/// not followed (that is how loops are avoided); a broken link and a link that leaves the
/// content folder are errors, and nothing outside the folder is ever read.
enum ContentWalker {
    static func walk(root: String, displayRoot: String) -> (files: [ContentFile], diagnostics: [Diagnostic]) {
        let fileManager = FileManager.default
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        var files: [ContentFile] = []
        var diagnostics: [Diagnostic] = []
        var pending: [[String]] = [[]]
        while let folder = pending.popLast() {
            let folderPath = ([rootURL.path] + folder).joined(separator: "/")
            let display = ([displayRoot] + folder).joined(separator: "/")
            guard let listing = Self.names(in: folderPath) else {
                diagnostics.append(.error("content-unreadable", "folder cannot be read", at: SourceLocation(file: display)))
                continue
            }
            var names: [(name: String, type: UInt8)] = []
            for (bytes, type) in listing {
                if let name = String(validating: bytes, as: UTF8.self) {
                    names.append((name, type))
                } else if !Self.isIgnored(String(decoding: bytes, as: UTF8.self)) {
                    // Foundation would hand back a name that opens nothing; say which file.
                    diagnostics.append(.error("path-invalid", "file name is not valid UTF-8; rename it (the bytes that are not UTF-8 are shown as \\xNN)", at: SourceLocation(file: display + "/" + Self.escaped(bytes))))
                }
            }
            for (name, type) in names.sorted(by: { $0.name.precedesBytewise($1.name) }) where !Self.isIgnored(name) {
                let path = Self.path(folderPath, name)
                let segments = folder + [name]
                let displayPath = Self.path(display, name)
                switch fileType(path, listedAs: type) {
                case .directory:
                    pending.append(segments)
                case .regular:
                    files.append(ContentFile(segments: segments, displayPath: displayPath, absolutePath: path))
                case .symbolicLink:
                    let destination = (try? fileManager.destinationOfSymbolicLink(atPath: path)) ?? "?"
                    let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath()
                    var isFolder: ObjCBool = false
                    guard fileManager.fileExists(atPath: resolved.path, isDirectory: &isFolder) else {
                        diagnostics.append(.error("symlink", "broken symlink -> \(destination)", at: SourceLocation(file: displayPath)))
                        continue
                    }
                    if isFolder.boolValue {
                        diagnostics.append(.warning("symlink", "directory symlink not followed", at: SourceLocation(file: displayPath)))
                    } else if !resolved.path.hasPrefix(rootURL.path + "/") {
                        diagnostics.append(.error("symlink", "symlink points outside \(displayRoot)/", at: SourceLocation(file: displayPath)))
                    } else {
                        files.append(ContentFile(segments: segments, displayPath: displayPath, absolutePath: resolved.path))
                    }
                case .tooLong:
                    diagnostics.append(.error("path-invalid", "path is \(path.utf8.count) bytes, longer than the system opens (\(PATH_MAX)); move it to a shallower folder", at: SourceLocation(file: displayPath)))
                case .unreadable:
                    diagnostics.append(.error("content-unreadable", "file cannot be read", at: SourceLocation(file: displayPath)))
                case .other:
                    diagnostics.append(.warning("content-skipped", "not a regular file; skipped", at: SourceLocation(file: displayPath)))
                }
            }
        }
        files.sort { $0.displayPath.precedesBytewise($1.displayPath) }
        return (files, diagnostics)
    }

    /// Names the walk skips: hidden files and folders (`.git`, `.DS_Store`, Vim's swap files
    /// `.G9328.md.swp`, Emacs's lock files `.#G9328.md`), Emacs's and Vim's backups `G9328.md~`,
    /// and Emacs's auto-save files `#G9328.md#`. An editor leaves them beside the file being
    /// edited; they are not content, and reading them would stop the build with `path-invalid`.
    static func isIgnored(_ name: String) -> Bool {
        // Bytes, not characters, counted: a one-character name with `#` first and last is `#`.
        name.hasPrefix(".") || name.hasSuffix("~") || (name.utf8.count > 1 && name.hasPrefix("#") && name.hasSuffix("#"))
    }

    /// `folder/name`, its bytes copied once into a string of the right size: `folder + "/" +
    /// name` made a string and grew it (two appends of about 300 instructions each), twice for
    /// each file of the content folder (its path and its display path).
    static func path(_ folder: String, _ name: String) -> String {
        var folder = folder, name = name
        return folder.withUTF8 { folder in
            name.withUTF8 { name in
                String(unsafeUninitializedCapacity: folder.count + 1 + name.count) { bytes in
                    _ = bytes.initialize(fromContentsOf: folder)
                    bytes[folder.count] = UInt8(ascii: "/")
                    _ = bytes[(folder.count + 1)...].initialize(fromContentsOf: name)
                    return folder.count + 1 + name.count
                }
            }
        }
    }

    enum FileType { case directory, regular, symbolicLink, other, tooLong, unreadable }

    /// The raw names of a folder's entries (without `.` and `..`), as bytes (a name need not
    /// be UTF-8), each with the type the listing gives (`d_type`: `DT_REG`, `DT_DIR`, ...,
    /// `DT_UNKNOWN` on file systems that do not say). Nil when the folder cannot be opened.
    static func names(in folder: String) -> [(name: [UInt8], type: UInt8)]? {
        guard let handle = opendir(folder) else { return nil }
        defer { closedir(handle) }
        var result: [(name: [UInt8], type: UInt8)] = []
        while let entry = readdir(handle) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            result.append((bytes, entry.pointee.d_type))
        }
        return result
    }

    /// What `path` is, from the type its folder's listing gave when that is a file or a
    /// folder (most file systems say: no `lstat` per file, a call for each of thousands of
    /// pages); otherwise, or when the path is too long to open, as `fileType(_:)` finds.
    static func fileType(_ path: String, listedAs type: UInt8) -> FileType {
        guard path.utf8.count < PATH_MAX else { return fileType(path) }
        switch Int(type) {
        case Int(DT_REG): return .regular
        case Int(DT_DIR): return .directory
        default: return fileType(path)
        }
    }

    /// A file name for messages: printable ASCII as it is, every other byte as `\xNN`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var text = ""
        for byte in bytes {
            if byte >= 0x20, byte < 0x7F { text.append(Character(Unicode.Scalar(byte))) } else { text += "\\x" + String(byte, radix: 16, uppercase: true).leftPadded }
        }
        return text
    }

    /// What `path` itself is (a symlink is not followed), from one `lstat` call: Foundation's
    /// `attributesOfItem` also looks up owner and group names, and took most of the time of
    /// listing a content folder of thousands of files.
    static func fileType(_ path: String) -> FileType {
        var info = stat()
        guard lstat(path, &info) == 0 else { return errno == ENAMETOOLONG ? .tooLong : .unreadable }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regular
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }
}

extension String {
    /// Two hex digits: `0` before a single one.
    fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}
