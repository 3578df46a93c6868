import ArgumentParser
import Foundation
import PolicySite
import PolicySiteServe

extension PolicySiteCommand {
    /// `policysite serve`: build, serve on loopback, rebuild on change, reload open pages.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the site, serve it over HTTP, and rebuild and reload the open pages when the content, templates or code set change.",
            discussion: "Binds to 127.0.0.1 unless --host says otherwise. Ctrl-C stops it. Nothing is written to Site/.")

        @OptionGroup var site: SiteOptions

        @Option(help: "The address to listen on (loopback by default; 0.0.0.0 exposes the site to the network).")
        var host: String = "127.0.0.1"

        @Option(help: "The port to listen on (0: any free port).")
        var port: Int = 1313

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            if host.isEmpty { throw ValidationError("--host needs an address") }
        }

        func run() async throws {
            var request = BuildRequest(contentPath: site.content, templatesPath: site.templates, codeSetPath: site.codeSet)
            // `--as-of today` is the day the server started.
            request.asOf = site.asOfDate
            let server = DevServer(request: request, host: host, port: port) { text in
                // Findings and summaries as `build` prints them, a line at a time.
                FileHandle.standardError.write(Data((text + "\n").utf8))
            }
            do {
                try await server.run { url in
                    // Written straight to the descriptor: a pipe (a test, an editor's task
                    // runner) sees the URL at once, not when a buffer fills.
                    FileHandle.standardOutput.write(Data("serving the site at \(url) (Ctrl-C stops)\n".utf8))
                }
            } catch {
                // Binding is the one step that fails for a reason outside the site.
                let reason = "\(error)".contains("Address already in use")
                    ? "port \(port) on \(host) is in use (another server?); choose another with --port"
                    : "cannot serve on \(host) port \(port): \(error)"
                FileHandle.standardError.write(Data("error: \(reason)\n".utf8))
                throw ExitCode(1)
            }
            FileHandle.standardOutput.write(Data("stopped\n".utf8))
        }
    }
}
