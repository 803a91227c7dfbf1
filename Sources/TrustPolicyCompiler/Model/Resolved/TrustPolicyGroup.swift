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
    /// Sorted by reference.
    public var scopes: RegistryScopes
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
    /// Sorted by name.
    public var policies: [TrustPolicyGroup]
    /// Every store the policies use, sorted.
    public var trustStores: [TrustStoreReference]

    /// The statement that covers a scope (`loginserver/repository`), if any.
    public func policy(covering scope: String) -> TrustPolicyGroup? {
        guard let slash = scope.firstIndex(of: "/") else { return nil }
        return policies.statement(covering: String(scope[..<slash]), repository: String(scope[scope.index(after: slash)...]))
    }
}
