import Testing
@testable import TrustPolicyCompiler

/// What a cluster enforces, worked out once by the resolver: every stage's effect, excluded
/// namespaces, namespaced verifiers and the assignments that carry them.
@Suite struct ClusterEnforcementTests {
    private static let cluster = """
        apiVersion: trustc/v1
        kind: Cluster
        metadata:
          name: aks-prod-weu-1
        spec:
          environment: production
          region: westeurope
          resourceID: /subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod-weu-1
          namespaces:
            - { name: zeta, stage: warn, since: 2026-11-01 }
            - { name: ingress, stage: deny, since: 2026-11-20, warnSince: 2026-11-01 }
            - { name: batch, stage: off, since: 2026-11-01 }
            - { name: kube-system, stage: deny, since: 2026-11-20, warnSince: 2026-11-01 }
            - { name: alpha, stage: warn, since: 2026-11-01, trustedTeams: [platform] }
        """

    private func enforcement() throws -> ClusterEnforcement {
        let fixture = try PolicyFixture(["clusters/aks-prod-weu-1.yaml": Self.cluster])
        defer { fixture.remove() }
        let compilation = try fixture.compile()
        // kube-system is listed although it is excluded (TP606, a warning).
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
        return try #require(compilation.model.clusters.first).enforcement
    }

    @Test func everyStageHasItsEffect() throws {
        let enforcement = try enforcement()
        #expect(enforcement.namespaces.map(\.name) == ["alpha", "batch", "ingress", "kube-system", "zeta"])
        #expect(enforcement.namespaces.map(\.effect) == [.audit, .none, .deny, .none, .audit])
        #expect(enforcement.namespace(named: "kube-system")?.isExcluded == true)
        #expect(enforcement.namespace(named: "kube-system")?.stage == .deny)
        #expect(enforcement.namespace(named: "missing") == nil)
    }

    @Test func assignmentsCoverTheEnforcedNamespacesOnly() throws {
        let enforcement = try enforcement()
        #expect(enforcement.assignments == [
            PolicyAssignmentEnforcement(name: "trustc-production-aks-prod-weu-1-audit", policy: .signatures, stage: .warn, effect: .audit,
                                        namespaces: ["alpha", "zeta"]),
            PolicyAssignmentEnforcement(name: "trustc-production-aks-prod-weu-1-deny", policy: .signatures, stage: .deny, effect: .deny,
                                        namespaces: ["ingress"]),
        ])
        #expect(enforcement.excludedNamespaces == Organization.defaultExcludedNamespaces)
    }

    @Test func trustedTeamsGetTheirOwnVerifier() throws {
        let enforcement = try enforcement()
        guard case .namespaced(let trust)? = enforcement.namespace(named: "alpha")?.verifier else {
            Issue.record("alpha has no namespaced verifier")
            return
        }
        #expect(trust.teams == ["platform"])
        #expect(trust.policies.flatMap { $0.scopes.references } == ["contosoprod.azurecr.io/platform/ingress"])
        #expect(enforcement.namespace(named: "zeta")?.verifier == .cluster)
        #expect(enforcement.hasNamespacedVerifiers)
        #expect(enforcement.namespaceTrust.map(\.namespace) == ["alpha"])
    }

    @Test func effectsMatchStages() {
        #expect(Cluster.Stage.allCases.map(EnforcementEffect.init) == [.none, .audit, .deny])
        #expect(EnforcementEffect.allCases.map(\.policyEffect) == [nil, "Audit", "Deny"])
        #expect(Cluster.Stage.enforcing == [.warn, .deny])
    }
}
