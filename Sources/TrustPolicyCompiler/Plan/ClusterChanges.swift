/// What changes in one cluster's own enforcement (`ClusterEnforcement`): its namespaces' stages,
/// the teams its restricted namespaces trust, and the Azure Policy assignments to create, update
/// or delete. Trust shared by the whole environment is `EnvironmentTrustChanges`'.
enum ClusterChanges {
    /// Changes of a cluster present on both sides.
    static func changes(base: ResolvedCluster, head: ResolvedCluster, baseModel: ResolvedPolicy,
                        headModel: ResolvedPolicy) -> [PlanChange] {
        // Most clusters of most plans change nothing of their own: their assignments are made
        // from exactly these.
        if base.resourceID == head.resourceID, base.enforcement == head.enforcement,
           baseModel.policyDefinitionID == headModel.policyDefinitionID {
            return []
        }
        var changes: [PlanChange] = []
        if base.resourceID != head.resourceID {
            changes.append(PlanChange(kind: .resourceIDChanged, symbol: "~",
                                      summary: "Azure resource id `\(base.resourceID)` → `\(head.resourceID)`: the assignments move to another cluster resource",
                                      items: [base.resourceID, head.resourceID], risks: []))
        }
        changes += namespaceChanges(base: base.enforcement, head: head.enforcement)
        changes += assignmentChanges(base: base.enforcement, head: head.enforcement,
                                     baseDefinition: baseModel.policyDefinitionID, headDefinition: headModel.policyDefinitionID)
        return changes
    }

    /// A cluster only the change has: its bundle and its assignments are created.
    static func added(_ cluster: ResolvedCluster) -> [PlanChange] {
        let stages = Cluster.Stage.enforcing.map { stage in
            "\(stage.rawValue): \(cluster.enforcement.namespaces.filter { $0.stage == stage && !$0.isExcluded }.count)"
        }
        return [PlanChange(kind: .clusterAdded, symbol: "+",
                           summary: "new cluster in \(cluster.region) (\(stages.joined(separator: ", ")) namespaces)",
                           items: cluster.enforcement.namespaces.map { "\($0.name)=\($0.stage.rawValue)" }, risks: [])]
            + cluster.enforcement.assignments.map(created)
    }

    /// A cluster only the base has: its bundle and its assignments are deleted.
    static func removed(_ cluster: ResolvedCluster) -> [PlanChange] {
        [PlanChange(kind: .clusterRemoved, symbol: "-", summary: "cluster removed: its bundle is deleted", items: [], risks: [])]
            + cluster.enforcement.assignments.map(deleted)
    }

    /// A cluster whose bundle moves: another region (same resource, same assignments) or
    /// another environment (its trust becomes that environment's).
    static func moved(base: ResolvedCluster, head: ResolvedCluster) -> PlanChange {
        let from = BundleLayout.clusterBundlePath(base), to = BundleLayout.clusterBundlePath(head)
        var summary = "cluster moves from \(base.environment)/\(base.region) to \(head.environment)/\(head.region): its bundle moves from `\(from)` to `\(to)`"
        if base.environment != head.environment {
            summary += "; it trusts what environment `\(head.environment)` trusts instead of `\(base.environment)`"
        } else if base.resourceID == head.resourceID {
            summary += "; its Azure Policy assignments stay"
        }
        return PlanChange(kind: .clusterMoved, symbol: "~", summary: summary, items: [from, to], risks: [])
    }

    private static func namespaceChanges(base: ClusterEnforcement, head: ClusterEnforcement) -> [PlanChange] {
        var changes: [PlanChange] = []
        let old = Dictionary(base.namespaces.map { ($0.name, $0.stage) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(head.namespaces.map { ($0.name, $0.stage) }, uniquingKeysWith: { first, _ in first })
        // An `off` namespace is enforced nowhere, so adding or removing one changes nothing
        // (moving one between `off` and another stage does).
        for name in new.keys.sorted() {
            guard let stage = new[name] else { continue }
            let risks: [RiskClass] = stage == .deny && old[name] != .deny ? [.namespaceToDeny] : []
            if let previous = old[name] {
                guard previous != stage else { continue }
                changes.append(PlanChange(kind: .namespaceStageChanged, symbol: "~",
                                          summary: "namespace `\(name)`: \(previous.rawValue) → \(stage.rawValue)",
                                          items: [name], risks: risks))
            } else if stage != .off {
                changes.append(PlanChange(kind: .namespaceAdded, symbol: "+", summary: "namespace `\(name)` in \(stage.rawValue)",
                                          items: [name], risks: risks))
            }
        }
        for name in old.keys.sorted() where new[name] == nil && old[name] != .off {
            changes.append(PlanChange(kind: .namespaceRemoved, symbol: "-",
                                      summary: "namespace `\(name)` (was \(old[name]!.rawValue))", items: [name], risks: []))
        }
        let oldTrust = Dictionary(base.namespaceTrust.map { ($0.namespace, $0) }, uniquingKeysWith: { first, _ in first })
        let newTrust = Dictionary(head.namespaceTrust.map { ($0.namespace, $0) }, uniquingKeysWith: { first, _ in first })
        for namespace in Set(oldTrust.keys).union(newTrust.keys).sorted() where oldTrust[namespace] != newTrust[namespace] {
            let before = oldTrust[namespace].map { "teams \(PlanWording.list($0.teams))" } ?? "the cluster's trust"
            let after = newTrust[namespace].map { "teams \(PlanWording.list($0.teams))" } ?? "the cluster's trust"
            let summary = before == after ? "namespace `\(namespace)` trust changes with its teams' scopes"
                : "namespace `\(namespace)` trusts \(after) (was \(before))"
            changes.append(PlanChange(kind: .namespaceTrustChanged, symbol: "~", summary: summary, items: [namespace], risks: []))
        }
        return changes
    }

    private static func assignmentChanges(base: ClusterEnforcement, head: ClusterEnforcement, baseDefinition: String,
                                          headDefinition: String) -> [PlanChange] {
        var changes: [PlanChange] = []
        let old = Dictionary(base.assignments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(head.assignments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for assignment in head.assignments {
            guard let previous = old[assignment.name] else {
                changes.append(created(assignment))
                continue
            }
            guard previous.namespaces != assignment.namespaces else { continue }
            let summary: String
            if !previous.isEnabled {
                summary = "assignment `\(assignment.name)` enabled for \(assignment.namespaces.joined(separator: ", "))"
            } else if !assignment.isEnabled {
                summary = "assignment `\(assignment.name)` disabled: no namespace is left in \(assignment.stage.rawValue)"
            } else {
                let added = assignment.namespaces.filter { !previous.namespaces.contains($0) }
                let removed = previous.namespaces.filter { !assignment.namespaces.contains($0) }
                var parts: [String] = []
                if !added.isEmpty { parts.append("+ \(added.joined(separator: ", "))") }
                if !removed.isEmpty { parts.append("- \(removed.joined(separator: ", "))") }
                summary = "assignment `\(assignment.name)` namespaces: \(parts.joined(separator: "; "))"
            }
            changes.append(PlanChange(kind: .assignmentChanged, symbol: "~", summary: summary, items: assignment.namespaces, risks: []))
        }
        for assignment in base.assignments where new[assignment.name] == nil {
            changes.append(deleted(assignment))
        }
        // Organisation-wide settings every assignment carries: the excluded namespaces and the
        // policy definition (custom or built-in). Worded without the cluster's name, so that
        // clusters changing alike are grouped.
        if !old.isEmpty && !new.isEmpty {
            if base.excludedNamespaces != head.excludedNamespaces {
                changes.append(PlanChange(kind: .assignmentChanged, symbol: "~",
                                          summary: "assignments exclude namespaces \(PlanWording.names(head.excludedNamespaces)) (was \(PlanWording.names(base.excludedNamespaces)))",
                                          items: head.excludedNamespaces, risks: []))
            }
            if baseDefinition != headDefinition {
                changes.append(PlanChange(kind: .assignmentChanged, symbol: "~",
                                          summary: "assignments use policy definition `\(headDefinition)` (was `\(baseDefinition)`)",
                                          items: [headDefinition], risks: []))
            }
        }
        return changes
    }

    private static func created(_ assignment: PolicyAssignmentEnforcement) -> PlanChange {
        let what = assignment.isEnabled ? "for \(assignment.namespaces.joined(separator: ", "))" : "disabled (no namespace in \(assignment.stage.rawValue))"
        return PlanChange(kind: .assignmentCreated, symbol: "+", summary: "assignment `\(assignment.name)` \(what)",
                          items: assignment.namespaces, risks: [])
    }

    private static func deleted(_ assignment: PolicyAssignmentEnforcement) -> PlanChange {
        PlanChange(kind: .assignmentDeleted, symbol: "-", summary: "assignment `\(assignment.name)`", items: assignment.namespaces, risks: [])
    }
}
