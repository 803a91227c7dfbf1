/// The content every cluster of an environment shares, byte for byte: the Notation trust
/// policy and trust store, and Ratify's providers, verifier, store and policy.
struct EnvironmentBase {
    /// Files relative to the base directory.
    var files: [RenderedFile]
    /// The Kubernetes manifests among them, in apply order, for kustomization files.
    var manifests: [String]
    /// The base's own `kustomization.yaml`, which cluster bundles reference; not among `files`,
    /// which a self-contained bundle copies beside its own kustomization.
    var kustomization: RenderedFile
    /// The providers, for namespaced verifiers of this environment's clusters.
    var providers: KeyManagementProviders
    /// The base's files as a cluster bundle's manifest lists them (`../../_base/...` with their
    /// digests), sorted by path: the same for every cluster, so made once.
    var listingFromClusters: [(path: String, entry: JSONValue)]

    init(environment: ResolvedEnvironment, model: ResolvedPolicy) {
        let resources = EnvironmentResources(environment: environment, model: model)
        providers = resources.providers
        // The same document under both names: serialized and hashed once.
        let policyFile = RenderedFile(path: "notation/trustpolicy.oci.json", json: resources.policyDocument)
        var files = [policyFile, policyFile.renamed(to: "notation/trustpolicy.json")]
        files += TrustStoreFiles.files(for: environment.trust.trustStores, model: model).map { $0.moved(under: "notation") }
        files += resources.manifests.map { RenderedFile(path: $0.path, yaml: $0.resources) }
        self.manifests = resources.manifests.map(\.path)
        self.files = files
        kustomization = Kustomization.file(at: "", resources: self.manifests)
        self.listingFromClusters = (files + [kustomization]).map { file in
            let path = "\(BundleLayout.baseFromCluster)/\(file.path)"
            return (path, ClusterBundle.listingEntry(path: path, sha256: file.sha256))
        }.sorted { $0.path < $1.path }
    }
}
