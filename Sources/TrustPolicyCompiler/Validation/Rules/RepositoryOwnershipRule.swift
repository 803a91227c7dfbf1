/// Every repository is a valid OCI repository path (TP505) owned by exactly one team (TP204):
/// the owner decides which team-scoped identities its scopes trust.
struct RepositoryOwnershipRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.invalidRepository, .repositoryOwnedTwice]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        var owners: [String: (team: String, location: SourceLocation)] = [:]
        let teams = context.decoded.teams.values.sorted { $0.metadata.location < $1.metadata.location }
        for team in teams {
            for repository in team.repositories {
                guard IdentifierFormats.isRepository(repository.value) else {
                    diagnostics.emit(.invalidRepository,
                                     "`\(repository.value)` is not a repository path: lowercase components separated by `/`, without registry, tag or digest",
                                     at: repository.location,
                                     fix: Self.suggestion(for: repository.value).map { "write `\($0)`" })
                    continue
                }
                if let first = owners[repository.value] {
                    diagnostics.emit(.repositoryOwnedTwice,
                                     "repository `\(repository.value)` is owned by `\(first.team)` and listed again by `\(team.name)`",
                                     at: repository.location, fix: "remove it from one of the two teams",
                                     notes: [.init("`\(first.team)` lists it here", at: first.location)])
                } else {
                    owners[repository.value] = (team.name, repository.location)
                }
            }
        }
    }

    /// `contoso.azurecr.io/Payments/API:1.0` → `payments/api`.
    static func suggestion(for repository: String) -> String? {
        var parts = repository.split(separator: "/").map(String.init)
        if let first = parts.first, first.contains(".") || first.contains(":"), parts.count > 1 { parts.removeFirst() }
        var candidate = parts.joined(separator: "/").lowercased()
        if let at = candidate.firstIndex(of: "@") { candidate = String(candidate[..<at]) }
        if let colon = candidate.lastIndex(of: ":") { candidate = String(candidate[..<colon]) }
        return candidate != repository && IdentifierFormats.isRepository(candidate) ? candidate : nil
    }
}
