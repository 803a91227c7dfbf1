/// Everything that decides whether an image is admitted on a cluster (in one namespace), each
/// part with the source that caused it: the namespace's stage and verifier, the statement that
/// covers the repository (or why none does), its identities, certificates, level and timestamp
/// rule, the owning team and the identities it signs with, and, given the image's signatures,
/// the verdict on each.
public struct Explanation: Sendable {
    /// The namespace asked about.
    public struct Namespace: Sendable {
        public var name: String
        /// The cluster's declaration; `nil` when the cluster does not list the namespace (it is
        /// then not verified, as if `off`).
        public var declaration: Cluster.Namespace?
        /// `off` when not listed.
        public var stage: Cluster.Stage
        public var effect: EnforcementEffect
        /// Where the organisation excludes it (its `excludedNamespaces` entry, or the
        /// Organization when it relies on the default list); `nil` when it is not excluded.
        public var exclusion: SourceLocation?
        /// The Azure Policy assignment covering it, if any.
        public var assignment: PolicyAssignmentEnforcement?
        /// The teams a namespaced verifier admits (`trustedTeams`), sorted; `nil` when the
        /// namespace uses the cluster's verifier.
        public var trustedTeams: [String]?
        /// A listed namespace with a close name, when this one is not listed.
        public var suggestion: String?
    }

    /// Why no statement covers the repository, and what would make one.
    public struct NoScope: Sendable {
        public enum Reason: Sendable {
            /// The cluster's environment does not trust the registry's environment.
            case environmentNotTrusted
            /// No team of the registry's environment owns the repository; `elsewhere` owns it in
            /// another environment.
            case unowned(elsewhere: Team?)
            /// The namespace's verifier admits only `admitted` teams, and another team owns it.
            case namespaceLimited(admitted: [String])
        }

        public var reason: Reason
        /// The closest scopes the verifier does hold (by repository name), at most three.
        public var nearest: [RegistryScope]
        /// The team that would have to own the repository for a scope to exist.
        public var owner: Team?
    }

    /// The registry guard beside a registry-wide statement, which admits the images of some
    /// registries only, whatever their signatures.
    public struct RegistryGuard: Sendable {
        /// The login servers it admits, sorted.
        public var loginServers: [String]
        /// Where the cluster's environment gets registry granularity (its own
        /// `scopeGranularity`, or the Organization's).
        public var granularity: SourceLocation
        /// Whether the image's registry is one of `loginServers`.
        public var admits: Bool
    }

    public var image: ImageReference
    public var registry: Registry
    public var registryEnvironment: ResolvedEnvironment
    public var cluster: ResolvedCluster
    public var clusterEnvironment: ResolvedEnvironment
    /// `nil` without `--namespace`.
    public var namespace: Namespace?
    /// The statement covering the image's repository in the verifier that checks it.
    public var statement: TrustPolicyGroup?
    /// The statement's identities with their certificates.
    public var identities: [ResolvedIdentity]
    public var trustStores: [TrustStoreReference]
    public var timestampRule: TimestampRule
    /// Set when `statement` is the registry-wide one.
    public var registryGuard: RegistryGuard?
    /// Set when `statement` is `nil`.
    public var noScope: NoScope?
    /// The team owning the repository in the registry's environment.
    public var team: Team?
    /// The team's `signingIdentities` of the registry's environment, in the team's order.
    public var expectedIdentities: [Located<String>]
    /// The verdict on each signature given (`nil`: no signatures were given).
    public var signatures: [(signature: NotationInspection.Signature, verdict: SignatureVerdict)]?

    /// Whether the image verifies here: `false` without a statement, when the registry guard
    /// does not admit its registry or when no signature given verifies; `nil` when signatures
    /// are needed to say.
    public var isAdmissible: Bool? {
        guard statement != nil, registryGuard?.admits != false else { return false }
        return signatures.map { $0.contains { $0.verdict.isTrusted } }
    }

    /// Why the image is not admissible, once `isAdmissible` is `false`.
    public var failure: String {
        if statement == nil { return "no statement covers its repository" }
        if registryGuard?.admits == false { return "the registry guard does not admit \(image.host)" }
        return "no signature given verifies"
    }

    /// Whether the namespace rejects the image: it denies and the image is not admissible.
    public var isRejected: Bool {
        namespace?.effect == .deny && isAdmissible == false
    }

    /// Trusted identities the team does not sign with: `audit` reports their signatures on
    /// this repository as `unexpected-signer`.
    public var unexpectedIdentities: [String] {
        let expected = Set(expectedIdentities.map(\.value))
        return (statement?.identities ?? []).filter { !expected.contains($0) }
    }
}
