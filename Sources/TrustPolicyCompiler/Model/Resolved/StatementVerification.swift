/// When a statement asks Notation to verify a signature's RFC 3161 timestamp
/// (`signatureVerification.verifyTimestamp`).
public enum TimestampRule: String, Sendable, Hashable {
    /// No `tsa:` store in the statement: no timestamp is verified, and the signing chain must be
    /// valid at verification time.
    case none
    /// Notation's default with a `tsa:` store: every `notary.x509` signature must carry a
    /// timestamp from a trusted authority, and its chain must have been valid at that time.
    case always
    /// A timestamp is verified (and required) only once a certificate of the chain has expired;
    /// before that the chain must be valid at verification time.
    case afterCertExpiry
}

extension ResolvedPolicy {
    /// The trust stores a statement lists: its identities' stores and their timestamp
    /// authorities' `tsa:` stores, sorted.
    public func trustStores(of policy: TrustPolicyGroup) -> [TrustStoreReference] {
        let identities = policy.identities.compactMap { self.identities[$0] }
        return (identities.map(\.trustStore) + identities.compactMap(\.timestampStore)).sorted()
    }

    /// The statement's timestamp rule. With a `tsa:` store, notation-go's default (`always`)
    /// demands a timestamp on every signature, so a statement that also trusts identities
    /// without a timestamp authority would reject all of their signatures: there trustc asks
    /// for `afterCertExpiry`, which a signature without a timestamp only fails once its chain
    /// has expired.
    public func timestampRule(of policy: TrustPolicyGroup) -> TimestampRule {
        let identities = policy.identities.compactMap { self.identities[$0] }
        let timestamped = identities.filter { $0.timestampStore != nil }.count
        if timestamped == 0 { return .none }
        return timestamped < identities.count ? .afterCertExpiry : .always
    }
}
