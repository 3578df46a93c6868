import Foundation
import Hummingbird
import Logging
import NIOCore
import PolicySite
import PolicySiteCore
import ServiceLifecycle
import Synchronization
import UnixSignals

/// `policysite serve`: builds the site into a private folder, serves it over HTTP, rebuilds it
/// when the content, templates or code set change, and tells open pages to reload.
///
/// A rebuild after edits to guidance pages alone renders only what they touched and replaces
/// those files in the served folder (`SiteBuilder.incrementalBuild`); any other change is a
/// complete `build` into a new folder. Either way what is served is exactly what `build`
/// writes (a test compares the two after a run of edits); the reload script is added to HTML
/// responses only, never to files. A failed rebuild leaves the last good site served and
/// sends its findings to the pages.
public final class DevServer: Sendable {
    /// What to build; its `outputPath` is ignored (each build gets a folder of its own).
    let request: BuildRequest
    /// The address to listen on (loopback unless the user asked otherwise).
    let host: String
    /// The port to listen on; 0 takes any free port (the URL passed to `onReady` tells which).
    let port: Int
    /// Where the server prints: the URL, each rebuild's summary and findings.
    let output: @Sendable (String) -> Void
    let hub = LiveReloadHub()
    let site = ServedSite()
    /// The private folder holding the builds; removed when the server stops.
    let workspace: URL
    let builder = Builder()
    /// Parsed releases kept between rebuilds; nil when every rebuild reads them again.
    let releaseCache: ReleaseCache?
    /// The last good build, for rebuilds that render only what an edit touched; nil when
    /// every rebuild is a full one.
    let rebuildMemory: RebuildMemory?

    /// - Parameters:
    ///   - scratch: the folder to build in (default: the system's temporary folder); a tmpfs
    ///     makes writing thousands of pages per rebuild much cheaper.
    ///   - reuseReleases: keep parsed CMS releases between rebuilds while their bytes are
    ///     unchanged (off only to measure what that saves).
    ///   - incremental: after an edit to guidance pages alone, render only what it touched
    ///     (off only to measure what that saves, or to compare the two).
    ///   - output: receives each line the terminal shows (findings as `build` prints them).
    public init(request: BuildRequest, host: String = "127.0.0.1", port: Int = 1313, scratch: URL? = nil, reuseReleases: Bool = true, incremental: Bool = true, output: @escaping @Sendable (String) -> Void) {
        self.request = request
        releaseCache = reuseReleases ? ReleaseCache() : nil
        rebuildMemory = incremental ? RebuildMemory() : nil
        self.host = host
        self.port = port
        self.output = output
        workspace = (scratch ?? FileManager.default.temporaryDirectory).appendingPathComponent("policysite-serve-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
    }

    /// Builds, serves and watches until SIGINT or SIGTERM (or until the task is cancelled).
    ///
    /// - Parameter onReady: called with the server's URL once it accepts connections.
    /// - Throws: when the address cannot be bound or the folders cannot be watched.
    public func run(signals: [UnixSignal] = [.sigint, .sigterm], onReady: @escaping @Sendable (String) async -> Void = { _ in }) async throws {
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let files = watchedFiles()
        let watcher = try FileWatcher(folders: [request.contentPath, request.templatesPath], files: files)
        await builder.setWatched(files)
        watcher.start()
        // However the server ends (signal, cancellation, error), the watch thread ends too.
        defer { watcher.stop() }
        await rebuild(changed: [])

        var logger = Logger(label: "policysite-serve")
        logger.logLevel = .critical
        let hostName = host
        let app = Application(
            responder: SiteResponder(site: site, hub: hub),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "policysite"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                let shown = hostName.contains(":") ? "[\(hostName)]" : hostName
                await onReady("http://\(shown):\(bound)/")
            },
            logger: logger)
        // Services stop in reverse order: the rebuild loop first, which ends every event
        // stream, so the HTTP server has no endless response left to wait for.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: app),
                .init(service: RebuildService(server: self, watcher: watcher)),
            ],
            gracefulShutdownSignals: signals,
            logger: logger))
        do {
            try await group.run()
        } catch {
            await hub.close()
            throw error
        }
    }

    // MARK: - Building

    /// The files the build reads from outside the watched folders: the CMS release files
    /// and their processing notes (`--code-set`, or what `site.yml` names).
    func watchedFiles() -> [String] {
        SiteBuilder.externalInputs(request)
    }

    /// Builds the site into a new folder; serves it if the build succeeded, and tells the
    /// open pages either way. Returns the build's report.
    @discardableResult
    func rebuild(changed: [String]) async -> BuildReport {
        let (number, folder) = await builder.next(in: workspace)
        var request = request
        request.releaseCache = releaseCache
        request.rebuildMemory = rebuildMemory
        request.outputPath = folder.path
        request.outputDisplayPath = "(served site)"
        let buildRequest = request
        let start = DispatchTime.now().uptimeNanoseconds
        // The build is synchronous and uses every core; keep it off the concurrency pool.
        // After an edit, only what it touched is rendered again, in the served folder, when
        // that is all it touched; else the whole site is built into a new folder.
        let (report, incremental) = await withCheckedContinuation { (continuation: CheckedContinuation<(BuildReport, IncrementalRebuild?), Never>) in
            DispatchQueue.global().async {
                if !changed.isEmpty, let incremental = SiteBuilder.incrementalBuild(buildRequest) {
                    continuation.resume(returning: (incremental.report, incremental))
                } else {
                    continuation.resume(returning: (SiteBuilder.build(buildRequest), nil))
                }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var lines = report.diagnostics.map(\.description)
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        let warnings = report.diagnostics.filter { $0.severity == .warning }.count
        if !report.diagnostics.isEmpty { lines.append("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")") }
        if report.wroteSite, let incremental {
            _ = site.replace(with: incremental.folder, generation: number)
            let pages = incremental.changedFiles.filter { $0.hasSuffix(".html") }
            lines.append("rebuilt \(pages.count) of \(report.pageCount) pages in \(String(format: "%.2f", seconds)) s")
            output(lines.joined(separator: "\n"))
            let changedFiles = Set(incremental.changedFiles)
            await hub.published(generation: number, changed: { changedFiles.contains($0) })
        } else if report.wroteSite {
            let previous = site.replace(with: folder.path, generation: number)
            let what = changed.isEmpty ? "built" : "rebuilt"
            lines.append("\(what) \(report.pageCount) pages in \(String(format: "%.2f", seconds)) s")
            output(lines.joined(separator: "\n"))
            let comparison = BuildComparison(old: previous, new: folder.path)
            await hub.published(generation: number, changed: { comparison.changed(page: $0) })
            // The build before the previous one is no longer read by any response.
            await builder.retire(previous, in: workspace)
        } else {
            if incremental == nil { try? FileManager.default.removeItem(at: folder) }
            lines.append(site.snapshot == nil ? "build failed; the site is served once the findings are fixed" : "build failed; the last good site is still served")
            output(lines.joined(separator: "\n"))
            await hub.failed(report.diagnostics)
        }
        return report
    }

    /// Numbers builds, removes old build folders, and remembers which release files are
    /// watched; one rebuild at a time.
    actor Builder {
        private var count = 0
        private var retired: String?
        private var watched: [String] = []

        /// Records the single files being watched; true when they differ from before.
        @discardableResult
        func setWatched(_ files: [String]) -> Bool {
            defer { watched = files }
            return files != watched
        }

        func next(in workspace: URL) -> (Int, URL) {
            count += 1
            return (count, workspace.appendingPathComponent("build-\(count)"))
        }

        /// Removes the folder retired last time; `folder` is removed next time, so a response
        /// still reading it has a whole rebuild's time to finish. Removing thousands of files
        /// takes a while: it runs in the background, not in the way of the next rebuild.
        func retire(_ folder: String?, in workspace: URL) {
            if let retired {
                DispatchQueue.global(qos: .utility).async { try? FileManager.default.removeItem(atPath: retired) }
            }
            retired = folder
        }
    }
}

/// The folder being served and its build number, swapped in one step after each good build.
final class ServedSite: Sendable {
    private let current = Mutex<(root: String, generation: Int)?>(nil)

    /// The folder to serve and its build, or nil before the first good build.
    var snapshot: (root: String, generation: Int)? {
        current.withLock { $0 }
    }

    /// Serves `root` from now on; returns the folder served until now.
    func replace(with root: String, generation: Int) -> String? {
        current.withLock { current in
            let previous = current?.root
            current = (root, generation)
            return previous
        }
    }
}

/// Which pages a rebuild changed: a page changed when its own file's bytes differ, or when any
/// file under `assets/` (the stylesheet and scripts every page uses) does.
struct BuildComparison: Sendable {
    var old: String?
    var new: String

    func changed(page: String) -> Bool {
        guard let old else { return true }
        return assetsChanged(old) || !Self.sameFile(old + "/" + page, new + "/" + page)
    }

    private func assetsChanged(_ old: String) -> Bool {
        let fileManager = FileManager.default
        let oldAssets = Set((try? fileManager.subpathsOfDirectory(atPath: old + "/assets")) ?? [])
        let newAssets = Set((try? fileManager.subpathsOfDirectory(atPath: new + "/assets")) ?? [])
        guard oldAssets == newAssets else { return true }
        return newAssets.contains { !Self.sameFile(old + "/assets/" + $0, new + "/assets/" + $0) }
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        let first = FileManager.default.contents(atPath: a)
        return first != nil && first == FileManager.default.contents(atPath: b)
    }
}

/// Runs rebuilds as the watcher reports changes; on shutdown, stops watching and ends every
/// event stream.
struct RebuildService: Service {
    let server: DevServer
    let watcher: FileWatcher

    func run() async throws {
        await withGracefulShutdownHandler {
            for await batch in watcher.changes {
                await server.rebuild(changed: batch)
                // site.yml may name other release files now: watch those.
                let files = server.watchedFiles()
                if await server.builder.setWatched(files) { watcher.watchFiles(files) }
            }
        } onGracefulShutdown: {
            watcher.stop()
        }
        await server.hub.close()
    }
}
