import Foundation
import Testing
@testable import TrustPolicyCompiler

/// What explain says about images on the sample's clusters: stage, effect, verifier, statement,
/// identities, team and expected identities, why no statement applies, every question it cannot
/// answer, and when the image is rejected.
@Suite struct ExplainerTests {
    static let sample: ResolvedPolicy = { try! Sample.compile().model }()

    static func explain(_ image: String, cluster: String, namespace: String? = nil, signatures: NotationInspection? = nil,
                        model: ResolvedPolicy = sample) throws -> Explanation {
        try Explainer(model: model, today: PolicyFixture.today)
            .explain(.init(image: image, cluster: cluster, namespace: namespace, signatures: signatures)).get()
    }

    static func failure(_ image: String, cluster: String, namespace: String? = nil, signatures: NotationInspection? = nil) -> String? {
        if case .failure(let failure) = Explainer(model: sample, today: PolicyFixture.today)
            .explain(.init(image: image, cluster: cluster, namespace: namespace, signatures: signatures)) {
            return failure.description
        }
        return nil
    }

    @Test func aRepositoryInANamespacedVerifier() throws {
        let e = try Self.explain("contosoprod.azurecr.io/payments/api:1.4.2", cluster: "aks-prod-weu-1", namespace: "payments")
        let namespace = try #require(e.namespace)
        #expect(namespace.stage == .deny && namespace.effect == .deny && namespace.trustedTeams == ["payments"])
        #expect(namespace.assignment?.name == "trustc-production-aks-prod-weu-1-deny")
        #expect(namespace.declaration?.since.value == CivilDate(parsing: "2026-10-20"))
        #expect(namespace.declaration?.stage.location.file == "clusters/production/aks-prod-weu-1.yaml")
        #expect(e.statement?.name == "production.payments-release")
        #expect(e.identities.map(\.name) == ["payments-release", "prod-build"])
        #expect(e.trustStores.map(\.description) == ["ca:payments-release", "ca:prod-build", "tsa:payments-release"])
        #expect(e.timestampRule == .afterCertExpiry)
        #expect(e.team?.name == "payments")
        #expect(e.expectedIdentities.map(\.value) == ["prod-build", "payments-release"])
        #expect(e.unexpectedIdentities.isEmpty)
        #expect(e.isAdmissible == nil && !e.isRejected)
    }

    @Test func anotherTeamsRepositoryInANamespacedVerifierHasNoStatement() throws {
        let e = try Self.explain("contosoprod.azurecr.io/checkout/web:2", cluster: "aks-prod-weu-1", namespace: "payments")
        #expect(e.statement == nil && e.identities.isEmpty)
        guard case .namespaceLimited(let admitted)? = e.noScope?.reason else { Issue.record("\(String(describing: e.noScope))"); return }
        #expect(admitted == ["payments"] && e.noScope?.owner?.name == "checkout")
        #expect(e.noScope?.nearest.map(\.description).first?.hasPrefix("contosoprod.azurecr.io/payments/") == true)
        #expect(e.isAdmissible == false && e.isRejected)
        // The same image in checkout's namespace: the cluster verifier's statement.
        let checkout = try Self.explain("contosoprod.azurecr.io/checkout/web:2", cluster: "aks-prod-weu-1", namespace: "checkout")
        #expect(checkout.statement?.name == "production" && checkout.namespace?.trustedTeams == nil && !checkout.isRejected)
    }

    @Test func aTrustedEnvironmentsStatementAndAnUntrustedEnvironment() throws {
        let production = try Self.explain("contosoprod.azurecr.io/payments/api", cluster: "aks-dev-weu-1", namespace: "payments")
        #expect(production.statement?.name == "production.payments-release" && production.registryEnvironment.name == "production")
        #expect(production.namespace?.effect == .deny)
        let staging = try Self.explain("contosostaging.azurecr.io/payments/api", cluster: "aks-dev-weu-1", namespace: "payments")
        #expect(staging.statement == nil && staging.team?.name == "payments")
        guard case .environmentNotTrusted? = staging.noScope?.reason else { Issue.record("\(String(describing: staging.noScope))"); return }
        #expect(staging.noScope?.nearest.first?.description == "contosodev.azurecr.io/payments/api")
        #expect(staging.isRejected)
    }

    @Test func anUnownedRepositoryNamesWhoWouldHaveToOwnIt() throws {
        let ledger = try Self.explain("contosoprod.azurecr.io/payments/ledger", cluster: "aks-prod-neu-1", namespace: "payments")
        guard case .unowned(nil)? = ledger.noScope?.reason else { Issue.record("\(String(describing: ledger.noScope))"); return }
        #expect(ledger.noScope?.owner?.name == "payments")
        #expect(ledger.noScope?.nearest.map(\.description) == ["contosoprod.azurecr.io/payments/worker", "contosoprod.azurecr.io/payments/api",
                                                              "contosoprod.azurecr.io/data/etl"])
        #expect(ledger.team == nil && ledger.expectedIdentities.isEmpty && ledger.isRejected)
        let indexer = try Self.explain("contosoprod.azurecr.io/search/indexer", cluster: "aks-prod-neu-1", namespace: "checkout")
        guard case .unowned(let elsewhere?)? = indexer.noScope?.reason else { Issue.record("\(String(describing: indexer.noScope))"); return }
        #expect(elsewhere.name == "search" && indexer.noScope?.owner?.name == "search")
        // checkout is in warn on aks-prod-neu-1: reported, not rejected.
        #expect(indexer.namespace?.effect == .audit && !indexer.isRejected)
    }

    @Test func namespacesThatAreNotVerified() throws {
        let typo = try Self.explain("contosoprod.azurecr.io/payments/ledger", cluster: "aks-prod-weu-1", namespace: "paymnts")
        #expect(typo.namespace?.stage == .off && typo.namespace?.effect == EnforcementEffect.none)
        #expect(typo.namespace?.declaration == nil && typo.namespace?.suggestion == "payments")
        #expect(!typo.isRejected)
        let system = try Self.explain("contosoprod.azurecr.io/payments/ledger", cluster: "aks-prod-weu-1", namespace: "kube-system")
        #expect(system.namespace?.exclusion?.file == "organization.yaml" && system.namespace?.suggestion == nil)
        #expect(system.namespace?.effect == EnforcementEffect.none)
        let off = try Self.explain("contosoprod.azurecr.io/data/legacy-batch", cluster: "aks-prod-neu-1", namespace: "legacy-batch")
        #expect(off.namespace?.stage == .off && off.namespace?.declaration != nil && off.namespace?.effect == EnforcementEffect.none)
        let warn = try Self.explain("contosoprod.azurecr.io/payments/api", cluster: "aks-prod-eus2-1", namespace: "payments")
        #expect(warn.namespace?.effect == .audit && warn.namespace?.assignment?.name == "trustc-production-aks-prod-eus2-1-audit")
        let none = try Self.explain("contosoprod.azurecr.io/payments/ledger", cluster: "aks-prod-weu-1")
        #expect(none.namespace == nil && !none.isRejected && none.isAdmissible == false)
    }

    @Test func signaturesDecideAdmission() throws {
        let text = try String(contentsOf: PackageRoot.url.appendingPathComponent("examples/inventory/payments-api.json"), encoding: .utf8)
        let inspection = try NotationInspection.read(Array(text.utf8))
        let digest = try #require(inspection.signatures.first?.signedArtifactDigest)
        let image = "contosoprod.azurecr.io/payments/api@\(digest)"
        let trusted = try Self.explain(image, cluster: "aks-prod-weu-1", namespace: "payments", signatures: inspection)
        #expect(trusted.signatures?.map(\.verdict.isTrusted) == [true])
        #expect(trusted.signatures?.first?.verdict.signer?.identity == "payments-release")
        #expect(trusted.isAdmissible == true && !trusted.isRejected)
        // In checkout's namespace on a cluster without a verifier of its own: still production.payments-release.
        #expect(try Self.explain(image, cluster: "aks-prod-neu-1", namespace: "checkout", signatures: inspection).isAdmissible == true)
        let unknown = try NotationInspection.read(Array(InspectionDocument.line(
            reference: image, [TestSignature(chain: InspectionDocument.unknownChain(), artifact: digest)]).utf8))
        let rejected = try Self.explain(image, cluster: "aks-prod-weu-1", namespace: "payments", signatures: unknown)
        #expect(rejected.signatures?.first?.verdict.isTrusted == false && rejected.isRejected)
        let unsigned = try NotationInspection.read(Array(#"{"Signatures":[]}"#.utf8))
        #expect(try Self.explain(image, cluster: "aks-prod-weu-1", namespace: "payments", signatures: unsigned).isRejected)
    }

    /// With registry granularity an unowned repository falls under the `*` statement of the
    /// shared identities, and the registry guard decides which registries that admits.
    @Test func aRegistryWideStatementAndTheRegistryGuard() throws {
        let (model, copy) = try RegistryGranularityTests.sample()
        defer { try? FileManager.default.removeItem(at: copy) }
        let ledger = try Self.explain("contosoprod.azurecr.io/payments/ledger", cluster: "aks-prod-weu-1", namespace: "checkout", model: model)
        #expect(ledger.statement?.isRegistryWide == true && ledger.statement?.name == "production" && ledger.noScope == nil)
        #expect(ledger.registryGuard?.loginServers == ["contosoprod.azurecr.io"] && ledger.registryGuard?.admits == true)
        #expect(ledger.registryGuard?.granularity.file == "organization.yaml")
        #expect(ledger.isAdmissible == nil && !ledger.isRejected)
        // A development image in a production namespace that denies: the `*` statement's
        // identities might verify it, but the guard rejects its registry.
        let foreign = try Self.explain("contosodev.azurecr.io/checkout/web", cluster: "aks-prod-weu-1", namespace: "checkout", model: model)
        #expect(foreign.statement?.isRegistryWide == true && foreign.registryGuard?.admits == false)
        #expect(foreign.isAdmissible == false && foreign.isRejected && foreign.failure == "the registry guard does not admit contosodev.azurecr.io")
        // A team identity's statement stays exact, and the guard is not what decides it.
        let api = try Self.explain("contosoprod.azurecr.io/payments/api", cluster: "aks-prod-neu-1", namespace: "checkout", model: model)
        #expect(api.statement?.name == "production.payments-release" && api.statement?.isRegistryWide == false && api.registryGuard == nil)
    }

    @Test(arguments: [
        ("contosoprod.azurecr.io/Payments/api", "aks-prod-weu-1", nil, "is not an image reference: `Payments/api` is not a repository path"),
        ("contosoprod.azurecr.io/payments/api@sha256:abc", "aks-prod-weu-1", nil, "is not a digest"),
        ("contosoprod.azurecr.io/payments/api", "aks-prod-weu-2", nil, "unknown cluster `aks-prod-weu-2`. Did you mean `aks-prod-weu-1`?"),
        ("contosoprd.azurecr.io/payments/api", "aks-prod-weu-1", nil,
         "`contosoprd.azurecr.io` is not a registry of the source. Did you mean `contosoprod.azurecr.io`?"),
        ("nginx:1.27", "aks-prod-weu-1", nil, "`docker.io` is not a registry of the source."),
        ("contosoprod.azurecr.io/payments/api", "aks-prod-weu-1", "Payments", "`Payments` is not a Kubernetes namespace name"),
    ] as [(String, String, String?, String)])
    func refusesWhatItCannotAnswer(image: String, cluster: String, namespace: String?, message: String) {
        let failure = Self.failure(image, cluster: cluster, namespace: namespace)
        #expect(failure?.contains(message) == true, "\(String(describing: failure))")
    }

    @Test func refusesSignaturesOfAnotherImage() throws {
        let other = try NotationInspection.read(Array(InspectionDocument.line(reference: "contosoprod.azurecr.io/payments/worker@sha256:"
            + String(repeating: "0", count: 64), []).utf8))
        #expect(Self.failure("contosoprod.azurecr.io/payments/api", cluster: "aks-prod-weu-1", signatures: other)?
            .hasPrefix("the signatures are of `contosoprod.azurecr.io/payments/worker@sha256:") == true)
    }
}
