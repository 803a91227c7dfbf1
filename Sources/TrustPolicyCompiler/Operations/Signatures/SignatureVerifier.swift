/// Whether a signature would verify under a trust-policy statement, as notation-go decides it
/// (verifier.go): the statement that applies to the image (by registry scope), then
/// authenticity (the chain holds a certificate of one of the statement's trust stores of the
/// type the signing scheme reads, and the signing certificate's subject satisfies one of its
/// trusted identities), the signature's own expiry, and the authentic timestamp (with a `tsa:`
/// store and `notary.x509`: an RFC 3161 timestamp from a trusted authority within the chain's
/// validity, or, when none is verified, a chain valid now; with
/// `notary.x509.signingAuthority`: a chain valid at signing time). The statement's
/// verification level decides which failures reject the signature and which are only logged.
/// Revocation is not checked: it needs the network.
public struct SignatureVerifier: Sendable {
    let model: ResolvedPolicy
    let identification: SignerIdentification
    /// The moment expiry is judged at (`--now`, at midnight UTC).
    let now: Instant

    public init(model: ResolvedPolicy, identification: SignerIdentification, now: Instant) {
        self.model = model
        self.identification = identification
        self.now = now
    }

    /// The verdict on one signature of the image `digest` (when known); `statement` is the one
    /// that applies to `scope` (`loginserver/repository`), `nil` when none does.
    public func verify(_ signature: NotationInspection.Signature, of digest: String?, statement: TrustPolicyGroup?,
                       scope: String) -> SignatureVerdict {
        let subject = CertificateName.parse(signature.leaf.issuedTo)
        let signer: SignerIdentification.Signer? = (try? subject.get()).map { identification.signer(of: signature, leafSubject: $0) }
        if let digest, let signed = signature.signedArtifactDigest, signed != digest {
            return SignatureVerdict(signer: signer, failure: .otherArtifact(signed: signed), logged: [])
        }
        guard let statement else { return SignatureVerdict(signer: signer, failure: .noStatement(scope: scope), logged: []) }
        let storeType: TrustStoreReference.StoreType
        switch signature.signingScheme {
        case .x509: storeType = .ca
        case .signingAuthority: storeType = .signingAuthority
        case .other(let scheme):
            return SignatureVerdict(signer: signer, failure: .unsupportedScheme(scheme), logged: [])
        }
        let level = statement.level
        var logged: [VerificationFailure] = []
        for failure in checks(signature, statement: statement, storeType: storeType, signer: signer) {
            if failure.isEnforced(at: level) { return SignatureVerdict(signer: signer, failure: failure, logged: logged) }
            logged.append(failure)
        }
        return SignatureVerdict(signer: signer, failure: nil, logged: logged)
    }

    /// Every check that fails, in notation-go's order (authenticity, expiry, authentic
    /// timestamp); a failed authenticity check ends the list, as nothing after it means
    /// anything for an untrusted chain.
    private func checks(_ signature: NotationInspection.Signature, statement: TrustPolicyGroup,
                        storeType: TrustStoreReference.StoreType, signer: SignerIdentification.Signer?) -> [VerificationFailure] {
        let identities = statement.identities.compactMap { model.identities[$0] }
        let chain = Set(signature.certificates.map(\.sha256Fingerprint))
        let anchored = identities.filter { $0.trustStore.type == storeType }
            .contains { $0.certificates.contains { chain.contains($0.certificate.sha256Fingerprint) } }
        guard anchored else { return [untrusted(signature, statement: statement, identities: identities, storeType: storeType, signer: signer)] }
        switch DistinguishedName.parse(signature.leaf.issuedTo) {
        case .failure(let error):
            return [.unreadableSubject(subject: signature.leaf.issuedTo, reason: error.description)]
        case .success(let leaf):
            let subjects = identities.compactMap { try? DistinguishedName.parse($0.identity.subject.value).get() }
            guard subjects.contains(where: { $0.isSubset(of: leaf) }) else {
                return [.subjectMismatch(subject: signature.leaf.issuedTo, statement: statement.name, identities: statement.identities)]
            }
        }
        var failures: [VerificationFailure] = []
        if let expiry = signature.expiry, expiry < now { failures.append(.signatureExpired(expiry)) }
        if let failure = timestampFailure(signature, statement: statement, identities: identities) { failures.append(failure) }
        return failures
    }

    /// Why the chain is not anchored in the statement's stores, as precisely as the source
    /// allows: a signing scheme reading the other store type, a chain anchored in another
    /// identity, or an unknown root.
    private func untrusted(_ signature: NotationInspection.Signature, statement: TrustPolicyGroup, identities: [ResolvedIdentity],
                           storeType: TrustStoreReference.StoreType, signer: SignerIdentification.Signer?) -> VerificationFailure {
        let chain = Set(signature.certificates.map(\.sha256Fingerprint))
        let stores = model.trustStores(of: statement).filter { $0.type != .tsa }.map(\.description)
        if let other = identities.first(where: { identity in
            identity.trustStore.type != storeType && identity.certificates.contains { chain.contains($0.certificate.sha256Fingerprint) }
        }) {
            return .schemeMismatch(scheme: signature.signingScheme.description, store: other.trustStore.description)
        }
        let roots: [String]
        switch signer {
        case .identity(let name, _): roots = [name]
        case .undeclaredSubject(let names): roots = names
        case .unknownRoot, nil: roots = []
        }
        return .untrustedRoot(statement: statement.name, stores: stores, chainIdentities: roots)
    }

    /// The authentic-timestamp check (notation-go's `verifyTimestamp`).
    private func timestampFailure(_ signature: NotationInspection.Signature, statement: TrustPolicyGroup,
                                  identities: [ResolvedIdentity]) -> VerificationFailure? {
        if case .signingAuthority = signature.signingScheme {
            guard let signingTime = signature.signingTime else { return nil }
            return signature.certificates.first { $0.expiry < signingTime }
                .map { .notValidAtSigningTime(certificate: $0.issuedTo, expiry: $0.expiry, signingTime: signingTime) }
        }
        let rule = model.timestampRule(of: statement)
        let expired = signature.certificates.first { $0.expiry < now }
        guard rule == .always || (rule == .afterCertExpiry && expired != nil) else {
            return expired.map { .expiredWithoutTimestamp(certificate: $0.issuedTo, expiry: $0.expiry, rule: rule) }
        }
        guard let timestamp = signature.timestamp else { return .missingTimestamp(statement: statement.name, rule: rule) }
        guard let latest = timestamp.latest else { return .unreadableTimestamp(timestamp.error ?? "no timestamp range") }
        let authorities = identities.compactMap(\.timestampAuthority).map(\.certificate.sha256Fingerprint)
        guard timestamp.certificates.contains(where: { authorities.contains($0.sha256Fingerprint) }) else {
            let stores = model.trustStores(of: statement).filter { $0.type == .tsa }.map(\.description)
            return .untrustedTimestamp(stores: stores)
        }
        return signature.certificates.first { latest > $0.expiry }
            .map { .timestampAfterExpiry(certificate: $0.issuedTo, expiry: $0.expiry, timestamp: latest) }
    }
}

/// The outcome of verifying one signature.
public struct SignatureVerdict: Sendable, Hashable {
    /// Who made it, as far as the source knows (`nil`: its subject cannot be read).
    public var signer: SignerIdentification.Signer?
    /// The failure that rejects it; `nil` when it verifies.
    public var failure: VerificationFailure?
    /// Failures the statement's level only logs.
    public var logged: [VerificationFailure]

    public var isTrusted: Bool { failure == nil }

    /// Why it is rejected, or what was only logged; `nil` for a clean verification.
    public var reason: String? {
        if let failure { return failure.description }
        guard !logged.isEmpty else { return nil }
        return "logged, not enforced: " + logged.map(\.description).joined(separator: "; ")
    }
}

/// One failed check, with what a developer needs to fix it.
public enum VerificationFailure: Sendable, Hashable, CustomStringConvertible {
    case otherArtifact(signed: String)
    case noStatement(scope: String)
    case unsupportedScheme(String)
    case schemeMismatch(scheme: String, store: String)
    case untrustedRoot(statement: String, stores: [String], chainIdentities: [String])
    case unreadableSubject(subject: String, reason: String)
    case subjectMismatch(subject: String, statement: String, identities: [String])
    case signatureExpired(Instant)
    case expiredWithoutTimestamp(certificate: String, expiry: Instant, rule: TimestampRule)
    case missingTimestamp(statement: String, rule: TimestampRule)
    case unreadableTimestamp(String)
    case untrustedTimestamp(stores: [String])
    case timestampAfterExpiry(certificate: String, expiry: Instant, timestamp: Instant)
    case notValidAtSigningTime(certificate: String, expiry: Instant, signingTime: Instant)

    /// Notation's validation type the check belongs to.
    enum Validation {
        /// Always enforced: the signature is not of this image, there is no statement to verify
        /// against, or no way to verify.
        case applicability
        case authenticity
        case expiry
        case authenticTimestamp
    }

    var validation: Validation {
        switch self {
        case .otherArtifact, .noStatement, .unsupportedScheme: .applicability
        case .schemeMismatch, .untrustedRoot, .unreadableSubject, .subjectMismatch: .authenticity
        case .signatureExpired: .expiry
        case .expiredWithoutTimestamp, .missingTimestamp, .unreadableTimestamp, .untrustedTimestamp, .timestampAfterExpiry,
             .notValidAtSigningTime: .authenticTimestamp
        }
    }

    /// Whether the level rejects the signature for this failure (Notation's table: strict
    /// enforces everything, permissive only authenticity, audit nothing but integrity).
    func isEnforced(at level: Environment.VerificationLevel) -> Bool {
        switch (validation, level) {
        case (.applicability, _), (_, .strict), (.authenticity, .permissive): true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .otherArtifact(let signed):
            "integrity: the signature covers \(signed), another manifest than this image's"
        case .noStatement(let scope):
            "no scope: no trust-policy statement covers \(scope) here, so Notation rejects every signature"
        case .unsupportedScheme(let scheme):
            "unsupported signing scheme `\(scheme)`: Notation verifies notary.x509 and notary.x509.signingAuthority"
        case .schemeMismatch(let scheme, let store):
            "signing scheme mismatch: a \(scheme) signature is verified against \(scheme == "notary.x509" ? "ca" : "signingAuthority") stores, but its chain is anchored in \(store)"
        case .untrustedRoot(let statement, let stores, let identities):
            "untrusted root: no certificate of the chain is in the trust stores of statement `\(statement)` (\(stores.joined(separator: ", ")))"
                + (identities.isEmpty ? "; the chain matches no identity of the source"
                   : "; it chains to a certificate of \(identities.map { "`\($0)`" }.joined(separator: ", ")), which the statement does not trust")
        case .unreadableSubject(let subject, let reason):
            "subject mismatch: notation cannot read the signing certificate's subject `\(subject)` as an x509.subject (it \(reason))"
        case .subjectMismatch(let subject, let statement, let identities):
            "subject mismatch: the signing certificate's subject `\(subject)` satisfies none of statement `\(statement)`'s trusted identities (\(identities.joined(separator: ", ")))"
        case .signatureExpired(let expiry):
            "signature expired on \(expiry) (its own expiry, set when it was signed)"
        case .expiredWithoutTimestamp(let certificate, let expiry, let rule):
            "expired certificate without a timestamp: `\(certificate)` expired on \(expiry)"
                + (rule == .none ? " and the statement verifies no timestamp (no tsa: store)" : " and the signature carries no verified timestamp")
        case .missingTimestamp(let statement, let rule):
            "no timestamp: statement `\(statement)` requires an RFC 3161 timestamp (verifyTimestamp \(rule == .always ? "always" : "afterCertExpiry, and the chain has expired")) and the signature has none"
        case .unreadableTimestamp(let error):
            "unreadable timestamp: \(error)"
        case .untrustedTimestamp(let stores):
            "untrusted timestamp authority: no certificate of the timestamp's chain is in \(stores.isEmpty ? "a tsa: store" : stores.joined(separator: ", "))"
        case .timestampAfterExpiry(let certificate, let expiry, let timestamp):
            "timestamp after expiry: the timestamp (up to \(timestamp)) is after `\(certificate)` expired on \(expiry)"
        case .notValidAtSigningTime(let certificate, let expiry, let signingTime):
            "certificate not valid at signing time: `\(certificate)` expired on \(expiry), before the signature was made at \(signingTime)"
        }
    }
}
