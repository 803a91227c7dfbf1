/// Every name trustc generates for Kubernetes and Azure objects, in one place, so that the
/// renderers and the validator (which checks the names would be accepted) agree.
public enum GeneratedNames {
    /// Ratify's Notation verifier, cluster-wide or per namespace.
    public static let verifier = "trustc-notation"
    /// Ratify's ORAS referrer store.
    public static let store = "trustc-oras"
    /// Ratify only reads a policy with exactly this name.
    public static let policy = "ratify-policy"

    /// A Ratify key management provider for one certificate of one identity: named after the
    /// certificate's fingerprint, so it stays the same when certificates are reordered or added.
    public static func keyManagementProvider(identity: String, fingerprint: String) -> String {
        "\(identity)-\(fingerprint.prefix(12))"
    }

    /// The provider of an identity's timestamp-authority root.
    public static func timestampProvider(identity: String, fingerprint: String) -> String {
        "\(identity)-tsa-\(fingerprint.prefix(12))"
    }

    /// The Key Vault-backed provider of an identity (all its pinned versions in one resource).
    public static func keyVaultProvider(identity: String) -> String {
        "\(identity)-keyvault"
    }

    /// The organisation's custom Azure Policy definition.
    public static func policyDefinition(organization: String) -> String {
        "trustc-\(organization)-notation"
    }

    /// The Azure Policy assignment of one policy and enforcement stage on one cluster.
    public static func assignment(environment: String, cluster: String, stage: Cluster.Stage,
                                  policy: PolicyAssignmentEnforcement.Policy = .signatures) -> String {
        let kind = if case .registryGuard = policy { "guard-" } else { "" }
        return "trustc-\(environment)-\(cluster)-\(kind)\(stage == .deny ? "deny" : "audit")"
    }

    /// Labels on every Kubernetes object trustc renders.
    public static func labels(environment: String, identity: String? = nil) -> [(String, String)] {
        var labels = [("app.kubernetes.io/managed-by", "trustc"), ("trustc.dev/environment", environment)]
        if let identity { labels.append(("trustc.dev/signing-identity", identity)) }
        return labels
    }
}

/// Azure's rules for the names trustc generates.
public enum AzureNames {
    /// Policy assignment and definition names: at most 64 characters, none of `<>*%&:\?.+/`,
    /// no trailing space or period.
    public static func isPolicyResourceName(_ name: String) -> Bool {
        // Two names per cluster: ASCII names (all generated ones) are checked on their bytes,
        // which is what counting and searching Characters amounts to for ASCII.
        if name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            guard !name.isEmpty, name.utf8.count <= 64, name.utf8.last != UInt8(ascii: " "),
                  name.utf8.last != UInt8(ascii: ".") else { return false }
            return !name.utf8.contains { byte in
                switch byte {
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "*"), UInt8(ascii: "%"), UInt8(ascii: "&"),
                     UInt8(ascii: ":"), UInt8(ascii: "\\"), UInt8(ascii: "?"), UInt8(ascii: "."), UInt8(ascii: "+"),
                     UInt8(ascii: "/"): true
                default: false
                }
            }
        }
        guard !name.isEmpty, name.count <= 64, !name.hasSuffix(" "), !name.hasSuffix(".") else { return false }
        return !name.contains { "<>*%&:\\?.+/".contains($0) } && name.unicodeScalars.allSatisfy { $0.value >= 0x20 }
    }
}
