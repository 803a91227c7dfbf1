import Testing
@testable import TrustPolicyCompiler

@Suite struct EnvironmentTrustRuleTests {
    static let cases: [PolicyCase] = [
        PolicyCase("production trusts a non-production identity", PolicyFixture.edits(
            PolicyFixture.development,
            PolicyFixture.edit("environments.yaml", ["signingIdentities: [prod-build]": "signingIdentities: [prod-build, 1️⃣dev-build]"])
        ), expect: [(.productionTrustsNonProductionIdentity, "1️⃣")]),
        PolicyCase("production trusts a non-production environment", PolicyFixture.edits(
            PolicyFixture.development,
            PolicyFixture.edit("environments.yaml", ["signingIdentities: [prod-build]": "signingIdentities: [prod-build]\n  trustsEnvironments: [1️⃣development]"])
        ), expect: [(.productionTrustsNonProductionEnvironment, "1️⃣")]),
        PolicyCase("non-production may trust production", PolicyFixture.edits(
            PolicyFixture.development,
            ["development.yaml": PolicyFixture.development["development.yaml"]!!
                .replacingOccurrences(of: "signingIdentities: [dev-build]", with: "signingIdentities: [dev-build, prod-build]\n  trustsEnvironments: [production]")]
        ), expect: []),
        PolicyCase("registry granularity gives way to the trusting environment's level", PolicyFixture.edits(
            PolicyFixture.development,
            ["development.yaml": PolicyFixture.development["development.yaml"]!!
                .replacingOccurrences(of: "  signingIdentities: [dev-build]",
                                      with: "  verificationLevel: permissive\n  scopeGranularity: registry\n  signingIdentities: [dev-build]\n  trustsEnvironments: [1️⃣production]")]
        ), expect: [(.trustedLevelNotKept, "1️⃣")]),
        PolicyCase("environment trusts itself", PolicyFixture.edit("environments.yaml", [
            "signingIdentities: [prod-build]": "signingIdentities: [prod-build]\n  trustsEnvironments: [1️⃣production]",
        ]), expect: [(.environmentTrustsItself, "1️⃣")]),
        PolicyCase("environment without registry", PolicyFixture.edits(
            ["registries.yaml": nil],
            PolicyFixture.edit("environments.yaml", ["name: production": "name: 1️⃣production"])
        ), expect: [(.environmentWithoutRegistry, "1️⃣")]),
        PolicyCase("identity that nothing uses", [
            "identities/qa-build.yaml": """
            apiVersion: trustc/v1
            kind: SigningIdentity
            metadata:
              name: 1️⃣qa-build
            spec:
              environment: production
              subject: "C=US, ST=WA, O=Contoso, OU=QA, CN=qa-build"
              keyVault:
                vaultURI: https://kv-contoso-prod.vault.azure.net/
                keyName: qa-build
                certificateName: qa-build-root
                clientID: 3f1c5a2e-6b7d-4e8f-9a0b-1c2d3e4f5a6b
              certificates:
                - file: certs/root.pem
            """,
        ], expect: [(.unusedIdentity, "1️⃣")]),
        PolicyCase("repositories trusted with no identity at all", PolicyFixture.edits(
            PolicyFixture.edit("environments.yaml", [
                "name: production": "name: 1️⃣production",
                "signingIdentities: [prod-build]": "signingIdentities: []",
            ]),
            PolicyFixture.edit("teams/platform.yaml", ["signingIdentities: [prod-build]": "signingIdentities: []"]),
            PolicyFixture.edit("identities/prod-build.yaml", ["name: prod-build": "name: 2️⃣prod-build"])
        ), expect: [(.scopeWithoutIdentity, "1️⃣"), (.unusedIdentity, "2️⃣")]),
        PolicyCase("a team's own identity is enough for its repositories", PolicyFixture.edit("environments.yaml", [
            "signingIdentities: [prod-build]": "signingIdentities: []",
        ]), expect: []),
    ]

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }
}
