/// What one cluster's bundle applies, as values rather than files: the Kubernetes objects
/// kustomize applies and the Azure Policy assignments. Built by the same functions that write
/// the bundle's files, without serializing anything, so `drift` compares the live state with
/// exactly what `render` would write.
public struct ClusterObjects: Sendable {
    /// The environment's Ratify resources in apply order, then the namespaced verifiers by
    /// namespace.
    public var kubernetes: [JSONValue]
    /// The REST resources of the cluster's assignments, warn before deny.
    public var assignments: [JSONValue]
}

extension BundleRenderer {
    /// The objects of `cluster`'s bundle (a validated model has the cluster's environment).
    public func objects(of cluster: ResolvedCluster, model: ResolvedPolicy) -> ClusterObjects {
        var kubernetes: [JSONValue] = []
        if let environment = model.environment(named: cluster.environment) {
            let resources = EnvironmentResources(environment: environment, model: model)
            kubernetes = resources.manifests.flatMap(\.resources)
            kubernetes += cluster.enforcement.namespaceTrust.map { trust in
                NotationVerifier.resource(policies: trust.policies, providers: resources.providers, model: model,
                                          environment: cluster.environment, namespace: trust.namespace)
            }
        }
        return ClusterObjects(kubernetes: kubernetes,
                              assignments: AzurePolicyAssignments.resources(for: cluster, model: model).map(\.resource))
    }
}
