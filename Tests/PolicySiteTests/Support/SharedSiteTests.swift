import Foundation
import Synchronization
import Testing

/// `SharedSite` builds each named site once per test process, whoever asks first, and hands
/// every later caller that same site, or the same failure.
@Suite struct SharedSiteTests {
    /// A name no other test uses: the cache lives as long as the process.
    func uniqueName() -> String { "shared-site-test-\(UUID().uuidString)" }

    @Test func aSiteIsMadeOnceAndHandedToEveryCaller() throws {
        let name = uniqueName()
        var made = 0
        let first = SharedSite.named(name) { made += 1; return try FixtureSite() }
        let second = SharedSite.named(name) { made += 1; return try FixtureSite() }
        #expect(made == 1)
        #expect(first != nil)
        #expect(first === second)
    }

    @Test func aSiteThatDidNotBuildIsNotMadeAgain() {
        let name = uniqueName()
        var made = 0
        let first = SharedSite.named(name) { made += 1; return nil }
        let second = SharedSite.named(name) { made += 1; return try FixtureSite() }
        #expect(made == 1)
        #expect(first == nil && second == nil)
    }

    @Test func callersAskingAtOnceGetOneSite() async {
        let name = uniqueName()
        let made = Counter()
        let sites = await withTaskGroup(of: ObjectIdentifier?.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    SharedSite.named(name) {
                        made.count.withLock { $0 += 1 }
                        return try FixtureSite()
                    }.map(ObjectIdentifier.init)
                }
            }
            var sites: [ObjectIdentifier?] = []
            for await site in group { sites.append(site) }
            return sites
        }
        #expect(made.count.withLock { $0 } == 1)
        #expect(sites.count == 8)
        #expect(Set(sites).count == 1 && !sites.contains(nil))
    }

    /// How many times the callers' closures ran, counted from concurrent tasks.
    final class Counter: Sendable {
        let count = Mutex(0)
    }
}
