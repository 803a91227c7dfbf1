import Testing
@testable import TrustPolicyCompiler

/// The organisation-wide switches: the built-in (audit-only) definition and Key Vault-backed
/// trust stores.
@Suite struct EnforcementVariantsTests {
    static let organization = """
    apiVersion: trustc/v1
    kind: Organization
    metadata:
      name: contoso
    spec:
      platformTeam: platform
      tenantID: 72f988bf-86f1-41af-91ab-2d7cd011db47
      enforcement: builtin
      trustStoreSource: keyvault
    """

    static let identity = """
    apiVersion: trustc/v1
    kind: SigningIdentity
    metadata:
      name: prod-build
    spec:
      environment: production
      subject: "C=US, ST=WA, O=Contoso, OU=Build, CN=prod-build"
      keyVault:
        vaultURI: https://kv-contoso-prod.vault.azure.net/
        keyName: prod-build
        certificateName: prod-build-root
        clientID: 3f1c5a2e-6b7d-4e8f-9a0b-1c2d3e4f5a6b
      certificates:
        - file: certs/root.pem
          keyVaultVersion: 5d0b3b4e2f1a4c6e8f9a0b1c2d3e4f5a
        - file: certs/next.pem
          keyVaultVersion: 00112233445566778899aabbccddeeff
    """

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
        try expectDiagnostics([
            "organization.yaml": Self.organization,
            "identities/prod-build.yaml": Self.identity,
            "clusters/aks-prod-weu-1.yaml": """
            apiVersion: trustc/v1
            kind: Cluster
            metadata:
              name: aks-prod-weu-1
            spec:
              environment: production
              region: westeurope
              resourceID: /subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod-weu-1
              namespaces:
                - name: ingress
                  stage: 1️⃣deny
                  since: 2026-11-20
                  warnSince: 2026-11-01
            """,
        ], certificates: ["identities/certs/next.pem": "intermediate-ca.pem"], [(.denyWithBuiltinEnforcement, "1️⃣")])
    }
}
