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

    /// The verifier's `spec`: the same for every namespace limited to the same teams.
    static func spec(policies: [TrustPolicyGroup], providers: KeyManagementProviders, model: ResolvedPolicy,
                     document: JSONValue? = nil) -> JSONValue {
        let document = document ?? NotationTrustPolicy.document(policies, model: model)
        var stores = Set<TrustStoreReference>()
        for policy in policies {
            for name in policy.identities {
                guard let identity = model.identities[name] else { continue }
                stores.insert(identity.trustStore)
                if let tsa = identity.timestampStore { stores.insert(tsa) }
            }
        }
        let byType = Dictionary(grouping: stores.sorted(), by: \.type)
        let certStores: [JSONValue.Member] = byType.keys.sorted().map { type in
            .init(type.rawValue, .object(byType[type]!.map { store in
                .init(store.identity, .strings(providers.providersByStore[store] ?? []))
            }))
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
