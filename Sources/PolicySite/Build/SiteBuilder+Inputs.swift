import Foundation
import PolicySiteCore

extension SiteBuilder {
    /// The files a build of `request` reads from outside its content and templates folders:
    /// the CMS release files (`--code-set`, or `site.yml`'s `codeSet` or `releases`) and the
    /// release's processing notes. Empty when `site.yml` cannot be read (the build says why).
    /// `serve` watches these besides the two folders.
    public static func externalInputs(_ request: BuildRequest) -> [String] {
        let siteFile = request.contentPath + "/site.yml"
        guard let bytes = FileManager.default.contents(atPath: siteFile),
              let source = SourceText.decode(Array(bytes), file: siteFile).0,
              let configuration = SiteConfiguration.load(source).0
        else { return request.codeSetPath.map { [$0] } ?? [] }
        let releases = releaseInputs(request, configuration: configuration)
        let notes = processingNotesInput(request, configuration: configuration, releases: releases)
        return releases.map(\.path) + (notes.map { [$0.path] } ?? [])
    }
}
