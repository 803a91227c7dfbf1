/// Ratify key management providers for an environment's trust stores.
///
/// Inline (the default): one provider per certificate, carrying the PEM from the repository, so
/// every cluster gets byte-identical stores and admission never depends on Key Vault. Key
/// Vault: one provider per identity listing every pinned version, because Ratify's refresh
/// keeps only the latest version and would break a rotation in flight. Timestamp-authority
/// roots have no Key Vault version and always stay inline.
struct KeyManagementProviders {
    /// The provider resources, in store order.
    var resources: [JSONValue] = []
    /// Provider names per trust store, for the verifier's `verificationCertStores`.
    var providersByStore: [TrustStoreReference: [String]] = [:]

    init(stores: [TrustStoreReference], model: ResolvedPolicy, environment: String) {
        let organization = model.organization
        for store in stores {
            guard let identity = model.identities[store.identity] else { continue }
            let labels = GeneratedNames.labels(environment: environment, identity: identity.name)
            if store.type != .tsa, organization.trustStoreSource.value == .keyvault {
                let name = GeneratedNames.keyVaultProvider(identity: identity.name)
                let vault = identity.identity.keyVault
                resources.append(RatifyAPI.resource(kind: .keyManagementProvider, name: name, labels: labels, spec: .object([
                    "type": .string("azurekeyvault"),
                    "parameters": .object([
                        "vaultURI": .string(vault.vaultURI.value),
                        "tenantID": .string(organization.tenantID.value),
                        "clientID": .string(vault.clientID.value),
                        "certificates": .array(identity.certificates.map { certificate in
                            .object([
                                "name": .string(vault.certificateName.value),
                                "version": .string(certificate.keyVaultVersion ?? ""),
                            ])
                        }),
                    ]),
                ])))
                providersByStore[store] = [name]
                continue
            }
            let certificates = identity.certificates(in: store.type)
            var names: [String] = []
            for certificate in certificates {
                let name = store.type == .tsa
                    ? GeneratedNames.timestampProvider(identity: identity.name, fingerprint: certificate.certificate.sha256Fingerprint)
                    : GeneratedNames.keyManagementProvider(identity: identity.name, fingerprint: certificate.certificate.sha256Fingerprint)
                names.append(name)
                resources.append(RatifyAPI.resource(kind: .keyManagementProvider, name: name, labels: labels, spec: .object([
                    "type": .string("inline"),
                    "parameters": .object([
                        "contentType": .string("certificate"),
                        "value": .string(certificate.certificate.pem),
                    ]),
                ])))
            }
            providersByStore[store] = names
        }
    }
}
