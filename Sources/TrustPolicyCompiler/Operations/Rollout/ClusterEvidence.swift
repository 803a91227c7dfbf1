/// What the exports found in one namespace of a cluster.
struct NamespaceEvidence: Sendable {
    /// The images of Gatekeeper violations, as their messages name them.
    var images: Set<String> = []
    /// Violations whose image could not be read (a message cut inside it, a verifier error, a
    /// message no template writes): they count all the same.
    var unidentified = 0
    /// Objects Azure Policy reports non-compliant (`pod payments/api-7d9f`), which name no image.
    var nonCompliant: Set<String> = []
}

/// What the exports say about one cluster: the violations of each namespace, and whether a
/// warn-stage namespace without one is known to be clean or merely not covered.
struct ClusterEvidence: Sendable {
    var namespaces: [String: NamespaceEvidence] = [:]
    /// Violation exports read for the cluster.
    var violationExports = 0
    /// Why those leave the warn stage uncovered (a constraint not audited yet, a truncated
    /// list, a file that could not be read completely).
    var violationGaps: [String] = []
    /// Whether Azure Policy's record of the audit assignment covers the warn stage.
    var complianceCovers = false
    var complianceGaps: [String] = []

    /// Whether a warn-stage namespace without a violation has none.
    var coversWarnStage: Bool { (violationExports > 0 && violationGaps.isEmpty) || complianceCovers }

    /// Why it does not: for `no-data`.
    var gaps: [String] {
        guard !coversWarnStage else { return [] }
        return (violationExports == 0 ? ["no violations export"] : violationGaps) + complianceGaps
    }
}

/// A compliance record matched to a cluster and one of its trustc assignments.
struct ClusterPolicyState: Sendable {
    var file: String
    var state: PolicyState
    var stage: Cluster.Stage
}

/// Gathers a cluster's evidence from the violation exports named for it and from the
/// compliance records of its trustc assignments. Only constraints of the cluster's own trustc
/// assignments (by the add-on's `azure-policy-assignment-id` annotation, compared without case)
/// and constraints installed by hand (no annotation) are read; compliance records are matched to
/// a cluster by `resourceId` and to its assignments by name, both without case.
struct ClusterEvidenceCollector {
    /// Compliance records by cluster name; a note per file for the records of other resources
    /// or assignments.
    static func group(_ compliance: [PolicyStateExport], clusters: [ResolvedCluster]) -> (states: [String: [ClusterPolicyState]], problems: [ExportProblem]) {
        let byResource = Dictionary(clusters.map { (resourceKey($0.resourceID), $0) }, uniquingKeysWith: { first, _ in first })
        var states: [String: [ClusterPolicyState]] = [:]
        var problems: [ExportProblem] = []
        for export in compliance {
            problems += export.problems
            var ignored = 0
            for state in export.states {
                guard let cluster = byResource[resourceKey(state.resourceID)],
                      let stage = stage(ofAssignment: state.assignment, of: cluster) else {
                    ignored += 1
                    continue
                }
                states[cluster.name, default: []].append(ClusterPolicyState(file: export.file, state: state, stage: stage))
            }
            if ignored > 0 {
                problems.append(ExportProblem(
                    "\(ignored) of \(export.states.count) record\(export.states.count == 1 ? "" : "s") not about a trustc assignment of a selected cluster: ignored",
                    at: ExportPosition(file: export.file), severity: .note))
            }
        }
        return (states, problems)
    }

    /// `states` is `nil` when no compliance export was given.
    func evidence(of cluster: ResolvedCluster, violations: [GatekeeperConstraintExport], states: [ClusterPolicyState]?,
                  problems: inout [ExportProblem]) -> ClusterEvidence {
        var evidence = ClusterEvidence()
        for export in violations {
            add(export, of: cluster, to: &evidence, problems: &problems)
        }
        guard let states else { return evidence }
        for record in states {
            add(record, of: cluster, to: &evidence)
        }
        if !states.contains(where: { $0.stage == .warn }) {
            evidence.complianceGaps.append("no compliance record of `\(Self.assignment(of: cluster, stage: .warn))`")
        }
        return evidence
    }

    // MARK: Gatekeeper constraints

    private func add(_ export: GatekeeperConstraintExport, of cluster: ResolvedCluster, to evidence: inout ClusterEvidence,
                     problems: inout [ExportProblem]) {
        evidence.violationExports += 1
        problems += export.problems
        if !export.problems.isEmpty { evidence.violationGaps.append("\(export.file) could not be read completely") }
        var coversWarnStage = false
        for constraint in export.constraints {
            let stage = constraint.assignment.flatMap { Self.stage(ofAssignment: $0, of: cluster) }
            if let assignment = constraint.assignment, stage == nil {
                problems.append(ExportProblem(
                    "constraint \(constraint.reference) belongs to assignment `\(assignment)`, not to a trustc assignment of \(cluster.name): ignored",
                    at: ExportPosition(file: export.file, path: constraint.path), severity: .note))
                continue
            }
            // A constraint installed by hand (no assignment) is taken to cover every namespace.
            if stage == nil || stage == .warn { coversWarnStage = true }
            guard let audit = constraint.audit else {
                evidence.violationGaps.append("constraint \(constraint.reference) in \(export.file) has not been audited yet (no status)")
                continue
            }
            if audit.isTruncated {
                evidence.violationGaps.append("constraint \(constraint.reference) in \(export.file) lists \(audit.violations.count) of \(audit.totalViolations ?? 0) violations (Gatekeeper's --constraint-violations-limit)")
            }
            for violation in audit.violations {
                guard let namespace = violation.namespace else { continue }
                add(violation, in: namespace, file: export.file, to: &evidence.namespaces[namespace, default: NamespaceEvidence()],
                    problems: &problems)
            }
        }
        if !coversWarnStage && export.problems.isEmpty {
            evidence.violationGaps.append("\(export.file) holds no constraint of `\(Self.assignment(of: cluster, stage: .warn))`")
        }
    }

    private func add(_ violation: GatekeeperViolation, in namespace: String, file: String, to evidence: inout NamespaceEvidence,
                     problems: inout [ExportProblem]) {
        let why: String
        switch ViolationMessage(parsing: violation.message) {
        case .image(let image):
            evidence.images.insert(image)
            return
        case .truncated: why = "the message was cut at \(ViolationMessage.maximumBytes) bytes inside the image"
        case .verifierError: why = "Ratify could not verify the images (`\(Self.excerpt(violation.message))`)"
        case .unrecognised: why = "a message no Ratify or Azure template writes (`\(Self.excerpt(violation.message))`)"
        }
        evidence.unidentified += 1
        let object = [violation.kind, violation.name].compactMap { $0 }.joined(separator: "/")
        let action = violation.enforcementAction.map { " (\($0))" } ?? ""
        problems.append(ExportProblem("\(why); \(object.isEmpty ? "the violation" : object)\(action) still counts in namespace `\(namespace)`",
                                      at: ExportPosition(file: file, path: violation.path)))
    }

    private static func excerpt(_ message: String) -> String {
        message.count <= 80 ? message : String(message.prefix(77)) + "..."
    }

    // MARK: Azure Policy compliance

    private func add(_ record: ClusterPolicyState, of cluster: ResolvedCluster, to evidence: inout ClusterEvidence) {
        let (state, stage) = (record.state, record.stage)
        let assignment = Self.assignment(of: cluster, stage: stage)
        guard let components = state.components else {
            if state.isCompliant {
                if stage == .warn { evidence.complianceCovers = true }
            } else if stage == .warn {
                evidence.complianceGaps.append("\(record.file): `\(assignment)` is \(state.complianceState) without components (list the states with --expand components)")
            }
            return
        }
        if stage == .warn {
            if state.isCompliant || state.isNonCompliant {
                evidence.complianceCovers = true
            } else {
                evidence.complianceGaps.append("\(record.file): `\(assignment)` is \(state.complianceState)")
            }
        }
        for component in components where component.complianceState.lowercased() != "compliant" {
            guard let namespace = component.namespace else { continue }
            let object = "\(component.type?.lowercased() ?? "object") \(component.id)"
            evidence.namespaces[namespace, default: NamespaceEvidence()].nonCompliant.insert(object)
        }
    }

    // MARK: Names

    /// The stage of a trustc assignment of the cluster, `nil` for any other assignment.
    private static func stage(ofAssignment name: String, of cluster: ResolvedCluster) -> Cluster.Stage? {
        let lowered = name.lowercased()
        return Cluster.Stage.enforcing.first { lowered == assignment(of: cluster, stage: $0).lowercased() }
    }

    private static func assignment(of cluster: ResolvedCluster, stage: Cluster.Stage) -> String {
        GeneratedNames.assignment(environment: cluster.environment, cluster: cluster.name, stage: stage)
    }

    /// Azure returns resource ids in any case (`resourcegroups`), sometimes with a trailing `/`.
    private static func resourceKey(_ id: String) -> String {
        var key = id.lowercased()
        while key.hasSuffix("/") { key.removeLast() }
        return key
    }
}
