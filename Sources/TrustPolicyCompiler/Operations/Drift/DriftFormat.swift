/// How `trustc drift` prints its report: text for terminals and logs, JSON for tools.
public enum DriftFormat: String, Sendable, CaseIterable {
    case text
    case json

    public func render(_ report: DriftReport) -> String {
        switch self {
        case .text: DriftTextFormatter().render(report)
        case .json: DriftJSONFormatter().render(report)
        }
    }
}

/// The drift report as JSON (the contract of issue 12): `cluster` and `drift`, plus what was
/// compared, ignored and could not be read.
struct DriftJSONFormatter {
    func render(_ report: DriftReport) -> String {
        JSONValue.object([
            "cluster": .string(report.cluster),
            "drift": .array(report.drift.map { entry in
                .object([
                    "kind": .string(entry.kind),
                    "name": .string(entry.name),
                    "namespace": entry.namespace.map(JSONValue.string) ?? .null,
                    "change": .string(entry.change.rawValue),
                    "paths": .strings(entry.paths),
                    "details": .strings(entry.details),
                    "position": entry.position.map { .string($0.description) } ?? .null,
                ])
            }),
            "compared": .object([
                "kubernetes": report.comparedKubernetes ? .integer(report.renderedObjects) : .null,
                "assignments": report.comparedAssignments ? .integer(report.renderedAssignments) : .null,
            ]),
            "ignored": .object([
                "unknownKinds": counts(report.unknownKinds),
                "unmanaged": counts(report.unmanaged),
                "otherAssignments": .integer(report.otherAssignments),
                "otherScopes": .strings(report.otherScopes),
            ]),
            "problems": .array(report.problems.map { problem in
                .object(["position": .string(problem.position.description), "message": .string(problem.message)])
            }),
        ]).serialized()
    }

    private func counts(_ counts: [String: Int]) -> JSONValue {
        .object(counts.keys.sorted().map { JSONValue.Member($0, .integer(counts[$0]!)) })
    }
}

/// The drift report for terminals and logs: one block per object, then what was compared and
/// ignored, then the parts of the export that could not be read.
struct DriftTextFormatter {
    func render(_ report: DriftReport) -> String {
        let cluster = "\(report.cluster) (\(report.environment), \(report.region))"
        var lines = [report.hasDrift
            ? "\(cluster): \(counted(report.drift.count, "object")) drifted from the source."
            : "\(cluster): no drift."]
        for entry in report.drift {
            let namespace = entry.namespace.map { " in namespace \($0)" } ?? ""
            lines += ["", "\(entry.change.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(entry.kind) \(entry.name)\(namespace)"
                + (entry.position.map { "  (\($0))" } ?? "")]
            lines += entry.paths.map { "    at \($0)" }
            lines += entry.details.map { "    \($0)" }
        }
        lines.append("")
        var compared: [String] = []
        if report.comparedKubernetes { compared.append(counted(report.renderedObjects, "Ratify object")) }
        if report.comparedAssignments { compared.append(counted(report.renderedAssignments, "Azure Policy assignment")) }
        lines.append("Compared \(compared.joined(separator: " and ")) with the live export"
            + (report.comparedAssignments ? "." : "; no assignment list was given, so assignments were not compared.")
            + (report.comparedKubernetes ? "" : " No kubectl export was given, so Kubernetes objects were not compared."))
        var ignored: [String] = []
        if !report.unknownKinds.isEmpty { ignored.append("\(counted(report.unknownKinds.values.reduce(0, +), "object")) of other kinds (\(list(report.unknownKinds)))") }
        if !report.unmanaged.isEmpty { ignored.append("\(counted(report.unmanaged.values.reduce(0, +), "Ratify object")) trustc does not manage (\(list(report.unmanaged)))") }
        if report.otherAssignments > 0 { ignored.append("\(counted(report.otherAssignments, "assignment")) not made by trustc") }
        if !ignored.isEmpty { lines.append("Ignored " + ignored.joined(separator: ", ") + ".") }
        if !report.otherScopes.isEmpty {
            let hint = report.liveAssignments == 0 ? " (none is on this cluster's scope: was the list exported for another cluster?)" : ""
            lines.append("Ignored trustc's assignments of other scopes\(hint): \(report.otherScopes.joined(separator: ", ")).")
        }
        if !report.problems.isEmpty {
            lines += ["", "Problems in the export (the rest was compared):"]
            lines += report.problems.map { "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }


    private func list(_ counts: [String: Int]) -> String {
        counts.keys.sorted().map { "\($0) \(counts[$0]!)" }.joined(separator: ", ")
    }
}
