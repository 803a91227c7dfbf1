import Testing
@testable import TrustPolicyCompiler

/// The rendered sample, compared file by file with the reviewed golden tree.
@Suite struct GoldenRenderTests {
    @Test func sampleMatchesGoldenTree() throws {
        try Golden.assertTree(try Sample.render(), named: "sample")
    }

    @Test func selfContainedClusterMatchesGoldenTree() throws {
        try Golden.assertTree(try Sample.render(.init(selection: .init(clusters: ["aks-prod-weu-1"]), selfContained: true)),
                              named: "sample-self-contained")
    }
}
