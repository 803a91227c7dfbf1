/// Every reference names a resource that exists (TP201), with a did-you-mean.
struct ReferenceRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.unknownReference]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        let source = context.decoded
        func require(_ reference: Located<String>, _ kind: ResourceKind, in field: String) {
            guard !source.isDeclared(reference.value, as: kind) else { return }
            let candidates = source.declaredNames[kind] ?? []
            diagnostics.emit(.unknownReference,
                             "`\(field)` names the \(kind.rawValue) `\(reference.value)`, which does not exist.\(Suggestion.didYouMean(reference.value, in: candidates.sorted()))",
                             at: reference.location,
                             fix: candidates.isEmpty ? "define a \(kind.rawValue) named `\(reference.value)`"
                                 : "use one of: \(candidates.sorted().joined(separator: ", "))")
        }
        if let organization = source.organization {
            require(organization.platformTeam, .team, in: "spec.platformTeam")
        }
        for environment in source.environments.values {
            environment.signingIdentities.forEach { require($0, .signingIdentity, in: "spec.signingIdentities") }
            environment.trustsEnvironments.forEach { require($0, .environment, in: "spec.trustsEnvironments") }
        }
        for registry in source.registries.values {
            require(registry.environment, .environment, in: "spec.environment")
        }
        for identity in source.identities.values {
            require(identity.environment, .environment, in: "spec.environment")
        }
        for team in source.teams.values {
            team.environments.forEach { require($0, .environment, in: "spec.environments") }
            team.signingIdentities.forEach { require($0, .signingIdentity, in: "spec.signingIdentities") }
        }
        for cluster in source.clusters.values {
            require(cluster.environment, .environment, in: "spec.environment")
            for index in cluster.namespaces.indices where !cluster.namespaces[index].trustedTeams.isEmpty {
                cluster.namespaces[index].trustedTeams.forEach { require($0, .team, in: "trustedTeams") }
            }
        }
    }
}
