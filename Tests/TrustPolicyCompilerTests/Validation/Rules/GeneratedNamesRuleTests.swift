import Testing
@testable import TrustPolicyCompiler

@Suite struct GeneratedNamesRuleTests {
    static let longCluster = "aks-" + String(repeating: "x", count: 36)

    static let cases: [PolicyCase] = [
        PolicyCase("cluster name that is not a label value", PolicyFixture.edit("clusters/aks-prod-weu-1.yaml", [
            "name: aks-prod-weu-1": "name: 1️⃣aks-prod-weu-1-",
        ]), expect: [(.invalidKubernetesName, "1️⃣")]),
        PolicyCase("identity name that is not a label value", PolicyFixture.edits(
            PolicyFixture.edit("identities/prod-build.yaml", ["name: prod-build": "name: 1️⃣prod-build-"]),
            PolicyFixture.edit("environments.yaml", ["signingIdentities: [prod-build]": "signingIdentities: [prod-build-]"]),
            PolicyFixture.edit("teams/platform.yaml", ["signingIdentities: [prod-build]": "signingIdentities: [prod-build-]"])
        ), expect: [(.invalidKubernetesName, "1️⃣")]),
        PolicyCase("longest cluster name in production fits Azure's 64 characters", PolicyFixture.edit("clusters/aks-prod-weu-1.yaml", [
            "name: aks-prod-weu-1": "name: \(longCluster)",
        ]), expect: []),
        PolicyCase("assignment name longer than 64 characters", ["staging.yaml": """
        apiVersion: trustc/v1
        kind: Environment
        metadata:
          name: production-staging
        spec:
          tier: nonproduction
          signingIdentities: [prod-build]
        ---
        apiVersion: trustc/v1
        kind: Registry
        metadata:
          name: contosostaging
        spec:
          environment: production-staging
          loginServer: contosostaging.azurecr.io
          regions: [westeurope]
        ---
        apiVersion: trustc/v1
        kind: Cluster
        metadata:
          name: 1️⃣\(longCluster)
        spec:
          environment: production-staging
          region: westeurope
          resourceID: /subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-staging
          namespaces: []
        """], expect: [(.invalidAzureName, "1️⃣")]),
    ]

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }
}
