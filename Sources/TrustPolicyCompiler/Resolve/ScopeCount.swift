/// How many registry scopes resolving a policy would build, counted without building them:
/// every environment's own scopes, every environment's trust (its own and its trusted
/// environments' scopes, as rendered into its base), and every restricted namespace's cut
/// (counted as if each of its teams deployed to every trusted environment, an upper bound).
///
/// Scopes multiply (repositories × registries × environments × namespaces), so a policy of a
/// few thousand lines can expand to billions; the driver checks this count against
/// `LoaderLimits.maxRegistryScopes` before resolving.
public struct ScopeCount: Sendable {
    public var total = 0
    /// The resource that contributes most, and how much.
    public var largest: (count: Int, location: SourceLocation, description: String)?

    public init(of source: DecodedPolicy) {
        func add(_ count: Int, at location: SourceLocation, _ description: @autoclosure () -> String) {
            total = total.addingReportingOverflow(count).overflow ? .max : total + count
            if count > (largest?.count ?? 0) { largest = (count, location, description()) }
        }
        func product(_ a: Int, _ b: Int) -> Int {
            let (value, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? .max : value
        }
        var registries: [String: Int] = [:]
        for registry in source.registries.values { registries[registry.environment.value, default: 0] += 1 }
        var repositories: [String: Int] = [:]
        for team in source.teams.values {
            for environment in Set(team.environments.map(\.value)) {
                repositories[environment, default: 0] += team.repositories.count
            }
        }
        var own: [String: Int] = [:]
        var trustedRegistries: [String: Int] = [:]
        var trusted: [String: Set<String>] = [:]
        for (name, environment) in source.environments {
            own[name] = product(repositories[name] ?? 0, registries[name] ?? 0)
            let set = Set(environment.trustsEnvironments.map(\.value)).filter { $0 != name && source.environments[$0] != nil }
            trusted[name] = set
            trustedRegistries[name] = ([name] + set).reduce(0) { $0 + (registries[$1] ?? 0) }
        }
        for (name, environment) in source.environments.sorted(by: { $0.key < $1.key }) {
            add(own[name] ?? 0, at: environment.metadata.name.location, "environment `\(name)`'s own registries")
            let trust = (trusted[name] ?? []).reduce(own[name] ?? 0) { total, other in
                let (sum, overflow) = total.addingReportingOverflow(own[other] ?? 0)
                return overflow ? .max : sum
            }
            add(trust, at: environment.metadata.name.location, "what environment `\(name)`'s clusters trust")
        }
        // By sorted name (the list DecodedPolicy keeps), reading namespaces in place rather than
        // copying every cluster and namespace.
        for name in source.clusterNames {
            guard let cluster = source.clusters[name],
                  let registriesTrusted = trustedRegistries[cluster.environment.value] else { continue }
            var count = 0
            for index in cluster.namespaces.indices where !cluster.namespaces[index].trustedTeams.isEmpty {
                for team in Set(cluster.namespaces[index].trustedTeams.map(\.value)) {
                    let (sum, overflow) = count.addingReportingOverflow(
                        product(source.teams[team]?.repositories.count ?? 0, registriesTrusted))
                    count = overflow ? .max : sum
                }
            }
            if count > 0 { add(count, at: cluster.metadata.name.location, "the restricted namespaces of cluster `\(name)`") }
        }
    }
}
