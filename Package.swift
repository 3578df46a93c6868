// swift-tools-version:6.1
import PackageDescription

// Layers, dependencies pointing down:
//   CCmark (C), CCmarkArena (C: the allocator cmark parses with) <- PolicySiteMarkdown
//   Yams <- PolicySiteYAML (the only target that imports Yams; the others read its own values) <- PolicySiteCodeSets, PolicySite
//   PolicySiteCore <- PolicySiteMarkdown, PolicySiteYAML, PolicySiteCodeSets, PolicySiteTemplates <- PolicySite <- policysite (executable)
//   PolicySite <- PolicySiteServe (the preview server, the only target that depends on Hummingbird) <- policysite
// Release builds of the executables link the Swift runtime and Foundation statically: calls
// into them (`swift_retain`, `swift_release`, hashing, strings: a sixth of a build's processor
// time) are direct instead of through the dynamic linker's stubs, and the process starts
// without loading and relocating a dozen shared libraries. Measured on input (b) of
// `site-bench`, alternating 9 times: 5% less processor time, 8% less wall time, 5 MB less
// memory. Debug builds (the tests) keep the shared libraries, which link faster.
let staticSwiftRuntime: [LinkerSetting] = [.unsafeFlags([
    "-static-stdlib",
    // What static Foundation needs beyond the modules we import (its own swiftmodule names
    // them, but only to a compile that is itself `-static-stdlib`).
    "-lFoundationEssentials", "-lFoundationInternationalization", "-lCoreFoundation", "-l_FoundationICU",
    "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftSynchronization", "-lswift_StringProcessing",
    "-lswift_RegexParser", "-lswiftDispatch", "-ldispatch", "-lBlocksRuntime",
], .when(configuration: .release))]

let package = Package(
    name: "PolicySite",
    // macOS 15 for `Synchronization.Mutex`, the lock of state shared between build threads.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "policysite", targets: ["policysite"]),
        .library(name: "PolicySite", targets: ["PolicySite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // SHA-256 for the build manifest (BoringSSL's, never our own).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        // File descriptors for writing the site (the same calls on Linux and macOS).
        .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
        // Default traits off: they pull in swift-configuration, which `serve` does not use.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0", traits: []),
        // Already in Hummingbird's graph; named because `serve` uses them directly.
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(name: "PolicySiteCore"),
        .target(name: "CCmarkArena"),
        .target(name: "PolicySiteMarkdown", dependencies: ["CCmark", "CCmarkArena", "PolicySiteCore"]),
        .target(name: "PolicySiteYAML", dependencies: ["PolicySiteCore", "Yams"]),
        .target(name: "PolicySiteCodeSets", dependencies: ["PolicySiteCore", "PolicySiteYAML"]),
        .target(name: "PolicySiteTemplates", dependencies: ["PolicySiteCore"]),
        .target(
            name: "PolicySite",
            dependencies: [
                "PolicySiteCore", "PolicySiteMarkdown", "PolicySiteYAML", "PolicySiteCodeSets", "PolicySiteTemplates",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .target(
            name: "PolicySiteServe",
            dependencies: [
                "PolicySite", "PolicySiteCore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "policysite",
            dependencies: [
                "PolicySite", "PolicySiteServe", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: staticSwiftRuntime
        ),
        .executableTarget(name: "markdown-bench", dependencies: ["PolicySiteMarkdown", "CCmark"], linkerSettings: staticSwiftRuntime),
        .executableTarget(name: "release-bench", dependencies: ["PolicySiteCodeSets"], linkerSettings: staticSwiftRuntime),
        .executableTarget(name: "site-bench", dependencies: ["PolicySiteCodeSets", "PolicySiteCore"], linkerSettings: staticSwiftRuntime),
        .executableTarget(name: "serve-bench", dependencies: ["PolicySite", "PolicySiteServe"], linkerSettings: staticSwiftRuntime),
        .testTarget(name: "PolicySiteCoreTests", dependencies: ["PolicySiteCore"]),
        .testTarget(name: "PolicySiteMarkdownTests", dependencies: ["PolicySiteMarkdown", "CCmark", "CCmarkArena"]),
        .testTarget(name: "PolicySiteYAMLTests", dependencies: ["PolicySiteYAML", "PolicySiteCore"]),
        .testTarget(name: "PolicySiteCodeSetsTests", dependencies: ["PolicySiteCodeSets"]),
        .testTarget(name: "PolicySiteTemplatesTests", dependencies: ["PolicySiteTemplates"]),
        // Golden site files and command-line snapshots are read by path, not bundled.
        .testTarget(name: "PolicySiteTests", dependencies: ["PolicySite", "PolicySiteTemplates"], exclude: ["Golden", "Snapshots"]),
        .testTarget(name: "PolicySiteServeTests", dependencies: ["PolicySiteServe", "PolicySite", "PolicySiteCore"]),
    ]
)
