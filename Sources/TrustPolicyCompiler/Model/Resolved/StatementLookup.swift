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
    /// The statement whose registry scopes hold `loginServer/repository`, as Notation picks it
    /// (scopes are exact and each is in one statement), `nil` when none does.
    public func statement(covering loginServer: String, repository: String) -> TrustPolicyGroup? {
        first { $0.scopes.contains(loginServer: loginServer, repository: repository) }
    }
}

extension ResolvedPolicy {
    /// The statements the verifier of a cluster's namespace holds: the namespace's own cut when
    /// it has `trustedTeams`, else everything the cluster's environment trusts. Without a
    /// namespace, the cluster verifier's.
    public func statements(of cluster: ResolvedCluster, namespace: NamespaceEnforcement? = nil) -> [TrustPolicyGroup] {
        if case .namespaced(let trust) = namespace?.verifier { return trust.policies }
        return environment(named: cluster.environment)?.trust.policies ?? []
    }
}
