/// Ratify's Notation verifier: the trust policy document plus, for each trust store it names,
/// the key management providers that back it.
enum NotationVerifier {
    /// A cluster-wide `Verifier`, or a `NamespacedVerifier` when `namespace` is given (it then
    /// replaces every cluster verifier in that namespace, so it must carry the full trust).
    /// `document` is `NotationTrustPolicy.document(policies, model: model)` when the caller
    /// already has it (an environment's base renders it once for both files).
    static func resource(policies: [TrustPolicyGroup], providers: KeyManagementProviders, model: ResolvedPolicy,
                         environment: String, namespace: String? = nil, document: JSONValue? = nil) -> JSONValue {
        RatifyAPI.resource(
            kind: kind(namespaced: namespace != nil),
            name: GeneratedNames.verifier,
            namespace: namespace,
            labels: GeneratedNames.labels(environment: environment),
            spec: spec(policies: policies, providers: providers, model: model, document: document))
    }

    static func kind(namespaced: Bool) -> RatifyKind { namespaced ? .namespacedVerifier : .verifier }

    /// The trust policy the installation's notation-go accepts: the AKS Image Integrity
    /// add-on's Ratify 1.2 embeds notation-go 1.0, which refuses `tsa:` stores.
    static func trustPolicyCompatibility(_ model: ResolvedPolicy) -> NotationTrustPolicy.Compatibility {
        model.organization.ratify.value == .imageIntegrity ? .beforeTimestamping : .current
    }

    /// The verifier's `spec`: the same for every namespace limited to the same teams.
    static func spec(policies: [TrustPolicyGroup], providers: KeyManagementProviders, model: ResolvedPolicy,
                     document: JSONValue? = nil) -> JSONValue {
        let compatibility = trustPolicyCompatibility(model)
        let document = document ?? NotationTrustPolicy.document(policies, model: model, compatibility: compatibility)
        var stores = Set<TrustStoreReference>()
        for policy in policies {
            for name in policy.identities {
                guard let identity = model.identities[name] else { continue }
                stores.insert(identity.trustStore)
                if compatibility == .current, let tsa = identity.timestampStore { stores.insert(tsa) }
            }
        }
        let certStores: [JSONValue.Member]
        switch model.organization.ratify.value {
        case .selfManaged:
            // Ratify 1.3 and later: one map per store type.
            let byType = Dictionary(grouping: stores.sorted(), by: \.type)
            certStores = byType.keys.sorted().map { type in
                .init(type.rawValue, .object(byType[type]!.map { store in
                    .init(store.identity, .strings(providers.providersByStore[store] ?? []))
                }))
            }
        case .imageIntegrity:
            // Ratify 1.2 knows only the flat form: a store's name resolves to its providers
            // whatever its type (`ca:prod-build` and `signingAuthority:prod-build` alike).
            certStores = stores.sorted().map { .init($0.identity, .strings(providers.providersByStore[$0] ?? [])) }
        }
        return .object([
            "name": .string("notation"),
            "artifactTypes": .string(RatifyAPI.notationArtifactType),
            "parameters": .object([
                "verificationCertStores": .object(certStores),
                "trustPolicyDoc": document,
            ]),
        ])
    }
}
