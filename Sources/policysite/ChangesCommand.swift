import ArgumentParser

extension PolicySiteCommand {
    /// `policysite changes OLD NEW`: what changed between two CMS releases.
    struct Changes: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compare two CMS HCPCS release files and print what changed.")

        @Argument(help: "The older release file.") var old: String
        @Argument(help: "The newer release file.") var new: String

        func run() throws {
            throw ValidationError("policysite changes is not implemented yet")
        }
    }
}
