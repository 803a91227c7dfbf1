/// Gives each namespace its verdict from the resolved model (each namespace's stage and effect
/// in `ClusterEnforcement`, its dates in the declaration, the environment's `minimumWarnDays`)
/// and the evidence of the exports, and names each violating image's owning team
/// (`RepositoryOwnership`).
struct RolloutAssessment {
    let model: ResolvedPolicy
    let today: CivilDate

    func report(_ clusters: [ResolvedCluster], evidence: [String: ClusterEvidence]) -> RolloutReport {
        var owners: [String: String?] = [:]
        func image(_ text: String) -> RolloutImage {
            if let team = owners[text] { return RolloutImage(image: text, team: team) }
            let team = (try? ImageReference(parsing: text)).flatMap { model.ownership.owner(of: $0).team }
            owners[text] = team
            return RolloutImage(image: text, team: team)
        }
        var entries: [RolloutEntry] = []
        for cluster in clusters {
            let found = evidence[cluster.name] ?? ClusterEvidence()
            let minimum = model.environment(named: cluster.environment)?.environment.minimumWarnDays.value
                ?? Environment.defaultMinimumWarnDays
            var listed: Set<String> = []
            var rows: [RolloutEntry] = []
            for (declaration, enforcement) in zip(cluster.namespaces, cluster.enforcement.namespaces) {
                listed.insert(enforcement.name)
                let violations = found.namespaces[enforcement.name]
                var entry = RolloutEntry(
                    cluster: cluster.name, environment: cluster.environment, region: cluster.region, namespace: enforcement.name,
                    verdict: .notEnforced, stage: enforcement.stage, isExcluded: enforcement.isExcluded, warnPeriod: nil,
                    images: (violations?.images ?? []).map(image).sorted(), unidentifiedViolations: violations?.unidentified ?? 0,
                    nonCompliantObjects: (violations?.nonCompliant ?? []).sorted(), gaps: [])
                let violated = violations.map { !$0.images.isEmpty || $0.unidentified > 0 || !$0.nonCompliant.isEmpty } ?? false
                switch enforcement.effect {
                case .audit:
                    let since = (declaration.warnSince ?? declaration.since).value
                    let period = RolloutEntry.WarnPeriod(since: since, days: since.days(until: today), minimumDays: minimum)
                    entry.warnPeriod = period
                    if violated {
                        entry.verdict = .blocked
                    } else if !found.coversWarnStage {
                        entry.verdict = .noData
                        entry.gaps = found.gaps
                    } else {
                        entry.verdict = period.daysRemaining > 0 ? .waiting : .ready
                    }
                case .deny:
                    guard violated else { continue }
                    entry.verdict = .denied
                case .none:
                    guard violated else { continue }
                }
                rows.append(entry)
            }
            for (namespace, violations) in found.namespaces where !listed.contains(namespace) {
                rows.append(RolloutEntry(
                    cluster: cluster.name, environment: cluster.environment, region: cluster.region, namespace: namespace,
                    verdict: .notEnforced, stage: nil, isExcluded: false, warnPeriod: nil,
                    images: violations.images.map(image).sorted(), unidentifiedViolations: violations.unidentified,
                    nonCompliantObjects: violations.nonCompliant.sorted(), gaps: []))
            }
            entries += rows.sorted { $0.namespace < $1.namespace }
        }
        return RolloutReport(today: today, clusters: clusters.count, entries: entries)
    }
}
