/// Teams have valid owners (TP510) and namespaces (TP508), and only request identities of
/// environments they deploy to (TP205).
struct TeamRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.invalidOwner, .invalidNamespace, .identityOutsideTeamEnvironments]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        let source = context.decoded
        for name in source.teamNames {
            guard let team = source.teams[name] else { continue }
            for owner in team.owners where !IdentifierFormats.isOwner(owner.value) {
                diagnostics.emit(.invalidOwner, "`\(owner.value)` is not a GitHub owner", at: owner.location,
                                 fix: "write `@user`, `@org/team` or an e-mail address")
            }
            for namespace in team.namespaces where !KubernetesNames.isDNSLabel(namespace.value) {
                diagnostics.emit(.invalidNamespace, "`\(namespace.value)` is not a valid Kubernetes namespace name",
                                 at: namespace.location, fix: "use lowercase letters, digits and '-', at most 63 characters")
            }
            let environments = Set(team.environments.map(\.value))
            for reference in team.signingIdentities {
                guard let identity = source.identities[reference.value],
                      !environments.contains(identity.environment.value) else { continue }
                diagnostics.emit(.identityOutsideTeamEnvironments,
                                 "team `\(name)` requests `\(reference.value)`, an identity of `\(identity.environment.value)`, but does not deploy to `\(identity.environment.value)`",
                                 at: reference.location,
                                 fix: "add `\(identity.environment.value)` to the team's `environments`, or remove the identity",
                                 notes: [.init("`\(reference.value)` belongs to `\(identity.environment.value)` here",
                                               at: identity.environment.location)])
            }
        }
    }
}
