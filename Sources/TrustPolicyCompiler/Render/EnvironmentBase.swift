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
        let trust = environment.trust
        providers = resources.providers
        let policyFile = RenderedFile(path: NotationHostFiles.ociPolicy, json: resources.policyDocument)
        let timestamping = NotationTrustPolicy.usesTimestamping(trust.statements, model: model)
        // Without timestamp authorities both documents are the same bytes: serialized once.
        let legacy = timestamping
            ? RenderedFile(path: NotationHostFiles.legacyPolicy,
                           json: NotationTrustPolicy.document(trust.statements, model: model, compatibility: .beforeTimestamping))
            : policyFile.renamed(to: NotationHostFiles.legacyPolicy)
        var files = [policyFile, legacy, NotationHostFiles.readme(environment: environment.name, policies: trust.statements,
                                                                  model: model, timestamping: timestamping)]
        files += TrustStoreFiles.files(for: trust.trustStores, model: model).map { $0.moved(under: "notation") }
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
