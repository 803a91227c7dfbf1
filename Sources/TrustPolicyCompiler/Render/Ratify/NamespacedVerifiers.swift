/// The `NamespacedVerifier`s of namespaces limited to some teams (`trustedTeams`).
///
/// A verifier's spec depends only on the environment and the teams, and the same teams'
/// namespaces recur in cluster after cluster, so each spec is rendered to YAML once and every
/// namespace's file is its own metadata followed by those bytes: an organisation with tens of
/// thousands of restricted namespaces renders a few hundred specs, not tens of thousands.
struct NamespacedVerifiers {
    private struct Key: Hashable, Sendable {
        var environment: String
        var teams: [String]
    }

    /// YAML of `spec:` and everything under it, by environment and teams.
    private var specs: [Key: [UInt8]] = [:]

    /// Renders the specs the restricted namespaces of `clusters` need, one unit each.
    init(clusters: [ResolvedCluster], bases: [String: EnvironmentBase], model: ResolvedPolicy, scheduler: some UnitScheduler) {
        var cuts: [Key: [TrustPolicyGroup]] = [:]
        for cluster in clusters where bases[cluster.environment] != nil {
            for trust in cluster.enforcement.namespaceTrust {
                cuts[Key(environment: cluster.environment, teams: trust.teams)] = trust.policies
            }
        }
        // Each spec is independent, and where it lands does not depend on the order.
        let policies = cuts
        let keys = Array(policies.keys)
        let rendered = scheduler.map(keys) { key in
            YAMLWriter.bytes([.object([.init("spec", NotationVerifier.spec(
                policies: policies[key]!, providers: bases[key.environment]!.providers, model: model))])])
        }
        specs = Dictionary(uniqueKeysWithValues: zip(keys, rendered))
    }

    /// The verifier file of `trust`'s namespace in a cluster of `environment`.
    func file(at path: String, for trust: ResolvedCluster.NamespaceTrust, environment: String) -> RenderedFile {
        let head = YAMLWriter.bytes([.object(RatifyAPI.head(
            kind: NotationVerifier.kind(namespaced: true), name: GeneratedNames.verifier, namespace: trust.namespace,
            labels: GeneratedNames.labels(environment: environment)))])
        return RenderedFile(path: path, parts: [head, specs[Key(environment: environment, teams: trust.teams)]!])
    }
}
