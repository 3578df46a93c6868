import Foundation

/// One output file: its path below `Site/` and its bytes.
struct OutputFile: Sendable {
    var path: String
    var contents: [UInt8]
}
