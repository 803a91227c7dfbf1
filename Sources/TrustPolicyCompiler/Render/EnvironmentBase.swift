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
        let trust = environment.trust
        let name = environment.name
        providers = KeyManagementProviders(stores: trust.trustStores, model: model, environment: name)
        let policy = NotationTrustPolicy.document(trust.statements, model: model)
        let policyFile = RenderedFile(path: NotationHostFiles.ociPolicy, json: policy)
        let timestamping = NotationTrustPolicy.usesTimestamping(trust.statements, model: model)
        // Without timestamp authorities both documents are the same bytes: serialized once.
        let legacy = timestamping
            ? RenderedFile(path: NotationHostFiles.legacyPolicy,
                           json: NotationTrustPolicy.document(trust.statements, model: model, compatibility: .beforeTimestamping))
            : policyFile.renamed(to: NotationHostFiles.legacyPolicy)
        var files = [policyFile, legacy,
                     NotationHostFiles.readme(environment: name, policies: trust.statements, model: model, timestamping: timestamping)]
        files += TrustStoreFiles.files(for: trust.trustStores, model: model).map { $0.moved(under: "notation") }
        let manifests: [(String, [JSONValue])] = [
            ("ratify/key-management-providers.yaml", providers.resources),
            ("ratify/store.yaml", [StoreAndPolicy.store(environment: name)]),
            ("ratify/policy.yaml", [StoreAndPolicy.policy(environment: name)]),
            ("ratify/verifier.yaml", [NotationVerifier.resource(
                policies: trust.statements, providers: providers, model: model, environment: name,
                document: NotationVerifier.trustPolicyCompatibility(model) == .current ? policy : nil)]),
        ]
        files += manifests.filter { !$0.1.isEmpty }.map { RenderedFile(path: $0.0, yaml: $0.1) }
        self.manifests = manifests.filter { !$0.1.isEmpty }.map(\.0)
        self.files = files
        kustomization = Kustomization.file(at: "", resources: self.manifests)
        self.listingFromClusters = (files + [kustomization]).map { file in
            let path = "\(BundleLayout.baseFromCluster)/\(file.path)"
            return (path, ClusterBundle.listingEntry(path: path, sha256: file.sha256))
        }.sorted { $0.path < $1.path }
    }
}
