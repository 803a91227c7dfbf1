/// What environments trust is safe and meaningful: production trusts only production
/// (TP206, TP207), no environment lists itself (TP209), every environment has registries
/// (TP211), every identity is used (TP212), every scope has an identity (TP214), and with
/// registry granularity a trusted environment's stricter level is said to give way (TP217).
struct EnvironmentTrustRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.productionTrustsNonProductionIdentity, .productionTrustsNonProductionEnvironment,
                                          .environmentTrustsItself, .environmentWithoutRegistry, .unusedIdentity,
                                          .scopeWithoutIdentity, .trustedLevelNotKept]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        let source = context.decoded
        let environmentsWithRegistries = Set(source.registries.values.map(\.environment.value))
        for resolved in context.model.environments where resolved.trust.granularity == .registry {
            let level = resolved.environment.verificationLevel.value
            for reference in resolved.environment.trustsEnvironments {
                guard let trusted = source.environments[reference.value], trusted.verificationLevel.value > level else { continue }
                diagnostics.emit(Diagnostic(.trustedLevelNotKept, severity: .note,
                    "`\(resolved.name)` trusts `\(trusted.name)`'s registries registry-wide at its own level `\(level.rawValue)`, not `\(trusted.name)`'s `\(trusted.verificationLevel.value.rawValue)`: one `*` statement has one level",
                    at: reference.location, fix: "give `\(resolved.name)` the level `\(trusted.verificationLevel.value.rawValue)`, or use `scopeGranularity: repository` for it",
                    notes: [.init("`\(trusted.name)`'s level", at: trusted.verificationLevel.location)]))
            }
        }
        for name in source.environmentNames {
            guard let environment = source.environments[name] else { continue }
            if environment.tier.value == .production {
                for reference in environment.signingIdentities {
                    guard let identity = source.identities[reference.value],
                          let owner = source.environments[identity.environment.value],
                          owner.tier.value != .production else { continue }
                    diagnostics.emit(.productionTrustsNonProductionIdentity,
                                     "production environment `\(name)` trusts `\(reference.value)`, an identity of the non-production environment `\(owner.name)`",
                                     at: reference.location, fix: "remove `\(reference.value)`; production trusts only production roots",
                                     notes: [.init("`\(reference.value)` belongs to `\(owner.name)` here", at: identity.environment.location)])
                }
                for reference in environment.trustsEnvironments {
                    guard let trusted = source.environments[reference.value], trusted.tier.value != .production else { continue }
                    diagnostics.emit(.productionTrustsNonProductionEnvironment,
                                     "production environment `\(name)` trusts the non-production environment `\(trusted.name)`",
                                     at: reference.location, fix: "remove `\(trusted.name)` from `trustsEnvironments`")
                }
            }
            for reference in environment.trustsEnvironments where reference.value == name {
                diagnostics.emit(.environmentTrustsItself, "`\(name)` lists itself in `trustsEnvironments`; it always trusts itself",
                                 at: reference.location, fix: "remove `\(name)` from the list")
            }
            if !environmentsWithRegistries.contains(name) {
                diagnostics.emit(.environmentWithoutRegistry,
                                 "environment `\(name)` has no registry, so its clusters trust none of its own images",
                                 at: environment.metadata.name.location, fix: "add a Registry with `environment: \(name)`")
            }
        }
        let used = Set(source.environments.values.flatMap { $0.signingIdentities.map(\.value) }
            + source.teams.values.flatMap { $0.signingIdentities.map(\.value) })
        for name in source.identityNames where !used.contains(name) {
            guard let identity = source.identities[name] else { continue }
            diagnostics.emit(.unusedIdentity, "signing identity `\(name)` is trusted by no environment and used by no team",
                             at: identity.metadata.name.location,
                             fix: "list it in an environment's or a team's `signingIdentities`, or remove it")
        }
        // An identity that is declared but incomplete has its own error already; the scopes
        // that would trust it are not reported again as trusting nothing.
        func isIncomplete(_ reference: Located<String>) -> Bool {
            source.isDeclared(reference.value, as: .signingIdentity) && source.identities[reference.value] == nil
        }
        for environment in context.model.environments {
            for group in environment.ownPolicies where group.identities.isEmpty {
                let teams = group.scopes.teams
                let references = environment.environment.signingIdentities
                    + teams.flatMap { source.teams[$0]?.signingIdentities ?? [] }
                if references.contains(where: isIncomplete) { continue }
                diagnostics.emit(.scopeWithoutIdentity,
                                 "repositories of \(teams.map { "`\($0)`" }.joined(separator: ", ")) in environment `\(environment.name)` would be trusted with no signing identity",
                                 at: environment.environment.metadata.name.location,
                                 fix: "list a shared identity in `\(environment.name)`'s `signingIdentities`, or give the team an identity of `\(environment.name)`")
            }
        }
    }
}
