/// A Kubernetes object or Azure resource `render` would write, and its size as compact JSON: what
/// the API server stores (etcd holds at most about 1.5 MiB per object) and what client-side
/// `kubectl apply` copies into its `last-applied-configuration` annotation (at most 262,144
/// bytes).
public struct RenderedObjectSize: Sendable, Hashable {
    /// What the object belongs to, so a diagnostic can point at the source that makes it large.
    public enum Owner: Sendable, Hashable {
        case environment(String)
        /// Namespaces limited to the same teams in an environment share one verifier spec.
        case restrictedNamespaces(environment: String, teams: [String])
        case cluster(String)
    }

    public var kind: String
    public var name: String
    public var owner: Owner
    public var bytes: Int
}

extension BundleRenderer {
    /// Every object of the output whose size depends on the policy, measured exactly without
    /// spelling out registry scopes: the trust policy is built with its scope lists left empty
    /// and each statement's list added from `compactReferencesLength`. Environments and
    /// namespace cuts are independent units on `scheduler`.
    public func objectSizes(_ model: ResolvedPolicy, scheduler: some UnitScheduler = SequentialScheduler()) -> [RenderedObjectSize] {
        let environments = scheduler.map(model.environments) { environment -> [RenderedObjectSize] in
            let trust = environment.trust
            let providers = KeyManagementProviders(stores: trust.trustStores, model: model, environment: environment.name)
            var sizes = providers.resources.map { Self.size(of: $0, owner: .environment(environment.name)) }
            var verifier = Self.size(of: NotationVerifier.resource(
                policies: trust.statements, providers: providers, model: model, environment: environment.name,
                document: Self.elidedDocument(trust.statements, model: model)), owner: .environment(environment.name))
            verifier.bytes += trust.statements.reduce(0) { $0 + $1.compactReferencesLength }
            sizes.append(verifier)
            return sizes
        }
        return environments.flatMap { $0 } + namespacedVerifierSizes(model, scheduler: scheduler) + assignmentSizes(model)
    }

    /// The largest `NamespacedVerifier` of each environment and set of teams: its spec is shared,
    /// so only the longest namespace name differs.
    private func namespacedVerifierSizes(_ model: ResolvedPolicy, scheduler: some UnitScheduler) -> [RenderedObjectSize] {
        var longest: [RenderedObjectSize.Owner: ResolvedCluster.NamespaceTrust] = [:]
        for cluster in model.clusters {
            for trust in cluster.enforcement.namespaceTrust {
                let cut = RenderedObjectSize.Owner.restrictedNamespaces(environment: cluster.environment, teams: trust.teams)
                if trust.namespace.utf8.count > (longest[cut]?.namespace.utf8.count ?? -1) { longest[cut] = trust }
            }
        }
        let environments = Dictionary(model.environments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let entries = longest
        return scheduler.map(Array(longest.keys)) { cut -> RenderedObjectSize in
            guard case .restrictedNamespaces(let environment, _) = cut, let trust = entries[cut],
                  let stores = environments[environment]?.trust.trustStores else { fatalError("a cut of an unknown environment") }
            let providers = KeyManagementProviders(stores: stores, model: model, environment: environment)
            var size = Self.size(of: NotationVerifier.resource(
                policies: trust.policies, providers: providers, model: model, environment: environment, namespace: trust.namespace,
                document: Self.elidedDocument(trust.policies, model: model)), owner: cut)
            size.bytes += trust.policies.reduce(0) { $0 + $1.compactReferencesLength }
            return size
        }.sorted { $0.bytes > $1.bytes }
    }

    /// Assignments are small unless a cluster lists thousands of namespaces in one stage: each
    /// is measured only when a bound (a generous fixed part and every namespace) could pass
    /// the smaller limit.
    private func assignmentSizes(_ model: ResolvedPolicy) -> [RenderedObjectSize] {
        model.clusters.flatMap { cluster -> [RenderedObjectSize] in
            let bound = 8192 + cluster.enforcement.namespaces.reduce(0) { $0 + $1.name.utf8.count + 3 }
            guard bound > ObjectSizeLimits.clientSideApply else { return [] }
            return AzurePolicyAssignments.resources(for: cluster, model: model).map {
                RenderedObjectSize(kind: "PolicyAssignment", name: $0.name, owner: .cluster(cluster.name),
                                   bytes: $0.resource.compact().utf8.count)
            }
        }
    }

    private static func elidedDocument(_ policies: [TrustPolicyGroup], model: ResolvedPolicy) -> JSONValue {
        NotationTrustPolicy.document(policies, model: model, compatibility: NotationVerifier.trustPolicyCompatibility(model),
                                     listingScopes: false)
    }

    private static func size(of object: JSONValue, owner: RenderedObjectSize.Owner) -> RenderedObjectSize {
        RenderedObjectSize(kind: object["kind"]?.stringValue ?? "", name: object["metadata"]?["name"]?.stringValue ?? "",
                           owner: owner, bytes: object.compact().utf8.count)
    }
}

/// What Kubernetes can take, in bytes of compact JSON.
public enum ObjectSizeLimits {
    /// The `kubectl.kubernetes.io/last-applied-configuration` annotation (all annotations of an
    /// object together, in fact): client-side `kubectl apply` and Argo CD's default sync.
    public static let clientSideApply = 262_144
    /// etcd's default request limit: an object this large cannot be stored at all.
    public static let storage = 1_572_864
}
