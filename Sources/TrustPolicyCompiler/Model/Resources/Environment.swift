/// A deployment environment and the identities trusted for images in its registries.
public struct Environment: Resource {
    public static let kind = ResourceKind.environment

    public enum Tier: String, Sendable, CaseIterable {
        case production
        case nonproduction
    }

    /// Notation's verification levels that an environment may choose (`skip` is never allowed).
    public enum VerificationLevel: String, Sendable, CaseIterable, Comparable {
        case strict
        case permissive
        case audit

        /// Higher is stricter, so a plan can tell when a level is lowered.
        public var strength: Int {
            switch self {
            case .strict: 3
            case .permissive: 2
            case .audit: 1
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.strength < rhs.strength }
    }

    public static let defaultMinimumWarnDays = 14

    public var metadata: ResourceMetadata
    public var tier: Located<Tier>
    public var verificationLevel: Located<VerificationLevel>
    public var signingIdentities: [Located<String>]
    public var trustsEnvironments: [Located<String>]
    public var minimumWarnDays: Located<Int>
    /// Overrides the Organization's `scopeGranularity` for this environment's clusters.
    public var scopeGranularity: Located<Organization.ScopeGranularity>?
}
