/// An AKS cluster and the rollout stage of each of its namespaces.
public struct Cluster: Resource {
    public static let kind = ResourceKind.cluster

    /// Where a namespace is on its way to enforcement: off → warn → deny.
    public enum Stage: String, Sendable, CaseIterable, Comparable {
        case off
        case warn
        case deny

        private var order: Int {
            switch self {
            case .off: 0
            case .warn: 1
            case .deny: 2
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }
    }

    public struct Namespace: Sendable {
        public var name: Located<String>
        public var stage: Located<Stage>
        public var since: Located<CivilDate>
        public var warnSince: Located<CivilDate>?
        /// Optional: the teams whose repositories this namespace may run. The namespace then
        /// gets a trust policy of its own, limited to those teams' scopes (least privilege).
        public var trustedTeams: [Located<String>]
    }

    public var metadata: ResourceMetadata
    public var environment: Located<String>
    public var region: Located<String>
    public var resourceID: Located<String>
    public var namespaces: [Namespace]
}
