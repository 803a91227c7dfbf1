/// What Azure Policy does with an image that fails verification in a namespace.
public enum EnforcementEffect: String, Sendable, Hashable, CaseIterable {
    /// Not evaluated: the namespace is `off`, not listed, or excluded organisation-wide.
    case none
    /// Evaluated and reported (the warn stage); the pod is admitted.
    case audit
    /// Rejected at admission (the deny stage).
    case deny

    /// The effect of a rollout stage.
    public init(_ stage: Cluster.Stage) {
        switch stage {
        case .off: self = .none
        case .warn: self = .audit
        case .deny: self = .deny
        }
    }

    /// The Azure Policy effect parameter that carries it (`nil` when nothing is assigned).
    public var policyEffect: String? {
        switch self {
        case .none: nil
        case .audit: "Audit"
        case .deny: "Deny"
        }
    }
}

/// Which verifier checks a namespace's images.
public enum NamespaceVerifier: Sendable, Hashable {
    /// The environment's cluster-wide `Verifier`: everything the cluster's environment trusts.
    case cluster
    /// A `NamespacedVerifier` limited to some teams' repositories (`trustedTeams`), which
    /// replaces the cluster verifier in that namespace.
    case namespaced(ResolvedCluster.NamespaceTrust)
}

/// One namespace of a cluster as it is enforced.
public struct NamespaceEnforcement: Sendable, Hashable {
    public var name: String
    /// The stage the source gives it.
    public var stage: Cluster.Stage
    /// Listed in the organisation's `excludedNamespaces`: never evaluated, whatever its stage.
    public var isExcluded: Bool
    /// `none` for excluded namespaces; otherwise the stage's effect.
    public var effect: EnforcementEffect
    public var verifier: NamespaceVerifier
}

/// One Azure Policy assignment of a cluster: the namespaces of one stage and their effect.
///
/// Every cluster always has one assignment per enforcing stage, under a name that never changes,
/// so that creating or updating every rendered assignment converges whatever changed: a stage
/// without namespaces keeps its assignment, disabled (an empty `namespaces` parameter would
/// mean every namespace).
public struct PolicyAssignmentEnforcement: Sendable, Hashable {
    /// What an assignment checks.
    public enum Policy: Sendable, Hashable {
        /// Every image carries a Notation signature the cluster trusts (Ratify).
        case signatures
        /// Every image comes from a registry of the environments the cluster trusts: the guard
        /// beside a registry-wide (`*`) trust statement, which would admit any registry.
        case registryGuard(allowedLoginServers: [String])
    }

    public var name: String
    public var policy: Policy
    public var stage: Cluster.Stage
    /// The stage's effect, applied while the assignment is enabled.
    public var effect: EnforcementEffect
    /// Sorted; empty when no namespace is in the stage.
    public var namespaces: [String]

    /// Whether the assignment evaluates anything.
    public var isEnabled: Bool { !namespaces.isEmpty }
}

/// What a cluster enforces, worked out once by the resolver: each namespace's effect and
/// verifier, and the Azure Policy assignments that carry them. `render`, `plan` and the
/// operations commands read this instead of the namespaces' stages.
public struct ClusterEnforcement: Sendable, Hashable {
    /// Sorted by name, as the cluster lists them (excluded namespaces included, marked).
    public var namespaces: [NamespaceEnforcement]
    /// The organisation's excluded namespaces, which every assignment excludes.
    public var excludedNamespaces: [String]
    /// One per enforcing stage, warn before deny, enabled or not; with registry granularity,
    /// the registry guard's after them, with the same namespaces.
    public var assignments: [PolicyAssignmentEnforcement]

    /// The namespaces with their own verifier, sorted by name.
    public var namespaceTrust: [ResolvedCluster.NamespaceTrust] {
        namespaces.compactMap { namespace in
            if case .namespaced(let trust) = namespace.verifier { trust } else { nil }
        }
    }

    /// Whether any namespace has its own verifier: the policy definition must then pass the
    /// namespace to Ratify.
    public var hasNamespacedVerifiers: Bool {
        namespaces.contains { if case .namespaced = $0.verifier { true } else { false } }
    }

    /// The login servers the registry guard admits (registry granularity only).
    public var registryGuardLoginServers: [String]? {
        assignments.lazy.compactMap { assignment in
            if case .registryGuard(let loginServers) = assignment.policy { loginServers } else { nil }
        }.first
    }

    /// The enforcement of a listed namespace, `nil` when the cluster does not list it (it is
    /// then not evaluated).
    public func namespace(named name: String) -> NamespaceEnforcement? {
        namespaces.first { $0.name == name }
    }
}

extension Cluster.Stage {
    /// The stages that get an Azure Policy assignment, in assignment order.
    public static let enforcing: [Cluster.Stage] = [.warn, .deny]
}
