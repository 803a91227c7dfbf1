/// Gives each namespace of the selected clusters its verdict from the resolved model (each
/// namespace's stage and effect in `ClusterEnforcement`, its dates in the declaration, the
/// environment's `minimumWarnDays`) and the evidence of the exports, and names each violating
/// image's owning team (`RepositoryOwnership`). Clusters are independent units.
struct RolloutAssessment {
    let model: ResolvedPolicy
    let today: CivilDate

    struct Result {
        var report: RolloutReport
        /// What the exports left out or could not say: the violation exports in cluster order, then the compliance exports.
        var problems: [ExportProblem]
    }

    /// `violations` by cluster name; `compliance` is `nil` when none was given.
    func assess(_ clusters: [ResolvedCluster], violations: [String: [GatekeeperConstraintExport]], compliance: [PolicyStateExport]?,
                scheduler: some UnitScheduler) -> Result {
        let grouped = compliance.map { ClusterEvidenceCollector.group($0, clusters: clusters) }
        let states = grouped?.states
        let this = self
        let chunks = scheduler.map(clusters.chunked(into: 64)) { chunk -> ([RolloutEntry], [ExportProblem]) in
            var entries: [RolloutEntry] = [], problems: [ExportProblem] = []
            var owners: [String: String?] = [:]
            for cluster in chunk {
                let evidence = ClusterEvidenceCollector().evidence(of: cluster, violations: violations[cluster.name] ?? [],
                                                                   states: states.map { $0[cluster.name] ?? [] }, problems: &problems)
                entries += this.entries(of: cluster, evidence: evidence, owners: &owners)
            }
            return (entries, problems)
        }
        return Result(report: RolloutReport(today: today, clusters: clusters.count, entries: chunks.flatMap(\.0)),
                      problems: chunks.flatMap(\.1) + (grouped?.problems ?? []))
    }

    /// The cluster's entries, sorted by namespace; `owners` caches each image's team.
    private func entries(of cluster: ResolvedCluster, evidence: ClusterEvidence, owners: inout [String: String?]) -> [RolloutEntry] {
        func images(_ texts: Set<String>) -> [RolloutImage] {
            texts.map { text in
                if let team = owners[text] { return RolloutImage(image: text, team: team) }
                let team = (try? ImageReference(parsing: text)).flatMap { model.ownership.owner(of: $0).team }
                owners[text] = team
                return RolloutImage(image: text, team: team)
            }.sorted()
        }
        func entry(_ namespace: String, _ verdict: RolloutVerdict, stage: Cluster.Stage?, isExcluded: Bool,
                   _ found: NamespaceEvidence?) -> RolloutEntry {
            RolloutEntry(cluster: cluster.name, environment: cluster.environment, region: cluster.region, namespace: namespace,
                         verdict: verdict, stage: stage, isExcluded: isExcluded, warnPeriod: nil, images: images(found?.images ?? []),
                         unidentifiedViolations: found?.unidentified ?? 0, nonCompliantObjects: (found?.nonCompliant ?? []).sorted(), gaps: [])
        }
        let minimum = model.environment(named: cluster.environment)?.environment.minimumWarnDays.value ?? Environment.defaultMinimumWarnDays
        var rows: [RolloutEntry] = []
        for index in cluster.enforcement.namespaces.indices {
            let enforcement = cluster.enforcement.namespaces[index]
            // Most clusters' exports name a few namespaces, or none.
            let found = evidence.namespaces.isEmpty ? nil : evidence.namespaces[enforcement.name]
            let violated = found.map { !$0.images.isEmpty || $0.unidentified > 0 || !$0.nonCompliant.isEmpty } ?? false
            switch enforcement.effect {
            case .audit:
                // The declarations are sorted like the enforcement.
                let declaration = cluster.namespaces[index]
                let since = (declaration.warnSince ?? declaration.since).value
                let period = RolloutEntry.WarnPeriod(since: since, days: since.days(until: today), minimumDays: minimum)
                let verdict: RolloutVerdict = violated ? .blocked : !evidence.coversWarnStage ? .noData : period.daysRemaining > 0 ? .waiting : .ready
                var row = entry(enforcement.name, verdict, stage: enforcement.stage, isExcluded: false, found)
                row.warnPeriod = period
                if verdict == .noData { row.gaps = evidence.gaps }
                rows.append(row)
            case .deny where violated:
                rows.append(entry(enforcement.name, .denied, stage: enforcement.stage, isExcluded: false, found))
            case .none where violated:
                rows.append(entry(enforcement.name, .notEnforced, stage: enforcement.stage, isExcluded: enforcement.isExcluded, found))
            case .deny, .none:
                break
            }
        }
        for (namespace, found) in evidence.namespaces where cluster.enforcement.namespace(named: namespace) == nil {
            rows.append(entry(namespace, .notEnforced, stage: nil, isExcluded: false, found))
        }
        rows.sort { $0.namespace < $1.namespace }
        return rows
    }
}
