/// The policy after resolution: references bound, defaults applied and the format's meaning
/// worked out once (trusted environments, scopes, identities per scope, what each cluster
/// enforces). Every command reads this; renderers read nothing else.
public struct ResolvedPolicy: Sendable {
    public var organization: Organization
    /// The Azure Policy definition every assignment uses (the organisation's own or the built-in).
    public var policyDefinitionID: String
    /// Sorted by name.
    public var environments: [ResolvedEnvironment]
    public var identities: [String: ResolvedIdentity]
    /// Sorted by name.
    public var registries: [Registry]
    /// Sorted by name.
    public var teams: [Team]
    /// Sorted by name.
    public var clusters: [ResolvedCluster]
    /// The registry of each login server and the owner of each repository.
    public var ownership: RepositoryOwnership

    public func environment(named name: String) -> ResolvedEnvironment? {
        environments.first { $0.name == name }
    }

    public func cluster(named name: String) -> ResolvedCluster? {
        clusters.first { $0.name == name }
    }
}

public struct ResolvedEnvironment: Sendable {
    public var environment: Environment
    /// Registries of this environment, sorted by name.
    public var registries: [Registry]
    /// Other environments whose images its clusters also run, read-only; sorted.
    public var trustedEnvironments: [String]
    /// The trust policy groups of this environment's own registries.
    public var ownPolicies: [TrustPolicyGroup]
    /// Everything its clusters trust: its own groups and those of trusted environments.
    public var trust: EnvironmentTrust

    public var name: String { environment.name }
}

/// A signing identity with its certificates loaded and inspected.
public struct ResolvedIdentity: Sendable {
    public var identity: SigningIdentity
    /// The identity's certificates that could be read and parsed, in source order.
    public var certificates: [TrustedCertificate]
    public var timestampAuthority: TrustedCertificate?

    public var name: String { identity.name }

    public var trustStore: TrustStoreReference {
        TrustStoreReference(type: identity.trustStoreType.value == .ca ? .ca : .signingAuthority, identity: name)
    }

    public var timestampStore: TrustStoreReference? {
        timestampAuthority == nil ? nil : TrustStoreReference(type: .tsa, identity: name)
    }

    /// The certificates a store of this identity holds: the timestamp authority's root in its
    /// `tsa` store, its certificates in the other.
    public func certificates(in type: TrustStoreReference.StoreType) -> [TrustedCertificate] {
        type == .tsa ? [timestampAuthority].compactMap { $0 } : certificates
    }
}

/// A certificate an identity trusts, as read from the repository.
public struct TrustedCertificate: Sendable, Hashable {
    /// Path relative to the policy directory.
    public var file: String
    public var keyVaultVersion: String?
    public var certificate: InspectedCertificate
    /// Where the certificate is listed.
    public var location: SourceLocation
}

/// A cluster with its namespaces sorted and what it enforces worked out.
public struct ResolvedCluster: Sendable {
    /// A namespace limited to some teams' repositories (`trustedTeams`): its own trust policy.
    public struct NamespaceTrust: Sendable, Hashable {
        public var namespace: String
        /// Sorted.
        public var teams: [String]
        /// The environment's policies cut down to those teams' scopes; empty groups dropped.
        public var policies: [TrustPolicyGroup]
    }

    /// The Cluster resource as written, with its source locations.
    public var declaration: Cluster
    /// The declared namespaces sorted by name, for their dates and source locations.
    public var namespaces: [Cluster.Namespace]
    public var enforcement: ClusterEnforcement

    public var name: String { declaration.name }
    public var environment: String { declaration.environment.value }
    public var region: String { declaration.region.value }
    public var resourceID: String { declaration.resourceID.value }
}
