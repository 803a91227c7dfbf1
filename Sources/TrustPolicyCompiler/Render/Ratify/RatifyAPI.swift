/// Ratify v1.4's API group and the common shape of its resources.
enum RatifyAPI {
    static let apiVersion = "\(RatifyKind.group)/v1beta1"
    static let notationArtifactType = "application/vnd.cncf.notary.signature"

    /// A resource with trustc's labels; `namespace` only for namespaced kinds.
    static func resource(kind: RatifyKind, name: String, namespace: String? = nil, labels: [(String, String)],
                         spec: JSONValue) -> JSONValue {
        .object(head(kind: kind, name: name, namespace: namespace, labels: labels) + [.init("spec", spec)])
    }

    /// Everything of a resource before its `spec`: `apiVersion`, `kind` and `metadata`.
    static func head(kind: RatifyKind, name: String, namespace: String? = nil, labels: [(String, String)]) -> [JSONValue.Member] {
        [
            .init("apiVersion", .string(apiVersion)),
            .init("kind", .string(kind.rawValue)),
            .init("metadata", .object([
                "name": .string(name),
                "namespace": namespace.map(JSONValue.string),
                "labels": .object(labels.map { JSONValue.Member($0.0, .string($0.1)) }),
            ])),
        ]
    }
}
