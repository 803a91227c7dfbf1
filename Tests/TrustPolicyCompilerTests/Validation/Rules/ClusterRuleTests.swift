import Testing
@testable import TrustPolicyCompiler

@Suite struct ClusterRuleTests {
    static let file = "clusters/aks-prod-weu-1.yaml"

    static func namespaces(_ entries: String) -> [String: String?] {
        PolicyFixture.edit(file, ["    - name: ingress\n      stage: warn\n      since: 2026-11-01": entries])
    }

    static let cases: [PolicyCase] = [
        PolicyCase("region that is not an Azure region name", PolicyFixture.edit(file, [
            "region: westeurope": "region: 1️⃣West Europe",
        ]), expect: [(.invalidRegion, "1️⃣"), (.clusterRegionWithoutReplica, "1️⃣")]),
        PolicyCase("resource id of something other than a managed cluster", PolicyFixture.edit(file, [
            "providers/Microsoft.ContainerService/managedClusters/aks-prod-weu-1": "providers/Microsoft.Compute/virtualMachines/aks-prod-weu-1",
            "resourceID: ": "resourceID: 1️⃣",
        ]), expect: [(.invalidResourceID, "1️⃣")]),
        PolicyCase("resource id with a subscription that is not a GUID", PolicyFixture.edit(file, [
            "0b1f6471-1bf0-4dda-aec3-cb9272f09590": "contoso-prod",
            "resourceID: ": "resourceID: 1️⃣",
        ]), expect: [(.invalidResourceID, "1️⃣")]),
        PolicyCase("namespace that is not a namespace name", namespaces("""
            - name: 1️⃣Ingress
              stage: warn
              since: 2026-11-01
        """), expect: [(.invalidNamespace, "1️⃣")]),
        PolicyCase("namespace listed twice", namespaces("""
            - name: ingress
              stage: warn
              since: 2026-11-01
            - name: 1️⃣ingress
              stage: off
              since: 2026-11-01
        """), expect: [(.duplicateNamespace, "1️⃣")]),
        PolicyCase("namespace that is excluded organisation-wide", namespaces("""
            - name: ingress
              stage: warn
              since: 2026-11-01
            - name: 1️⃣kube-system
              stage: warn
              since: 2026-11-01
        """), expect: [(.excludedNamespaceListed, "1️⃣")]),
        PolicyCase("region without a replica of the registry", PolicyFixture.edits(
            PolicyFixture.edit(file, ["region: westeurope": "region: 1️⃣northeurope"]),
            PolicyFixture.edit("registries.yaml", ["name: contosoprod": "name: 2️⃣contosoprod"])
        ), expect: [(.clusterRegionWithoutReplica, "1️⃣")]),
        PolicyCase("namespace that trusts only a team without trusted repositories", PolicyFixture.edits(
            namespaces("""
                - name: ingress
                  stage: warn
                  since: 2026-11-01
                  trustedTeams: [1️⃣web]
            """),
            ["teams/web.yaml": """
            apiVersion: trustc/v1
            kind: Team
            metadata:
              name: web
            spec:
              owners: ["@contoso/web"]
              environments: [production]
              repositories: []
              signingIdentities: []
            """]
        ), expect: [(.namespaceTrustsNothing, "1️⃣")]),
    ]

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }

    @Test func duplicateNamespaceNotesTheFirst() throws {
        let diagnostic = try Self.cases[4].check().diagnostic(.duplicateNamespace)
        #expect(diagnostic.notes.map(\.location) == [SourceLocation(file: Self.file, line: 10, column: 13)])
    }

    @Test func missingReplicaNotesTheRegistry() throws {
        let outcome = try Self.cases[6].check()
        let diagnostic = try outcome.diagnostic(.clusterRegionWithoutReplica)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.notes.map(\.location) == [outcome.location("2️⃣")])
    }
}
