/// The organisation's Azure settings are well-formed: tenant id (TP503), the definition scope
/// custom enforcement needs (TP608, TP509), and excluded namespace names (TP508).
struct OrganizationRule: ValidationRule {
    static let codes: [DiagnosticCode] = [.invalidGUID, .policyDefinitionScopeRequired, .invalidPolicyDefinitionScope,
                                          .invalidNamespace]

    func check(_ context: ValidationContext, into diagnostics: inout DiagnosticCollector) {
        guard let organization = context.decoded.organization else { return }
        if !IdentifierFormats.isGUID(organization.tenantID.value) {
            diagnostics.emit(.invalidGUID, "`spec.tenantID` must be a GUID, not `\(organization.tenantID.value)`",
                             at: organization.tenantID.location,
                             fix: "use the Entra tenant id, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47")
        }
        if let scope = organization.policyDefinitionScope {
            if !IdentifierFormats.isPolicyDefinitionScope(scope.value) {
                diagnostics.emit(.invalidPolicyDefinitionScope,
                                 "`spec.policyDefinitionScope` must be a management group or subscription id, not `\(scope.value)`",
                                 at: scope.location,
                                 fix: "write `/providers/Microsoft.Management/managementGroups/<id>` or `/subscriptions/<guid>`")
            }
        } else if organization.enforcement.value == .custom {
            diagnostics.emit(.policyDefinitionScopeRequired,
                             "custom enforcement needs `spec.policyDefinitionScope`: where the policy definition is created",
                             at: organization.enforcement.location,
                             fix: "add `policyDefinitionScope: /providers/Microsoft.Management/managementGroups/<id>`")
        }
        for namespace in organization.excludedNamespaces where !KubernetesNames.isDNSLabel(namespace.value) {
            diagnostics.emit(.invalidNamespace, "`\(namespace.value)` is not a valid Kubernetes namespace name",
                             at: namespace.location, fix: "use lowercase letters, digits and '-', at most 63 characters")
        }
    }
}
