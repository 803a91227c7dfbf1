/// One violation Gatekeeper's audit recorded in a constraint's `status.violations`.
public struct GatekeeperViolation: Sendable, Equatable {
    /// The violating object's kind and name (`Pod`, `web-6d4cf56db6-abcde`), when given.
    public var kind: String?
    public var name: String?
    /// `nil` for a cluster-scoped object, which belongs to no namespace.
    public var namespace: String?
    /// At most 256 bytes: Gatekeeper cuts longer messages to 253 and appends `...`.
    public var message: String
    /// `deny`, `dryrun`, `warn` or `scoped`, when given.
    public var enforcementAction: String?
    /// Where it is in the export.
    public var path: String
}

/// One Gatekeeper constraint as `kubectl get <constraint kind> -o json` prints it.
public struct GatekeeperConstraint: Sendable, Equatable {
    public var kind: String
    public var name: String
    /// The Azure Policy assignment that installed it (the last segment of the add-on's
    /// `azure-policy-assignment-id` annotation); `nil` for a constraint installed by hand.
    public var assignment: String?
    /// What the last audit found; `nil` when the constraint has not been audited yet (no
    /// `status`, or one with only `byPod`).
    public var audit: Audit?
    public var path: String

    public struct Audit: Sendable, Equatable {
        /// Every violation the audit found (`status.totalViolations`), when given.
        public var totalViolations: Int?
        /// At most `--constraint-violations-limit` (20 by default) of them; Gatekeeper removes
        /// the key when there are none.
        public var violations: [GatekeeperViolation]

        /// Whether the audit found more violations than the list holds.
        public var isTruncated: Bool { (totalViolations ?? 0) > violations.count }
    }

    /// `Kind/name`, as kubectl names objects.
    public var reference: String { "\(kind)/\(name)" }
}

/// The constraints of one export file and what could not be read.
public struct GatekeeperConstraintExport: Sendable {
    public var file: String
    public var constraints: [GatekeeperConstraint]
    public var problems: [ExportProblem]
}

/// Reads `kubectl get <constraint kind> -o json`: one constraint object (a named get) or a
/// `List` of them (kubectl's wrapper for every other get, `items` possibly empty). Only
/// `apiVersion`, `kind`, `metadata.name`, the assignment annotation and `status` (`auditTimestamp`,
/// `totalViolations`, `violations[]` with `enforcementAction`, `kind`, `name`, `namespace`,
/// `message`) are read; everything else, `byPod` included, is skipped. An item that is not a
/// constraint, or a value of the wrong kind, is a problem at its JSON path and the rest is
/// still read; broken JSON stops the reading at its line and column, keeping the constraints
/// read before it.
public enum GatekeeperConstraintReader {
    public static let apiGroup = "constraints.gatekeeper.sh"
    /// The annotation the Azure Policy add-on puts on the constraints it installs.
    public static let assignmentAnnotation = "azure-policy-assignment-id"

    public static func read(_ bytes: [UInt8], file: String) -> GatekeeperConstraintExport {
        let log = ExportProblemLog(file: file)
        var items: [GatekeeperConstraint] = []
        var constraints: [GatekeeperConstraint] = []
        guard let bytes = log.utf8(bytes) else { return GatekeeperConstraintExport(file: file, constraints: [], problems: log.problems) }
        var reader = JSONReader(bytes)
        do throws(JSONReader.Failure) {
            let kind = try reader.peek()
            guard kind == .object else {
                try reader.skip()
                try reader.end()
                log.add("$", "expected a Gatekeeper constraint or a List of them (`kubectl get <constraint kind> -o json`), found \(kind.described)")
                return GatekeeperConstraintExport(file: file, constraints: [], problems: log.problems)
            }
            let top = try fields(&reader, path: "$", log: log) { index, reader throws(JSONReader.Failure) in
                let path = "$.items[\(index)]"
                guard let item = try fields(&reader, path: path, log: log, items: nil) else { return }
                if let constraint = constraint(item, path: path, log: log) { items.append(constraint) }
            }
            try reader.end()
            if let top {
                if top.kind?.hasSuffix("List") == true, top.hasItems {
                    constraints = items
                } else if let constraint = constraint(top, path: "$", log: log) {
                    constraints = [constraint]
                }
            }
        } catch {
            log.add(error)
            constraints = items
        }
        return GatekeeperConstraintExport(file: file, constraints: constraints, problems: log.problems)
    }

    /// The members of an object that say what it is.
    private struct Fields {
        var apiVersion: String?
        var kind: String?
        var name: String?
        var assignment: String?
        var hasItems = false
        var audit: GatekeeperConstraint.Audit?
    }

    /// Reads one object (the file's, or an item of its list); `items`, when given, is called
    /// for each element of an `items` array. `nil` when the value is not an object.
    private static func fields(_ reader: inout JSONReader, path: String, log: ExportProblemLog,
                               items: ((Int, inout JSONReader) throws(JSONReader.Failure) -> Void)?) throws(JSONReader.Failure) -> Fields? {
        var fields = Fields()
        let isObject = try reader.members(at: path, log: log) { key, reader throws(JSONReader.Failure) in
            switch key {
            case "apiVersion": fields.apiVersion = try reader.string(at: "\(path).apiVersion", log: log)
            case "kind": fields.kind = try reader.string(at: "\(path).kind", log: log)
            case "metadata":
                _ = try reader.members(at: "\(path).metadata", log: log) { key, reader throws(JSONReader.Failure) in
                    switch key {
                    case "name": fields.name = try reader.string(at: "\(path).metadata.name", log: log)
                    case "annotations": fields.assignment = try assignment(&reader, path: "\(path).metadata.annotations", log: log)
                    default: try reader.skip()
                    }
                }
            case "status": fields.audit = try audit(&reader, path: "\(path).status", log: log)
            case "items" where items != nil:
                fields.hasItems = try reader.elements(at: "\(path).items", log: log) { index, reader throws(JSONReader.Failure) in
                    try items!(index, &reader)
                }
            default: try reader.skip()
            }
        }
        return isObject ? fields : nil
    }

    private static func assignment(_ reader: inout JSONReader, path: String, log: ExportProblemLog) throws(JSONReader.Failure) -> String? {
        var assignment: String?
        _ = try reader.members(at: path, log: log) { key, reader throws(JSONReader.Failure) in
            guard key == assignmentAnnotation else { return try reader.skip() }
            // `/subscriptions/…/providers/Microsoft.Authorization/policyAssignments/<name>`.
            let id = try reader.string(at: "\(path)[\"\(key)\"]", log: log) ?? ""
            let name = id.utf8.lastIndex(of: UInt8(ascii: "/")).map { id[id.utf8.index(after: $0)...] } ?? id[...]
            if !name.isEmpty { assignment = String(name) }
        }
        return assignment
    }

    private static func audit(_ reader: inout JSONReader, path: String, log: ExportProblemLog) throws(JSONReader.Failure) -> GatekeeperConstraint.Audit? {
        var audited = false
        var audit = GatekeeperConstraint.Audit(totalViolations: nil, violations: [])
        _ = try reader.members(at: path, log: log) { key, reader throws(JSONReader.Failure) in
            switch key {
            case "auditTimestamp":
                audited = try reader.string(at: "\(path).auditTimestamp", log: log) != nil || audited
            case "totalViolations":
                audit.totalViolations = try reader.integer(at: "\(path).totalViolations", log: log)
                audited = audited || audit.totalViolations != nil
            case "violations":
                audited = true
                _ = try reader.elements(at: "\(path).violations", log: log) { index, reader throws(JSONReader.Failure) in
                    if let violation = try violation(&reader, path: "\(path).violations[\(index)]", log: log) {
                        audit.violations.append(violation)
                    }
                }
            default: try reader.skip()
            }
        }
        return audited ? audit : nil
    }

    private static func violation(_ reader: inout JSONReader, path: String, log: ExportProblemLog) throws(JSONReader.Failure) -> GatekeeperViolation? {
        var kind: String?, name: String?, namespace: String?, message: String?, action: String?
        let isObject = try reader.members(at: path, log: log) { key, reader throws(JSONReader.Failure) in
            switch key {
            case "kind": kind = try reader.string(at: "\(path).kind", log: log)
            case "name": name = try reader.string(at: "\(path).name", log: log)
            case "namespace": namespace = try reader.string(at: "\(path).namespace", log: log)
            case "message": message = try reader.string(at: "\(path).message", log: log)
            case "enforcementAction": action = try reader.string(at: "\(path).enforcementAction", log: log)
            default: try reader.skip()
            }
        }
        guard isObject else { return nil }
        guard let message else {
            log.add(path, "a violation without a `message`")
            return nil
        }
        return GatekeeperViolation(kind: kind, name: name, namespace: namespace.flatMap { $0.isEmpty ? nil : $0 },
                                   message: message, enforcementAction: action, path: path)
    }

    private static func constraint(_ fields: Fields, path: String, log: ExportProblemLog) -> GatekeeperConstraint? {
        guard let apiVersion = fields.apiVersion, apiVersion.hasPrefix(apiGroup + "/") else {
            let found = [fields.apiVersion.map { "apiVersion `\($0)`" }, fields.kind.map { "kind `\($0)`" }].compactMap { $0 }
            log.add(path, "expected a Gatekeeper constraint (apiVersion \(apiGroup)/…) or a List of them, found "
                    + (found.isEmpty ? "an object without apiVersion and kind" : found.joined(separator: ", ")))
            return nil
        }
        guard let kind = fields.kind, let name = fields.name else {
            log.add(path, "a constraint without `kind` or `metadata.name`")
            return nil
        }
        return GatekeeperConstraint(kind: kind, name: name, assignment: fields.assignment, audit: fields.audit, path: path)
    }
}
