import Foundation
import Testing
@testable import TrustPolicyCompiler

/// Changes outside the usual pull-request kinds that still change what clusters enforce (each
/// once produced "No changes"), and changes that enforce nothing new (once reported as changes).
/// The plan must name exactly the clusters whose rendered output changes.
@Suite struct PlanCoverageTests {
    private func changes(_ plan: Plan) -> [PlanChange] {
        plan.environments.flatMap { $0.groups.flatMap(\.changes) }
    }

    /// A cluster's resource id moves its assignments to another AKS resource.
    @Test func resourceIDChange() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("clusters/production/aks-prod-eus2-1.yaml", replacing: "resourceGroups/rg-aks-prod-eus2/",
                            with: "resourceGroups/rg-aks-prod-eus2-blue/")
        try repository.commit("aks-prod-eus2-1: blue")
        let plan = try repository.planLibrary()
        repository.expect(plan, .init(golden: nil, clusters: ["aks-prod-eus2-1"]))
        #expect(changes(plan).map(\.kind) == [.resourceIDChanged])
        #expect(try repository.planCLI().status == 2)
    }

    /// The organisation's excluded namespaces are a parameter of every assignment: every cluster
    /// with an assignment changes, grouped per environment.
    @Test func excludedNamespacesChange() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("organization.yaml", replacing: "  certificateExpiryWarningDays: 30\n",
                            with: "  certificateExpiryWarningDays: 30\n  excludedNamespaces: [kube-system, gatekeeper-system]\n")
        try repository.commit("exclude fewer namespaces")
        let plan = try repository.planLibrary()
        repository.expect(plan, .init(golden: nil, clusters: SampleClusters.all))
        #expect(plan.environments.map(\.groups.count) == [1, 1, 1])
        #expect(Set(changes(plan).map(\.summary)) == [
            "assignments exclude namespaces `kube-system`, `gatekeeper-system` (was `kube-system`, `gatekeeper-system`, `azure-arc`, `azure-extensions-usage-system`)",
        ])
    }

    /// Switching Ratify to Key Vault-backed trust stores changes no identity, scope or
    /// certificate, but every environment's providers: the rendered bases say so.
    @Test func trustStoreSourceChange() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("organization.yaml", replacing: "trustStoreSource: inline", with: "trustStoreSource: keyvault")
        for (identity, certificate) in [("dev-build", "dev-build-root"), ("staging-build", "staging-build-root"),
                                        ("payments-release", "payments-release-root")] {
            try repository.edit("identities/\(identity).yaml", replacing: "    - file: certs/\(certificate).pem\n",
                                with: "    - file: certs/\(certificate).pem\n      keyVaultVersion: 00112233445566778899aabbccddeeff\n")
        }
        try repository.commit("Key Vault trust stores")
        let plan = try repository.planLibrary()
        repository.expect(plan, .init(golden: nil, clusters: SampleClusters.all))
        #expect(Set(changes(plan).map(\.kind)) == [.filesChanged])
        #expect(changes(plan).allSatisfy { $0.items.contains("ratify/key-management-providers.yaml") })
    }

    /// A certificate file renamed, same bytes: the trust store's file name changes in production
    /// and development's bases (payments-release's timestamp authority).
    @Test func renamedCertificateFile() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.git("mv", "policies/identities/certs/tsa-root.pem", "policies/identities/certs/contoso-tsa-root.pem")
        try repository.edit("identities/payments-release.yaml", replacing: "file: certs/tsa-root.pem", with: "file: certs/contoso-tsa-root.pem")
        try repository.commit("rename the TSA root")
        let plan = try repository.planLibrary()
        repository.expect(plan, .init(golden: nil, clusters: SampleClusters.production.union(SampleClusters.development)))
        #expect(Set(changes(plan).flatMap(\.items)) == ["notation/truststore/x509/tsa/payments-release/contoso-tsa-root.pem",
                                                         "notation/truststore/x509/tsa/payments-release/tsa-root.pem"])
    }

    /// A namespace added in `off` is enforced nowhere: nothing changes (exit 0). Moving it to
    /// warn later is a change.
    @Test func offNamespaceIsNoChange() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("clusters/staging/aks-staging-weu-1.yaml", replacing: "  namespaces:\n",
                            with: "  namespaces:\n    - name: data-pipelines\n      stage: off\n      since: 2026-11-20\n")
        try repository.commit("aks-staging-weu-1: data-pipelines, off")
        repository.expect(try repository.planLibrary(), .init(golden: nil, clusters: []))
        #expect(try repository.planCLI().status == 0)
        try repository.edit("clusters/staging/aks-staging-weu-1.yaml", replacing: "    - name: data-pipelines\n      stage: off\n",
                            with: "    - name: data-pipelines\n      stage: warn\n")
        try repository.commit("aks-staging-weu-1: data-pipelines, warn")
        let plan = try repository.planLibrary()
        repository.expect(plan, .init(golden: nil, clusters: ["aks-staging-weu-1"]))
        #expect(changes(plan).map(\.kind) == [.namespaceStageChanged, .assignmentChanged])
    }

    /// Removing a cluster deletes its bundle and assignments; nothing else changes.
    @Test func clusterRemoved() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.delete("clusters/staging/aks-staging-eus2-1.yaml")
        try repository.commit("retire aks-staging-eus2-1")
        let plan = try repository.planLibrary()
        repository.expect(plan, .init(golden: nil, clusters: ["aks-staging-eus2-1"]))
        #expect(changes(plan).map(\.kind) == [.clusterRemoved, .assignmentDeleted, .assignmentDeleted])
    }

    /// A cluster that moves region keeps its resource and its assignments: its bundle moves,
    /// and nothing is deleted (it was once reported as removed and added).
    @Test func clusterMovesRegion() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("clusters/production/aks-prod-neu-1.yaml", replacing: "region: northeurope", with: "region: westeurope")
        try repository.commit("aks-prod-neu-1 is in westeurope")
        let plan = try repository.planLibrary()
        repository.expect(plan, .init(golden: nil, clusters: ["aks-prod-neu-1"]))
        let moved = changes(plan)
        #expect(moved.map(\.kind) == [.clusterMoved], "\(moved)")
        #expect(moved.first?.items == ["production/northeurope/aks-prod-neu-1/", "production/westeurope/aks-prod-neu-1/"])
        #expect(moved.first?.summary.contains("its Azure Policy assignments stay") == true)
        #expect(plan.environments.map(\.environment) == ["production"])
        #expect(plan.environments[0].groups[0].clusters.map(\.region) == ["westeurope"])
    }

    /// A cluster that moves to another environment trusts that environment instead: a move,
    /// and its assignments (named after the environment) are replaced.
    @Test func clusterMovesEnvironment() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("clusters/staging/aks-staging-weu-1.yaml", replacing: "environment: staging",
                            with: "environment: development")
        try repository.commit("aks-staging-weu-1 becomes a development cluster")
        let plan = try repository.planLibrary()
        repository.expect(plan, .init(golden: nil, clusters: ["aks-staging-weu-1"]))
        let kinds = Set(changes(plan).map(\.kind))
        #expect(kinds.isSuperset(of: [.clusterMoved, .assignmentCreated, .assignmentDeleted]), "\(kinds)")
        #expect(!kinds.contains(.clusterRemoved) && !kinds.contains(.clusterAdded))
    }

    /// A team listing an identity its environment already trusts as a shared one changes no
    /// cluster: TR002 is still raised (the audit's expected signers change) but names no cluster,
    /// and the plan says nothing changes.
    @Test func teamRequestsAnIdentityAlreadyShared() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("teams/data.yaml", replacing: "signingIdentities: [prod-build, dev-build]",
                            with: "signingIdentities: [dev-build]")
        try repository.commit("data: without prod-build")
        try repository.edit("teams/data.yaml", replacing: "signingIdentities: [dev-build]",
                            with: "signingIdentities: [prod-build, dev-build]")
        try repository.commit("data: request prod-build")
        let plan = try repository.planLibrary()
        repository.expect(plan, .init(golden: nil, clusters: [], risks: [.teamGainsProductionIdentity: []]))
        #expect(plan.risks.first?.message.contains("no cluster's trust changes") == true, "\(plan.risks)")
        let run = try repository.planCLI()
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.hasPrefix("No changes to any cluster.\n"), "\(run.stdout)")
        #expect(!run.stdout.contains(" clusters in "), "\(run.stdout)")
    }

    /// `--fail-on` takes one value per flag, comma-separated lists included; the policy
    /// directory after it stays the directory.
    @Test func failOnTakesOneValue() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("teams/checkout.yaml", replacing: "signingIdentities: [prod-build, staging-build, dev-build]",
                            with: "signingIdentities: [prod-build, payments-release, staging-build, dev-build]")
        try repository.commit("checkout: request payments-release")
        let root = repository.root.path
        func status(_ arguments: [String]) throws -> Int32 {
            try Trustc.run(["plan", "--base", "HEAD~1", "--now", PlanRepository.now] + arguments, in: root).status
        }
        #expect(try status(["--fail-on", "TR002", "policies"]) == 1)
        #expect(try status(["--fail-on", "TR001", "policies"]) == 2)
        #expect(try status(["--fail-on", "TR001,TR002", "policies"]) == 1)
        #expect(try status(["--fail-on", "TR001", "--fail-on", "team-gains-production-identity", "policies"]) == 1)
        // A second word is not swallowed as a risk: it is an unexpected argument (a usage error).
        #expect(try status(["policies", "--fail-on", "TR001", "TR004"]) == 64)
        #expect(try status(["--fail-on", "TR999", "policies"]) == 64)
    }

    /// Registry granularity replaces the shared identities' exact statements by one `*`
    /// statement and adds a registry guard to every cluster: trust widens everywhere (TR010).
    @Test func registryGranularityWidensTrust() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("organization.yaml", replacing: "  platformTeam: platform\n",
                            with: "  platformTeam: platform\n  scopeGranularity: registry\n")
        try repository.commit("registry-wide trust")
        let plan = try repository.planLibrary()
        repository.expect(plan, .init(golden: nil, clusters: SampleClusters.all, risks: [.trustWidened: SampleClusters.all]))
        let kinds = Set(changes(plan).map(\.kind))
        #expect(kinds == [.granularityChanged, .assignmentCreated], "\(kinds)")
        let created = changes(plan).filter { $0.kind == .assignmentCreated }.map(\.summary)
        #expect(created.allSatisfy { $0.contains("-guard-") }, "\(created)")
        // Back to repository granularity: narrower, no risk, the guards deleted.
        try repository.edit("organization.yaml", replacing: "  scopeGranularity: registry\n", with: "")
        try repository.commit("exact trust again")
        let back = try repository.planLibrary()
        #expect(back.risks.isEmpty)
        #expect(Set(changes(back).map(\.kind)) == [.granularityChanged, .assignmentDeleted])
    }

    /// The same plan twice is the same bytes (groups and risks come out of dictionaries).
    @Test func plansAreDeterministic() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        try repository.edit("teams/data.yaml", replacing: "    - data/etl\n", with: "")
        try repository.edit("environments/production.yaml", replacing: "verificationLevel: strict", with: "verificationLevel: permissive")
        try repository.commit("two changes")
        let first = try repository.planLibrary()
        for format in PlanFormat.allCases {
            let text = format.render(first)
            for _ in 0..<3 {
                #expect(format.render(try repository.planLibrary()) == text)
            }
        }
    }
}
