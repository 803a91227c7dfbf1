extension RegistryScopes {
    /// Whether `loginServer/repository` is one of the scopes: a look at the few registries and a
    /// binary search of the sorted repositories, never the product spelled out.
    public func contains(loginServer: String, repository: String) -> Bool {
        guard registries.contains(where: { $0.loginServer == loginServer }) else { return false }
        var low = 0, high = repositories.count
        while low < high {
            let middle = (low + high) / 2
            if repositories[middle].repository < repository { low = middle + 1 } else { high = middle }
        }
        return low < repositories.count && repositories[low].repository == repository
    }
}

extension Sequence where Element == TrustPolicyGroup {
    /// The statement that applies to `loginServer/repository`, as Notation picks it: the one
    /// whose exact scopes hold it (each scope is in one statement), else the registry-wide `*`
    /// statement if there is one; `nil` when none applies.
    public func statement(covering loginServer: String, repository: String) -> TrustPolicyGroup? {
        first { $0.scopes.contains(loginServer: loginServer, repository: repository) } ?? first(where: \.isRegistryWide)
    }
}

extension ResolvedPolicy {
    /// The statements the verifier of a cluster's namespace holds: the namespace's own cut when
    /// it has `trustedTeams`, else the statements of the cluster's environment (with registry
    /// granularity, its `*` statement among them). Without a namespace, the cluster verifier's.
    public func statements(of cluster: ResolvedCluster, namespace: NamespaceEnforcement? = nil) -> [TrustPolicyGroup] {
        if case .namespaced(let trust) = namespace?.verifier { return trust.policies }
        return environment(named: cluster.environment)?.trust.statements ?? []
    }
}
