/// The Notation OCI trust policy document (version 1.0) of an environment, shared by the
/// standalone `trustpolicy.oci.json` and Ratify's `trustPolicyDoc`, so both always agree.
///
/// Built to pass every rule notation-go's `OCIDocument.Validate` applies: unique statement
/// names, every scope in exactly one statement and fully qualified, `ca:`/`signingAuthority:`/
/// `tsa:` stores with valid names, non-empty non-overlapping `x509.subject` identities, no
/// `skip` level and no overrides.
enum NotationTrustPolicy {
    static let version = "1.0"

    static func document(_ policies: [TrustPolicyGroup], model: ResolvedPolicy) -> JSONValue {
        .object([
            "version": .string(version),
            "trustPolicies": .array(policies.map { statement($0, model: model) }),
        ])
    }

    /// Keys in the order Go's `json.Marshal` emits them for notation-go's struct.
    static func statement(_ policy: TrustPolicyGroup, model: ResolvedPolicy) -> JSONValue {
        let identities = policy.identities.compactMap { model.identities[$0] }
        return .object([
            "name": .string(policy.name),
            "signatureVerification": .object([
                "level": .string(policy.level.rawValue),
                "verifyTimestamp": verifyTimestamp(model.timestampRule(of: policy)),
            ]),
            "trustStores": .strings(model.trustStores(of: policy).map(\.description)),
            "trustedIdentities": .strings(identities.map { "x509.subject: \($0.identity.subject.value)" }),
            "registryScopes": .strings(policy.scopes.references),
        ])
    }

    /// `always` is Notation's default, so the key is written only for `afterCertExpiry`.
    static func verifyTimestamp(_ rule: TimestampRule) -> JSONValue? {
        rule == .afterCertExpiry ? .string(rule.rawValue) : nil
    }
}
