import Testing
@testable import TrustPolicyCompiler

@Suite struct SigningIdentityRuleTests {
    static let cases: [PolicyCase] = [
        PolicyCase("vault URI that is not a Key Vault", PolicyFixture.edit("identities/prod-build.yaml", [
            "vaultURI: https://kv-contoso-prod.vault.azure.net/": "vaultURI: 1️⃣https://kv-contoso-prod.vault.azure.com/",
        ]), expect: [(.invalidVaultURI, "1️⃣")]),
        PolicyCase("client id that is not a GUID", PolicyFixture.edit("identities/prod-build.yaml", [
            "clientID: 3f1c5a2e-6b7d-4e8f-9a0b-1c2d3e4f5a6b": "clientID: 1️⃣ratify-prod",
        ]), expect: [(.invalidGUID, "1️⃣")]),
        PolicyCase("key and certificate names that Key Vault rejects", PolicyFixture.edit("identities/prod-build.yaml", [
            "keyName: prod-build": "keyName: 1️⃣prod_build",
            "certificateName: prod-build-root": "certificateName: 2️⃣prod.build.root",
        ]), expect: [(.invalidKeyVaultObjectName, "1️⃣"), (.invalidKeyVaultObjectName, "2️⃣")]),
        PolicyCase("Key Vault version that is not 32 hex digits", PolicyFixture.edit("identities/prod-build.yaml", [
            "- file: certs/root.pem": "- file: certs/root.pem\n      keyVaultVersion: 1️⃣v1",
        ]), expect: [(.invalidKeyVaultObjectName, "1️⃣")]),
        PolicyCase("keyvault trust store source without pinned version", PolicyFixture.edits(
            PolicyFixture.markedCertificate,
            PolicyFixture.edit("organization.yaml", ["platformTeam: platform": "platformTeam: platform\n  trustStoreSource: keyvault"])
        ), expect: [(.keyVaultVersionRequired, "1️⃣")]),
        PolicyCase("keyvault trust store source with pinned version", PolicyFixture.edits(
            PolicyFixture.edit("identities/prod-build.yaml", [
                "- file: certs/root.pem": "- file: certs/root.pem\n      keyVaultVersion: 5d0b3b4e2f1a4c6e8f9a0b1c2d3e4f5a",
            ]),
            PolicyFixture.edit("organization.yaml", ["platformTeam: platform": "platformTeam: platform\n  trustStoreSource: keyvault"])
        ), expect: []),
    ]

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }
}
