/// Who owns what the clusters pull: the registry behind each login server and the team owning
/// each repository in each environment's registries. Built once by the resolver, so `audit`,
/// `explain` and `rollout` answer "whose image is this?" with two lookups.
public struct RepositoryOwnership: Sendable {
    private var registriesByLoginServer: [String: Registry] = [:]
    /// Environment → repository → team name (the first team by name, should two list it).
    private var owners: [String: [String: String]] = [:]

    init(registries: [Registry], teams: [Team]) {
        for registry in registries where registriesByLoginServer[registry.loginServer.value] == nil {
            registriesByLoginServer[registry.loginServer.value] = registry
        }
        for team in teams {
            for environment in team.environments.map(\.value) {
                for repository in team.repositories where owners[environment]?[repository.value] == nil {
                    owners[environment, default: [:]][repository.value] = team.name
                }
            }
        }
    }

    /// The registry serving `loginServer` (lowercase, with its port if any), `nil` for a
    /// registry the source does not declare.
    public func registry(loginServer: String) -> Registry? {
        registriesByLoginServer[loginServer]
    }

    /// The team owning `repository` in the registries of `environment`, `nil` when no team does
    /// (no cluster then trusts any image of it).
    public func team(owning repository: String, in environment: String) -> String? {
        owners[environment]?[repository]
    }

    /// The registry and owning team of an image: `registry` is `nil` for a foreign registry,
    /// `team` is `nil` when no team of the registry's environment owns the repository.
    public func owner(of image: ImageReference) -> (registry: Registry?, team: String?) {
        guard let registry = registry(loginServer: image.host) else { return (nil, nil) }
        return (registry, team(owning: image.repository, in: registry.environment.value))
    }
}
