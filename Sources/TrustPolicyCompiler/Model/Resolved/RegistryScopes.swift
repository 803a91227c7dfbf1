/// A full repository reference that Notation's `registryScopes` lists: `loginserver/repository`.
public struct RegistryScope: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var loginServer: String
    public var repository: String
    /// The registry and team the scope comes from, for plans and explanations.
    public var registry: String
    public var team: String

    public var description: String { "\(loginServer)/\(repository)" }

    public static func < (lhs: RegistryScope, rhs: RegistryScope) -> Bool {
        (lhs.loginServer, lhs.repository) < (rhs.loginServer, rhs.repository)
    }
}

/// The scopes of one trust-policy statement: every repository of its teams in every registry of
/// its environment, in reference order.
///
/// Kept as the two factors, not the product: a large organisation's statements list hundreds
/// of thousands of scopes, which only the renderer needs spelled out, so validating costs
/// what the source does, and rendering what the output does.
public struct RegistryScopes: RandomAccessCollection, Sendable, Hashable {
    public struct Registry: Sendable, Hashable {
        public var loginServer: String
        public var name: String
    }

    public struct Repository: Sendable, Hashable {
        public var repository: String
        public var team: String
    }

    /// Sorted by login server.
    public let registries: [Registry]
    /// Sorted by repository.
    public let repositories: [Repository]
    /// The positions in `repositories` of each team's repositories, ascending: a namespace
    /// limited to a few teams takes theirs without scanning every repository of the statement.
    private let positionsByTeam: [String: [Int]]

    /// Sorts both factors (stably), so the product is in reference order.
    init(registries: [Registry], repositories: [Repository]) {
        self.init(sortedRegistries: registries.sorted { $0.loginServer < $1.loginServer },
                  sortedRepositories: repositories.sorted { $0.repository < $1.repository })
    }

    private init(sortedRegistries: [Registry], sortedRepositories: [Repository]) {
        registries = sortedRegistries
        repositories = sortedRepositories
        var positions: [String: [Int]] = [:]
        for (position, repository) in sortedRepositories.enumerated() { positions[repository.team, default: []].append(position) }
        positionsByTeam = positions
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.registries == rhs.registries && lhs.repositories == rhs.repositories
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(registries)
        hasher.combine(repositories)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { registries.count * repositories.count }

    public subscript(position: Int) -> RegistryScope {
        let registry = registries[position / repositories.count]
        let repository = repositories[position % repositories.count]
        return RegistryScope(loginServer: registry.loginServer, repository: repository.repository,
                             registry: registry.name, team: repository.team)
    }

    /// The references (`loginserver/repository`), in order, as Notation lists them.
    public var references: [String] {
        var result: [String] = []
        result.reserveCapacity(count)
        for registry in registries {
            let prefix = registry.loginServer + "/"
            for repository in repositories { result.append(prefix + repository.repository) }
        }
        return result
    }

    /// The teams whose repositories are in scope, sorted.
    public var teams: [String] { positionsByTeam.keys.sorted() }

    /// The scopes of the repositories of `teams` only.
    public func limited(toTeams teams: Set<String>) -> RegistryScopes {
        let positions = teams.flatMap { positionsByTeam[$0] ?? [] }.sorted()
        return RegistryScopes(sortedRegistries: registries, sortedRepositories: positions.map { repositories[$0] })
    }
}
