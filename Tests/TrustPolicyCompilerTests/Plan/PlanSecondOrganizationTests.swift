import Foundation
import Testing
@testable import TrustPolicyCompiler

/// The same kinds of pull request on an independent organisation of another shape: the
/// fabrikam example (examples/fabrikam/policies): environments `prod` (aks-fab-prod-uks-1 and
/// -uks-2 in uksouth, -ukw-1 in ukwest, -sec-1 in swedencentral; minimumWarnDays 21) and
/// `nonprod` (aks-fab-nonprod-uks-1, -ukw-1), neither trusting the other; Key Vault-backed trust
/// stores; several resources per file.
@Suite struct PlanSecondOrganizationTests {
    static let source = Golden.packageRoot.appendingPathComponent("examples/fabrikam/policies")
    static let prod: Set<String> = ["aks-fab-prod-uks-1", "aks-fab-prod-uks-2", "aks-fab-prod-ukw-1", "aks-fab-prod-sec-1"]
    static let nonprod: Set<String> = ["aks-fab-nonprod-uks-1", "aks-fab-nonprod-ukw-1"]

    /// analytics deploys to nonprod only.
    @Test func teamAddsRepository() throws {
        let repository = try PlanRepository(source: Self.source)
        defer { repository.remove() }
        try repository.edit("teams/analytics.yaml", replacing: "repositories: [analytics/notebooks, analytics/spark-jobs]",
                            with: "repositories: [analytics/notebooks, analytics/spark-jobs, analytics/feature-store]")
        try repository.commit("analytics: feature-store")
        try repository.expectPlan(.init(golden: nil, clusters: Self.nonprod, authorTeam: "analytics"))
    }

    /// storefront asks for the devices team's firmware-signing identity: its repositories join
    /// the prod policy trusting prod-release and firmware-signing, on every prod cluster. The
    /// devices namespace's own verifier (devices' scopes only) does not change.
    @Test func teamRequestsProductionIdentity() throws {
        let repository = try PlanRepository(source: Self.source)
        defer { repository.remove() }
        try repository.edit("teams/storefront.yaml", replacing: "signingIdentities: [prod-release, nonprod-ci]",
                            with: "signingIdentities: [prod-release, firmware-signing, nonprod-ci]")
        try repository.commit("storefront: firmware-signing")
        let plan = try repository.expectPlan(.init(golden: nil, clusters: Self.prod,
                                                   risks: [.teamGainsProductionIdentity: Self.prod], authorTeam: "storefront"))
        let kinds = Set(plan.environments.flatMap { $0.groups.flatMap(\.changes) }.map(\.kind))
        #expect(kinds == [.identityTrusted])
    }

    /// nonprod-ci starts a rotation: only nonprod's clusters get the new root.
    @Test func certificateRotation() throws {
        let repository = try PlanRepository(source: Self.source)
        defer { repository.remove() }
        try repository.copyCertificate("valid-root.pem", to: "certs/nonprod-ci-root-2027.pem")
        try repository.edit("nonprod/identities.yaml", replacing: "      keyVaultVersion: 9880f8a005db11db9a3a2cc9269d4d2d\n",
                            with: "      keyVaultVersion: 9880f8a005db11db9a3a2cc9269d4d2d\n    - file: ../certs/nonprod-ci-root-2027.pem\n      keyVaultVersion: 5e1f0c2d3b4a59687766554433221100\n")
        try repository.commit("nonprod-ci: rotation")
        try repository.expectPlan(.init(golden: nil, clusters: Self.nonprod, authorTeam: "platform"))
    }

    /// devices on aks-fab-prod-uks-2 has been in warn since 2026-11-02; prod needs 21 days.
    /// Only that cluster changes, though its file holds three other clusters.
    @Test func namespaceFlipsToDeny() throws {
        let repository = try PlanRepository(source: Self.source)
        defer { repository.remove() }
        try repository.edit("prod/clusters.yaml",
                            replacing: "    - { name: devices, stage: warn, since: 2026-11-02, trustedTeams: [devices] }",
                            with: "    - { name: devices, stage: deny, since: 2026-11-23, warnSince: 2026-11-02, trustedTeams: [devices] }")
        try repository.commit("aks-fab-prod-uks-2: devices to deny")
        try repository.expectPlan(.init(golden: nil, clusters: ["aks-fab-prod-uks-2"],
                                        risks: [.namespaceToDeny: ["aks-fab-prod-uks-2"], .outsideAuthorTeam: []],
                                        authorTeam: "devices"))
    }

    /// A first prod cluster in northeurope, where fabrikamprod has no replica.
    @Test func newRegion() throws {
        let repository = try PlanRepository(source: Self.source)
        defer { repository.remove() }
        let clusters = try repository.read("prod/clusters.yaml")
        try repository.write("prod/clusters.yaml", clusters + """
        ---
        apiVersion: trustc/v1
        kind: Cluster
        metadata:
          name: aks-fab-prod-neu-1
        spec:
          environment: prod
          region: northeurope
          resourceID: /subscriptions/921f1121-1cb9-4c36-9e40-9bf5914c3bfa/resourceGroups/rg-aks-prod-northeurope/providers/Microsoft.ContainerService/managedClusters/aks-fab-prod-neu-1
          namespaces:
            - { name: storefront, stage: warn, since: 2026-11-20 }

        """)
        try repository.commit("prod: northeurope")
        try repository.expectPlan(.init(golden: nil, clusters: ["aks-fab-prod-neu-1"],
                                        risks: [.regionsDiverge: ["aks-fab-prod-neu-1"]]))
    }
}
