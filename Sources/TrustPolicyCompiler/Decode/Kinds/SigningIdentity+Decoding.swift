extension SigningIdentity {
    init?(spec: inout MappingReader, metadata: ResourceMetadata) {
        let environment = spec.string("environment")
        let subject = spec.string("subject")
        let storeType: Located<TrustStoreType>? = spec.enumeration("trustStoreType", required: false)
        let keyVault = spec.mapping("keyVault").flatMap { reader -> KeyVault? in
            var reader = reader
            defer { reader.finish() }
            let vaultURI = reader.string("vaultURI")
            let keyName = reader.string("keyName")
            let certificateName = reader.string("certificateName")
            let clientID = reader.string("clientID")
            guard let vaultURI, let keyName, let certificateName, let clientID else { return nil }
            return KeyVault(vaultURI: vaultURI, keyName: keyName, certificateName: certificateName, clientID: clientID)
        }
        let diagnostics = spec.diagnosticsSink
        let certificates = spec.list("certificates", nonEmpty: true) { node, path in
            Self.certificateReference(node, path: path, diagnostics: diagnostics)
        }
        let tsa = spec.node("timestampAuthority", required: false).flatMap {
            Self.certificateReference($0, path: "spec.timestampAuthority", diagnostics: diagnostics)
        }
        guard let environment, let subject, let keyVault, let certificates else {
            spec.markIncomplete(unless: false)
            return nil
        }
        self.init(
            metadata: metadata,
            environment: environment,
            subject: subject,
            trustStoreType: storeType ?? Located(.ca, at: spec.location),
            keyVault: keyVault,
            certificates: certificates,
            timestampAuthority: tsa
        )
    }

    private static func certificateReference(_ node: SyntaxNode, path: FieldPath,
                                             diagnostics: DecodeDiagnostics) -> CertificateReference? {
        guard var reader = MappingReader(node, path: path, diagnostics: diagnostics) else { return nil }
        defer { reader.finish() }
        let file = reader.string("file")
        let version = reader.string("keyVaultVersion", required: false)
        guard let file else { return nil }
        return CertificateReference(file: file, keyVaultVersion: version)
    }
}
