/// What the API server, Azure, `az` and the GitOps tool add to an object that trustc never
/// renders, removed from both sides before they are compared (docs/commands/drift.md lists the
/// same fields; a test keeps the two in step). Fields whose value is `null` are absent.
enum ServerFields {
    /// Members of a Kubernetes object's `metadata` set by the API server.
    static let kubernetesMetadata = ["uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink"]
    /// Annotations added by `kubectl apply` and Argo CD.
    static let kubernetesAnnotations = ["kubectl.kubernetes.io/last-applied-configuration", "argocd.argoproj.io/tracking-id"]
    /// Labels added by Flux's kustomize-controller.
    static let kubernetesLabels = ["kustomize.toolkit.fluxcd.io/name", "kustomize.toolkit.fluxcd.io/namespace"]
    /// Top-level members of a Kubernetes object set by the server (and Ratify's controllers).
    static let kubernetesTopLevel = ["status"]

    /// Top-level members of an assignment that Azure or az set (`apiVersion` is the REST API
    /// version trustc's files name for deploying them, not part of the resource).
    static let assignmentTopLevel = ["id", "systemData", "identity", "location", "resourceGroup", "apiVersion"]
    /// Members of an assignment's `properties` that Azure sets.
    static let assignmentProperties = ["definitionVersion", "effectiveDefinitionVersion", "latestDefinitionVersion", "instanceId",
                                       "assignmentType"]
    /// Members of an assignment's `properties.metadata` that Azure sets.
    static let assignmentMetadata = ["createdBy", "createdOn", "updatedBy", "updatedOn"]
    /// Azure resource ids and types, compared without regard to case (Azure returns them in
    /// either).
    static let assignmentCaseInsensitive = ["type", "scope", "properties.policyDefinitionId"]

    /// A Kubernetes object without server fields and nulls; a trust policy embedded as a JSON
    /// string (`spec.parameters.trustPolicyDoc`) becomes the object it encodes.
    static func kubernetes(_ value: JSONValue) -> JSONValue {
        var object = value.droppingNulls().removing(kubernetesTopLevel)
        object = object.updating("metadata") { metadata in
            metadata.removing(kubernetesMetadata)
                .updating("annotations") { $0.removing(kubernetesAnnotations) }
                .updating("labels") { $0.removing(kubernetesLabels) }
                .removingEmpty(["annotations", "labels"])
        }
        return object.updating("spec") { spec in
            spec.updating("parameters") { parameters in
                parameters.updating("trustPolicyDoc") { document in
                    guard case .string(let text) = document, let decoded = try? JSONReader.document(Array(text.utf8)) else {
                        return document
                    }
                    return decoded.droppingNulls()
                }
            }
        }
    }

    /// An assignment in the REST shape without what Azure and az set, ids and types in lower case.
    static func assignment(_ value: JSONValue) -> JSONValue {
        value.droppingNulls().removing(assignmentTopLevel)
            .updating("type", lowercased)
            .updating("scope", lowercased)
            .updating("properties") { properties in
                properties.removing(assignmentProperties)
                    .updating("policyDefinitionId", lowercased)
                    .updating("metadata") { $0.removing(assignmentMetadata) }
                    .removingEmpty(["metadata"])
            }
    }

    private static func lowercased(_ value: JSONValue) -> JSONValue {
        value.stringValue.map { .string($0.lowercased()) } ?? value
    }
}

extension JSONValue {
    /// The same value without object members whose value is `null`, at every depth.
    func droppingNulls() -> JSONValue {
        switch self {
        case .object(let members): .object(members.compactMap { $0.value == .null ? nil : .init($0.key, $0.value.droppingNulls()) })
        case .array(let items): .array(items.map { $0.droppingNulls() })
        default: self
        }
    }

    /// An object without the members `keys`; other values unchanged.
    func removing(_ keys: [String]) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { !keys.contains($0.key) })
    }

    /// An object without the members `keys` whose value is an empty object.
    func removingEmpty(_ keys: [String]) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { !(keys.contains($0.key) && $0.value == .object([])) })
    }

    /// An object with member `key` (when present) replaced by `transform` of it.
    func updating(_ key: String, _ transform: (JSONValue) -> JSONValue) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.map { $0.key == key ? .init(key, transform($0.value)) : $0 })
    }
}
