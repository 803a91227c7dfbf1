/// What a cluster's bundle holds besides the environment's shared content: its Azure Policy
/// assignments, the namespaced Ratify verifiers of namespaces limited to some teams, the
/// kustomization that ties them to the environment's base, and a manifest of every file the
/// bundle applies with its SHA-256.
struct ClusterBundle {
    static let manifestName = "bundle.json"

    /// Files relative to the bundle directory.
    var files: [RenderedFile] = []

    init(cluster: ResolvedCluster, base: EnvironmentBase, model: ResolvedPolicy, options: BundleRenderer.Options) {
        var resources: [String] = []
        var referenced: [(path: String, sha256: String)] = []
        if options.selfContained {
            files += base.files
            resources += base.manifests
        } else {
            resources.append(BundleLayout.baseFromCluster)
            referenced = base.files.map { ("\(BundleLayout.baseFromCluster)/\($0.path)", $0.sha256) }
        }
        for trust in cluster.namespaceTrust {
            let path = "ratify/namespaced-verifier-\(trust.namespace).yaml"
            files.append(RenderedFile(path: path, yaml: [NotationVerifier.resource(
                policies: trust.policies, providers: base.providers, model: model,
                environment: cluster.environment, namespace: trust.namespace)]))
            resources.append(path)
        }
        for assignment in AzurePolicyAssignments.resources(for: cluster, model: model) {
            files.append(RenderedFile(path: "azure-policy/\(assignment.name).json", json: assignment.resource))
        }
        files.append(Kustomization.file(at: "", resources: resources))
        let listed = (files.map { ($0.path, $0.sha256) } + referenced).sorted { $0.path < $1.path }
        files.append(RenderedFile(path: Self.manifestName, json: .object([
            "apiVersion": .string("trustc/v1"),
            "kind": .string("BundleManifest"),
            "cluster": .string(cluster.name),
            "environment": .string(cluster.environment),
            "region": .string(cluster.region),
            "resourceID": .string(cluster.cluster.resourceID.value),
            "sourceRevision": options.sourceRevision.map(JSONValue.string),
            "generator": .string("trustc \(TrustcVersion.current)"),
            "files": .array(listed.map { entry in
                .object(["path": .string(entry.path), "sha256": .string(entry.sha256)])
            }),
        ])))
    }
}
