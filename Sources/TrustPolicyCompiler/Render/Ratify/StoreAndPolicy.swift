/// The ORAS referrer store Ratify reads signatures with, and the policy deciding that an image
/// passes when any Notation signature verifies. Both are cluster-wide: namespaced stores break
/// Gatekeeper's tag-to-digest mutation, and trustc's namespaced trust needs only a verifier.
enum StoreAndPolicy {
    static func store(environment: String) -> JSONValue {
        RatifyAPI.resource(kind: .store, name: GeneratedNames.store, labels: GeneratedNames.labels(environment: environment),
                           spec: .object([
                               "name": .string("oras"),
                               "parameters": .object([
                                   "cacheEnabled": .bool(true),
                                   "ttl": .integer(10),
                                   "authProvider": .object(["name": .string("azureWorkloadIdentity")]),
                               ]),
                           ]))
    }

    static func policy(environment: String) -> JSONValue {
        RatifyAPI.resource(kind: .policy, name: GeneratedNames.policy, labels: GeneratedNames.labels(environment: environment),
                           spec: .object([
                               "type": .string("config-policy"),
                               "parameters": .object([
                                   "artifactVerificationPolicies": .object([
                                       .init(RatifyAPI.notationArtifactType, .string("any")),
                                   ]),
                               ]),
                           ]))
    }
}
