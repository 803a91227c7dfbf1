/// A render with everything shared already made (the policy definition and the environment
/// bases, whose bytes every cluster bundle lists by digest) and the cluster bundles still to be
/// made, a chunk of clusters per unit. `render` writes each unit into the staging directory as
/// it is made, so render memory is bounded by the environments, not by the output.
public struct PreparedRender: RenderUnits {
    /// Clusters per unit: enough to amortise a unit's overhead, few enough to keep every core busy.
    static let clustersPerUnit = 32

    /// The first unit: the policy definition and the environment bases (unless self-contained).
    private let sharedFiles: [RenderedFile]
    private let clusterChunks: [ArraySlice<ResolvedCluster>]
    private let bases: [String: EnvironmentBase]
    private let namespacedVerifiers: NamespacedVerifiers
    private let model: ResolvedPolicy
    private let options: BundleRenderer.Options
    public let coverage: RenderCoverage
    public var organization: String { model.organization.name }
    /// How many cluster bundles the render makes.
    public let clusterCount: Int

    init(sharedFiles: [RenderedFile], clusters: [ResolvedCluster], bases: [String: EnvironmentBase],
         namespacedVerifiers: NamespacedVerifiers, model: ResolvedPolicy, options: BundleRenderer.Options,
         coverage: RenderCoverage) {
        self.sharedFiles = sharedFiles
        clusterChunks = clusters.chunked(into: Self.clustersPerUnit)
        self.bases = bases
        self.namespacedVerifiers = namespacedVerifiers
        self.model = model
        self.options = options
        self.coverage = coverage
        clusterCount = clusters.count
    }

    public var unitCount: Int { 1 + clusterChunks.count }

    public func files(ofUnit index: Int) -> [RenderedFile] {
        guard index > 0 else { return sharedFiles }
        return clusterChunks[index - 1].flatMap { cluster in
            ClusterBundle(cluster: cluster, base: bases[cluster.environment]!, namespacedVerifiers: namespacedVerifiers,
                          model: model, options: options)
                .files.map { $0.moved(under: BundleLayout.clusterBundle(cluster)) }
        }
    }
}
