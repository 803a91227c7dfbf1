/// How an environment's scopes become Notation statements: every repository of every team
/// deploying to the environment, in every registry of the environment, grouped by the identities
/// that may sign it (the environment's shared identities plus the team's own identities there).
enum TrustPolicyGrouping {
    /// A team's signing identities grouped by the environment they belong to, in the team's
    /// order; worked out once per team rather than once per team and environment.
    static func identitiesByEnvironment(of team: Team, identities: [String: SigningIdentity]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for reference in team.signingIdentities {
            guard let environment = identities[reference.value]?.environment.value else { continue }
            result[environment, default: []].append(reference.value)
        }
        return result
    }

    /// The teams deploying to each environment, in the order of `teams`.
    static func teamsByEnvironment(_ teams: [Team]) -> [String: [Team]] {
        var result: [String: [Team]] = [:]
        for team in teams {
            for environment in Set(team.environments.map(\.value)) { result[environment, default: []].append(team) }
        }
        return result
    }

    /// The statements of `environment`'s own registries. `registries` and `teams` are those of the
    /// environment (`teamsByEnvironment`); `teamIdentities` is `identitiesByEnvironment` of every
    /// team, by team name.
    static func policyGroups(of environment: Environment, registries environmentRegistries: [Registry], teams: [Team],
                             teamIdentities: [String: [String: [String]]],
                             identities: [String: SigningIdentity]) -> [TrustPolicyGroup] {
        let name = environment.name
        let shared = Set(environment.signingIdentities.map(\.value).filter { identities[$0] != nil })
        let registries = environmentRegistries.map { RegistryScopes.Registry(loginServer: $0.loginServer.value, name: $0.name) }
        // An environment without registries has no scopes, so no statement.
        guard !registries.isEmpty else { return [] }
        // Every team's repositories are in every registry of the environment, so a statement's
        // scopes are its teams' repositories times the environment's registries.
        var groups: [[String]: [RegistryScopes.Repository]] = [:]
        for team in teams where !team.repositories.isEmpty {
            let own = (teamIdentities[team.name]?[name] ?? []).filter { !shared.contains($0) }
            let key = shared.union(own).sorted()
            groups[key, default: []].append(contentsOf: team.repositories.map {
                RegistryScopes.Repository(repository: $0.value, team: team.name)
            })
        }
        return groups.map { identitiesOfGroup, repositories in
            let extra = identitiesOfGroup.filter { !shared.contains($0) }
            return TrustPolicyGroup(
                name: ([name] + extra).joined(separator: "."),
                environment: name,
                level: environment.verificationLevel.value,
                identities: identitiesOfGroup,
                teamIdentities: extra,
                scopes: RegistryScopes(registries: registries, repositories: repositories)
            )
        }.sorted { $0.name < $1.name }
    }

    /// An environment's statements with registry granularity: one statement with scope `*`
    /// trusting the shared identities of the environment and of every environment it trusts, at
    /// the environment's own level, and the exact statements of team identities, which Notation
    /// prefers to `*` for their repositories.
    static func registryWideStatements(_ environment: Environment, trusting trusted: [Environment],
                                       policies: [TrustPolicyGroup], identities: [String: SigningIdentity]) -> [TrustPolicyGroup] {
        let shared = Set(([environment] + trusted).flatMap { $0.signingIdentities.map(\.value) }.filter { identities[$0] != nil })
        var statements = policies.filter { !$0.teamIdentities.isEmpty }
        if !shared.isEmpty {
            statements.append(TrustPolicyGroup(
                name: environment.name, environment: environment.name, level: environment.verificationLevel.value,
                identities: shared.sorted(), teamIdentities: [],
                scopes: RegistryScopes(registries: [], repositories: []), isRegistryWide: true))
        }
        return statements.sorted { $0.name < $1.name }
    }
}
