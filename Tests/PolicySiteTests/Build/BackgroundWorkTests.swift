import Testing
import Foundation
@testable import PolicySite

/// `BackgroundWork`: what the build runs on another thread while other steps run.
@Suite struct BackgroundWorkTests {
    @Test func everyCallerGetsTheWorksResult() {
        let work = BackgroundWork { (1...1_000).reduce(0, +) }
        #expect(work.value() == 500_500)
        // Asked again (the semaphore was signalled for later callers): the same value.
        #expect(work.value() == 500_500)
    }

    @Test func theRecordsInputsHashedInTheBackgroundAreTheInputsHashedInPlace() throws {
        let request = BuildRequest(
            contentPath: repositoryRoot.appendingPathComponent("Content").path, templatesPath: repositoryRoot.appendingPathComponent("Templates").path)
        let inPlace = BuildRecord.inputs(request, releases: [])
        let background = BackgroundWork { BuildRecord.inputs(request, releases: []) }.value()
        #expect(background.inputs == inPlace.inputs)
        #expect(background.diagnostics == inPlace.diagnostics)
        #expect(inPlace.diagnostics == [])
        #expect(inPlace.inputs.contains { $0.role == "content" && $0.path == "site.yml" })
        #expect(inPlace.inputs.contains { $0.role == "templates" && $0.path == "base.mustache" })
    }
}
