/// Something about a trust store's certificates that needs doing before images stop verifying.
public struct CertificateWarning: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Already expired: signatures chaining to it are rejected now.
        case expired
        /// Expires within the organisation's `certificateExpiryWarningDays`.
        case expiring
        /// A rotation without an overlap window: the successor becomes valid less than a day
        /// before (or when) its predecessor expires, so there is no time to switch signing over
        /// while images signed under the old certificate still verify.
        case noOverlap = "no-overlap"
        /// The identity's certificate expires days before its successor starts: in between no
        /// certificate of the identity is valid and every signature of it is rejected.
        case gap
        /// A timestamp authority's root expires within `certificateExpiryWarningDays`:
        /// timestamped signatures whose signing certificate has expired stop verifying with it.
        case timestampAuthorityExpiring = "tsa-expiring"
    }

    public var kind: Kind
    public var store: TrustStoreReference
    public var environment: String
    /// The certificates concerned: the one that expires first, then its successor if any.
    public var fingerprints: [String]
    public var message: String
}
