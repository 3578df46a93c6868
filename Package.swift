// swift-tools-version:6.0
import PackageDescription

// Layers, dependencies pointing down:
//   CCmark (C) <- PolicySiteMarkdown
//   PolicySiteCore <- PolicySiteMarkdown, PolicySiteCodeSets, PolicySiteTemplates <- PolicySite <- policysite (executable)
let package = Package(
    name: "PolicySite",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "policysite", targets: ["policysite"]),
        .library(name: "PolicySite", targets: ["PolicySite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // SHA-256 for the build manifest (BoringSSL's, never our own).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(name: "PolicySiteCore"),
        .target(name: "PolicySiteMarkdown", dependencies: ["CCmark", "PolicySiteCore"]),
        .target(name: "PolicySiteCodeSets", dependencies: ["PolicySiteCore", "Yams"]),
        .target(name: "PolicySiteTemplates", dependencies: ["PolicySiteCore"]),
        .target(
            name: "PolicySite",
            dependencies: [
                "PolicySiteCore", "PolicySiteMarkdown", "PolicySiteCodeSets", "PolicySiteTemplates", "Yams",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "policysite",
            dependencies: ["PolicySite", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "markdown-bench", dependencies: ["PolicySiteMarkdown", "CCmark"]),
        .executableTarget(name: "release-bench", dependencies: ["PolicySiteCodeSets"]),
        .executableTarget(name: "site-bench", dependencies: ["PolicySiteCodeSets", "PolicySiteCore"]),
        .testTarget(name: "PolicySiteCoreTests", dependencies: ["PolicySiteCore"]),
        .testTarget(name: "PolicySiteMarkdownTests", dependencies: ["PolicySiteMarkdown", "CCmark"]),
        .testTarget(name: "PolicySiteCodeSetsTests", dependencies: ["PolicySiteCodeSets"]),
        .testTarget(name: "PolicySiteTemplatesTests", dependencies: ["PolicySiteTemplates"]),
        .testTarget(name: "PolicySiteTests", dependencies: ["PolicySite"]),
    ]
)
