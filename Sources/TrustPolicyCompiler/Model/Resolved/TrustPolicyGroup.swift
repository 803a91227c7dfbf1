/// The scopes of one trusted environment that share the same trusted identities and level: one
/// Notation trust-policy statement.
public struct TrustPolicyGroup: Sendable, Hashable {
    /// Stable statement name: the environment's name, followed by `.identity` for each
    /// team-scoped identity the group adds to the environment's shared ones.
    public var name: String
    /// The environment whose registries the scopes are in.
    public var environment: String
    public var level: Environment.VerificationLevel
    /// Identity names, sorted.
    public var identities: [String]
    /// The identities of the repositories' teams that the environment does not share, sorted:
    /// empty for a statement of shared identities only.
    public var teamIdentities: [String]
    /// Sorted by reference; empty for the registry-wide statement.
    public var scopes: RegistryScopes
    /// The statement whose scope is `*` (`scopeGranularity: registry`): every repository of
    /// every registry the registry guard admits, save those an exact statement names.
    public var isRegistryWide = false

    /// The `registryScopes` Notation lists.
    public var references: [String] { isRegistryWide ? ["*"] : scopes.references }

    /// How many bytes listing `references` adds to an empty JSON array, written compactly
    /// (`["a/b","c/d"]` is 2 + 5 + 1 + 5 + 2 bytes more than `[]`), computed from the two
    /// factors without spelling out their product. References are ASCII without characters JSON
    /// escapes (validated login servers and repositories).
    public var compactReferencesLength: Int {
        if isRegistryWide { return 3 }
        let registries = scopes.registries, repositories = scopes.repositories
        let count = registries.count * repositories.count
        guard count > 0 else { return 0 }
        let hosts = registries.reduce(0) { $0 + $1.loginServer.utf8.count }
        let paths = repositories.reduce(0) { $0 + $1.repository.utf8.count }
        // Each reference: its host, `/`, its path and two quotes; commas between them.
        return repositories.count * hosts + registries.count * paths + count * 3 + (count - 1)
    }
}

/// A Notation trust store: `<type>:<identity>`.
public struct TrustStoreReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum StoreType: String, Sendable, Hashable, Comparable {
        case ca
        case signingAuthority
        case tsa

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var type: StoreType
    public var identity: String

    public var description: String { "\(type.rawValue):\(identity)" }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.type, lhs.identity) < (rhs.type, rhs.identity) }
}

/// What every cluster of an environment trusts. It depends only on the environment, never on
/// the cluster or its region: this is what makes regional divergence impossible.
public struct EnvironmentTrust: Sendable, Hashable {
    /// Every repository's exact statement, of the environment and those it trusts, sorted by
    /// name: what each repository's images may be signed by, whatever the granularity. Plans,
    /// explanations and namespaced verifiers (always exact) read these.
    public var policies: [TrustPolicyGroup]
    /// The statements the trust policy holds, sorted by name: `policies` with repository
    /// granularity; with registry granularity the registry-wide statement and the statements
    /// of team identities (exact scopes win over `*` in Notation).
    public var statements: [TrustPolicyGroup]
    public var granularity: Organization.ScopeGranularity
    /// Every store the statements use, sorted.
    public var trustStores: [TrustStoreReference]

    /// The registry-wide statement (registry granularity only).
    public var registryWide: TrustPolicyGroup? { statements.first(where: \.isRegistryWide) }

    /// The statement that covers a scope (`loginserver/repository`), if any.
    public func policy(covering scope: String) -> TrustPolicyGroup? {
        guard let slash = scope.firstIndex(of: "/") else { return nil }
        return policies.statement(covering: String(scope[..<slash]), repository: String(scope[scope.index(after: slash)...]))
    }
}
