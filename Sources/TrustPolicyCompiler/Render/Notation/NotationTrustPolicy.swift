/// The Notation OCI trust policy document (version 1.0) of an environment, shared by the
/// standalone `trustpolicy.oci.json` and Ratify's `trustPolicyDoc`, so both always agree.
///
/// Built to pass every rule notation-go's `OCIDocument.Validate` applies: unique statement
/// names, every scope in exactly one statement and fully qualified, `ca:`/`signingAuthority:`/
/// `tsa:` stores with valid names, non-empty non-overlapping `x509.subject` identities, no
/// `skip` level and no overrides.
enum NotationTrustPolicy {
    static let version = "1.0"

    /// Which notation-go releases must accept the document.
    enum Compatibility {
        /// notation-go 1.2 and later (Notation CLI 1.2+, Ratify 1.3+): timestamp authorities.
        case current
        /// notation-go 1.0 and 1.1, which reject a `tsa:` store outright: the statements keep
        /// their identities and CA stores, without timestamp verification.
        case beforeTimestamping
    }

    /// `listingScopes: false` leaves every `registryScopes` empty, for measuring the document
    /// without spelling out hundreds of thousands of scopes (`ObjectSizes`).
    static func document(_ policies: [TrustPolicyGroup], model: ResolvedPolicy,
                         compatibility: Compatibility = .current, listingScopes: Bool = true) -> JSONValue {
        .object([
            "version": .string(version),
            "trustPolicies": .array(policies.map {
                statement($0, model: model, compatibility: compatibility, listingScopes: listingScopes)
            }),
        ])
    }

    /// Whether any statement uses a timestamp authority: only then do the two documents differ.
    static func usesTimestamping(_ policies: [TrustPolicyGroup], model: ResolvedPolicy) -> Bool {
        policies.contains { $0.identities.contains { model.identities[$0]?.timestampStore != nil } }
    }

    /// Keys in the order Go's `json.Marshal` emits them for notation-go's struct.
    static func statement(_ policy: TrustPolicyGroup, model: ResolvedPolicy, compatibility: Compatibility,
                          listingScopes: Bool) -> JSONValue {
        let identities = policy.identities.compactMap { model.identities[$0] }
        return .object([
            "name": .string(policy.name),
            "signatureVerification": .object([
                "level": .string(policy.level.rawValue),
                "verifyTimestamp": compatibility == .current ? verifyTimestamp(model.timestampRule(of: policy)) : nil,
            ]),
            "trustStores": .strings(model.trustStores(of: policy).filter { compatibility == .current || $0.type != .tsa }
                .map(\.description)),
            "trustedIdentities": .strings(identities.map { "x509.subject: \($0.identity.subject.value)" }),
            "registryScopes": .strings(listingScopes ? policy.references : []),
        ])
    }

    /// `always` is Notation's default, so the key is written only for `afterCertExpiry`.
    static func verifyTimestamp(_ rule: TimestampRule) -> JSONValue? {
        rule == .afterCertExpiry ? .string(rule.rawValue) : nil
    }
}
