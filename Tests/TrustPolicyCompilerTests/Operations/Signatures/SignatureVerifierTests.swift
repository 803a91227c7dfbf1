import Testing
@testable import TrustPolicyCompiler

/// Which identity a signature belongs to, and notation-go's verdict on it under the statement
/// that applies: one test per verdict and reason, on the sample (production strict with the
/// payments-release timestamp authority and `afterCertExpiry`, development permissive) and on
/// small fixtures for a `signingAuthority` store, `verifyTimestamp: always` and the audit level.
@Suite struct SignatureVerifierTests {
    static let today = PolicyFixture.today
    static let payments = "contosoprod.azurecr.io/payments/api@" + InspectionDocument.digest("payments/api")

    /// The sample's model, compiled once.
    static let sample: ResolvedPolicy = { try! Sample.compile().model }()

    static func identity(_ name: String, in model: ResolvedPolicy = sample) -> ResolvedIdentity { model.identities[name]! }

    /// The verdict on `signature` of `image` on `cluster` (the cluster verifier's statements).
    static func verdict(_ signature: TestSignature, image: String = payments, cluster: String = "aks-prod-weu-1",
                        in model: ResolvedPolicy = sample) throws -> SignatureVerdict {
        let reference = try ImageReference(parsing: image)
        var signature = signature
        if signature.artifact == nil { signature.artifact = reference.digest }
        let inspection = try NotationInspection.read(Array(InspectionDocument.line(reference: nil, [signature]).utf8))
        let statement = model.statements(of: model.cluster(named: cluster)!).statement(covering: reference.host, repository: reference.repository)
        let verifier = SignatureVerifier(model: model, identification: SignerIdentification(model: model), now: Instant(startOf: today))
        return verifier.verify(inspection.signatures[0], of: reference.digest, statement: statement, scope: reference.scope)
    }

    static func failure(_ verdict: SignatureVerdict) -> VerificationFailure? { verdict.failure }

    // MARK: Identification

    @Test func identifiesSignersByChainAndSubject() throws {
        let identification = SignerIdentification(model: Self.sample)
        func signer(_ chain: [TestCertificate]) throws -> SignerIdentification.Signer {
            let signature = try NotationInspection.read(Array(InspectionDocument.line(reference: nil, [TestSignature(chain: chain)]).utf8))
                .signatures[0]
            return identification.signer(of: signature, leafSubject: try CertificateName.parse(signature.leaf.issuedTo).get())
        }
        let prodBuild = Self.identity("prod-build")
        // Under either root of the rotation, found wherever it is in the chain.
        let old = InspectionDocument.chain(prodBuild, root: 0)
        #expect(try signer(old) == .identity("prod-build", anchors: [prodBuild.certificates[0].certificate.sha256Fingerprint]))
        #expect(try signer([old[0], old[2], old[1]]).identity == "prod-build")
        #expect(try signer(InspectionDocument.chain(prodBuild)).identity == "prod-build")
        #expect(try signer(InspectionDocument.unknownChain()) == .unknownRoot)
        let bot = InspectionDocument.chain(prodBuild, leafSubject: "CN=release-bot,OU=Production Build,O=Contoso,L=Redmond,ST=WA,C=US")
        #expect(try signer(bot) == .undeclaredSubject(roots: ["prod-build"]))
        // A chain holding two identities' roots belongs to the one whose subject the leaf has.
        let both = InspectionDocument.chain(Self.identity("payments-release")) + [InspectionDocument.chain(prodBuild)[2]]
        #expect(try signer(both).identity == "payments-release")
    }

    @Test func prefersTheMostSpecificSubjectWhenIdentitiesShareACertificate() throws {
        // A second identity on the same certificate, with the subject plus L.
        let narrow = PolicyFixture.baseline["identities/prod-build.yaml"]!
            .replacingOccurrences(of: "name: prod-build\n", with: "name: prod-build-narrow\n")
            .replacingOccurrences(of: "CN=prod-build\"", with: "CN=prod-build, L=Redmond\"")
        let fixture = try PolicyFixture(["identities/prod-build-narrow.yaml": narrow])
        defer { fixture.remove() }
        let model = try fixture.compile().model
        let identification = SignerIdentification(model: model)
        let chain = InspectionDocument.chain(model.identities["prod-build"]!,
                                             leafSubject: "CN=prod-build,OU=Build,O=Contoso,L=Redmond,ST=WA,C=US")
        let signature = try NotationInspection.read(Array(InspectionDocument.line(reference: nil, [TestSignature(chain: chain)]).utf8))
            .signatures[0]
        #expect(identification.signer(of: signature, leafSubject: try CertificateName.parse(signature.leaf.issuedTo).get()).identity
            == "prod-build-narrow")
    }

    // MARK: Verdicts on the sample

    @Test func trustsASignatureOfATrustedIdentity() throws {
        let verdict = try Self.verdict(TestSignature(chain: InspectionDocument.chain(Self.identity("payments-release"))))
        #expect(verdict.isTrusted && verdict.reason == nil && verdict.logged.isEmpty)
        #expect(verdict.signer?.identity == "payments-release")
    }

    @Test func rejectsASignatureOfAnotherImage() throws {
        var signature = TestSignature(chain: InspectionDocument.chain(Self.identity("prod-build")))
        signature.artifact = InspectionDocument.digest("another image")
        let verdict = try Self.verdict(signature)
        #expect(verdict.failure == .otherArtifact(signed: InspectionDocument.digest("another image")))
        #expect(verdict.reason?.hasPrefix("integrity:") == true)
    }

    @Test func rejectsEverySignatureWithoutAScope() throws {
        let verdict = try Self.verdict(TestSignature(chain: InspectionDocument.chain(Self.identity("prod-build"))),
                                       image: "contosoprod.azurecr.io/payments/ledger@" + InspectionDocument.digest("ledger"))
        #expect(verdict.failure == .noStatement(scope: "contosoprod.azurecr.io/payments/ledger"))
        #expect(verdict.reason?.hasPrefix("no scope:") == true)
    }

    @Test func rejectsAnUnsupportedScheme() throws {
        var signature = TestSignature(chain: InspectionDocument.chain(Self.identity("prod-build")))
        signature.scheme = "notary.default.x509"
        #expect(try Self.verdict(signature).failure == .unsupportedScheme("notary.default.x509"))
    }

    @Test func rejectsASigningAuthoritySignatureAnchoredInACAStore() throws {
        var signature = TestSignature(chain: InspectionDocument.chain(Self.identity("prod-build")))
        signature.scheme = "notary.x509.signingAuthority"
        let verdict = try Self.verdict(signature)
        #expect(verdict.failure == .schemeMismatch(scheme: "notary.x509.signingAuthority", store: "ca:prod-build"))
        #expect(verdict.reason?.hasPrefix("signing scheme mismatch:") == true)
    }

    @Test func rejectsARootOfAnotherIdentityOrNoneAtAll() throws {
        let staging = try Self.verdict(TestSignature(chain: InspectionDocument.chain(Self.identity("staging-build"))))
        #expect(staging.failure == .untrustedRoot(statement: "production.payments-release",
                                                  stores: ["ca:payments-release", "ca:prod-build"], chainIdentities: ["staging-build"]))
        #expect(staging.reason?.contains("`staging-build`, which the statement does not trust") == true)
        let unknown = try Self.verdict(TestSignature(chain: InspectionDocument.unknownChain()))
        #expect(unknown.failure == .untrustedRoot(statement: "production.payments-release",
                                                  stores: ["ca:payments-release", "ca:prod-build"], chainIdentities: []))
        #expect(unknown.signer == .unknownRoot)
    }

    @Test func rejectsALeafSubjectNotationCannotReadOrDoesNotTrust() throws {
        let prodBuild = Self.identity("prod-build")
        let grouped = try Self.verdict(TestSignature(chain: InspectionDocument.chain(
            prodBuild, leafSubject: "CN=prod-build.contoso.com,OU=Production Build+OU=Hotfix,O=Contoso,L=Redmond,ST=WA,C=US")))
        guard case .unreadableSubject? = grouped.failure else { Issue.record("\(grouped)"); return }
        #expect(grouped.reason?.contains("multi-valued RDN") == true)
        // The lenient reading still knows who it is.
        #expect(grouped.signer?.identity == "prod-build")
        let bot = try Self.verdict(TestSignature(chain: InspectionDocument.chain(
            prodBuild, leafSubject: "CN=release-bot,OU=Production Build,O=Contoso,L=Redmond,ST=WA,C=US")))
        #expect(bot.failure == .subjectMismatch(subject: "CN=release-bot,OU=Production Build,O=Contoso,L=Redmond,ST=WA,C=US",
                                                statement: "production.payments-release", identities: ["payments-release", "prod-build"]))
    }

    @Test func rejectsAnExpiredSignature() throws {
        var signature = TestSignature(chain: InspectionDocument.chain(Self.identity("prod-build")))
        signature.expiry = "2026-01-01T00:00:00Z"
        #expect(try Self.verdict(signature).failure == .signatureExpired(Instant(rfc3339: "2026-01-01T00:00:00Z")!))
    }

    @Test func rejectsAnExpiredChainWithoutATimestampWhereNoneIsVerified() throws {
        let chain = InspectionDocument.chain(Self.identity("prod-build"), leafExpiry: "2026-06-01T00:00:00Z")
        let verdict = try Self.verdict(TestSignature(chain: chain), image: "contosoprod.azurecr.io/checkout/web@" + InspectionDocument.digest("web"))
        #expect(verdict.failure == .expiredWithoutTimestamp(certificate: chain[0].issuedTo, expiry: Instant(rfc3339: "2026-06-01T00:00:00Z")!,
                                                            rule: .none))
        #expect(verdict.reason?.contains("no tsa: store") == true)
    }

    /// production.payments-release verifies a timestamp once the chain has expired (afterCertExpiry).
    @Test func verifiesTheTimestampOfAnExpiredChainAfterCertExpiry() throws {
        let release = Self.identity("payments-release")
        let expired = InspectionDocument.chain(release, leafExpiry: "2026-06-01T00:00:00Z")
        let tsa = release.timestampAuthority!.certificate
        let authority = [TestCertificate(fingerprint: InspectionDocument.fingerprint("tsa/leaf"), issuedTo: "CN=TSA,O=Contoso,ST=WA,C=US",
                                         issuedBy: tsa.subject),
                         TestCertificate(fingerprint: tsa.sha256Fingerprint, issuedTo: tsa.subject, issuedBy: tsa.subject)]
        var signature = TestSignature(chain: expired)
        #expect(try Self.verdict(signature).failure == .missingTimestamp(statement: "production.payments-release", rule: .afterCertExpiry))
        signature.timestamp = ("[2026-05-01T10:00:00Z, 2026-05-01T10:00:01Z]", authority)
        #expect(try Self.verdict(signature).isTrusted)
        signature.timestamp = ("[2026-07-01T10:00:00Z, 2026-07-01T10:00:01Z]", authority)
        #expect(try Self.verdict(signature).failure == .timestampAfterExpiry(
            certificate: expired[0].issuedTo, expiry: Instant(rfc3339: "2026-06-01T00:00:00Z")!, timestamp: Instant(rfc3339: "2026-07-01T10:00:01Z")!))
        signature.timestamp = ("[2026-05-01T10:00:00Z, 2026-05-01T10:00:01Z]", InspectionDocument.unknownChain())
        #expect(try Self.verdict(signature).failure == .untrustedTimestamp(stores: ["tsa:payments-release"]))
        signature.timestamp = nil
        signature.timestampError = "failed to parse timestamp countersignature: cms: syntax error"
        #expect(try Self.verdict(signature).failure == .unreadableTimestamp("failed to parse timestamp countersignature: cms: syntax error"))
        // Before the chain expires, no timestamp is needed: prod-build signs payments without one.
        #expect(try Self.verdict(TestSignature(chain: InspectionDocument.chain(Self.identity("prod-build")))).isTrusted)
    }

    /// development is permissive: an expired chain is logged, not enforced; authenticity is.
    @Test func permissiveLogsExpiryButEnforcesAuthenticity() throws {
        let image = "contosodev.azurecr.io/payments/api@" + InspectionDocument.digest("dev")
        let expired = try Self.verdict(TestSignature(chain: InspectionDocument.chain(Self.identity("dev-build"), leafExpiry: "2026-06-01T00:00:00Z")),
                                       image: image, cluster: "aks-dev-weu-1")
        #expect(expired.isTrusted)
        #expect(expired.reason?.hasPrefix("logged, not enforced: expired certificate without a timestamp") == true)
        let unknown = try Self.verdict(TestSignature(chain: InspectionDocument.unknownChain()), image: image, cluster: "aks-dev-weu-1")
        #expect(!unknown.isTrusted)
    }

    // MARK: Verdicts on fixtures

    static func fixture(_ changes: [String: String?], certificates: [String: String] = [:]) throws -> (PolicyFixture, ResolvedPolicy) {
        let fixture = try PolicyFixture(changes, certificates: certificates)
        let compilation = try fixture.compile()
        #expect(!compilation.hasErrors, "\(compilation.diagnostics.filter { $0.severity == .error })")
        return (fixture, compilation.model)
    }

    static let ingress = "contosoprod.azurecr.io/platform/ingress@" + InspectionDocument.digest("ingress")

    @Test func rejectsASigningAuthorityChainThatExpiredBeforeItSigned() throws {
        let (fixture, model) = try Self.fixture(PolicyFixture.edit("identities/prod-build.yaml", [
            "environment: production": "environment: production\n  trustStoreType: signingAuthority",
        ]))
        defer { fixture.remove() }
        var signature = TestSignature(chain: InspectionDocument.chain(model.identities["prod-build"]!, leafExpiry: "2026-06-01T00:00:00Z"))
        signature.scheme = "notary.x509.signingAuthority"
        signature.signingTime = "2026-07-01T00:00:00Z"
        #expect(try Self.verdict(signature, image: Self.ingress, in: model).failure == .notValidAtSigningTime(
            certificate: signature.chain[0].issuedTo, expiry: Instant(rfc3339: "2026-06-01T00:00:00Z")!,
            signingTime: Instant(rfc3339: "2026-07-01T00:00:00Z")!))
        signature.signingTime = "2026-05-01T00:00:00Z"
        #expect(try Self.verdict(signature, image: Self.ingress, in: model).isTrusted)
    }

    @Test func requiresATimestampWhenEveryIdentityHasAnAuthority() throws {
        let (fixture, model) = try Self.fixture(PolicyFixture.edit("identities/prod-build.yaml", [
            "  certificates:": "  timestampAuthority:\n    file: certs/tsa-root.pem\n  certificates:",
        ]), certificates: ["identities/certs/tsa-root.pem": "tsa-root.pem"])
        defer { fixture.remove() }
        let policy = try #require(model.environment(named: "production")?.trust.policies.first)
        #expect(model.timestampRule(of: policy) == .always)
        let verdict = try Self.verdict(TestSignature(chain: InspectionDocument.chain(model.identities["prod-build"]!)),
                                       image: Self.ingress, in: model)
        #expect(verdict.failure == .missingTimestamp(statement: "production", rule: .always))
    }

    @Test func auditLevelOnlyLogsAuthenticity() throws {
        let (fixture, model) = try Self.fixture(PolicyFixture.edit("environments.yaml", [
            "tier: production": "tier: production\n  verificationLevel: audit",
        ]))
        defer { fixture.remove() }
        let verdict = try Self.verdict(TestSignature(chain: InspectionDocument.unknownChain()), image: Self.ingress, in: model)
        #expect(verdict.isTrusted)
        #expect(verdict.reason?.hasPrefix("logged, not enforced: untrusted root") == true)
    }
}
