/// The translate stage: binds references and works out what the source means (FORMAT.md, "What
/// the model means"). It reports nothing: the validator does. Unresolvable references are
/// skipped, so the resolver is total and validation can run on any input.
public struct Resolver: Sendable {
    public init() {}

    public func resolve(_ source: PolicySource, certificates: CertificateFiles) -> ResolvedPolicy {
        resolve(source, loadingCertificates: { certificates }).model
    }

    /// `resolve(source, certificates: load())`, with `load` (reading and inspecting the
    /// certificate files) running on one core while the environments' scopes are grouped on the
    /// others: grouping does not need the certificates.
    func resolve(_ source: PolicySource, loadingCertificates load: @Sendable () -> CertificateFiles)
        -> (model: ResolvedPolicy, certificates: CertificateFiles) {
        let organization = source.organization ?? Organization.placeholder
        let registries = source.registryNames.compactMap { source.registries[$0] }
        let teams = source.teamNames.compactMap { source.teams[$0] }
        // Indexed once, so that thousands of environments, registries and clusters cost a
        // dictionary lookup each rather than a scan of every other resource.
        let registriesByEnvironment = Dictionary(grouping: registries, by: \.environment.value)
        let teamsByEnvironment = Self.teamsByEnvironment(teams)
        let teamIdentities = Dictionary(teams.map { ($0.name, Self.identitiesByEnvironment(of: $0, identities: source.identities)) },
                                        uniquingKeysWith: { first, _ in first })
        // Each environment's scopes are grouped independently, on all cores, beside the
        // certificates being read.
        enum Work: Sendable {
            case certificates
            case environment(String, Environment)
        }
        enum Result: Sendable {
            case certificates(CertificateFiles)
            case groups(String, [TrustPolicyGroup])
        }
        let named = source.environmentNames.compactMap { name in source.environments[name].map { (name, $0) } }
        let sourceIdentities = source.identities
        let results = ParallelMap.map([Work.certificates] + named.map { Work.environment($0.0, $0.1) }) { work -> Result in
            switch work {
            case .certificates:
                return .certificates(load())
            case .environment(let name, let environment):
                return .groups(name, policyGroups(of: environment, registries: registriesByEnvironment[name] ?? [],
                                                  teams: teamsByEnvironment[name] ?? [], teamIdentities: teamIdentities,
                                                  identities: sourceIdentities))
            }
        }
        var certificates = CertificateFiles()
        var ownPolicies: [String: [TrustPolicyGroup]] = [:]
        for result in results {
            switch result {
            case .certificates(let loaded): certificates = loaded
            case .groups(let name, let groups): ownPolicies[name] = groups
            }
        }
        let identities = resolveIdentities(source, certificates: certificates)
        let environments = source.environmentNames.compactMap { name -> ResolvedEnvironment? in
            guard let environment = source.environments[name] else { return nil }
            let trusted = Set(environment.trustsEnvironments.map(\.value))
                .filter { $0 != name && source.environments[$0] != nil }
                .sorted()
            let policies = ([name] + trusted).flatMap { ownPolicies[$0] ?? [] }.sorted { $0.name < $1.name }
            var stores = Set<TrustStoreReference>()
            for identity in Set(policies.flatMap(\.identities)) {
                guard let resolved = identities[identity] else { continue }
                stores.insert(resolved.trustStore)
                if let tsa = resolved.timestampStore { stores.insert(tsa) }
            }
            return ResolvedEnvironment(
                environment: environment,
                registries: registriesByEnvironment[name] ?? [],
                trustedEnvironments: trusted,
                ownPolicies: ownPolicies[name] ?? [],
                trust: EnvironmentTrust(policies: policies, trustStores: stores.sorted())
            )
        }
        let excluded = organization.excludedNamespaces.map(\.value)
        let environmentByName = Dictionary(environments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        // A namespace's trust depends only on its environment and teams, so clusters that
        // restrict namespaces to the same teams share one cut (and its storage).
        var cuts: [[String]: [TrustPolicyGroup]] = [:]
        // Sorting every cluster's namespaces is independent work: done on all cores first.
        let clusterSources = source.clusters
        let sortedNamespaces = ParallelMap.map(source.clusterNames.chunked(into: 64)) { chunk in
            chunk.map { name in clusterSources[name].map { Self.sortedByName($0.namespaces) } }
        }.joined()
        let clusters = zip(source.clusterNames, sortedNamespaces).compactMap { name, sorted -> ResolvedCluster? in
            guard let cluster = source.clusters[name], let namespaces = sorted,
                  let environment = environmentByName[cluster.environment.value] else { return nil }
            let namespaceTrust = namespaces.filter { !$0.trustedTeams.isEmpty }.map { namespace in
                let teams = namespace.trustedTeams.count == 1 ? [namespace.trustedTeams[0].value]
                    : Set(namespace.trustedTeams.map(\.value)).sorted()
                let key = [environment.name] + teams
                let policies = cuts[key] ?? {
                    let members = Set(teams)
                    let cut = environment.trust.policies.compactMap { policy -> TrustPolicyGroup? in
                        var limited = policy
                        limited.scopes = policy.scopes.limited(toTeams: members)
                        return limited.scopes.isEmpty ? nil : limited
                    }
                    cuts[key] = cut
                    return cut
                }()
                return ResolvedCluster.NamespaceTrust(namespace: namespace.name.value, teams: teams, policies: policies)
            }
            return ResolvedCluster(cluster: cluster, namespaces: namespaces, excludedNamespaces: excluded,
                                   namespaceTrust: namespaceTrust)
        }
        return (ResolvedPolicy(organization: organization, environments: environments, identities: identities,
                               registries: registries, teams: teams, clusters: clusters), certificates)
    }

    /// The namespaces sorted by name (stably). Their positions are sorted, not the namespaces
    /// (every move of a namespace copies its fields), and namespaces listed in order are kept
    /// as they are.
    static func sortedByName(_ namespaces: [Cluster.Namespace]) -> [Cluster.Namespace] {
        let names = namespaces.map(\.name.value)
        let order = names.indices.sorted { names[$0] < names[$1] || (names[$0] == names[$1] && $0 < $1) }
        return order.elementsEqual(names.indices) ? namespaces : order.map { namespaces[$0] }
    }

    /// A team's signing identities grouped by the environment they belong to, in the team's
    /// order; worked out once per team rather than once per team and environment.
    static func identitiesByEnvironment(of team: Team, identities: [String: SigningIdentity]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for reference in team.signingIdentities {
            guard let environment = identities[reference.value]?.environment.value else { continue }
            result[environment, default: []].append(reference.value)
        }
        return result
    }

    /// The teams deploying to each environment, in the order of `teams`.
    static func teamsByEnvironment(_ teams: [Team]) -> [String: [Team]] {
        var result: [String: [Team]] = [:]
        for team in teams {
            for environment in Set(team.environments.map(\.value)) { result[environment, default: []].append(team) }
        }
        return result
    }

    /// Groups the scopes of environment `environment`'s registries by their trusted identities:
    /// the environment's shared identities plus the team's own identities of that environment.
    /// `registries` and `teams` are those of the environment (`teamsByEnvironment`).
    /// `teamIdentities` is `identitiesByEnvironment` of every team, by team name.
    func policyGroups(of environment: Environment, registries environmentRegistries: [Registry], teams: [Team],
                      teamIdentities: [String: [String: [String]]],
                      identities: [String: SigningIdentity]) -> [TrustPolicyGroup] {
        let name = environment.name
        let shared = Set(environment.signingIdentities.map(\.value).filter { identities[$0] != nil })
        let registries = environmentRegistries.map { RegistryScopes.Registry(loginServer: $0.loginServer.value, name: $0.name) }
        // An environment without registries has no scopes, so no statement.
        guard !registries.isEmpty else { return [] }
        // Every team's repositories are in every registry of the environment, so a statement's
        // scopes are its teams' repositories times the environment's registries.
        var groups: [[String]: [RegistryScopes.Repository]] = [:]
        for team in teams where !team.repositories.isEmpty {
            let own = (teamIdentities[team.name]?[name] ?? []).filter { !shared.contains($0) }
            let key = shared.union(own).sorted()
            groups[key, default: []].append(contentsOf: team.repositories.map {
                RegistryScopes.Repository(repository: $0.value, team: team.name)
            })
        }
        return groups.map { identitiesOfGroup, repositories in
            let extra = identitiesOfGroup.filter { !shared.contains($0) }
            return TrustPolicyGroup(
                name: ([name] + extra).joined(separator: "."),
                environment: name,
                level: environment.verificationLevel.value,
                identities: identitiesOfGroup,
                scopes: RegistryScopes(registries: registries, repositories: repositories)
            )
        }.sorted { $0.name < $1.name }
    }

    private func resolveIdentities(_ source: PolicySource, certificates: CertificateFiles) -> [String: ResolvedIdentity] {
        var result: [String: ResolvedIdentity] = [:]
        for (name, identity) in source.identities {
            func trusted(_ reference: SigningIdentity.CertificateReference) -> TrustedCertificate? {
                guard let loaded = certificates.certificate(for: reference, in: identity.metadata.file) else { return nil }
                return TrustedCertificate(file: loaded.path, keyVaultVersion: reference.keyVaultVersion?.value,
                                          certificate: loaded.certificate, location: reference.file.location)
            }
            result[name] = ResolvedIdentity(identity: identity, certificates: identity.certificates.compactMap(trusted),
                                            timestampAuthority: identity.timestampAuthority.flatMap(trusted))
        }
        return result
    }
}

extension Organization {
    /// Stands in when the source has no Organization; that is an error, so nothing built on the
    /// placeholder is ever rendered.
    static let placeholder: Organization = {
        let location = SourceLocation(file: "", line: 0, column: 0)
        func located<T>(_ value: T) -> Located<T> { Located(value, at: location) }
        return Organization(
            metadata: ResourceMetadata(name: located("unknown"), labels: [], location: location),
            platformTeam: located(""), tenantID: located(""), policyDefinitionScope: nil,
            excludedNamespaces: defaultExcludedNamespaces.map(located), certificateExpiryWarningDays: located(30),
            enforcement: located(.custom), trustStoreSource: located(.inline))
    }()
}

extension Resolver {
    /// How many registry scopes resolving `source` would build, counted without building them:
    /// every environment's own scopes, every environment's trust (its own and its trusted
    /// environments' scopes, as rendered into its base), and every restricted namespace's cut
    /// (counted as if each of its teams deployed to every trusted environment, an upper bound).
    ///
    /// Scopes multiply (repositories × registries × environments × namespaces), so a policy of a
    /// few thousand lines can expand to billions; the compiler checks this count against
    /// `LoaderLimits.maxRegistryScopes` before resolving.
    public struct ScopeCount: Sendable {
        public var total = 0
        /// The resource that contributes most, and how much.
        public var largest: (count: Int, location: SourceLocation, description: String)?
    }

    public static func scopeCount(of source: PolicySource) -> ScopeCount {
        var result = ScopeCount()
        func add(_ count: Int, at location: SourceLocation, _ description: @autoclosure () -> String) {
            result.total = result.total.addingReportingOverflow(count).overflow ? .max : result.total + count
            if count > (result.largest?.count ?? 0) { result.largest = (count, location, description()) }
        }
        func product(_ a: Int, _ b: Int) -> Int {
            let (value, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? .max : value
        }
        var registries: [String: Int] = [:]
        for registry in source.registries.values { registries[registry.environment.value, default: 0] += 1 }
        var repositories: [String: Int] = [:]
        for team in source.teams.values {
            for environment in Set(team.environments.map(\.value)) {
                repositories[environment, default: 0] += team.repositories.count
            }
        }
        var own: [String: Int] = [:]
        var trustedRegistries: [String: Int] = [:]
        var trusted: [String: Set<String>] = [:]
        for (name, environment) in source.environments {
            own[name] = product(repositories[name] ?? 0, registries[name] ?? 0)
            let set = Set(environment.trustsEnvironments.map(\.value)).filter { $0 != name && source.environments[$0] != nil }
            trusted[name] = set
            trustedRegistries[name] = ([name] + set).reduce(0) { $0 + (registries[$1] ?? 0) }
        }
        for (name, environment) in source.environments.sorted(by: { $0.key < $1.key }) {
            add(own[name] ?? 0, at: environment.metadata.name.location, "environment `\(name)`'s own registries")
            let trust = (trusted[name] ?? []).reduce(own[name] ?? 0) { total, other in
                let (sum, overflow) = total.addingReportingOverflow(own[other] ?? 0)
                return overflow ? .max : sum
            }
            add(trust, at: environment.metadata.name.location, "what environment `\(name)`'s clusters trust")
        }
        // By sorted name (the list PolicySource keeps), reading namespaces in place: copying
        // 2,000 clusters into a sorted array and every namespace out of it took milliseconds.
        for name in source.clusterNames {
            guard let cluster = source.clusters[name],
                  let registriesTrusted = trustedRegistries[cluster.environment.value] else { continue }
            var count = 0
            for index in cluster.namespaces.indices where !cluster.namespaces[index].trustedTeams.isEmpty {
                for team in Set(cluster.namespaces[index].trustedTeams.map(\.value)) {
                    let (sum, overflow) = count.addingReportingOverflow(
                        product(source.teams[team]?.repositories.count ?? 0, registriesTrusted))
                    count = overflow ? .max : sum
                }
            }
            if count > 0 { add(count, at: cluster.metadata.name.location, "the restricted namespaces of cluster `\(name)`") }
        }
        return result
    }
}
