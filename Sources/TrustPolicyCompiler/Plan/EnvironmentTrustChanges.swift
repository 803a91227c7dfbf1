/// What changes in one environment's trust (the same for every cluster of the environment):
/// repositories entering or leaving trust, identities trusted or untrusted per repository,
/// verification levels and trust-store certificates.
struct EnvironmentTrustChanges {
    var changes: [PlanChange] = []
    /// Scopes that newly trust each identity (added scopes included), with the scope's team:
    /// what a team's new identity really changes on the clusters.
    var gained: [String: [(scope: String, team: String)]] = [:]

    /// How one scope is trusted.
    private struct ScopeTrust: Equatable {
        var identities: Set<String>
        var level: Environment.VerificationLevel
        /// The index of the statement the scope is in, and the repository's team (not part of
        /// equality).
        var statement: Int
        var team: String

        static func == (lhs: Self, rhs: Self) -> Bool { lhs.identities == rhs.identities && lhs.level == rhs.level }
    }

    init(base: ResolvedEnvironment?, head: ResolvedEnvironment?, baseModel: ResolvedPolicy, headModel: ResolvedPolicy,
         options: Planner.Options) {
        let old = Self.scopes(base), new = Self.scopes(head)
        let production = head?.environment.tier.value == .production
        let oldIdentities = Self.identities(old), newIdentities = Self.identities(new)
        let added = new.keys.filter { old[$0] == nil }
        let removed = old.keys.filter { new[$0] == nil }
        for (identities, scopes) in Dictionary(grouping: added, by: { new[$0]!.identities.sorted() }).sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            changes.append(PlanChange(kind: .scopesAdded, symbol: "+",
                                      summary: "\(PlanWording.count(scopes.count, "repository enters", "repositories enter")) trust, signed by \(PlanWording.list(identities)): \(PlanWording.abbreviated(scopes.sorted()))",
                                      items: scopes.sorted(), risks: []))
        }
        for (identities, scopes) in Dictionary(grouping: removed, by: { old[$0]!.identities.sorted() }).sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            changes.append(PlanChange(kind: .scopesRemoved, symbol: "-",
                                      summary: "\(PlanWording.count(scopes.count, "repository leaves", "repositories leave")) trust (signed by \(PlanWording.list(identities))): \(PlanWording.abbreviated(scopes.sorted()))",
                                      items: scopes.sorted(), risks: []))
        }
        var gainedScopes: [String: [String]] = [:], lost: [String: [String]] = [:], levels: [String: [String]] = [:]
        var lowered = Set<String>()
        for (scope, trust) in new {
            // Most scopes keep their trust: nothing to compare then.
            guard let previous = old[scope], previous != trust else { continue }
            for identity in trust.identities.subtracting(previous.identities) { gainedScopes[identity, default: []].append(scope) }
            for identity in previous.identities.subtracting(trust.identities) { lost[identity, default: []].append(scope) }
            if trust.level != previous.level {
                let key = "\(previous.level.rawValue) → \(trust.level.rawValue)"
                levels[key, default: []].append(scope)
                if trust.level < previous.level { lowered.insert(key) }
            }
        }
        for (identity, scopes) in gainedScopes {
            gained[identity, default: []] += scopes.map { ($0, new[$0]!.team) }
        }
        for scope in added {
            for identity in new[scope]!.identities { gained[identity, default: []].append((scope, new[scope]!.team)) }
        }
        for identity in Set(gainedScopes.keys).union(added.flatMap { new[$0]!.identities }).sorted() {
            let scopes = (gainedScopes[identity] ?? []).sorted()
            let isNew = production && !oldIdentities.contains(identity) && newIdentities.contains(identity)
            guard !scopes.isEmpty || isNew else { continue }
            let risks: [RiskClass] = isNew ? [.newProductionIdentity] : []
            let summary = scopes.isEmpty
                ? "trusts identity `\(identity)` (new in this environment) for the repositories above"
                : "trusts identity `\(identity)` for \(PlanWording.abbreviated(scopes))"
            changes.append(PlanChange(kind: .identityTrusted, symbol: "+", summary: summary, items: scopes, risks: risks))
        }
        for identity in lost.keys.sorted() {
            let scopes = lost[identity]!.sorted()
            changes.append(PlanChange(kind: .identityUntrusted, symbol: "-",
                                      summary: "no longer trusts identity `\(identity)` for \(PlanWording.abbreviated(scopes))",
                                      items: scopes, risks: []))
        }
        for key in levels.keys.sorted() {
            let scopes = levels[key]!.sorted()
            changes.append(PlanChange(kind: .levelChanged, symbol: "~",
                                      summary: "verification level \(key) for \(PlanWording.abbreviated(scopes))",
                                      items: scopes, risks: lowered.contains(key) ? [.verificationLevelLowered] : []))
        }
        changes += Self.granularityChanges(base: base, head: head, baseModel: baseModel, headModel: headModel)
        changes += CertificateChanges.changes(base: base, head: head, baseModel: baseModel, headModel: headModel,
                                              options: options)
    }

    /// The registry-wide statement appearing, going or trusting more (TR010: any repository of
    /// the trusted registries becomes admissible, owned by a team or not).
    private static func granularityChanges(base: ResolvedEnvironment?, head: ResolvedEnvironment?, baseModel: ResolvedPolicy,
                                           headModel: ResolvedPolicy) -> [PlanChange] {
        func wide(_ environment: ResolvedEnvironment?, _ model: ResolvedPolicy) -> (identities: Set<String>, registries: Set<String>)? {
            guard let environment, let statement = environment.trust.registryWide else { return nil }
            let trusted = Set([environment.name] + environment.trustedEnvironments)
            return (Set(statement.identities),
                    Set(model.registries.filter { trusted.contains($0.environment.value) }.map(\.loginServer.value)))
        }
        let old = wide(base, baseModel), new = wide(head, headModel)
        switch (old, new) {
        case (nil, let new?):
            let registries = new.registries.sorted(), identities = new.identities.sorted()
            return [PlanChange(kind: .granularityChanged, symbol: "~",
                               summary: "trust becomes registry-wide: statement `*` trusts \(PlanWording.list(identities)) for every repository of \(PlanWording.abbreviated(registries)), owned by a team or not; the exact statements of shared identities are replaced, and a registry guard admits only those registries",
                               items: registries, risks: [.trustWidened])]
        case (_?, nil):
            return [PlanChange(kind: .granularityChanged, symbol: "~",
                               summary: "trust becomes exact again: one statement per set of identities, listing each repository; the registry guard is removed",
                               items: [], risks: [])]
        case (let old?, let new?):
            let identities = new.identities.subtracting(old.identities).sorted()
            let registries = new.registries.subtracting(old.registries).sorted()
            guard !identities.isEmpty || !registries.isEmpty else { return [] }
            var parts: [String] = []
            if !identities.isEmpty { parts.append("trusts \(PlanWording.list(identities)) too") }
            if !registries.isEmpty { parts.append("admits \(PlanWording.abbreviated(registries)) too") }
            return [PlanChange(kind: .granularityChanged, symbol: "+",
                               summary: "the registry-wide statement \(parts.joined(separator: " and ")), for every repository of its registries",
                               items: identities + registries, risks: [.trustWidened])]
        case (nil, nil):
            return []
        }
    }

    private static func scopes(_ environment: ResolvedEnvironment?) -> [String: ScopeTrust] {
        var result: [String: ScopeTrust] = [:]
        let policies = environment?.trust.policies ?? []
        result.reserveCapacity(policies.reduce(0) { $0 + $1.scopes.count })
        for (index, policy) in policies.enumerated() {
            // One identity set per statement, shared by its scopes (tens of thousands of them).
            let identities = Set(policy.identities)
            for scope in policy.scopes {
                result[scope.loginServer + "/" + scope.repository] = ScopeTrust(
                    identities: identities, level: policy.level, statement: index, team: scope.team)
            }
        }
        return result
    }

    /// The union of every scope's identities: the identities of each statement that still has a
    /// scope in the map (a later statement may have taken all of an earlier one's).
    private static func identities(_ scopes: [String: ScopeTrust]) -> Set<String> {
        var sets: [Int: Set<String>] = [:]
        for trust in scopes.values where sets[trust.statement] == nil { sets[trust.statement] = trust.identities }
        return sets.values.reduce(into: Set<String>()) { $0.formUnion($1) }
    }
}
