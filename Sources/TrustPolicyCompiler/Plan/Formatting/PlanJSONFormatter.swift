/// The whole plan as JSON, every cluster listed.
struct PlanJSONFormatter {
    func render(_ plan: Plan) -> String {
        JSONValue.object([
            "apiVersion": .string("trustc/v1"),
            "kind": .string("Plan"),
            "changes": .bool(plan.hasChanges),
            "changedClusters": .integer(plan.changedClusters),
            "environments": .array(plan.environments.map { environment in
                .object([
                    "environment": .string(environment.environment),
                    "groups": .array(environment.groups.map { group in
                        .object([
                            "clusters": .array(group.clusters.map(cluster)),
                            "changes": .array(group.changes.map { change in
                                .object([
                                    "kind": .string(change.kind.rawValue),
                                    "action": .string(String(change.symbol)),
                                    "summary": .string(change.summary),
                                    "items": .strings(change.items),
                                    "risks": .strings(change.risks.map(\.rawValue)),
                                ])
                            }),
                        ])
                    }),
                ])
            }),
            "risks": .array(plan.risks.map { finding in
                .object([
                    "code": .string(finding.risk.rawValue),
                    "name": .string(finding.risk.name),
                    "message": .string(finding.message),
                    "clusters": .strings(finding.clusters.map(\.name)),
                ])
            }),
            "changedFiles": .strings(plan.changedFiles),
            "outsideAuthorTeam": .array(plan.ownership.map { finding in
                .object(["file": .string(finding.file), "owners": .strings(finding.owners)])
            }),
        ]).serialized()
    }

    private func cluster(_ cluster: ClusterReference) -> JSONValue {
        .object(["name": .string(cluster.name), "environment": .string(cluster.environment), "region": .string(cluster.region)])
    }
}
