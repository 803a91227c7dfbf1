/// One certificate of one trust store, as `trustc certs` lists it: what it is, how long it
/// stays valid and which clusters stop admitting images signed under it when it expires.
public struct CertificateEntry: Sendable, Hashable {
    /// The trust store: `ca:`, `signingAuthority:` or `tsa:` and the identity.
    public var store: TrustStoreReference
    /// The environment the identity belongs to.
    public var environment: String
    /// Path relative to the policy directory.
    public var file: String
    public var keyVaultVersion: String?
    public var certificate: InspectedCertificate
    /// Days from `--now` to the day it expires (negative once expired).
    public var daysLeft: Int
    /// The clusters whose environment trusts the store, sorted.
    public var clusters: [String]

    public var identity: String { store.identity }
}
