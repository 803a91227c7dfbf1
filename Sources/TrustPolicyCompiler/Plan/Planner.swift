/// Compares two compilations of the policy repository (the base revision and the change) and
/// works out what every cluster would enforce differently.
///
/// Trust is a property of the environment, so trust changes are computed once per environment
/// and shared by its clusters; only namespaces, assignments and namespace trust are per cluster
/// (`ClusterChanges`, from each cluster's `ClusterEnforcement`). That keeps a plan over thousands
/// of clusters as cheap as a render.
public struct Planner: Sendable {
    public struct Options: Sendable {
        public var today: CivilDate
        /// The team opening the pull request, for ownership findings.
        public var authorTeam: String?
        /// A newly trusted certificate with fewer days of validity left is a risk (TR006).
        public var minimumValidityDays: Int

        public init(today: CivilDate, authorTeam: String? = nil, minimumValidityDays: Int = 90) {
            self.today = today
            self.authorTeam = authorTeam
            self.minimumValidityDays = minimumValidityDays
        }
    }

    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    /// The plan from `base` to `head`; `changedFiles` are the policy files that differ (the
    /// driver reads them), for the listing and ownership findings.
    public func plan(base: Compilation, head: Compilation, changedFiles: [String]) -> Plan {
        var collector = ChangeCollector()
        let baseModel = base.model, headModel = head.model
        let environmentNames = Set(baseModel.environments.map(\.name)).union(headModel.environments.map(\.name)).sorted()
        var environmentChanges: [String: [PlanChange]] = [:]
        var gained: [String: [String: [(scope: String, team: String)]]] = [:]
        for name in environmentNames {
            let trust = EnvironmentTrustChanges(base: baseModel.environment(named: name), head: headModel.environment(named: name),
                                                baseModel: baseModel, headModel: headModel, options: options)
            environmentChanges[name] = trust.changes
            gained[name] = trust.gained
        }
        // The safety net: an environment without a described trust change whose rendered base
        // still differs is named with the files that change (only when both sides are free of
        // errors: the renderer expects a valid model).
        if !base.hasErrors && !head.hasErrors {
            for name in environmentNames where (environmentChanges[name] ?? []).isEmpty {
                let files = RenderedDifferences.environmentFiles(name, base: baseModel, head: headModel)
                guard !files.isEmpty else { continue }
                environmentChanges[name] = [PlanChange(kind: .filesChanged, symbol: "~",
                                                       summary: "environment-wide files change: \(PlanWording.abbreviated(files))",
                                                       items: files, risks: [])]
            }
        }
        let teamOfRepository = PlanRisks.teamsOfRepositories(base: baseModel, head: headModel)
        let baseClusters = Dictionary(baseModel.clusters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let headClusters = Dictionary(headModel.clusters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for name in Set(baseClusters.keys).union(headClusters.keys).sorted() {
            switch (baseClusters[name], headClusters[name]) {
            case (let old?, let new?):
                let reference = ClusterReference(new)
                if old.environment != new.environment || old.region != new.region {
                    collector.add(ClusterChanges.moved(base: old, head: new), to: reference)
                }
                // A cluster that changes environment gains that environment's whole trust,
                // which its move already says; one that stays gets its environment's changes.
                let trustChanges = old.environment == new.environment ? environmentChanges[new.environment] ?? [] : []
                for change in trustChanges {
                    collector.add(change, to: reference)
                }
                for change in ClusterChanges.changes(base: old, head: new, baseModel: baseModel, headModel: headModel) {
                    collector.add(change, to: reference)
                }
                for change in trustChanges where change.kind == .scopesRemoved || change.kind == .identityUntrusted {
                    if let finding = PlanRisks.runningWorkloads(change, cluster: new, teamOfRepository: teamOfRepository) {
                        collector.add(finding, to: reference)
                    }
                }
            case (let old?, nil):
                for change in ClusterChanges.removed(old) { collector.add(change, to: ClusterReference(old)) }
            case (nil, let new?):
                for change in ClusterChanges.added(new) { collector.add(change, to: ClusterReference(new)) }
            case (nil, nil):
                continue
            }
        }
        for finding in PlanRisks.teamIdentities(base: base, head: head, gained: gained) { collector.risks.insert(finding) }
        for finding in PlanRisks.divergence(base: baseModel, head: headModel) { collector.risks.insert(finding) }
        var ownership: [OwnershipFinding] = []
        if let author = options.authorTeam {
            let headOwnership = Ownership(decoded: head.decoded), baseOwnership = Ownership(decoded: base.decoded)
            let headFiles = Set(head.files.map(\.path)), baseFiles = Set(base.files.map(\.path))
            for file in changedFiles {
                let teams = !headFiles.contains(file) && baseFiles.contains(file)
                    ? baseOwnership.teams(owning: file) : headOwnership.teams(owning: file)
                guard !teams.contains(author) else { continue }
                ownership.append(OwnershipFinding(file: file, owners: teams))
                collector.risks.insert(RiskFinding(risk: .outsideAuthorTeam,
                                                   message: "`\(file)` belongs to \(teams.map { "`\($0)`" }.joined(separator: ", ")), not to the author's team `\(author)`",
                                                   clusters: []))
            }
        }
        return Plan(environments: collector.environments(), risks: collector.sortedRisks(), changedFiles: changedFiles,
                    ownership: ownership)
    }
}

extension ClusterReference {
    init(_ cluster: ResolvedCluster) {
        self.init(name: cluster.name, environment: cluster.environment, region: cluster.region)
    }
}
