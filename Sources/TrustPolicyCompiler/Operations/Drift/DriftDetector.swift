/// Compares what the source renders for a cluster with what an export says it runs: objects
/// matched by kind, namespace and name (assignments by name, without regard to case), both
/// sides without server fields, compared by meaning.
public struct DriftDetector: Sendable {
    /// The label trustc puts on every object it renders.
    static let managedBy = ("app.kubernetes.io/managed-by", "trustc")

    public init() {}

    public func report(rendered: ClusterObjects, live: LiveExport, cluster: ResolvedCluster, model: ResolvedPolicy) -> DriftReport {
        var report = DriftReport(cluster: cluster.name, environment: cluster.environment, region: cluster.region, drift: [],
                                 comparedKubernetes: live.hasKubernetesExport, comparedAssignments: live.hasAssignmentExport,
                                 renderedObjects: live.hasKubernetesExport ? rendered.kubernetes.count : 0,
                                 renderedAssignments: live.hasAssignmentExport ? rendered.assignments.count : 0,
                                 unknownKinds: [:], unmanaged: [:], otherAssignments: 0, otherScopes: [], liveAssignments: 0,
                                 problems: live.problems)
        if live.hasKubernetesExport { compareKubernetes(rendered.kubernetes, live.objects, into: &report) }
        if live.hasAssignmentExport { compareAssignments(rendered.assignments, live.assignments, cluster: cluster, model: model, into: &report) }
        report.drift.sort { ($0.kind, $0.namespace ?? "", $0.name) < ($1.kind, $1.namespace ?? "", $1.name) }
        report.problems.sort { $0.position < $1.position }
        return report
    }

    private struct Key: Hashable {
        var kind: String
        var namespace: String?
        var name: String
    }

    private func compareKubernetes(_ rendered: [JSONValue], _ live: [LiveObject], into report: inout DriftReport) {
        var expected: [Key: JSONValue] = [:]
        var order: [Key] = []
        for object in rendered {
            let metadata = object["metadata"]
            let key = Key(kind: object["kind"]?.stringValue ?? "", namespace: metadata?["namespace"]?.stringValue,
                          name: metadata?["name"]?.stringValue ?? "")
            expected[key] = ServerFields.kubernetes(object)
            order.append(key)
        }
        var seen: [Key: ExportPosition] = [:]
        for object in live {
            guard object.group == RatifyKind.group, let kind = RatifyKind(rawValue: object.kind) else {
                report.unknownKinds[object.kind, default: 0] += 1
                continue
            }
            let key = Key(kind: object.kind, namespace: object.namespace, name: object.name)
            if let first = seen[key] {
                report.problems.append(ExportProblem("the \(object.kind) `\(object.name)` is listed again (first at \(first)); only the first is compared",
                                                     at: object.position))
                continue
            }
            seen[key] = object.position
            let actual = ServerFields.kubernetes(object.value)
            if let renderedObject = expected[key] {
                let paths = SemanticComparison.differences(renderedObject, actual)
                if !paths.isEmpty { report.drift.append(entry(key, .changed, paths: paths, renderedObject, actual, at: object.position)) }
            } else if kind.isRendered || actual["metadata"]?["labels"]?[Self.managedBy.0]?.stringValue == Self.managedBy.1 {
                report.drift.append(entry(key, .extra, paths: [], nil, actual, at: object.position))
            } else {
                report.unmanaged[object.kind, default: 0] += 1
            }
        }
        for key in order where seen[key] == nil {
            report.drift.append(entry(key, .missing, paths: [], expected[key], nil, at: nil))
        }
    }

    private func compareAssignments(_ rendered: [JSONValue], _ live: [LiveAssignment], cluster: ResolvedCluster,
                                    model: ResolvedPolicy, into report: inout DriftReport) {
        let expected = rendered.map { (name: $0["name"]?.stringValue ?? "", value: ServerFields.assignment($0)) }
        let names = Set(expected.map { $0.name.lowercased() })
        let scope = cluster.resourceID.lowercased()
        let definition = model.policyDefinitionID.lowercased()
        var otherScopes = Set<String>()
        var seen: [String: ExportPosition] = [:]
        var matched: [String: (value: JSONValue, position: ExportPosition)] = [:]
        for assignment in live {
            let isTrustc = names.contains(assignment.name.lowercased()) || assignment.name.hasPrefix("trustc-")
                || assignment.value["properties"]?["metadata"]?["assignedBy"]?.stringValue == "trustc"
                || assignment.policyDefinitionID?.lowercased() == definition
            guard isTrustc else {
                report.otherAssignments += 1
                continue
            }
            guard let liveScope = assignment.scope, liveScope.lowercased() == scope else {
                otherScopes.insert(assignment.scope ?? "(no scope)")
                continue
            }
            let key = assignment.name.lowercased()
            if let first = seen[key] {
                report.problems.append(ExportProblem("the assignment `\(assignment.name)` is listed again (first at \(first)); only the first is compared",
                                                     at: assignment.position))
                continue
            }
            seen[key] = assignment.position
            report.liveAssignments += 1
            let actual = ServerFields.assignment(assignment.value)
            if names.contains(key) {
                matched[key] = (actual, assignment.position)
            } else {
                report.drift.append(entry(Key(kind: DriftEntry.policyAssignmentKind, name: assignment.name), .extra, paths: [],
                                          nil, actual, at: assignment.position))
            }
        }
        for (name, value) in expected {
            let key = Key(kind: DriftEntry.policyAssignmentKind, name: name)
            guard let (actual, position) = matched[name.lowercased()] else {
                report.drift.append(entry(key, .missing, paths: [], value, nil, at: nil))
                continue
            }
            let paths = SemanticComparison.differences(value, actual)
            if !paths.isEmpty { report.drift.append(entry(key, .changed, paths: paths, value, actual, at: position)) }
        }
        report.otherScopes = otherScopes.sorted()
    }

    private func entry(_ key: Key, _ change: DriftEntry.Change, paths: [String], _ expected: JSONValue?, _ actual: JSONValue?,
                       at position: ExportPosition?) -> DriftEntry {
        DriftEntry(kind: key.kind, name: key.name, namespace: key.namespace, change: change, paths: paths,
                   details: DriftDetails.details(kind: key.kind, expected: expected, actual: actual), position: position)
    }
}
