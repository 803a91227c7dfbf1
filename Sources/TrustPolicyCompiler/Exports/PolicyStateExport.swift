/// One compliance record of `az policy state list`: one resource against one assignment.
public struct PolicyState: Sendable, Equatable {
    /// The evaluated resource (`resourceId`), for AKS the cluster's managed-cluster id.
    public var resourceID: String
    /// `policyAssignmentName`, or the last segment of `policyAssignmentId`.
    public var assignment: String
    /// `Compliant`, `NonCompliant`, `Conflict`, `Exempt`, `Unknown` or `Error`, as printed.
    public var complianceState: String
    /// With `--expand components`, the Kubernetes objects evaluated (for a
    /// `Microsoft.Kubernetes.Data` definition); `nil` without it, or when one could not be read.
    public var components: [Component]?
    public var path: String

    public struct Component: Sendable, Equatable {
        /// `<namespace>/<name>` for a namespaced object, the bare name for a cluster-scoped one.
        public var id: String
        /// `pod` in Azure's examples; compared without case.
        public var type: String?
        public var complianceState: String

        /// The namespace of a namespaced object.
        public var namespace: String? {
            id.firstIndex(of: "/").map { String(id[..<$0]) }
        }
    }

    public var isCompliant: Bool { complianceState.lowercased() == "compliant" }
    public var isNonCompliant: Bool { complianceState.lowercased() == "noncompliant" }
}

/// The compliance records of one export file and what could not be read.
public struct PolicyStateExport: Sendable {
    public var file: String
    public var states: [PolicyState]
    public var problems: [ExportProblem]
}

/// Reads `az policy state list -o json` (a JSON array; `--expand components` adds
/// `components[]` with `id`, `type`, `name`, `timestamp` and `complianceState`), or the
/// `{"value": [...]}` page the REST API returns to `az rest`. Only `resourceId`,
/// `policyAssignmentName` / `policyAssignmentId`, `complianceState` and `components` are read;
/// the CLI's other keys (`odataId`, `timestamp`, `isCompliant`, ...) are skipped. A record
/// missing one of those is a problem at its JSON path and is skipped; a component that cannot
/// be read drops that record's components (its namespaces are then unknown).
public enum PolicyStateReader {
    public static func read(_ bytes: [UInt8], file: String) -> PolicyStateExport {
        let log = ExportProblemLog(file: file)
        var states: [PolicyState] = []
        guard let bytes = log.utf8(bytes) else { return PolicyStateExport(file: file, states: [], problems: log.problems) }
        var reader = JSONReader(bytes)
        func records(_ reader: inout JSONReader, path: String) throws(JSONReader.Failure) {
            _ = try reader.elements(at: path, log: log) { index, reader throws(JSONReader.Failure) in
                if let state = try state(&reader, path: "\(path)[\(index)]", log: log) { states.append(state) }
            }
        }
        do throws(JSONReader.Failure) {
            switch try reader.peek() {
            case .array:
                try records(&reader, path: "$")
            case .object:
                var hasValue = false
                try reader.object { key, reader throws(JSONReader.Failure) in
                    guard key == "value" else { return try reader.skip() }
                    hasValue = true
                    try records(&reader, path: "$.value")
                }
                if !hasValue { log.add("$", "expected the array `az policy state list -o json` prints, found an object without `value`") }
            case let kind:
                try reader.skip()
                try reader.end()
                log.add("$", "expected the array `az policy state list -o json` prints, found \(kind.described)")
                return PolicyStateExport(file: file, states: [], problems: log.problems)
            }
            try reader.end()
        } catch {
            log.add(error)
        }
        return PolicyStateExport(file: file, states: states, problems: log.problems)
    }

    private static func state(_ reader: inout JSONReader, path: String, log: ExportProblemLog) throws(JSONReader.Failure) -> PolicyState? {
        var resourceID: String?, name: String?, id: String?, compliance: String?
        var components: [PolicyState.Component]?
        var componentsReadable = true
        let isObject = try reader.members(at: path, log: log) { key, reader throws(JSONReader.Failure) in
            switch key {
            case "resourceId": resourceID = try reader.string(at: "\(path).resourceId", log: log)
            case "policyAssignmentName": name = try reader.string(at: "\(path).policyAssignmentName", log: log)
            case "policyAssignmentId": id = try reader.string(at: "\(path).policyAssignmentId", log: log)
            case "complianceState": compliance = try reader.string(at: "\(path).complianceState", log: log)
            case "components":
                guard try reader.peek() != .null else { return try reader.skip() }
                var read: [PolicyState.Component] = []
                componentsReadable = try reader.elements(at: "\(path).components", log: log) { index, reader throws(JSONReader.Failure) in
                    if let component = try component(&reader, path: "\(path).components[\(index)]", log: log) {
                        read.append(component)
                    } else {
                        componentsReadable = false
                    }
                } && componentsReadable
                components = read
            default: try reader.skip()
            }
        }
        guard isObject else { return nil }
        let assignment = name.flatMap { $0.isEmpty ? nil : $0 } ?? id.flatMap { $0.split(separator: "/").last.map(String.init) }
        let missing = [resourceID == nil ? "`resourceId`" : nil, assignment == nil ? "`policyAssignmentName` or `policyAssignmentId`" : nil,
                       compliance == nil ? "`complianceState`" : nil].compactMap { $0 }
        guard let resourceID, let assignment, let compliance else {
            log.add(path, "a policy state without \(missing.joined(separator: ", ")): skipped")
            return nil
        }
        return PolicyState(resourceID: resourceID, assignment: assignment, complianceState: compliance,
                           components: componentsReadable ? components : nil, path: path)
    }

    private static func component(_ reader: inout JSONReader, path: String, log: ExportProblemLog) throws(JSONReader.Failure) -> PolicyState.Component? {
        var id: String?, type: String?, compliance: String?
        let isObject = try reader.members(at: path, log: log) { key, reader throws(JSONReader.Failure) in
            switch key {
            case "id": id = try reader.string(at: "\(path).id", log: log)
            case "type": type = try reader.string(at: "\(path).type", log: log)
            case "complianceState": compliance = try reader.string(at: "\(path).complianceState", log: log)
            default: try reader.skip()
            }
        }
        guard isObject else { return nil }
        guard let id, let compliance else {
            log.add(path, "a component without `id` or `complianceState`")
            return nil
        }
        return PolicyState.Component(id: id, type: type, complianceState: compliance)
    }
}
