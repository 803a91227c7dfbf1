/// A Kubernetes object as `kubectl get ... -o yaml|json` prints it.
public struct LiveObject: Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    /// `nil` for cluster-scoped objects.
    public var namespace: String?
    /// The whole object as printed, server fields included.
    public var value: JSONValue
    public var position: ExportPosition

    /// The API group (`config.ratify.deislabs.io`), empty for the core group (`v1`).
    public var group: String {
        apiVersion.firstIndex(of: "/").map { String(apiVersion[..<$0]) } ?? ""
    }
}

/// Reads what `kubectl get <kinds> -A -o yaml|json` prints: a `List` (`apiVersion: v1`,
/// `kind: List`, `items`) whose items mix kinds, or one object when a single named object was
/// asked for. Each item needs `apiVersion`, `kind` and `metadata.name`; an item without them
/// is a problem at its position, and the other items are still read.
enum KubectlList {
    /// The objects of `document`, or `nil` when it is no `kubectl get` output.
    static func objects(in document: ExportDocuments.Document) -> (objects: [LiveObject], problems: [ExportProblem])? {
        guard let kind = document.value["kind"]?.stringValue else { return nil }
        if kind.hasSuffix("List"), let items = document.value["items"] {
            guard let items = items.arrayValue else {
                return ([], [ExportProblem("`items` of a \(kind) must be a list of objects", at: document.position)])
            }
            var objects: [LiveObject] = []
            var problems: [ExportProblem] = []
            for (index, item) in items.enumerated() {
                switch object(item, at: document.position(ofItem: index, path: "items")) {
                case .success(let object): objects.append(object)
                case .failure(let problem): problems.append(problem)
                }
            }
            return (objects, problems)
        }
        guard document.value["apiVersion"] != nil else { return nil }
        switch object(document.value, at: document.position) {
        case .success(let object): return ([object], [])
        case .failure(let problem): return ([], [problem])
        }
    }

    private static func object(_ value: JSONValue, at position: ExportPosition) -> Result<LiveObject, ExportProblem> {
        guard case .object = value else {
            return .failure(ExportProblem("a List item must be an object, not \(value.kindDescription)", at: position))
        }
        guard let kind = value["kind"]?.stringValue, !kind.isEmpty else {
            return .failure(ExportProblem("an object without `kind`", at: position))
        }
        guard let apiVersion = value["apiVersion"]?.stringValue, !apiVersion.isEmpty else {
            return .failure(ExportProblem("a \(kind) without `apiVersion`", at: position))
        }
        guard let metadata = value["metadata"], case .object = metadata else {
            return .failure(ExportProblem("a \(kind) without `metadata`", at: position))
        }
        guard let name = metadata["name"]?.stringValue, !name.isEmpty else {
            return .failure(ExportProblem("a \(kind) without `metadata.name`", at: position))
        }
        let namespace = metadata["namespace"]
        if let namespace, namespace.stringValue == nil, namespace != .null {
            return .failure(ExportProblem("the \(kind) `\(name)` has a `metadata.namespace` that is not a string", at: position))
        }
        return .success(LiveObject(apiVersion: apiVersion, kind: kind, name: name,
                                   namespace: namespace?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
                                   value: value, position: position))
    }
}

extension JSONValue {
    /// What the value is, in words, for "must be an object, not a string" messages.
    var kindDescription: String {
        switch self {
        case .string: "a string"
        case .integer, .double: "a number"
        case .bool: "a boolean"
        case .null: "null"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
