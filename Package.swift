// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "trustc",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "trustc", targets: ["trustc"]),
        .library(name: "TrustPolicyCompiler", targets: ["TrustPolicyCompiler"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // LibYAML from the system (Debian: libyaml-dev, Homebrew: libyaml).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(
            name: "TrustPolicyCompiler",
            dependencies: [
                "CYAML",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "trustc",
            dependencies: [
                "TrustPolicyCompiler",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release builds on Linux link the Swift runtime and Foundation into the executable,
            // so a run does not load and bind about twenty shared libraries (Benchmarks/README.md
            // has the figures). The compile flag makes this module's autolink entries name
            // Foundation's static dependencies. macOS keeps the runtime of the OS; debug and test
            // builds are unchanged.
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
        ),
        .testTarget(
            name: "TrustPolicyCompilerTests",
            dependencies: ["TrustPolicyCompiler"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
