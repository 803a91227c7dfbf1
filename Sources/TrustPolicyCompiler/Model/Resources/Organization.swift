/// The organisation-wide settings: who the platform team is and how enforcement is wired into
/// Azure. Exactly one exists.
public struct Organization: Resource {
    public static let kind = ResourceKind.organization

    public enum Enforcement: String, Sendable, CaseIterable {
        /// The organisation's own deny-capable `Microsoft.Kubernetes.Data` definition.
        case custom
        /// Azure's built-in image-integrity definition, which can only audit.
        case builtin
    }

    public enum TrustStoreSource: String, Sendable, CaseIterable {
        /// Ratify receives the PEM files from this repository.
        case inline
        /// Ratify fetches each pinned certificate version from Key Vault.
        case keyvault
    }

    /// Which Ratify installation the clusters run, so trustc renders what it honours.
    public enum RatifyInstallation: String, Sendable, CaseIterable {
        /// Ratify v1.4 installed from its Helm chart (the chart's own objects handed to trustc).
        case selfManaged
        /// The AKS Image Integrity add-on, which bundles Ratify v1.2 and audits only.
        case imageIntegrity
    }

    /// How Notation trust policies name what they trust: each repository exactly, or every
    /// repository of the trusted registries at once (`*`, with a registry guard beside it).
    public enum ScopeGranularity: String, Sendable, CaseIterable {
        case repository
        case registry
    }

    public static let defaultExcludedNamespaces = [
        "kube-system", "gatekeeper-system", "azure-arc", "azure-extensions-usage-system",
    ]

    public var metadata: ResourceMetadata
    public var platformTeam: Located<String>
    public var tenantID: Located<String>
    public var policyDefinitionScope: Located<String>?
    public var excludedNamespaces: [Located<String>]
    public var certificateExpiryWarningDays: Located<Int>
    public var enforcement: Located<Enforcement>
    public var trustStoreSource: Located<TrustStoreSource>
    public var ratify: Located<RatifyInstallation>
    public var scopeGranularity: Located<ScopeGranularity>
}
