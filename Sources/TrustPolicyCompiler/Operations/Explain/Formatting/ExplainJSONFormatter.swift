/// `explain --format json`, the contract: `{"image", "repository", "cluster", "namespace",
/// "stage", "effect", "statement", "identities", "team", "expectedIdentities", "signatures"}`,
/// with `namespace`, `stage` and `effect` `null` without `--namespace`, `statement` and `team`
/// `null` when there is none, and one `{"identity", "verdict", "reason"}` per signature given.
enum ExplainJSONFormatter {
    static func render(_ explanation: Explanation) -> String {
        JSONValue.object([
            "image": .string(explanation.image.description),
            "repository": .string(explanation.image.repository),
            "cluster": .string(explanation.cluster.name),
            "namespace": explanation.namespace.map { .string($0.name) } ?? .null,
            "stage": explanation.namespace.map { .string($0.stage.rawValue) } ?? .null,
            "effect": explanation.namespace.map { .string($0.effect.rawValue) } ?? .null,
            "statement": explanation.statement.map { .string($0.name) } ?? .null,
            "identities": .strings(explanation.statement?.identities ?? []),
            "team": explanation.team.map { .string($0.name) } ?? .null,
            "expectedIdentities": .strings(explanation.expectedIdentities.map(\.value).sorted()),
            "signatures": .array((explanation.signatures ?? []).map { signature in
                .object([
                    "identity": signature.verdict.signer?.identity.map(JSONValue.string) ?? .null,
                    "verdict": .string(signature.verdict.isTrusted ? "trusted" : "rejected"),
                    "reason": signature.verdict.reason.map(JSONValue.string) ?? .null,
                ])
            }),
        ]).serialized()
    }
}
