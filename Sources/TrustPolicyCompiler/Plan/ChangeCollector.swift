/// Collects changes per cluster and groups clusters that change identically.
struct ChangeCollector {
    var changesByCluster: [ClusterReference: [PlanChange]] = [:]
    var risks = Set<RiskFinding>()

    mutating func add(_ change: PlanChange, to cluster: ClusterReference) {
        changesByCluster[cluster, default: []].append(change)
        for risk in change.risks {
            risks.insert(RiskFinding(risk: risk, message: change.summary, clusters: []))
        }
    }

    func environments() -> [EnvironmentChanges] {
        // The same change can happen in two environments (development trusting production's
        // scopes); group within each environment only.
        struct Key: Hashable {
            var environment: String
            var change: PlanChange
        }
        var clustersByChange: [Key: [ClusterReference]] = [:]
        for (cluster, changes) in changesByCluster {
            for change in changes { clustersByChange[Key(environment: cluster.environment, change: change), default: []].append(cluster) }
        }
        var result: [String: [[ClusterReference]: [PlanChange]]] = [:]
        for (key, clusters) in clustersByChange {
            result[key.environment, default: [:]][clusters.sorted(), default: []].append(key.change)
        }
        return result.keys.sorted().map { environment in
            let groups = result[environment]!.map { ChangeGroup(clusters: $0.key, changes: $0.value.sorted()) }
                .sorted { lhs, rhs in
                    // Largest first, then by the clusters' names: two groups can share a first
                    // cluster ({a, b} and {a, c}), and dictionary order must not decide.
                    lhs.clusters.count != rhs.clusters.count ? lhs.clusters.count > rhs.clusters.count
                        : lhs.clusters.map(\.name).lexicographicallyPrecedes(rhs.clusters.map(\.name))
                }
            return EnvironmentChanges(environment: environment, groups: groups)
        }
    }

    /// Risks with the clusters they affect, sorted by code then message.
    func sortedRisks() -> [RiskFinding] {
        var merged: [String: RiskFinding] = [:]
        for finding in risks {
            let key = "\(finding.risk.rawValue)|\(finding.message)"
            var clusters = Set(merged[key]?.clusters ?? finding.clusters)
            clusters.formUnion(finding.clusters)
            for (cluster, changes) in changesByCluster where changes.contains(where: { $0.summary == finding.message && $0.risks.contains(finding.risk) }) {
                clusters.insert(cluster)
            }
            merged[key] = RiskFinding(risk: finding.risk, message: finding.message, clusters: clusters.sorted())
        }
        return merged.values.sorted { ($0.risk, $0.message) < ($1.risk, $1.message) }
    }
}
