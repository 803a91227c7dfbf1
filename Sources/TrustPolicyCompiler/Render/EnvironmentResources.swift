/// An environment's Ratify resources and Notation trust policy as values, before anything is
/// serialized: the base's files are written from them, and `drift` compares them with what a
/// cluster runs.
struct EnvironmentResources {
    /// The providers, for the verifiers (the environment's and its clusters' namespaced ones).
    var providers: KeyManagementProviders
    /// The Notation trust policy document of `trustpolicy.oci.json`, which the verifier embeds
    /// too unless the Ratify installation needs the older form.
    var policyDocument: JSONValue
    /// The Ratify manifests by file, in apply order; files without resources left out.
    var manifests: [(path: String, resources: [JSONValue])]

    init(environment: ResolvedEnvironment, model: ResolvedPolicy) {
        let trust = environment.trust
        let name = environment.name
        providers = KeyManagementProviders(stores: trust.trustStores, model: model, environment: name)
        policyDocument = NotationTrustPolicy.document(trust.statements, model: model)
        manifests = [
            ("ratify/key-management-providers.yaml", providers.resources),
            ("ratify/store.yaml", [StoreAndPolicy.store(environment: name)]),
            ("ratify/policy.yaml", [StoreAndPolicy.policy(environment: name)]),
            ("ratify/verifier.yaml", [NotationVerifier.resource(
                policies: trust.statements, providers: providers, model: model, environment: name,
                document: NotationVerifier.trustPolicyCompatibility(model) == .current ? policyDocument : nil)]),
        ].filter { !$0.1.isEmpty }
    }
}
