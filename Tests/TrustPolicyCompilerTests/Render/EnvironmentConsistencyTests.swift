import Testing
@testable import TrustPolicyCompiler

/// Trust is a property of the environment: every cluster of an environment, in every region,
/// gets byte-identical trust policies, trust stores and Ratify resources.
@Suite struct EnvironmentConsistencyTests {
    @Test func selfContainedBundlesOfOneEnvironmentShareEveryEnvironmentWideFile() throws {
        let model = try Sample.compile().model
        var byEnvironment: [String: [String: [RenderedFile]]] = [:]
        for cluster in model.clusters {
            let output = BundleRenderer().render(model, options: .init(selection: .init(clusters: [cluster.name]), selfContained: true))
            let prefix = BundleLayout.clusterBundlePath(cluster)
            let shared = output.files.filter {
                $0.path.hasPrefix(prefix) && ($0.path.contains("/notation/") || $0.path.hasPrefix(prefix + "ratify/"))
                    && !$0.path.contains("namespaced-verifier")
            }.map { RenderedFile(path: String($0.path.dropFirst(prefix.count)), contents: $0.contents) }
            byEnvironment[cluster.environment, default: [:]][cluster.name] = shared
        }
        #expect(Set(byEnvironment.keys) == ["production", "staging", "development"])
        for (environment, clusters) in byEnvironment {
            let regions = Set(model.clusters.filter { $0.environment == environment }.map(\.region))
            #expect(clusters.count >= 1)
            if environment != "development" { #expect(regions.count >= 2, "\(environment) should span regions") }
            let reference = clusters.values.first!
            #expect(!reference.isEmpty)
            for (cluster, files) in clusters {
                #expect(files == reference, "\(cluster) differs from the other clusters of \(environment)")
            }
        }
    }

    @Test func everyClusterBundleReferencesItsEnvironmentBase() throws {
        let files = try Sample.render()
        let model = try Sample.compile().model
        for cluster in model.clusters {
            let kustomization = files.first { $0.path == BundleLayout.clusterBundlePath(cluster) + "kustomization.yaml" }
            let text = String(decoding: kustomization?.contents ?? [], as: UTF8.self)
            #expect(text.contains("- ../../_base\n"), "\(cluster.name): \(text)")
        }
        // The environment-wide trust policy is written once per environment, not per cluster.
        #expect(files.filter { $0.path.hasSuffix("trustpolicy.oci.json") }.count == model.environments.count)
    }
}
