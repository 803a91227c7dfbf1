/// Which identity of the source made a signature: its chain holds one of the identity's
/// trust-store certificates (by SHA-256 fingerprint, as notation-go compares a chain with a
/// trust store: for `ca` usually the root, or an intermediate) and its signing certificate's
/// subject satisfies the identity's `spec.subject` the way Notation matches `x509.subject`.
///
/// Built once per run; answers with dictionary lookups, so an inventory's signatures cost what
/// their chains do.
public struct SignerIdentification: Sendable {
    /// What the source knows about a signature's signer.
    public enum Signer: Sendable, Hashable {
        /// Made by `identity`; `anchors` are the fingerprints of its trust-store certificates
        /// found in the chain.
        case identity(String, anchors: [String])
        /// No certificate of the chain is in any identity's trust store.
        case unknownRoot
        /// The chain holds certificates of `roots` (identity names), but the signing
        /// certificate's subject matches none of their subjects.
        case undeclaredSubject(roots: [String])

        /// The identity's name, `nil` for a signer the source does not declare.
        public var identity: String? {
            if case .identity(let name, _) = self { name } else { nil }
        }
    }

    /// Identities (sorted) whose `ca`/`signingAuthority` stores hold a certificate, by its
    /// fingerprint.
    private let identitiesByFingerprint: [String: [String]]
    private let subjects: [String: DistinguishedName]

    public init(model: ResolvedPolicy) {
        var byFingerprint: [String: [String]] = [:]
        var subjects: [String: DistinguishedName] = [:]
        for (name, identity) in model.identities {
            for certificate in identity.certificates {
                byFingerprint[certificate.certificate.sha256Fingerprint, default: []].append(name)
            }
            if case .success(let subject) = DistinguishedName.parse(identity.identity.subject.value) { subjects[name] = subject }
        }
        identitiesByFingerprint = byFingerprint.mapValues { Array(Set($0)).sorted() }
        self.subjects = subjects
    }

    /// The signer of a signature whose signing certificate's subject is `leafSubject`. Should
    /// several identities match (they share a certificate and one subject contains the
    /// other's), the most specific subject wins, then the first name.
    public func signer(of signature: NotationInspection.Signature, leafSubject: CertificateName) -> Signer {
        var anchors: [String: [String]] = [:]
        for certificate in signature.certificates {
            for identity in identitiesByFingerprint[certificate.sha256Fingerprint] ?? [] {
                anchors[identity, default: []].append(certificate.sha256Fingerprint)
            }
        }
        guard !anchors.isEmpty else { return .unknownRoot }
        let matching = anchors.keys.filter { subjects[$0].map(leafSubject.satisfies) ?? false }
        guard let best = matching.min(by: { lhs, rhs in
            let (l, r) = (subjects[lhs]!.attributes.count, subjects[rhs]!.attributes.count)
            return l != r ? l > r : lhs < rhs
        }) else { return .undeclaredSubject(roots: anchors.keys.sorted()) }
        return .identity(best, anchors: anchors[best]!)
    }
}

/// Signing certificates' subjects parsed once per unit of work: an inventory's many signatures
/// come from a few signing certificates. Bounded, so a hostile inventory cannot grow it.
public struct SubjectMemo: Sendable {
    private var parsed: [String: Result<CertificateName, DistinguishedNameError>] = [:]
    private static let capacity = 4096

    public init() {}

    public mutating func name(_ text: String) -> Result<CertificateName, DistinguishedNameError> {
        if let known = parsed[text] { return known }
        let result = CertificateName.parse(text)
        if parsed.count >= Self.capacity { parsed.removeAll(keepingCapacity: true) }
        parsed[text] = result
        return result
    }
}
