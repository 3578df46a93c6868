import Foundation

/// One output file: its path below `Site/` and its bytes.
struct OutputFile: Sendable {
    public var path: String
    public var contents: [UInt8]
}
