/// What the Organization's `ratify` installation honours. The AKS Image Integrity add-on runs
/// Ratify v1.2 and audits only: a namespace cannot deny there (TP700), Microsoft supports it
/// with the built-in definition only (TP701), its notation-go cannot verify timestamps, so
/// timestamp authorities are left out of what it gets (TP702), and whether it consults
/// namespaced verifiers is undocumented (TP703). A self-managed Ratify v1.4 honours all of it.
struct RatifyInstallationRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.denyWithImageIntegrity, .customEnforcementWithImageIntegrity,
                                          .timestampNotHonoured, .namespacedVerifierNotHonoured]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        guard let organization = context.decoded.organization, organization.ratify.value == .imageIntegrity else { return }
        let ratify = organization.ratify
        let note = [Diagnostic.Note("`ratify: imageIntegrity` is set here", at: ratify.location)]
        if organization.enforcement.value == .custom {
            diagnostics.emit(.customEnforcementWithImageIntegrity,
                             "the AKS Image Integrity add-on is supported with Azure's built-in definition only, which audits",
                             at: organization.enforcement.location, fix: "set `enforcement: builtin`, or install Ratify v1.4 yourself (`ratify: selfManaged`)",
                             notes: note)
        }
        for environment in context.model.environments {
            for store in environment.trust.trustStores where store.type == .tsa {
                guard let identity = context.model.identities[store.identity] else { continue }
                let location = identity.identity.timestampAuthority?.file.location ?? identity.identity.metadata.name.location
                diagnostics.emit(.timestampNotHonoured,
                                 "environment `\(environment.name)` trusts `\(identity.name)`'s timestamp authority, but the Image Integrity add-on's Ratify (v1.2) cannot verify timestamps: its clusters get the trust policy without `\(store)`, so a signature is accepted only while its signing certificate is valid",
                                 at: location, fix: "install Ratify v1.4 yourself (`ratify: selfManaged`) to verify timestamps", notes: note)
            }
        }
        for cluster in context.model.clusters {
            for (enforced, declared) in zip(cluster.enforcement.namespaces, cluster.namespaces) {
                // With the built-in definition, TP604 already reports every deny namespace.
                if enforced.effect == .deny && organization.enforcement.value == .custom {
                    diagnostics.emit(.denyWithImageIntegrity,
                                     "namespace `\(enforced.name)` of `\(cluster.name)` is in `deny`, but the Image Integrity add-on can only audit",
                                     at: declared.stage.location, fix: "keep it in `warn`, or install Ratify v1.4 yourself (`ratify: selfManaged`)",
                                     notes: note)
                }
                if case .namespaced = enforced.verifier, let teams = declared.trustedTeams.first {
                    diagnostics.emit(.namespacedVerifierNotHonoured,
                                     "namespace `\(enforced.name)` of `\(cluster.name)` gets a verifier of its own, but whether the Image Integrity add-on consults namespaced verifiers is not documented: it may trust everything the cluster trusts",
                                     at: teams.location, fix: "remove `trustedTeams`, or install Ratify v1.4 yourself (`ratify: selfManaged`)",
                                     notes: note)
                }
            }
        }
    }
}
