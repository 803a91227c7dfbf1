/// Every name trustc generates would be accepted: Kubernetes object names and label values
/// (TP506) and Azure Policy resource names (TP507).
struct GeneratedNamesRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.invalidKubernetesName, .invalidAzureName]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        let source = context.decoded
        func label(_ value: Located<String>, _ what: String) {
            guard !KubernetesNames.isLabelValue(value.value) else { return }
            diagnostics.emit(.invalidKubernetesName,
                             "\(what) `\(value.value)` becomes a Kubernetes label value, which must start and end with a letter or digit",
                             at: value.location, fix: "rename it so it ends with a letter or digit")
        }
        for name in source.environmentNames {
            if let environment = source.environments[name] { label(environment.metadata.name, "environment name") }
        }
        for name in source.identityNames {
            guard let identity = source.identities[name] else { continue }
            label(identity.metadata.name, "identity name")
            let provider = GeneratedNames.keyVaultProvider(identity: name)
            if !KubernetesNames.isDNSSubdomain(provider) {
                diagnostics.emit(.invalidKubernetesName, "the key management provider name `\(provider)` would be invalid",
                                 at: identity.metadata.name.location)
            }
        }
        if let organization = source.organization {
            let definition = GeneratedNames.policyDefinition(organization: organization.name)
            if !AzureNames.isPolicyResourceName(definition) {
                diagnostics.emit(.invalidAzureName,
                                 "the policy definition name `\(definition)` would be invalid (at most 64 characters)",
                                 at: organization.metadata.name.location, fix: "shorten the organisation's name")
            }
        }
        for name in source.clusterNames {
            guard let cluster = source.clusters[name] else { continue }
            label(cluster.metadata.name, "cluster name")
        }
        // The assignments each cluster gets (the registry guard's too): the first too long.
        for cluster in context.model.clusters {
            guard let assignment = cluster.enforcement.assignments.map(\.name).first(where: { !AzureNames.isPolicyResourceName($0) })
            else { continue }
            diagnostics.emit(.invalidAzureName,
                             "the policy assignment name `\(assignment)` would be longer than Azure's 64 characters",
                             at: cluster.declaration.metadata.name.location, fix: "shorten the cluster's or its environment's name")
        }
    }
}
