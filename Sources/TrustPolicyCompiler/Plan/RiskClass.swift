/// The kinds of risky change a plan flags. Codes are stable: pull-request checks fail on them
/// with `--fail-on`.
public enum RiskClass: String, Sendable, CaseIterable, Codable, Comparable {
    case newProductionIdentity = "TR001"
    case teamGainsProductionIdentity = "TR002"
    case trustRemovedFromRunningWorkloads = "TR003"
    case namespaceToDeny = "TR004"
    case verificationLevelLowered = "TR005"
    case certificateNearExpiry = "TR006"
    case regionsDiverge = "TR007"
    case outsideAuthorTeam = "TR008"
    case certificateRetired = "TR009"
    case trustWidened = "TR010"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var name: String {
        switch self {
        case .newProductionIdentity: "new-production-identity"
        case .teamGainsProductionIdentity: "team-gains-production-identity"
        case .trustRemovedFromRunningWorkloads: "trust-removed-from-running-workloads"
        case .namespaceToDeny: "namespace-to-deny"
        case .verificationLevelLowered: "verification-level-lowered"
        case .certificateNearExpiry: "certificate-near-expiry"
        case .regionsDiverge: "regions-diverge"
        case .outsideAuthorTeam: "outside-author-team"
        case .certificateRetired: "certificate-retired"
        case .trustWidened: "trust-widened"
        }
    }

    public var summary: String {
        switch self {
        case .newProductionIdentity: "An identity becomes trusted in a production environment."
        case .teamGainsProductionIdentity: "A team may now sign with a production identity."
        case .trustRemovedFromRunningWorkloads: "Trust is removed for repositories whose team runs namespaces on the cluster."
        case .namespaceToDeny: "A namespace starts rejecting unsigned images."
        case .verificationLevelLowered: "A verification level becomes less strict."
        case .certificateNearExpiry: "A certificate enters a trust store with little validity left."
        case .regionsDiverge: "Clusters of one environment in different regions stop being alike."
        case .outsideAuthorTeam: "The change touches files the author's team does not own."
        case .certificateRetired: "A certificate leaves a trust store: images signed only under it are rejected."
        case .trustWidened: "Registry-wide trust admits more: any repository of the trusted registries, signed by any of their shared identities."
        }
    }

    /// Accepts a code (`TR004`) or a name (`namespace-to-deny`).
    public init?(argument: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue == argument.uppercased() || $0.name == argument.lowercased() })
        else { return nil }
        self = match
    }
}
