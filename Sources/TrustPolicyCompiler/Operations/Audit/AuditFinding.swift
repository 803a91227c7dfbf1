/// The kinds of problem `trustc audit` reports. Codes and names are a contract (JSON, SARIF
/// rule ids, scripts): they never change meaning once released.
public enum AuditFindingKind: String, Sendable, CaseIterable, Comparable {
    case unexpectedSigner = "TA001"
    case unknownSigner = "TA002"
    case unsigned = "TA003"
    case unownedRepository = "TA004"
    case retiringRoot = "TA005"
    case foreignRegistry = "TA006"

    public var code: String { rawValue }

    /// The name in JSON output (`kind`).
    public var name: String {
        switch self {
        case .unexpectedSigner: "unexpected-signer"
        case .unknownSigner: "unknown-signer"
        case .unsigned: "unsigned"
        case .unownedRepository: "unowned-repository"
        case .retiringRoot: "retiring-root"
        case .foreignRegistry: "foreign-registry"
        }
    }

    /// The severity the kind has; `unsigned` is an error only where a namespace denies.
    public var defaultSeverity: Severity {
        switch self {
        case .unexpectedSigner, .unknownSigner: .error
        case .unsigned, .unownedRepository, .retiringRoot, .foreignRegistry: .warning
        }
    }

    public var summary: String {
        switch self {
        case .unexpectedSigner: "A signature by an identity of the source that the repository's owning team does not sign with in that environment."
        case .unknownSigner: "A signature that matches no identity of the source (an unknown root, or a known root with a subject no identity declares)."
        case .unsigned: "An image without a signature from an identity trusted for its repository; an error where a namespace the owning team runs in denies."
        case .unownedRepository: "No team of the registry's environment owns the repository, so no cluster admits its images."
        case .retiringRoot: "Every trusted signature of the image chains only to a certificate that expires soon or that a rotation is replacing."
        case .foreignRegistry: "The image's registry is not a registry of the source."
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One problem with one image of an inventory (or one of its signatures).
public struct AuditFinding: Sendable, Hashable {
    /// What the message says beyond the kind.
    public enum Detail: Sendable, Hashable {
        /// `statement`: the statement that trusts the identity for this repository, `nil` when
        /// no cluster trusts it here.
        case unexpectedSigner(environment: String, expected: [String], statement: String?)
        /// `roots`: identities whose certificates are in the chain (empty: an unknown root).
        case unknownSigner(subject: String, roots: [String])
        /// `trusted`: the identities the repository's statement trusts; `denied`: a cluster and
        /// namespace that would reject the image, with how many more do.
        case unsigned(environment: String, trusted: [String], signers: Int, denied: DeniedAt?)
        /// `elsewhere`: the team that owns the repository in another environment, if any.
        case unownedRepository(registry: String, environment: String, elsewhere: String?)
        case retiringRoot(certificates: [RetiringCertificate])
        case foreignRegistry(host: String)
    }

    /// A deny-stage namespace where an unsigned image is rejected.
    public struct DeniedAt: Sendable, Hashable {
        public var cluster: String
        public var namespace: String
        /// Other clusters and namespaces that deny it too.
        public var others: Int
    }

    /// A trust-store certificate on its way out, and why.
    public struct RetiringCertificate: Sendable, Hashable {
        public var identity: String
        public var file: String
        public var validUntil: CivilDate
        /// The newer certificate of the same identity replacing it, if a rotation is.
        public var replacedBy: String?
    }

    public var kind: AuditFindingKind
    public var severity: Severity
    /// The image reference as read (normalised: lowercase host).
    public var reference: String
    public var repository: String
    public var team: String?
    public var identity: String?
    /// The inventory line.
    public var line: Int
    /// Which signature of the image the finding is about (its digest, or `#<position>` when
    /// notation printed none); `nil` for a finding about the image.
    public var signature: String?
    public var detail: Detail

    public var code: String { kind.code }

    public var message: String {
        switch detail {
        case .unexpectedSigner(let environment, let expected, let statement):
            let team = team.map { "team `\($0)`" } ?? "its team"
            let signsWith = expected.isEmpty ? "signs with no identity of \(environment)"
                : "signs with \(expected.map { "`\($0)`" }.joined(separator: ", ")) in \(environment)"
            let trust = statement.map { "clusters trust `\(identity ?? "")` for this repository (statement `\($0)`), so the image is admitted" }
                ?? "no cluster trusts `\(identity ?? "")` for this repository"
            return "signed by `\(identity ?? "")`, but \(team) \(signsWith); \(trust)"
        case .unknownSigner(let subject, let roots):
            if roots.isEmpty { return "signed by `\(subject)` under a root that is in no trust store of the source" }
            return "signed by `\(subject)` under a certificate of \(roots.map { "`\($0)`" }.joined(separator: ", ")), but no identity declares that subject"
        case .unsigned(let environment, let trusted, let signers, let denied):
            let identities = trusted.isEmpty ? "no identity" : trusted.map { "`\($0)`" }.joined(separator: ", ")
            let what = signers == 0 ? "no signature"
                : "\(signers) signature\(signers == 1 ? "" : "s"), none by an identity \(environment) trusts for this repository (\(identities))"
            let consequence = denied.map { "rejected in namespace `\($0.namespace)` on `\($0.cluster)`" + ($0.others > 0 ? " and \($0.others) more" : "") }
                ?? "no namespace the team runs in denies it yet"
            return signers == 0 ? "\(what) (\(environment) trusts \(identities) for this repository); \(consequence)" : "\(what); \(consequence)"
        case .unownedRepository(let registry, let environment, let elsewhere):
            let owner = elsewhere.map { "; team `\($0)` owns it but does not deploy to \(environment)" } ?? ""
            return "no team of \(environment) owns `\(repository)` (registry `\(registry)`), so no cluster admits it\(owner); its signatures are not audited"
        case .retiringRoot(let certificates):
            let parts = certificates.map { certificate in
                "`\(certificate.identity)` \(certificate.file) (" + (certificate.replacedBy.map { "replaced by \($0)" } ?? "valid until \(certificate.validUntil)")
                    + (certificate.replacedBy == nil ? "" : ", valid until \(certificate.validUntil)") + ")"
            }
            return "every trusted signature chains only to a retiring certificate: \(parts.joined(separator: ", ")); re-sign the image before it goes"
        case .foreignRegistry(let host):
            return "`\(host)` is not a registry of the source; its signatures are not audited"
        }
    }
}
