import Foundation
import Testing
@testable import TrustPolicyCompiler

/// The pull requests a policy repository sees, each applied as a commit on top of the sample in
/// a temporary Git repository and planned with `trustc plan --base HEAD~1` (text, Markdown and
/// JSON, compared with golden files) and with the library.
///
/// The clusters each plan must name follow from the sample (policies/README.md):
/// development (aks-dev-weu-1) trusts its own scopes and, read-only, production's; staging
/// (aks-staging-weu-1, aks-staging-eus2-1) trusts only its own; production (aks-prod-weu-1,
/// aks-prod-neu-1, aks-prod-eus2-1) only its own. So a change to production trust reaches the
/// development cluster too, a change to staging trust reaches only staging, and a change to one
/// Cluster file reaches only that cluster.
@Suite struct PlanPullRequestTests {
    // MARK: A team adds a repository

    /// data deploys to development and production (not staging): its new repository enters
    /// development's own scopes and production's, which development also trusts.
    @Test func teamAddsRepository() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("teams/data.yaml", replacing: "    - data/legacy-batch\n",
                            with: "    - data/legacy-batch\n    - data/feature-store\n")
        try repository.commit("data: add data/feature-store")
        let plan = try repository.expectPlan(.init(golden: "team-adds-repository",
                                                   clusters: SampleClusters.production.union(SampleClusters.development),
                                                   authorTeam: "data"))
        let added = plan.environments.flatMap { $0.groups.flatMap(\.changes) }.filter { $0.kind == .scopesAdded }
        #expect(Set(added.flatMap(\.items)) == ["contosodev.azurecr.io/data/feature-store", "contosoprod.azurecr.io/data/feature-store"])
        #expect(plan.ownership.isEmpty)
    }

    /// search deploys to development and staging only: no production cluster changes.
    @Test func nonProductionTeamAddsRepository() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("teams/search.yaml", replacing: "repositories: [search/indexer, search/query]",
                            with: "repositories: [search/indexer, search/query, search/ranker]")
        try repository.commit("search: add search/ranker")
        try repository.expectPlan(.init(golden: "team-adds-repository-nonproduction",
                                        clusters: SampleClusters.staging.union(SampleClusters.development)))
    }

    // MARK: A team requests the production identity

    /// checkout asks to sign with payments-release, a team-scoped production identity: its
    /// production repositories move to a policy trusting prod-build and payments-release, in
    /// production and (read-only) development. No new identity enters production (TR001), but
    /// a team gains a production identity (TR002).
    @Test func teamRequestsProductionIdentity() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("teams/checkout.yaml", replacing: "signingIdentities: [prod-build, staging-build, dev-build]",
                            with: "signingIdentities: [prod-build, payments-release, staging-build, dev-build]")
        try repository.commit("checkout: request payments-release")
        let affected = SampleClusters.production.union(SampleClusters.development)
        try repository.expectPlan(.init(golden: "team-requests-production-identity", clusters: affected,
                                        risks: [.teamGainsProductionIdentity: affected], authorTeam: "checkout"))
        // The PR check fails on the risk class it was told to fail on, by code or by name.
        #expect(try repository.planCLI(["--fail-on", "TR002"]).status == 1)
        #expect(try repository.planCLI(["--fail-on", "team-gains-production-identity"]).status == 1)
        #expect(try repository.planCLI(["--fail-on", "all"]).status == 1)
        #expect(try repository.planCLI(["--fail-on", "TR001,TR004"]).status == 2)
    }

    /// search starts deploying to production with the shared prod-build identity: its
    /// repositories enter production's scopes (and development's read-only view of them).
    @Test func teamStartsDeployingToProduction() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("teams/search.yaml", replacing: "environments: [development, staging]",
                            with: "environments: [development, staging, production]")
        try repository.edit("teams/search.yaml", replacing: "signingIdentities: [staging-build, dev-build]",
                            with: "signingIdentities: [prod-build, staging-build, dev-build]")
        try repository.commit("search: go to production")
        let affected = SampleClusters.production.union(SampleClusters.development)
        try repository.expectPlan(.init(golden: "team-starts-deploying-to-production", clusters: affected,
                                        risks: [.teamGainsProductionIdentity: affected]))
    }

    /// A new production identity, requested by checkout in the same pull request: trusted in
    /// production for the first time (TR001, production clusters only), a team gains it (TR002),
    /// its certificate expires in 15 days (TR006), and the author's team does not own the
    /// identity's files (TR008).
    @Test func newProductionIdentity() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.copyCertificate("expiring-root.pem", to: "identities/certs/checkout-release-root.pem")
        try repository.write("identities/checkout-release.yaml", """
        # yaml-language-server: $schema=../../schemas/signingidentity.schema.json
        apiVersion: trustc/v1
        kind: SigningIdentity
        metadata:
          name: checkout-release
        spec:
          environment: production
          subject: "C=US, ST=WA, L=Redmond, O=Contoso, OU=Checkout Release, CN=checkout-release.contoso.com"
          keyVault:
            vaultURI: https://kv-contoso-prod.vault.azure.net/
            keyName: checkout-release
            certificateName: checkout-release-root
            clientID: d859202f-feef-4612-b1eb-c7c80c92e82f
          certificates:
            - file: certs/checkout-release-root.pem

        """)
        try repository.edit("teams/checkout.yaml", replacing: "signingIdentities: [prod-build, staging-build, dev-build]",
                            with: "signingIdentities: [prod-build, checkout-release, staging-build, dev-build]")
        try repository.commit("checkout: a release identity of its own")
        let affected = SampleClusters.production.union(SampleClusters.development)
        let plan = try repository.expectPlan(.init(
            golden: "new-production-identity", clusters: affected,
            risks: [.newProductionIdentity: SampleClusters.production, .teamGainsProductionIdentity: affected,
                    .certificateNearExpiry: affected, .outsideAuthorTeam: []],
            authorTeam: "checkout"))
        #expect(plan.ownership.map(\.file) == ["identities/certs/checkout-release-root.pem", "identities/checkout-release.yaml"])
        #expect(plan.ownership.allSatisfy { $0.owners == ["platform"] })
        #expect(try repository.planCLI(["--fail-on", "TR001"]).status == 1)
        // With a lower threshold the certificate is not a risk any more.
        #expect(!(try repository.planLibrary(minimumValidityDays: 10)).risks.contains { $0.risk == .certificateNearExpiry })
        #expect(try repository.planCLI(["--minimum-validity-days", "10", "--fail-on", "TR006"]).status == 2)
    }

    // MARK: Certificate rotation

    /// staging-build starts a rotation: a second root enters `ca:staging-build`, which only
    /// staging's clusters trust.
    @Test func certificateRotationStarts() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.copyCertificate("valid-root.pem", to: "identities/certs/staging-build-root-2027.pem")
        try repository.edit("identities/staging-build.yaml", replacing: "    - file: certs/staging-build-root.pem\n",
                            with: "    - file: certs/staging-build-root.pem\n    - file: certs/staging-build-root-2027.pem\n")
        try repository.commit("staging-build: start the 2027 rotation")
        try repository.expectPlan(.init(golden: "certificate-rotation-starts", clusters: SampleClusters.staging,
                                        authorTeam: "platform"))
    }

    /// prod-build finishes its rotation: the 2025 root leaves `ca:prod-build` in production and
    /// in development (which trusts production's identities for production's images).
    @Test func certificateRotationCompletes() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("identities/prod-build.yaml",
                            replacing: "    - file: certs/prod-build-root-2025.pem\n      keyVaultVersion: d7df83ba629c5b127341b331be62025a\n",
                            with: "")
        try repository.delete("identities/certs/prod-build-root-2025.pem")
        try repository.commit("prod-build: retire the 2025 root")
        let affected = SampleClusters.production.union(SampleClusters.development)
        let plan = try repository.expectPlan(.init(golden: "certificate-rotation-completes", clusters: affected,
                                                   risks: [.certificateRetired: affected]))
        let kinds = Set(plan.environments.flatMap { $0.groups.flatMap(\.changes) }.map(\.kind))
        #expect(kinds == [.certificateRemoved])
    }

    // MARK: A namespace flips to deny

    /// payments on aks-prod-eus2-1 has been in warn since 2026-11-09; 14 days later it denies.
    /// Only that cluster changes: its audit assignment loses the namespace and a deny
    /// assignment is created.
    @Test func namespaceFlipsToDeny() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("clusters/production/aks-prod-eus2-1.yaml",
                            replacing: "    - name: payments\n      stage: warn\n      since: 2026-11-09\n",
                            with: "    - name: payments\n      stage: deny\n      since: 2026-11-23\n      warnSince: 2026-11-09\n")
        try repository.commit("aks-prod-eus2-1: payments to deny")
        let plan = try repository.expectPlan(.init(golden: "namespace-to-deny", clusters: ["aks-prod-eus2-1"],
                                                   risks: [.namespaceToDeny: ["aks-prod-eus2-1"]], authorTeam: "platform"))
        let kinds = plan.environments.flatMap { $0.groups.flatMap(\.changes) }.map(\.kind)
        #expect(kinds == [.namespaceStageChanged, .assignmentChanged, .assignmentChanged])
        #expect(try repository.planCLI(["--fail-on", "TR004"]).status == 1)
        #expect(try repository.planCLI(["--fail-on", "namespace-to-deny"]).status == 1)
        #expect(try repository.planCLI(["--fail-on", "TR001", "--fail-on", "TR005"]).status == 2)
    }

    /// The payments team proposes the flip itself: the Cluster file belongs to the platform
    /// team, so the plan reports it (TR008) and a check failing on TR008 fails.
    @Test func authorOutsideTheirTeam() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("clusters/production/aks-prod-eus2-1.yaml",
                            replacing: "    - name: payments\n      stage: warn\n      since: 2026-11-09\n",
                            with: "    - name: payments\n      stage: deny\n      since: 2026-11-23\n      warnSince: 2026-11-09\n")
        try repository.commit("payments: deny on aks-prod-eus2-1")
        let plan = try repository.expectPlan(.init(golden: "namespace-to-deny-by-payments", clusters: ["aks-prod-eus2-1"],
                                                   risks: [.namespaceToDeny: ["aks-prod-eus2-1"], .outsideAuthorTeam: []],
                                                   authorTeam: "payments"))
        #expect(plan.ownership == [OwnershipFinding(file: "clusters/production/aks-prod-eus2-1.yaml", owners: ["platform"])])
        #expect(try repository.planCLI(["--author-team", "payments", "--fail-on", "outside-author-team"]).status == 1)
        // Without --author-team there is no ownership finding.
        #expect(try repository.planLibrary().ownership.isEmpty)
    }

    // MARK: A new region

    /// A first production cluster in West US 2, where contosoprod has no replica: only the new
    /// cluster changes, and the plan warns that it would pull images across regions (TR007).
    @Test func newRegionWithoutReplica() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.write("clusters/production/aks-prod-wus2-1.yaml", Self.westUS2Cluster)
        try repository.commit("aks-prod-wus2-1: first cluster in westus2")
        try repository.expectPlan(.init(golden: "new-region-without-replica", clusters: ["aks-prod-wus2-1"],
                                        risks: [.regionsDiverge: ["aks-prod-wus2-1"]]))
        // validate agrees: a warning (the region has no replica), not an error.
        let validation = try Trustc.run(["validate", "policies", "--now", PlanRepository.now], in: repository.root.path)
        #expect(validation.status == 0)
        #expect(validation.stdout.contains("warning["), "\(validation.stdout)")
    }

    /// The same cluster with contosoprod replicated to West US 2 in the same pull request: the
    /// registry's regions do not enter any rendered file, so still only the new cluster changes,
    /// and nothing diverges.
    @Test func newRegionWithReplica() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.write("clusters/production/aks-prod-wus2-1.yaml", Self.westUS2Cluster)
        try repository.edit("registries.yaml", replacing: "regions: [westeurope, northeurope, eastus2]",
                            with: "regions: [westeurope, northeurope, eastus2, westus2]")
        try repository.commit("production: westus2")
        try repository.expectPlan(.init(golden: "new-region", clusters: ["aks-prod-wus2-1"], authorTeam: "platform"))
    }

    static let westUS2Cluster = """
    # yaml-language-server: $schema=../../../schemas/cluster.schema.json
    apiVersion: trustc/v1
    kind: Cluster
    metadata:
      name: aks-prod-wus2-1
    spec:
      environment: production
      region: westus2
      resourceID: /subscriptions/8247a08c-3bcd-4407-b62e-16099589d60e/resourceGroups/rg-aks-prod-wus2/providers/Microsoft.ContainerService/managedClusters/aks-prod-wus2-1
      namespaces:
        - name: platform-ingress
          stage: warn
          since: 2026-11-20
        - name: payments
          stage: warn
          since: 2026-11-20
        - name: checkout
          stage: off
          since: 2026-11-20

    """

    // MARK: Trust removed, level lowered

    /// data drops data/etl: it leaves development's and production's scopes. The data team runs
    /// data-pipelines and legacy-batch on aks-dev-weu-1, aks-prod-weu-1 and aks-prod-neu-1 but
    /// not on aks-prod-eus2-1, so only those three get TR003.
    @Test func trustRemovedFromRunningWorkloads() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("teams/data.yaml", replacing: "    - data/etl\n", with: "")
        try repository.commit("data: retire data/etl")
        try repository.expectPlan(.init(golden: "trust-removed-from-running-workloads",
                                        clusters: SampleClusters.production.union(SampleClusters.development),
                                        risks: [.trustRemovedFromRunningWorkloads: ["aks-dev-weu-1", "aks-prod-neu-1", "aks-prod-weu-1"]]))
    }

    /// production goes from strict to permissive: every production scope, in production and in
    /// development's read-only view, is verified less strictly (TR005); aks-prod-weu-1's payments
    /// namespace, which has a verifier of its own, changes with it.
    @Test func verificationLevelLowered() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("environments/production.yaml", replacing: "verificationLevel: strict", with: "verificationLevel: permissive")
        try repository.commit("production: permissive")
        let affected = SampleClusters.production.union(SampleClusters.development)
        try repository.expectPlan(.init(golden: "verification-level-lowered", clusters: affected,
                                        risks: [.verificationLevelLowered: affected]))
        #expect(try repository.planCLI(["--fail-on", "verification-level-lowered"]).status == 1)
    }

    // MARK: No change

    /// A comment is not a change: exit 0, and the plan says which file changed without effect.
    @Test func noChange() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("teams/search.yaml", replacing: "still in beta", with: "in beta")
        try repository.commit("search: comment")
        try repository.expectPlan(.init(golden: "no-change", clusters: [], status: 0))
        // The same revision on both sides: no change and no changed file.
        let same = try repository.planCLI([], base: "HEAD")
        #expect(same.status == 0)
        #expect(same.stdout == "No changes: every cluster enforces exactly what it enforces today.\n")
        // Failing on every risk fails nothing when there is none.
        #expect(try repository.planCLI(["--fail-on", "all"]).status == 0)
    }

    /// A pull request whose only finding is about ownership: no cluster changes (exit 0) but the
    /// risk is shown, and fails the check when asked to.
    @Test func ownershipFindingWithoutChanges() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("teams/search.yaml", replacing: "still in beta", with: "in beta")
        try repository.commit("checkout edits search's file")
        try repository.expectPlan(.init(golden: "no-change-outside-author-team", clusters: [],
                                        risks: [.outsideAuthorTeam: []], status: 0, authorTeam: "checkout"))
        #expect(try repository.planCLI(["--author-team", "checkout", "--fail-on", "TR008"]).status == 1)
    }

    // MARK: --base-dir

    /// Two checkouts instead of a revision: the same plan as `--base HEAD~1`, byte for byte.
    @Test func baseDirectoryGivesTheSamePlan() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        let checkout = repository.root.appendingPathComponent("base-checkout")
        try FileManager.default.copyItem(at: repository.policies, to: checkout)
        try repository.edit("clusters/production/aks-prod-eus2-1.yaml",
                            replacing: "    - name: payments\n      stage: warn\n      since: 2026-11-09\n",
                            with: "    - name: payments\n      stage: deny\n      since: 2026-11-23\n      warnSince: 2026-11-09\n")
        try repository.commit("aks-prod-eus2-1: payments to deny")
        for (format, suffix) in [("text", "txt"), ("markdown", "md"), ("json", "json")] {
            let run = try Trustc.run(["plan", "policies", "--base-dir", checkout.path, "--now", PlanRepository.now,
                                      "--format", format, "--author-team", "platform"], in: repository.root.path)
            #expect(run.status == 2, "\(run.stderr)")
            try PlanGolden.expect(run.stdout, matches: "namespace-to-deny.\(suffix)")
        }
        // Outside any Git repository, --base-dir still works.
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-plan-nogit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repository.policies, to: elsewhere.appendingPathComponent("head"))
        let run = try Trustc.run(["plan", "head", "--base-dir", checkout.path, "--now", PlanRepository.now], in: elsewhere.path)
        #expect(run.status == 2)
        // (--author-team adds nothing here: the platform team owns the Cluster file.)
        try PlanGolden.expect(run.stdout, matches: "namespace-to-deny.txt")
    }
}
