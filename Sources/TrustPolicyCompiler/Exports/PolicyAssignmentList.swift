/// An Azure Policy assignment as `az policy assignment list -o json` prints it, turned back
/// into the REST resource's shape that trustc renders.
public struct LiveAssignment: Sendable {
    public var name: String
    /// The assignment's scope: `scope`, `properties.scope`, or the part of `id` before
    /// `/providers/Microsoft.Authorization/policyAssignments/`.
    public var scope: String?
    /// `{name, type, scope, properties: {...}}` plus the envelope fields az prints (`id`,
    /// `location`, `identity`, `systemData`, ...), everything else moved under `properties`.
    public var value: JSONValue
    public var position: ExportPosition

    /// `properties.policyDefinitionId`.
    public var policyDefinitionID: String? { value["properties"]?["policyDefinitionId"]?.stringValue }
}

/// Reads the assignments `az policy assignment list -o json` prints: a JSON array of objects
/// whose `properties` az flattens to the top level. Also reads the REST form (`properties`
/// kept, as `az rest` prints it, with its `value` wrapper) and a single assignment
/// (`az policy assignment show`).
enum PolicyAssignmentList {
    /// Members of the ARM envelope, which stay at the top; everything else az printed is a
    /// property. `resourceGroup` is az's own addition.
    static let envelope: Set<String> = ["id", "name", "type", "location", "identity", "systemData", "resourceGroup", "scope",
                                        "apiVersion"]

    /// The assignments of `document`, or `nil` when it is no az output.
    static func assignments(in document: ExportDocuments.Document) -> (assignments: [LiveAssignment], problems: [ExportProblem])? {
        let elements: [JSONValue], path: String
        switch document.value {
        case .array(let items):
            (elements, path) = (items, "")
        case .object where document.value["kind"] == nil && document.value["value"]?.arrayValue != nil:
            (elements, path) = (document.value["value"]!.arrayValue!, "value")
        case .object where isAssignment(document.value):
            return assignment(document.value, at: document.position).map { ([$0], []) } ?? ([], [])
        default:
            return nil
        }
        var assignments: [LiveAssignment] = []
        var problems: [ExportProblem] = []
        for (index, element) in elements.enumerated() {
            let position = document.position(ofItem: index, path: path)
            guard case .object = element else {
                problems.append(ExportProblem("an assignment must be an object, not \(element.kindDescription)", at: position))
                continue
            }
            guard let assignment = assignment(element, at: position) else {
                problems.append(ExportProblem("an assignment without `name`", at: position))
                continue
            }
            assignments.append(assignment)
        }
        return (assignments, problems)
    }

    private static func isAssignment(_ value: JSONValue) -> Bool {
        value["policyDefinitionId"] != nil || value["properties"]?["policyDefinitionId"] != nil
            || value["type"]?.stringValue?.lowercased() == "microsoft.authorization/policyassignments"
    }

    private static func assignment(_ value: JSONValue, at position: ExportPosition) -> LiveAssignment? {
        guard case .object(let members) = value, let name = value["name"]?.stringValue, !name.isEmpty else { return nil }
        var top: [JSONValue.Member] = []
        var properties: [JSONValue.Member] = []
        for member in members {
            if member.key == "properties", case .object(let nested) = member.value {
                properties += nested
            } else if envelope.contains(member.key) {
                top.append(member)
            } else {
                properties.append(member)
            }
        }
        // The scope is a property in the REST resource; trustc's files carry it at the top.
        if !top.contains(where: { $0.key == "scope" }), let scope = properties.first(where: { $0.key == "scope" }) {
            top.append(scope)
        }
        properties.removeAll { $0.key == "scope" }
        top.append(.init("properties", .object(properties)))
        let normalized = JSONValue.object(top)
        return LiveAssignment(name: name, scope: normalized["scope"]?.stringValue ?? scope(fromID: value["id"]?.stringValue),
                              value: normalized, position: position)
    }

    /// The scope an assignment id names: everything before its provider segment.
    private static func scope(fromID id: String?) -> String? {
        guard let id else { return nil }
        let segments = id.split(separator: "/", omittingEmptySubsequences: false)
        let provider = ["providers", "microsoft.authorization", "policyassignments"]
        guard let start = segments.indices.first(where: { index in
            index + 3 <= segments.count && zip(segments[index..<index + 3], provider).allSatisfy { $0.lowercased() == $1 }
        }) else { return nil }
        return segments[..<start].joined(separator: "/")
    }
}
