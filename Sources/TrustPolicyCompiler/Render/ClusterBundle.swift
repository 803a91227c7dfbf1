/// What a cluster's bundle holds besides the environment's shared content: its Azure Policy
/// assignments, the namespaced Ratify verifiers of namespaces limited to some teams, the
/// kustomization that ties them to the environment's base, and a manifest of every file the
/// bundle applies with its SHA-256.
struct ClusterBundle {
    static let manifestName = "bundle.json"

    /// Files relative to the bundle directory.
    var files: [RenderedFile] = []

    init(cluster: ResolvedCluster, base: EnvironmentBase, namespacedVerifiers: NamespacedVerifiers, model: ResolvedPolicy,
         options: BundleRenderer.Options) {
        var resources: [String] = []
        var referenced: [(path: String, entry: JSONValue)] = []
        if options.selfContained {
            files += base.files
            resources += base.manifests
        } else {
            resources.append(BundleLayout.baseFromCluster)
            referenced = base.listingFromClusters
        }
        for trust in cluster.enforcement.namespaceTrust {
            let path = "ratify/namespaced-verifier-\(trust.namespace).yaml"
            files.append(namespacedVerifiers.file(at: path, for: trust, environment: cluster.environment))
            resources.append(path)
        }
        for assignment in AzurePolicyAssignments.resources(for: cluster, model: model) {
            files.append(RenderedFile(path: "azure-policy/\(assignment.name).json", json: assignment.resource))
        }
        files.append(Kustomization.file(at: "", resources: resources))
        let own = files.map { (path: $0.path, entry: Self.listingEntry(path: $0.path, sha256: $0.sha256)) }
            .sorted { $0.path < $1.path }
        let listed = Self.merge(own, referenced)
        files.append(RenderedFile(path: Self.manifestName, json: .object([
            "apiVersion": .string("trustc/v1"),
            "kind": .string("BundleManifest"),
            "cluster": .string(cluster.name),
            "environment": .string(cluster.environment),
            "region": .string(cluster.region),
            "resourceID": .string(cluster.resourceID),
            "sourceRevision": options.sourceRevision.map(JSONValue.string),
            "generator": .string("trustc \(TrustcVersion.current)"),
            "files": .array(listed),
        ])))
    }

    /// A file's entry in the bundle manifest.
    static func listingEntry(path: String, sha256: String) -> JSONValue {
        .object(["path": .string(path), "sha256": .string(sha256)])
    }

    /// The entries of two lists sorted by path, sorted by path (stable: `a`'s first on ties).
    private static func merge(_ a: [(path: String, entry: JSONValue)], _ b: [(path: String, entry: JSONValue)]) -> [JSONValue] {
        var result: [JSONValue] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && !(b[j].path < a[i].path)) {
                result.append(a[i].entry)
                i += 1
            } else {
                result.append(b[j].entry)
                j += 1
            }
        }
        return result
    }
}
