/// Ratify v1.4's API group and the common shape of its resources.
enum RatifyAPI {
    static let apiVersion = "config.ratify.deislabs.io/v1beta1"
    static let notationArtifactType = "application/vnd.cncf.notary.signature"

    /// A resource with trustc's labels; `namespace` only for namespaced kinds.
    static func resource(kind: String, name: String, namespace: String? = nil, labels: [(String, String)],
                         spec: JSONValue) -> JSONValue {
        .object([
            "apiVersion": .string(apiVersion),
            "kind": .string(kind),
            "metadata": .object([
                "name": .string(name),
                "namespace": namespace.map(JSONValue.string),
                "labels": .object(labels.map { JSONValue.Member($0.0, .string($0.1)) }),
            ]),
            "spec": spec,
        ])
    }
}
