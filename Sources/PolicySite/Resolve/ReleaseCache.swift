import Foundation
import PolicySiteCodeSets
import Synchronization

/// Parsed CMS release files kept from one build to the next in one process (`serve`): a
/// release is megabytes of fixed-width text and reading it was a third of a rebuild, while
/// authors edit guidance, not releases.
///
/// An entry is used only when the file's bytes are the ones it was parsed from (their count
/// and hash, read every time), so a cached build is the build a cold one would be.
public final class ReleaseCache: Sendable {
    private let entries = Mutex<[String: (fingerprint: ContentFingerprint, displayPath: String, release: HCPCSRelease)]>([:])

    public init() {}

    /// The release at `path`, parsed again only when its bytes changed.
    func read(path: String, displayPath: String) -> HCPCSRelease {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
              let data = FileManager.default.contents(atPath: path)
        else {
            // The reader says why it cannot read the file; nothing to keep.
            return HCPCSReleaseReader.read(path: path, displayPath: displayPath)
        }
        let bytes = [UInt8](data)
        let fingerprint = ContentFingerprint(bytes)
        let cached = entries.withLock { $0[path] }
        if let cached, cached.fingerprint == fingerprint, cached.displayPath == displayPath { return cached.release }
        let release = HCPCSReleaseReader.parse(bytes, file: displayPath)
        entries.withLock { $0[path] = (fingerprint, displayPath, release) }
        return release
    }
}
