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
        // (identity, fingerprint) for every certificate of the chain in a trust store: usually one.
        var anchors: [(identity: String, fingerprint: String)] = []
        for certificate in signature.certificates {
            for identity in identitiesByFingerprint[certificate.sha256Fingerprint] ?? [] {
                anchors.append((identity, certificate.sha256Fingerprint))
            }
        }
        guard !anchors.isEmpty else { return .unknownRoot }
        var best: (name: String, attributes: Int)?
        for (identity, _) in anchors where identity != best?.name {
            guard let subject = subjects[identity], leafSubject.satisfies(subject) else { continue }
            let attributes = subject.attributes.count
            if best == nil || attributes > best!.attributes || (attributes == best!.attributes && identity < best!.name) {
                best = (identity, attributes)
            }
        }
        guard let best else { return .undeclaredSubject(roots: Array(Set(anchors.map(\.identity))).sorted()) }
        return .identity(best.name, anchors: anchors.filter { $0.identity == best.name }.map(\.fingerprint))
    }
}

/// Signers identified once per unit of work and chain: an inventory's many signatures come
/// from a few signing certificates, each with its chain. Bounded, so a hostile inventory cannot
/// grow it.
public struct SignerMemo: Sendable {
    private struct Entry: Sendable {
        var chain: [NotationInspection.Certificate]
        var answer: Result<SignerIdentification.Signer, DistinguishedNameError>
    }

    /// By the signing certificate's fingerprint; the rest of the chain and the subject are
    /// compared, so a line that reuses a fingerprint with another chain is identified afresh.
    private var known: [String: Entry] = [:]
    private static let capacity = 4096

    public init() {}

    /// The signer of `signature`, or why its signing certificate's subject cannot be read.
    public mutating func signer(of signature: NotationInspection.Signature,
                                by identification: SignerIdentification) -> Result<SignerIdentification.Signer, DistinguishedNameError> {
        let leaf = signature.leaf
        if let entry = known[leaf.sha256Fingerprint], entry.chain.count == signature.certificates.count,
           entry.chain[0].issuedTo == leaf.issuedTo,
           zip(entry.chain, signature.certificates).allSatisfy({ $0.sha256Fingerprint == $1.sha256Fingerprint }) {
            return entry.answer
        }
        let answer = CertificateName.parse(leaf.issuedTo).map { identification.signer(of: signature, leafSubject: $0) }
        if known.count >= Self.capacity { known.removeAll(keepingCapacity: true) }
        known[leaf.sha256Fingerprint] = Entry(chain: signature.certificates, answer: answer)
        return answer
    }
}
