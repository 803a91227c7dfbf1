/// The verdict on one namespace of one cluster. The raw values are the JSON contract.
public enum RolloutVerdict: String, Sendable, CaseIterable {
    /// In warn for at least the environment's minimum warn period, and no violation: it can
    /// move to deny.
    case ready
    /// Violations remain.
    case blocked
    /// No violation, but the minimum warn period is not over.
    case waiting
    /// The exports do not cover the namespace: never taken for ready.
    case noData = "no-data"
    /// A deny-stage namespace with violations: what deny rejects right now.
    case denied
    /// A namespace that is off, excluded organisation-wide or not listed on the cluster, with
    /// violations: nothing enforces there.
    case notEnforced = "not-enforced"
}

/// An image a violation names, with the team owning its repository (`nil` for a registry the
/// source does not declare or a repository no team of its environment owns).
public struct RolloutImage: Sendable, Hashable, Comparable {
    public var image: String
    public var team: String?

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.image < rhs.image }
}

/// One namespace of one cluster in the report.
public struct RolloutEntry: Sendable {
    public var cluster: String
    public var environment: String
    public var region: String
    public var namespace: String
    public var verdict: RolloutVerdict
    /// The stage the source gives the namespace; `nil` when the cluster does not list it.
    public var stage: Cluster.Stage?
    /// Listed in the organisation's `excludedNamespaces`.
    public var isExcluded: Bool
    /// For a warn-stage namespace: since when it is in warn (`warnSince`, else `since`), how
    /// many days that is, and the environment's `minimumWarnDays`.
    public var warnPeriod: WarnPeriod?
    /// The violations' images, de-duplicated and sorted.
    public var images: [RolloutImage]
    /// Violations whose image could not be read; they count all the same.
    public var unidentifiedViolations: Int
    /// Objects Azure Policy's compliance reports non-compliant, sorted.
    public var nonCompliantObjects: [String]
    /// For `no-data`: why the exports do not cover the namespace.
    public var gaps: [String]

    public struct WarnPeriod: Sendable, Equatable {
        public var since: CivilDate
        public var days: Int
        public var minimumDays: Int

        /// Days until the minimum warn period is over, 0 once it is.
        public var daysRemaining: Int { max(0, minimumDays - days) }
    }

    /// Days until the minimum warn period is over (0 once it is) for every warn-stage namespace,
    /// whatever its verdict; `nil` for `denied` and `not-enforced`, which have no warn period.
    public var daysRemaining: Int? { warnPeriod?.daysRemaining }
}

/// `trustc rollout`'s answer: every warn-stage namespace of the selected clusters with its
/// verdict, and every other namespace where the exports found violations. Sorted by cluster,
/// then namespace.
public struct RolloutReport: Sendable {
    /// The date the warn periods are counted to.
    public var today: CivilDate
    public var clusters: Int
    public var entries: [RolloutEntry]

    public func count(_ verdict: RolloutVerdict) -> Int {
        entries.reduce(0) { $0 + ($1.verdict == verdict ? 1 : 0) }
    }
}
