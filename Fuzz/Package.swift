// swift-tools-version:6.0
// A libFuzzer harness over trustc's loader, decoder, validator, diagnostic formats and
// renderers. Kept out of the root package so that `swift build` there never sees it.
//
//   swift build -c release -Xswiftc -sanitize=fuzzer,address --package-path Fuzz
//   Fuzz/seed-corpus.sh && Fuzz/.build/release/FuzzPolicy Fuzz/corpus -max_total_time=600
import PackageDescription

let package = Package(
    name: "TrustcFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "trustc", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "FuzzPolicy",
            dependencies: [.product(name: "TrustPolicyCompiler", package: "trustc")]
        ),
    ]
)
