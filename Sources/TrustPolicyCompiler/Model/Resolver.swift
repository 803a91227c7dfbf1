/// The translate stage: binds references and works out what the source means (FORMAT.md, "What
/// the model means"). It reports nothing: the validator does. Unresolvable references are
/// skipped, so the resolver is total and validation can run on any input.
public struct Resolver: Sendable {
    public init() {}

    public func resolve(_ source: PolicySource, certificates: CertificateFiles) -> ResolvedPolicy {
        let organization = source.organization ?? Organization.placeholder
        let identities = resolveIdentities(source, certificates: certificates)
        let registries = source.registryNames.compactMap { source.registries[$0] }
        let teams = source.teamNames.compactMap { source.teams[$0] }
        var ownPolicies: [String: [TrustPolicyGroup]] = [:]
        for name in source.environmentNames {
            guard let environment = source.environments[name] else { continue }
            ownPolicies[name] = policyGroups(of: environment, registries: registries, teams: teams, identities: source.identities)
        }
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
                registries: registries.filter { $0.environment.value == name },
                trustedEnvironments: trusted,
                ownPolicies: ownPolicies[name] ?? [],
                trust: EnvironmentTrust(policies: policies, trustStores: stores.sorted())
            )
        }
        let excluded = organization.excludedNamespaces.map(\.value)
        let clusters = source.clusterNames.compactMap { name -> ResolvedCluster? in
            guard let cluster = source.clusters[name],
                  let environment = environments.first(where: { $0.name == cluster.environment.value }) else { return nil }
            let namespaces = cluster.namespaces.sorted { $0.name.value < $1.name.value }
            let namespaceTrust = namespaces.filter { !$0.trustedTeams.isEmpty }.map { namespace in
                let teams = Set(namespace.trustedTeams.map(\.value)).sorted()
                return ResolvedCluster.NamespaceTrust(
                    namespace: namespace.name.value, teams: teams,
                    policies: environment.trust.policies.compactMap { policy in
                        var limited = policy
                        limited.scopes = policy.scopes.filter { teams.contains($0.team) }
                        return limited.scopes.isEmpty ? nil : limited
                    })
            }
            return ResolvedCluster(cluster: cluster, namespaces: namespaces, excludedNamespaces: excluded,
                                   namespaceTrust: namespaceTrust)
        }
        return ResolvedPolicy(organization: organization, environments: environments, identities: identities,
                              registries: registries, teams: teams, clusters: clusters)
    }

    /// Groups the scopes of environment `environment`'s registries by their trusted identities:
    /// the environment's shared identities plus the team's own identities of that environment.
    func policyGroups(of environment: Environment, registries: [Registry], teams: [Team],
                      identities: [String: SigningIdentity]) -> [TrustPolicyGroup] {
        let name = environment.name
        let shared = Set(environment.signingIdentities.map(\.value).filter { identities[$0] != nil })
        let environmentRegistries = registries.filter { $0.environment.value == name }
        var groups: [[String]: [RegistryScope]] = [:]
        for team in teams where team.environments.contains(where: { $0.value == name }) {
            let own = team.signingIdentities.map(\.value).filter {
                identities[$0]?.environment.value == name && !shared.contains($0)
            }
            let key = shared.union(own).sorted()
            for registry in environmentRegistries {
                for repository in team.repositories {
                    groups[key, default: []].append(RegistryScope(
                        loginServer: registry.loginServer.value, repository: repository.value,
                        registry: registry.name, team: team.name))
                }
            }
        }
        return groups.map { identitiesOfGroup, scopes in
            let extra = identitiesOfGroup.filter { !shared.contains($0) }
            return TrustPolicyGroup(
                name: ([name] + extra).joined(separator: "."),
                environment: name,
                level: environment.verificationLevel.value,
                identities: identitiesOfGroup,
                scopes: scopes.sorted()
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
