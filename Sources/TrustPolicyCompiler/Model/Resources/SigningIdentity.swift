/// One logical signing identity ("images signed by the production build system"), backed by one
/// Key Vault key and the CA certificates that anchor its signatures.
public struct SigningIdentity: Resource {
    public static let kind = ResourceKind.signingIdentity

    /// The Notation trust store type the identity's certificates go into.
    public enum TrustStoreType: String, Sendable, CaseIterable {
        case ca
        case signingAuthority
    }

    public struct KeyVault: Sendable {
        public var vaultURI: Located<String>
        public var keyName: Located<String>
        public var certificateName: Located<String>
        public var clientID: Located<String>
    }

    /// A certificate file to trust, and its Key Vault version when Ratify must pin it.
    public struct CertificateReference: Sendable {
        public var file: Located<String>
        public var keyVaultVersion: Located<String>?
    }

    public var metadata: ResourceMetadata
    public var environment: Located<String>
    public var subject: Located<String>
    public var trustStoreType: Located<TrustStoreType>
    public var keyVault: KeyVault
    public var certificates: [CertificateReference]
    public var timestampAuthority: CertificateReference?
}
