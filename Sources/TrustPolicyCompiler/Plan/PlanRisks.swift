/// Risks that are not a property of one described change: a team's new production identity
/// (TR002), trust removed from workloads a cluster runs (TR003) and regions that diverge (TR007).
enum PlanRisks {
    /// Trust removed from repositories whose team runs namespaces on this cluster (TR003).
    static func runningWorkloads(_ change: PlanChange, cluster: ResolvedCluster, teamOfRepository: [String: Team]) -> PlanChange? {
        let namespaces = Set(cluster.enforcement.namespaces.map(\.name))
        var affected: [String] = []
        for scope in change.items {
            let repository = scope.split(separator: "/", maxSplits: 1).dropFirst().first.map(String.init) ?? scope
            let running = teamOfRepository[repository]?.namespaces.map(\.value).filter(namespaces.contains) ?? []
            if !running.isEmpty { affected.append("\(scope) (runs in \(running.joined(separator: ", ")))") }
        }
        guard !affected.isEmpty else { return nil }
        return PlanChange(kind: change.kind, symbol: "!",
                          summary: "trust removed while the cluster runs these repositories' workloads: \(PlanWording.abbreviated(affected))",
                          items: affected, risks: [.trustRemovedFromRunningWorkloads])
    }

    /// The team that owns each repository on either side (the base's when both name one).
    static func teamsOfRepositories(base: ResolvedPolicy, head: ResolvedPolicy) -> [String: Team] {
        var result: [String: Team] = [:]
        for team in base.teams + head.teams {
            for repository in team.repositories where result[repository.value] == nil { result[repository.value] = team }
        }
        return result
    }

    /// Teams that may now sign with a production identity (TR002), with the clusters where the
    /// team's repositories become trusted under it. A team that requests an identity its
    /// environment already trusts as a shared one changes no cluster: only the identities the
    /// audit expects on its repositories change.
    static func teamIdentities(base: Compilation, head: Compilation,
                               gained: [String: [String: [(scope: String, team: String)]]]) -> [RiskFinding] {
        var findings: [RiskFinding] = []
        for team in head.model.teams {
            let before = Set(base.decoded.teams[team.name]?.signingIdentities.map(\.value) ?? [])
            for identity in team.signingIdentities.map(\.value) where !before.contains(identity) {
                guard let owner = head.decoded.identities[identity]?.environment.value,
                      head.decoded.environments[owner]?.tier.value == .production else { continue }
                let environments = Set(gained.filter { _, byIdentity in
                    byIdentity[identity]?.contains { $0.team == team.name } ?? false
                }.keys)
                let clusters = head.model.clusters.filter { environments.contains($0.environment) }
                let effect = clusters.isEmpty
                    ? "; no cluster's trust changes (it already trusts `\(identity)` for these repositories), but the audit now expects `\(identity)` on the team's images"
                    : ""
                findings.append(RiskFinding(risk: .teamGainsProductionIdentity,
                                            message: "team `\(team.name)` may now sign with production identity `\(identity)`\(effect)",
                                            clusters: clusters.map(ClusterReference.init)))
            }
        }
        return findings
    }

    /// Registries that stop being local in some regions of an environment but not others (TR007).
    static func divergence(base: ResolvedPolicy, head: ResolvedPolicy) -> [RiskFinding] {
        func remote(_ model: ResolvedPolicy) -> [String: [ClusterReference]] {
            var result: [String: [ClusterReference]] = [:]
            for cluster in model.clusters {
                guard let environment = model.environment(named: cluster.environment) else { continue }
                for trusted in [environment.name] + environment.trustedEnvironments {
                    for registry in model.registries where registry.environment.value == trusted
                        && !registry.regions.contains(where: { $0.value == cluster.region }) {
                        result["\(registry.name)|\(cluster.environment)|\(cluster.region)", default: []].append(ClusterReference(cluster))
                    }
                }
            }
            return result
        }
        let before = remote(base), after = remote(head)
        return after.keys.sorted().filter { before[$0] == nil }.map { key in
            let parts = key.split(separator: "|").map(String.init)
            return RiskFinding(risk: .regionsDiverge,
                               message: "`\(parts[1])` clusters in `\(parts[2])` would pull `\(parts[0])` images from another region, unlike the environment's other regions",
                               clusters: after[key]!)
        }
    }
}
