/// Resolves every cluster: its namespaces sorted, the trust of namespaces limited to some teams,
/// and what it enforces (`ClusterEnforcement`), the one place where stages become effects and
/// assignments.
struct ClusterResolution: Sendable {
    let decoded: DecodedPolicy
    let organization: Organization
    let environments: [String: ResolvedEnvironment]
    let excluded: [String]
    let excludedSet: Set<String>
    /// The login servers of the registries each environment's clusters trust, sorted.
    let loginServers: [String: [String]]

    init(decoded: DecodedPolicy, organization: Organization, environments: [ResolvedEnvironment]) {
        self.decoded = decoded
        self.organization = organization
        self.environments = Dictionary(environments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        excluded = organization.excludedNamespaces.map(\.value)
        excludedSet = Set(excluded)
        let byName = self.environments
        loginServers = byName.mapValues { environment in
            ([environment] + environment.trustedEnvironments.compactMap { byName[$0] })
                .flatMap { $0.registries.map(\.loginServer.value) }.sorted()
        }
    }

    /// A namespace's trust depends only on its environment and teams: clusters that limit
    /// namespaces to the same teams share one cut (and its storage).
    private struct CutKey: Hashable, Sendable {
        var environment: String
        var teams: [String]
    }

    func clusters(scheduler: some UnitScheduler) -> [ResolvedCluster] {
        let names = decoded.clusterNames
        var keys = Set<CutKey>()
        for name in names {
            guard let cluster = decoded.clusters[name], environments[cluster.environment.value] != nil else { continue }
            for index in cluster.namespaces.indices where !cluster.namespaces[index].trustedTeams.isEmpty {
                keys.insert(CutKey(environment: cluster.environment.value, teams: Self.teams(of: cluster.namespaces[index])))
            }
        }
        let orderedKeys = Array(keys)
        let environments = environments
        let computed = scheduler.map(orderedKeys) { key in
            Self.cut(environments[key.environment]!.trust.policies, toTeams: Set(key.teams))
        }
        let cuts = Dictionary(uniqueKeysWithValues: zip(orderedKeys, computed))
        let this = self
        return scheduler.map(names.chunked(into: 64)) { chunk in
            chunk.compactMap { name in this.cluster(named: name, cuts: cuts) }
        }.flatMap { $0 }
    }

    private func cluster(named name: String, cuts: [CutKey: [TrustPolicyGroup]]) -> ResolvedCluster? {
        guard let cluster = decoded.clusters[name], environments[cluster.environment.value] != nil else { return nil }
        let namespaces = Self.sortedByName(cluster.namespaces)
        let enforced = namespaces.map { namespace -> NamespaceEnforcement in
            let name = namespace.name.value
            let isExcluded = excludedSet.contains(name)
            var verifier = NamespaceVerifier.cluster
            if !namespace.trustedTeams.isEmpty {
                let teams = Self.teams(of: namespace)
                verifier = .namespaced(ResolvedCluster.NamespaceTrust(
                    namespace: name, teams: teams, policies: cuts[CutKey(environment: cluster.environment.value, teams: teams)] ?? []))
            }
            return NamespaceEnforcement(name: name, stage: namespace.stage.value, isExcluded: isExcluded,
                                        effect: isExcluded ? .none : EnforcementEffect(namespace.stage.value), verifier: verifier)
        }
        let environment = environments[cluster.environment.value]!
        var policies: [PolicyAssignmentEnforcement.Policy] = [.signatures]
        if environment.trust.granularity == .registry {
            policies.append(.registryGuard(allowedLoginServers: loginServers[environment.name] ?? []))
        }
        let assignments = policies.flatMap { policy in
            Cluster.Stage.enforcing.map { stage in
                PolicyAssignmentEnforcement(
                    name: GeneratedNames.assignment(environment: cluster.environment.value, cluster: name, stage: stage,
                                                    policy: policy),
                    policy: policy, stage: stage, effect: EnforcementEffect(stage),
                    namespaces: enforced.filter { $0.stage == stage && !$0.isExcluded }.map(\.name))
            }
        }
        return ResolvedCluster(declaration: cluster, namespaces: namespaces, enforcement: ClusterEnforcement(
            namespaces: enforced, excludedNamespaces: excluded, assignments: assignments))
    }

    /// A namespace's `trustedTeams`, without repeats, sorted.
    private static func teams(of namespace: Cluster.Namespace) -> [String] {
        namespace.trustedTeams.count == 1 ? [namespace.trustedTeams[0].value] : Set(namespace.trustedTeams.map(\.value)).sorted()
    }

    /// An environment's statements cut down to some teams' scopes; statements left without
    /// scopes are dropped.
    private static func cut(_ policies: [TrustPolicyGroup], toTeams teams: Set<String>) -> [TrustPolicyGroup] {
        policies.compactMap { policy in
            var limited = policy
            limited.scopes = policy.scopes.limited(toTeams: teams)
            return limited.scopes.isEmpty ? nil : limited
        }
    }

    /// The namespaces sorted by name (stably). Their positions are sorted, not the namespaces
    /// (every move of a namespace copies its fields), and namespaces listed in order are kept
    /// as they are.
    static func sortedByName(_ namespaces: [Cluster.Namespace]) -> [Cluster.Namespace] {
        let names = namespaces.map(\.name.value)
        let order = names.indices.sorted { names[$0] < names[$1] || (names[$0] == names[$1] && $0 < $1) }
        return order.elementsEqual(names.indices) ? namespaces : order.map { namespaces[$0] }
    }
}
