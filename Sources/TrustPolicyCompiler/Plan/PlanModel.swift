/// What a pull request changes, cluster by cluster, grouped so that a change affecting 48
/// clusters is one line, not 48.
public struct Plan: Sendable {
    public var environments: [EnvironmentChanges]
    public var risks: [RiskFinding]
    /// Policy files added, removed or modified, sorted.
    public var changedFiles: [String]
    /// Changed files the author's team does not own (with `--author-team`).
    public var ownership: [OwnershipFinding]

    public var hasChanges: Bool { !environments.isEmpty }
    public var changedClusters: Int { Set(environments.flatMap { $0.groups.flatMap { $0.clusters.map(\.name) } }).count }
}

/// A cluster named in a plan.
public struct ClusterReference: Sendable, Hashable, Comparable {
    public var name: String
    public var environment: String
    public var region: String

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.name < rhs.name }
}

/// The changes of one environment, grouped by the set of clusters they affect.
public struct EnvironmentChanges: Sendable {
    public var environment: String
    /// Largest groups first, then by first cluster name.
    public var groups: [ChangeGroup]
}

public struct ChangeGroup: Sendable {
    /// Sorted by name.
    public var clusters: [ClusterReference]
    public var changes: [PlanChange]

    public var regions: [String] { Set(clusters.map(\.region)).sorted() }
}

/// One change to what a cluster enforces.
public struct PlanChange: Sendable, Hashable, Comparable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case clusterAdded = "cluster-added"
        case clusterRemoved = "cluster-removed"
        /// The cluster's bundle moves to another region or environment directory.
        case clusterMoved = "cluster-moved"
        case scopesAdded = "scopes-added"
        case scopesRemoved = "scopes-removed"
        case identityTrusted = "identity-trusted"
        case identityUntrusted = "identity-untrusted"
        case levelChanged = "level-changed"
        /// The trust policy moves between exact repository scopes and a registry-wide `*`.
        case granularityChanged = "granularity-changed"
        case certificateAdded = "certificate-added"
        case certificateRemoved = "certificate-removed"
        case namespaceAdded = "namespace-added"
        case namespaceRemoved = "namespace-removed"
        case namespaceStageChanged = "namespace-stage-changed"
        case namespaceTrustChanged = "namespace-trust-changed"
        case assignmentCreated = "assignment-created"
        case assignmentDeleted = "assignment-deleted"
        case assignmentChanged = "assignment-changed"
        case resourceIDChanged = "resource-id-changed"
        /// Rendered files that change in a way no other kind describes.
        case filesChanged = "files-changed"
    }

    public var kind: Kind
    /// `+`, `-` or `~`.
    public var symbol: Character
    /// One line for people: "trusts identity `payments-release` for contosoprod.azurecr.io/payments/api".
    public var summary: String
    /// Scopes, namespaces or files the change is about, for JSON and long listings.
    public var items: [String]
    public var risks: [RiskClass]

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.order, lhs.summary) < (rhs.order, rhs.summary)
    }

    private var order: Int {
        switch kind {
        case .clusterAdded, .clusterRemoved, .clusterMoved, .resourceIDChanged: 0
        case .identityTrusted, .identityUntrusted: 1
        case .scopesAdded, .scopesRemoved: 2
        case .levelChanged, .granularityChanged: 3
        case .certificateAdded, .certificateRemoved: 4
        case .namespaceTrustChanged: 5
        case .namespaceAdded, .namespaceRemoved, .namespaceStageChanged: 6
        case .assignmentCreated, .assignmentDeleted, .assignmentChanged: 7
        case .filesChanged: 8
        }
    }
}

/// A risky change and where it applies.
public struct RiskFinding: Sendable, Hashable {
    public var risk: RiskClass
    public var message: String
    public var clusters: [ClusterReference]
}

public struct OwnershipFinding: Sendable, Hashable {
    public var file: String
    public var owners: [String]
}
