/// Compares two compilations of the policy repository (the base revision and the change) and
/// works out what every cluster would enforce differently.
///
/// Trust is a property of the environment, so trust changes are computed once per environment
/// and shared by its clusters; only namespaces, assignments and namespace trust are per cluster.
/// That keeps a plan over thousands of clusters as cheap as a render.
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

    public func plan(base: Compilation, head: Compilation) -> Plan {
        var collector = ChangeCollector()
        let baseModel = base.model, headModel = head.model
        let environmentNames = Set(baseModel.environments.map(\.name)).union(headModel.environments.map(\.name)).sorted()
        var environmentChanges: [String: [PlanChange]] = [:]
        for name in environmentNames {
            environmentChanges[name] = trustChanges(base: baseModel.environment(named: name),
                                                    head: headModel.environment(named: name),
                                                    baseModel: baseModel, headModel: headModel)
        }
        // The safety net: an environment without a described trust change whose rendered base
        // still differs is named with the files that change (only when both sides are free of
        // errors: the renderer expects a valid model).
        if !base.hasErrors && !head.hasErrors {
            for name in environmentNames where (environmentChanges[name] ?? []).isEmpty {
                let files = RenderedDifferences.environmentFiles(name, base: baseModel, head: headModel)
                guard !files.isEmpty else { continue }
                environmentChanges[name] = [PlanChange(kind: .filesChanged, symbol: "~",
                                                       summary: "environment-wide files change: \(abbreviated(files))",
                                                       items: files, risks: [])]
            }
        }
        let baseClusters = Dictionary(baseModel.clusters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let headClusters = Dictionary(headModel.clusters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for name in Set(baseClusters.keys).union(headClusters.keys).sorted() {
            let old = baseClusters[name], new = headClusters[name]
            if let new, let old, new.environment == old.environment, new.region == old.region {
                let reference = ClusterReference(new)
                for change in environmentChanges[new.environment] ?? [] {
                    collector.add(change, to: reference)
                }
                for change in clusterChanges(base: old, head: new, baseModel: baseModel, headModel: headModel) {
                    collector.add(change, to: reference)
                }
                for change in (environmentChanges[new.environment] ?? []) where change.kind == .scopesRemoved || change.kind == .identityUntrusted {
                    if let finding = runningWorkloadRisk(change, cluster: new, baseModel: baseModel, headModel: headModel) {
                        collector.add(finding, to: reference)
                    }
                }
            } else {
                if let old {
                    collector.add(PlanChange(kind: .clusterRemoved, symbol: "-",
                                             summary: "cluster removed: its bundle and Azure Policy assignments are deleted",
                                             items: [], risks: []), to: ClusterReference(old))
                }
                if let new {
                    let stages = [Cluster.Stage.warn, .deny].map { "\($0.rawValue): \(new.namespaces(in: $0).count)" }
                    collector.add(PlanChange(kind: .clusterAdded, symbol: "+",
                                             summary: "new cluster in \(new.region) (\(stages.joined(separator: ", ")) namespaces)",
                                             items: new.namespaces.map { "\($0.name.value)=\($0.stage.value.rawValue)" },
                                             risks: []), to: ClusterReference(new))
                }
            }
        }
        for finding in teamIdentityRisks(base: base, head: head) { collector.risks.insert(finding) }
        for finding in divergenceRisks(baseModel: baseModel, headModel: headModel) { collector.risks.insert(finding) }
        let changedFiles = PolicyFileChanges.changedFiles(base: base, head: head)
        var ownership: [OwnershipFinding] = []
        if let author = options.authorTeam {
            let headOwnership = Ownership(source: head.source), baseOwnership = Ownership(source: base.source)
            for file in changedFiles {
                var teams = headOwnership.teams(owning: file)
                if !head.source.files.contains(where: { $0.path == file }) && base.source.files.contains(where: { $0.path == file }) {
                    teams = baseOwnership.teams(owning: file)
                }
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

    // MARK: Environment trust

    private struct ScopeTrust: Equatable {
        var identities: Set<String>
        var level: Environment.VerificationLevel
        /// The index of the statement the scope is in (not part of equality).
        var statement: Int

        static func == (lhs: Self, rhs: Self) -> Bool { lhs.identities == rhs.identities && lhs.level == rhs.level }
    }

    private func scopes(_ environment: ResolvedEnvironment?) -> [String: ScopeTrust] {
        var result: [String: ScopeTrust] = [:]
        let policies = environment?.trust.policies ?? []
        result.reserveCapacity(policies.reduce(0) { $0 + $1.scopes.count })
        for (index, policy) in policies.enumerated() {
            // One identity set per statement, shared by its scopes (tens of thousands of them).
            let trust = ScopeTrust(identities: Set(policy.identities), level: policy.level, statement: index)
            for scope in policy.scopes {
                result[scope.loginServer + "/" + scope.repository] = trust
            }
        }
        return result
    }

    private func trustChanges(base: ResolvedEnvironment?, head: ResolvedEnvironment?, baseModel: ResolvedPolicy,
                              headModel: ResolvedPolicy) -> [PlanChange] {
        let old = scopes(base), new = scopes(head)
        let production = head?.environment.tier.value == .production
        var changes: [PlanChange] = []

        // The union of every scope's identities: the identities of each statement that still
        // has a scope in the map (a later statement may have taken all of an earlier one's).
        func identities(_ scopes: [String: ScopeTrust]) -> Set<String> {
            var sets: [Int: Set<String>] = [:]
            for trust in scopes.values where sets[trust.statement] == nil { sets[trust.statement] = trust.identities }
            return sets.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        }
        let oldIdentities = identities(old), newIdentities = identities(new)
        let added = new.keys.filter { old[$0] == nil }
        let removed = old.keys.filter { new[$0] == nil }
        for (identities, scopes) in Dictionary(grouping: added, by: { new[$0]!.identities.sorted() }).sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            changes.append(PlanChange(kind: .scopesAdded, symbol: "+",
                                      summary: "\(count(scopes.count, "repository enters", "repositories enter")) trust, signed by \(list(identities)): \(abbreviated(scopes.sorted()))",
                                      items: scopes.sorted(), risks: []))
        }
        for (identities, scopes) in Dictionary(grouping: removed, by: { old[$0]!.identities.sorted() }).sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            changes.append(PlanChange(kind: .scopesRemoved, symbol: "-",
                                      summary: "\(count(scopes.count, "repository leaves", "repositories leave")) trust (signed by \(list(identities))): \(abbreviated(scopes.sorted()))",
                                      items: scopes.sorted(), risks: []))
        }
        var gained: [String: [String]] = [:], lost: [String: [String]] = [:], levels: [String: [String]] = [:]
        var lowered = Set<String>()
        for (scope, trust) in new {
            // Most scopes keep their trust: nothing to compare then.
            guard let previous = old[scope], previous != trust else { continue }
            for identity in trust.identities.subtracting(previous.identities) { gained[identity, default: []].append(scope) }
            for identity in previous.identities.subtracting(trust.identities) { lost[identity, default: []].append(scope) }
            if trust.level != previous.level {
                let key = "\(previous.level.rawValue) → \(trust.level.rawValue)"
                levels[key, default: []].append(scope)
                if trust.level < previous.level { lowered.insert(key) }
            }
        }
        for identity in Set(gained.keys).union(added.flatMap { new[$0]!.identities }).sorted() {
            let scopes = (gained[identity] ?? []).sorted()
            let isNew = production && !oldIdentities.contains(identity) && newIdentities.contains(identity)
            guard !scopes.isEmpty || isNew else { continue }
            let risks: [RiskClass] = isNew ? [.newProductionIdentity] : []
            let summary = scopes.isEmpty
                ? "trusts identity `\(identity)` (new in this environment) for the repositories above"
                : "trusts identity `\(identity)` for \(abbreviated(scopes))"
            changes.append(PlanChange(kind: .identityTrusted, symbol: "+", summary: summary, items: scopes, risks: risks))
        }
        for identity in lost.keys.sorted() {
            let scopes = lost[identity]!.sorted()
            changes.append(PlanChange(kind: .identityUntrusted, symbol: "-",
                                      summary: "no longer trusts identity `\(identity)` for \(abbreviated(scopes))",
                                      items: scopes, risks: []))
        }
        for key in levels.keys.sorted() {
            let scopes = levels[key]!.sorted()
            changes.append(PlanChange(kind: .levelChanged, symbol: "~",
                                      summary: "verification level \(key) for \(abbreviated(scopes))",
                                      items: scopes, risks: lowered.contains(key) ? [.verificationLevelLowered] : []))
        }
        changes += certificateChanges(base: base, head: head, baseModel: baseModel, headModel: headModel)
        return changes
    }

    private func certificates(_ environment: ResolvedEnvironment?, model: ResolvedPolicy) -> [String: (store: String, certificate: TrustedCertificate)] {
        var result: [String: (String, TrustedCertificate)] = [:]
        for store in environment?.trust.trustStores ?? [] {
            guard let identity = model.identities[store.identity] else { continue }
            let certificates = store.type == .tsa ? [identity.timestampAuthority].compactMap { $0 } : identity.certificates
            for certificate in certificates {
                result["\(store)#\(certificate.certificate.sha256Fingerprint)"] = (store.description, certificate)
            }
        }
        return result
    }

    private func certificateChanges(base: ResolvedEnvironment?, head: ResolvedEnvironment?, baseModel: ResolvedPolicy,
                                    headModel: ResolvedPolicy) -> [PlanChange] {
        let old = certificates(base, model: baseModel), new = certificates(head, model: headModel)
        var changes: [PlanChange] = []
        for key in new.keys.sorted() where old[key] == nil {
            let (store, trusted) = new[key]!
            let remaining = options.today.days(until: trusted.certificate.validUntil)
            changes.append(PlanChange(
                kind: .certificateAdded, symbol: "+",
                summary: "certificate `\(trusted.file)` (\(trusted.certificate.subject), valid until \(trusted.certificate.validUntil)) in trust store `\(store)`",
                items: [trusted.certificate.sha256Fingerprint],
                risks: remaining < options.minimumValidityDays ? [.certificateNearExpiry] : []))
        }
        for key in old.keys.sorted() where new[key] == nil {
            let (store, trusted) = old[key]!
            changes.append(PlanChange(
                kind: .certificateRemoved, symbol: "-",
                summary: "certificate `\(trusted.file)` (\(trusted.certificate.subject), valid until \(trusted.certificate.validUntil)) from trust store `\(store)`",
                items: [trusted.certificate.sha256Fingerprint], risks: []))
        }
        return changes
    }

    // MARK: Clusters

    private func clusterChanges(base: ResolvedCluster, head: ResolvedCluster, baseModel: ResolvedPolicy,
                                headModel: ResolvedPolicy) -> [PlanChange] {
        // A cluster whose resource id, namespaces (names and stages, in order), excluded
        // namespaces, namespace trust and policy definition are all unchanged has no change of
        // its own (its assignments are made from exactly these): most clusters of most plans.
        if base.cluster.resourceID.value == head.cluster.resourceID.value,
           base.namespaces.count == head.namespaces.count,
           zip(base.namespaces, head.namespaces).allSatisfy({ $0.name.value == $1.name.value && $0.stage.value == $1.stage.value }),
           base.excludedNamespaces == head.excludedNamespaces, base.namespaceTrust == head.namespaceTrust,
           AzurePolicyDefinition.id(for: baseModel.organization) == AzurePolicyDefinition.id(for: headModel.organization) {
            return []
        }
        var changes: [PlanChange] = []
        let old = Dictionary(base.namespaces.map { ($0.name.value, $0.stage.value) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(head.namespaces.map { ($0.name.value, $0.stage.value) }, uniquingKeysWith: { first, _ in first })
        if base.cluster.resourceID.value != head.cluster.resourceID.value {
            changes.append(PlanChange(kind: .resourceIDChanged, symbol: "~",
                                      summary: "Azure resource id `\(base.cluster.resourceID.value)` → `\(head.cluster.resourceID.value)`: the assignments move to another cluster resource",
                                      items: [base.cluster.resourceID.value, head.cluster.resourceID.value], risks: []))
        }
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
            let before = oldTrust[namespace].map { "teams \(list($0.teams))" } ?? "the cluster's trust"
            let after = newTrust[namespace].map { "teams \(list($0.teams))" } ?? "the cluster's trust"
            let summary = before == after ? "namespace `\(namespace)` trust changes with its teams' scopes"
                : "namespace `\(namespace)` trusts \(after) (was \(before))"
            changes.append(PlanChange(kind: .namespaceTrustChanged, symbol: "~", summary: summary, items: [namespace], risks: []))
        }
        let oldAssignments = assignments(base, model: baseModel), newAssignments = assignments(head, model: headModel)
        for name in newAssignments.keys.sorted() {
            let namespaces = newAssignments[name]!
            if let previous = oldAssignments[name] {
                guard previous != namespaces else { continue }
                let added = namespaces.filter { !previous.contains($0) }, removed = previous.filter { !namespaces.contains($0) }
                var parts: [String] = []
                if !added.isEmpty { parts.append("+ \(added.joined(separator: ", "))") }
                if !removed.isEmpty { parts.append("- \(removed.joined(separator: ", "))") }
                changes.append(PlanChange(kind: .assignmentChanged, symbol: "~",
                                          summary: "assignment `\(name)` namespaces: \(parts.joined(separator: "; "))",
                                          items: namespaces, risks: []))
            } else {
                changes.append(PlanChange(kind: .assignmentCreated, symbol: "+",
                                          summary: "assignment `\(name)` for \(namespaces.joined(separator: ", "))",
                                          items: namespaces, risks: []))
            }
        }
        for name in oldAssignments.keys.sorted() where newAssignments[name] == nil {
            changes.append(PlanChange(kind: .assignmentDeleted, symbol: "-", summary: "assignment `\(name)`",
                                      items: oldAssignments[name]!, risks: []))
        }
        // Organisation-wide settings every assignment carries: the excluded namespaces and the
        // policy definition (custom or built-in). Worded without the cluster's name, so that
        // clusters changing alike are grouped.
        if !oldAssignments.isEmpty && !newAssignments.isEmpty {
            if base.excludedNamespaces != head.excludedNamespaces {
                changes.append(PlanChange(kind: .assignmentChanged, symbol: "~",
                                          summary: "assignments exclude namespaces \(names(head.excludedNamespaces)) (was \(names(base.excludedNamespaces)))",
                                          items: head.excludedNamespaces, risks: []))
            }
            let oldDefinition = AzurePolicyDefinition.id(for: baseModel.organization)
            let newDefinition = AzurePolicyDefinition.id(for: headModel.organization)
            if oldDefinition != newDefinition {
                changes.append(PlanChange(kind: .assignmentChanged, symbol: "~",
                                          summary: "assignments use policy definition `\(newDefinition)` (was `\(oldDefinition)`)",
                                          items: [newDefinition], risks: []))
            }
        }
        return changes
    }

    /// Assignment name → namespaces, exactly as the renderer would create them.
    private func assignments(_ cluster: ResolvedCluster, model: ResolvedPolicy) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for stage in [Cluster.Stage.warn, .deny] {
            let namespaces = cluster.namespaces(in: stage)
            guard !namespaces.isEmpty else { continue }
            result[GeneratedNames.assignment(environment: cluster.environment, cluster: cluster.name, stage: stage)] = namespaces
        }
        return result
    }

    // MARK: Risks

    /// Trust removed from repositories whose team runs namespaces on this cluster (TR003).
    private func runningWorkloadRisk(_ change: PlanChange, cluster: ResolvedCluster, baseModel: ResolvedPolicy,
                                     headModel: ResolvedPolicy) -> PlanChange? {
        let namespaces = Set(cluster.namespaces.map(\.name.value))
        var affected: [String] = []
        for scope in change.items {
            let repository = scope.split(separator: "/", maxSplits: 1).dropFirst().first.map(String.init) ?? scope
            let team = (baseModel.teams + headModel.teams).first { $0.repositories.contains { $0.value == repository } }
            let running = team?.namespaces.map(\.value).filter(namespaces.contains) ?? []
            if !running.isEmpty { affected.append("\(scope) (runs in \(running.joined(separator: ", ")))") }
        }
        guard !affected.isEmpty else { return nil }
        return PlanChange(kind: change.kind, symbol: "!",
                          summary: "trust removed while the cluster runs these repositories' workloads: \(abbreviated(affected))",
                          items: affected, risks: [.trustRemovedFromRunningWorkloads])
    }

    /// Teams that may now sign with a production identity (TR002).
    private func teamIdentityRisks(base: Compilation, head: Compilation) -> [RiskFinding] {
        var findings: [RiskFinding] = []
        for team in head.model.teams {
            let before = Set(base.source.teams[team.name]?.signingIdentities.map(\.value) ?? [])
            for identity in team.signingIdentities.map(\.value) where !before.contains(identity) {
                guard let owner = head.source.identities[identity]?.environment.value,
                      head.source.environments[owner]?.tier.value == .production else { continue }
                let clusters = head.model.clusters.filter { cluster in
                    head.model.environment(named: cluster.environment)?.trust.policies.contains { $0.identities.contains(identity) } ?? false
                }
                findings.append(RiskFinding(risk: .teamGainsProductionIdentity,
                                            message: "team `\(team.name)` may now sign with production identity `\(identity)`",
                                            clusters: clusters.map(ClusterReference.init)))
            }
        }
        return findings
    }

    /// Registries that stop being local in some regions of an environment but not others (TR007).
    private func divergenceRisks(baseModel: ResolvedPolicy, headModel: ResolvedPolicy) -> [RiskFinding] {
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
        let before = remote(baseModel), after = remote(headModel)
        return after.keys.sorted().filter { before[$0] == nil }.map { key in
            let parts = key.split(separator: "|").map(String.init)
            return RiskFinding(risk: .regionsDiverge,
                               message: "`\(parts[1])` clusters in `\(parts[2])` would pull `\(parts[0])` images from another region, unlike the environment's other regions",
                               clusters: after[key]!)
        }
    }

    // MARK: Wording

    private func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(value) \(value == 1 ? singular : plural)"
    }

    private func names(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.map { "`\($0)`" }.joined(separator: ", ")
    }

    private func list(_ names: [String]) -> String {
        names.isEmpty ? "no identity" : names.map { "`\($0)`" }.joined(separator: ", ")
    }

    private func abbreviated(_ items: [String], limit: Int = 6) -> String {
        items.count <= limit ? items.joined(separator: ", ")
            : items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
    }
}

extension ClusterReference {
    init(_ cluster: ResolvedCluster) {
        self.init(name: cluster.name, environment: cluster.environment, region: cluster.region)
    }
}

/// Collects changes per cluster and groups clusters that change identically.
private struct ChangeCollector {
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
