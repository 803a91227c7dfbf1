import Testing
@testable import TrustPolicyCompiler

/// The organisation-wide switches: the built-in (audit-only) definition and Key Vault-backed
/// trust stores.
@Suite struct EnforcementVariantsTests {
    /// The baseline organisation with the built-in definition and Key Vault trust stores (and no
    /// definition scope, which only a custom definition needs).
    static let organization = PolicyFixture.derived(from: "organization.yaml", [
        "  policyDefinitionScope: /providers/Microsoft.Management/managementGroups/contoso":
            "  enforcement: builtin\n  trustStoreSource: keyvault",
    ])

    /// The baseline identity mid-rotation, each certificate pinned to its Key Vault version.
    static let identity = PolicyFixture.derived(from: "identities/prod-build.yaml", [
        "    - file: certs/root.pem": """
            - file: certs/root.pem
              keyVaultVersion: 5d0b3b4e2f1a4c6e8f9a0b1c2d3e4f5a
            - file: certs/next.pem
              keyVaultVersion: 00112233445566778899aabbccddeeff
        """,
    ])

    @Test func builtinKeyVaultOrganisationRendersAsGolden() throws {
        let fixture = try PolicyFixture(["organization.yaml": Self.organization, "identities/prod-build.yaml": Self.identity],
                                        certificates: ["identities/certs/next.pem": "intermediate-ca.pem"])
        defer { fixture.remove() }
        let compilation = try fixture.compile()
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
        let output = BundleRenderer().render(compilation.model)
        // No custom definition: the assignments use the built-in one, audit only, with kubectl warnings.
        #expect(!output.files.contains { $0.path == BundleLayout.policyDefinition })
        let assignment = try #require(output.files.first { $0.path.hasSuffix("-audit.json") })
        let text = String(decoding: assignment.contents, as: UTF8.self)
        #expect(text.contains(Organization.builtinPolicyDefinitionID))
        #expect(text.contains("\"warn\": {\n        \"value\": true"))
        // One Key Vault provider pins both versions of the rotation.
        let providers = try #require(output.files.first { $0.path.hasSuffix("key-management-providers.yaml") })
        let yaml = String(decoding: providers.contents, as: UTF8.self)
        #expect(yaml.contains("type: azurekeyvault"))
        #expect(yaml.contains("version: \"5d0b3b4e2f1a4c6e8f9a0b1c2d3e4f5a\""))
        #expect(yaml.contains("version: \"00112233445566778899aabbccddeeff\""))
        try Golden.assertTree(output.files, named: "builtin-keyvault")
    }

    @Test func builtinEnforcementRefusesDeny() throws {
        try expectDiagnostics(PolicyFixture.edits(
            ["organization.yaml": Self.organization, "identities/prod-build.yaml": Self.identity],
            PolicyFixture.edit("clusters/aks-prod-weu-1.yaml", [
                "stage: warn\n      since: 2026-11-01": "stage: 1️⃣deny\n      since: 2026-11-20\n      warnSince: 2026-11-01",
            ])
        ), certificates: ["identities/certs/next.pem": "intermediate-ca.pem"], [(.denyWithBuiltinEnforcement, "1️⃣")])
    }
}
