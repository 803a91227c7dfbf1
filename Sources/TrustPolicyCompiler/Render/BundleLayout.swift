/// Where each part of the output goes. Environment-wide content is written once per
/// environment (a kustomize base) and referenced by each cluster's bundle, so 2,000 clusters do
/// not mean 2,000 copies of the same trust policy.
public enum BundleLayout {
    /// The index of every file trustc wrote, used to tell its files from anyone else's.
    public static let manifest = "trustc-manifest.json"
    public static let policyDefinition = "azure-policy/definition.json"

    /// The directory of an environment's base, beside its region directories (region names
    /// never start with `_`).
    public static let baseDirectoryName = "_base"

    public static func environmentBase(_ environment: String) -> String { "\(environment)/\(baseDirectoryName)" }

    public static func clusterBundle(environment: String, region: String, cluster: String) -> String {
        "\(environment)/\(region)/\(cluster)"
    }

    /// The bundle directory of a cluster, with a trailing `/`.
    public static func clusterBundlePath(_ cluster: ResolvedCluster) -> String { clusterBundle(cluster) + "/" }

    static func clusterBundle(_ cluster: ResolvedCluster) -> String {
        clusterBundle(environment: cluster.environment, region: cluster.region, cluster: cluster.name)
    }

    /// The relative path from a cluster bundle to its environment's base.
    static let baseFromCluster = "../../_base"
}
