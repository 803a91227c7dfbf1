/// The resolve stage: binds references and works out what the source means (docs/format.md,
/// "What the model means"): trusted environments, scopes, identities per scope, and what every
/// cluster enforces. It reports nothing (the validator does): unresolvable references are
/// skipped, so the resolver is total and validation can run on any input.
///
/// It runs in two steps so the driver can read the certificate files meanwhile: `trustGroups`
/// needs only the decoded policy, `resolve` adds the certificates. Independent units (one
/// environment, one cluster) run on the scheduler the caller passes.
public struct Resolver: Sendable {
    public init() {}

    /// Every environment's own trust-policy statements, by environment name.
    public typealias OwnTrustGroups = [String: [TrustPolicyGroup]]

    public func trustGroups(_ decoded: DecodedPolicy, scheduler: some UnitScheduler) -> OwnTrustGroups {
        let registries = decoded.registryNames.compactMap { decoded.registries[$0] }
        let teams = decoded.teamNames.compactMap { decoded.teams[$0] }
        // Indexed once, so that thousands of environments, registries and teams cost a
        // dictionary lookup each rather than a scan of every other resource.
        let registriesByEnvironment = Dictionary(grouping: registries, by: \.environment.value)
        let teamsByEnvironment = TrustPolicyGrouping.teamsByEnvironment(teams)
        let identities = decoded.identities
        let teamIdentities = Dictionary(teams.map { ($0.name, TrustPolicyGrouping.identitiesByEnvironment(of: $0, identities: identities)) },
                                        uniquingKeysWith: { first, _ in first })
        let environments = decoded.environmentNames.compactMap { decoded.environments[$0] }
        let groups = scheduler.map(environments) { environment in
            TrustPolicyGrouping.policyGroups(of: environment, registries: registriesByEnvironment[environment.name] ?? [],
                                             teams: teamsByEnvironment[environment.name] ?? [],
                                             teamIdentities: teamIdentities, identities: identities)
        }
        return Dictionary(zip(environments.map(\.name), groups), uniquingKeysWith: { first, _ in first })
    }

    public func resolve(_ decoded: DecodedPolicy, trustGroups ownPolicies: OwnTrustGroups, certificates: CertificateFiles,
                        scheduler: some UnitScheduler) -> ResolvedPolicy {
        let organization = decoded.organization ?? Organization.placeholder
        let registries = decoded.registryNames.compactMap { decoded.registries[$0] }
        let registriesByEnvironment = Dictionary(grouping: registries, by: \.environment.value)
        let identities = resolveIdentities(decoded, certificates: certificates)
        let environments = decoded.environmentNames.compactMap { name -> ResolvedEnvironment? in
            guard let environment = decoded.environments[name] else { return nil }
            let trusted = Set(environment.trustsEnvironments.map(\.value))
                .filter { $0 != name && decoded.environments[$0] != nil }
                .sorted()
            let policies = ([name] + trusted).flatMap { ownPolicies[$0] ?? [] }.sorted { $0.name < $1.name }
            let granularity = environment.scopeGranularity?.value ?? organization.scopeGranularity.value
            let statements = granularity == .repository ? policies
                : TrustPolicyGrouping.registryWideStatements(environment, trusting: trusted.compactMap { decoded.environments[$0] },
                                                             policies: policies, identities: decoded.identities)
            var stores = Set<TrustStoreReference>()
            for identity in Set(statements.flatMap(\.identities)) {
                guard let resolved = identities[identity] else { continue }
                stores.insert(resolved.trustStore)
                if let tsa = resolved.timestampStore { stores.insert(tsa) }
            }
            return ResolvedEnvironment(
                environment: environment,
                registries: registriesByEnvironment[name] ?? [],
                trustedEnvironments: trusted,
                ownPolicies: ownPolicies[name] ?? [],
                trust: EnvironmentTrust(policies: policies, statements: statements, granularity: granularity,
                                        trustStores: stores.sorted())
            )
        }
        let clusters = ClusterResolution(decoded: decoded, organization: organization, environments: environments)
            .clusters(scheduler: scheduler)
        let teams = decoded.teamNames.compactMap { decoded.teams[$0] }
        return ResolvedPolicy(organization: organization, policyDefinitionID: Self.policyDefinitionID(for: organization),
                              environments: environments, identities: identities, registries: registries,
                              teams: teams, clusters: clusters,
                              ownership: RepositoryOwnership(registries: registries, teams: teams))
    }

    /// The Azure Policy definition every assignment uses: the organisation's own with
    /// `enforcement: custom` (created at `policyDefinitionScope`), else the built-in
    /// image-integrity definition.
    static func policyDefinitionID(for organization: Organization) -> String {
        guard organization.enforcement.value == .custom, let scope = organization.policyDefinitionScope?.value else {
            return Organization.builtinPolicyDefinitionID
        }
        return "\(scope)/providers/Microsoft.Authorization/policyDefinitions/\(GeneratedNames.policyDefinition(organization: organization.name))"
    }

    private func resolveIdentities(_ decoded: DecodedPolicy, certificates: CertificateFiles) -> [String: ResolvedIdentity] {
        var result: [String: ResolvedIdentity] = [:]
        for (name, identity) in decoded.identities {
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
    /// Azure's built-in "Kubernetes cluster container images must be verified" definition
    /// (audit only), which `enforcement: builtin` assigns.
    public static let builtinPolicyDefinitionID =
        "/providers/Microsoft.Authorization/policyDefinitions/cf426bb8-b320-4321-8545-1b784a5df3a4"

    /// Stands in when the source has no Organization; that is an error, so nothing built on the
    /// placeholder is ever rendered.
    static let placeholder: Organization = {
        let location = SourceLocation(file: "", line: 0, column: 0)
        func located<T>(_ value: T) -> Located<T> { Located(value, at: location) }
        return Organization(
            metadata: ResourceMetadata(name: located("unknown"), labels: [], location: location),
            platformTeam: located(""), tenantID: located(""), policyDefinitionScope: nil,
            excludedNamespaces: defaultExcludedNamespaces.map(located), certificateExpiryWarningDays: located(30),
            enforcement: located(.custom), trustStoreSource: located(.inline), ratify: located(.selfManaged),
            scopeGranularity: located(.repository))
    }()
}
