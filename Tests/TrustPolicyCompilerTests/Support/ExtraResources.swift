/// Resources that several rule tests add to the baseline.
extension PolicyFixture {
    /// A non-production environment `development` with its registry and identity `dev-build`
    /// (whose `environment:` value carries marker 9️⃣), valid on its own.
    static let development: [String: String?] = [
        "development.yaml": """
        apiVersion: trustc/v1
        kind: Environment
        metadata:
          name: development
        spec:
          tier: nonproduction
          signingIdentities: [dev-build]
        ---
        apiVersion: trustc/v1
        kind: Registry
        metadata:
          name: contosodev
        spec:
          environment: development
          loginServer: contosodev.azurecr.io
          regions: [westeurope]
        ---
        apiVersion: trustc/v1
        kind: SigningIdentity
        metadata:
          name: dev-build
        spec:
          environment: 9️⃣development
          subject: "C=US, ST=WA, O=Contoso, OU=Development, CN=dev-build"
          keyVault:
            vaultURI: https://kv-contoso-dev.vault.azure.net/
            keyName: dev-build
            certificateName: dev-build-root
            clientID: 3f1c5a2e-6b7d-4e8f-9a0b-1c2d3e4f5a6c
          certificates:
            - file: identities/certs/root.pem
        """,
    ]

    /// The baseline identity with marker 1️⃣ on its first certificate's `file:` value.
    static let markedCertificate = edit("identities/prod-build.yaml", ["- file: certs/root.pem": "- file: 1️⃣certs/root.pem"])
}
