/// An identity's Key Vault reference is usable by Ratify: vault URI (TP504), client id (TP503)
/// and object names and versions (TP511); with `trustStoreSource: keyvault` every certificate
/// is pinned to a version (TP411).
struct SigningIdentityRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.invalidVaultURI, .invalidGUID, .invalidKeyVaultObjectName, .keyVaultVersionRequired]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        let keyVaultSource = context.decoded.organization?.trustStoreSource.value == .keyvault
        for name in context.decoded.identityNames {
            guard let identity = context.decoded.identities[name] else { continue }
            let vault = identity.keyVault
            if !IdentifierFormats.isVaultURI(vault.vaultURI.value) {
                diagnostics.emit(.invalidVaultURI, "`\(vault.vaultURI.value)` is not a Key Vault URI",
                                 at: vault.vaultURI.location, fix: "write it as https://<vault-name>.vault.azure.net/")
            }
            if !IdentifierFormats.isGUID(vault.clientID.value) {
                diagnostics.emit(.invalidGUID, "`spec.keyVault.clientID` must be a GUID, not `\(vault.clientID.value)`",
                                 at: vault.clientID.location, fix: "use the client id of the workload identity Ratify runs as")
            }
            for (field, value) in [("keyName", vault.keyName), ("certificateName", vault.certificateName)]
            where !IdentifierFormats.isKeyVaultObjectName(value.value) {
                diagnostics.emit(.invalidKeyVaultObjectName,
                                 "`spec.keyVault.\(field)` `\(value.value)` is not a Key Vault object name (1-127 letters, digits and '-')",
                                 at: value.location)
            }
            for certificate in identity.certificates {
                if let version = certificate.keyVaultVersion {
                    if !IdentifierFormats.isKeyVaultVersion(version.value) {
                        diagnostics.emit(.invalidKeyVaultObjectName,
                                         "`keyVaultVersion` `\(version.value)` is not a Key Vault version (32 hex digits)",
                                         at: version.location, fix: "copy the version from `az keyvault certificate list-versions`")
                    }
                } else if keyVaultSource {
                    diagnostics.emit(.keyVaultVersionRequired,
                                     "with `trustStoreSource: keyvault`, `\(certificate.file.value)` needs `keyVaultVersion`: Ratify would otherwise trust only the latest version and break the rotation",
                                     at: certificate.file.location,
                                     fix: "add `keyVaultVersion:` with the certificate's version in `\(vault.vaultURI.value)`")
                }
            }
        }
    }
}
