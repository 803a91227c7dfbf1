import Testing
@testable import TrustPolicyCompiler

@Suite struct RegistryRuleTests {
    static let cases: [PolicyCase] = [
        PolicyCase("login server with scheme, capitals and path", PolicyFixture.edit("registries.yaml", [
            "loginServer: contosoprod.azurecr.io": "loginServer: 1️⃣https://ContosoProd.azurecr.io/",
        ]), expect: [(.invalidLoginServer, "1️⃣")], mentions: ["write `contosoprod.azurecr.io`"]),
        PolicyCase("login server with a port", PolicyFixture.edit("registries.yaml", [
            "loginServer: contosoprod.azurecr.io": "loginServer: localhost:5000",
        ]), expect: []),
        PolicyCase("two registries with one login server", PolicyFixture.edit("registries.yaml", [
            "  regions: [westeurope]": """
              regions: [westeurope]
            ---
            apiVersion: trustc/v1
            kind: Registry
            metadata:
              name: contosoprod2
            spec:
              environment: production
              loginServer: 1️⃣contosoprod.azurecr.io
              regions: [westeurope]
            """,
        ]), expect: [(.duplicateLoginServer, "1️⃣")]),
        PolicyCase("region that is not an Azure region name", PolicyFixture.edit("registries.yaml", [
            "regions: [westeurope]": "regions: [westeurope, 1️⃣West-Europe]",
        ]), expect: [(.invalidRegion, "1️⃣")]),
    ]

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }
}
