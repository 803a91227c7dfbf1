/// The Azure Policy definition the assignments use.
///
/// With `enforcement: custom` it is the organisation's own `Microsoft.Kubernetes.Data`
/// definition, derived from Ratify's published one: effect `Audit | Deny | Disabled` (the
/// built-in image-integrity definition cannot deny), rendered once for the whole organisation.
/// With `enforcement: builtin` nothing is rendered and the assignments use the built-in.
enum AzurePolicyDefinition {
    static let apiVersion = "2025-03-01"
    /// Ratify's constraint template for cluster-wide resources.
    static let defaultTemplate = "https://ratify-project.github.io/ratify/library/default/template.yaml"
    /// Ratify's constraint template that passes the namespace, so namespaced verifiers apply.
    static let multiTenancyTemplate = "https://ratify-project.github.io/ratify/library/multi-tenancy-validation/template.yaml"

    /// The effects the custom definition allows; the assignments use `Audit` and `Deny`.
    static let effects = ["Audit", "Deny", "Disabled"]

    static func resource(for model: ResolvedPolicy, namespacedTrust: Bool) -> JSONValue? {
        let organization = model.organization
        guard organization.enforcement.value == .custom, let scope = organization.policyDefinitionScope?.value else { return nil }
        let name = GeneratedNames.policyDefinition(organization: organization.name)
        return .object([
            "name": .string(name),
            "type": .string("Microsoft.Authorization/policyDefinitions"),
            "apiVersion": .string(apiVersion),
            "scope": .string(scope),
            "id": .string(model.policyDefinitionID),
            "properties": .object([
                "displayName": .string("Kubernetes images must carry a trusted Notation signature (\(organization.name))"),
                "description": .string("Verifies every container image of a pod with Ratify against the Notation trust policy trustc renders for the cluster's environment. Assign it per cluster with effect Audit and warn true for warn-stage namespaces and Deny for deny-stage namespaces."),
                "policyType": .string("Custom"),
                "mode": .string("Microsoft.Kubernetes.Data"),
                "metadata": .object([
                    "category": .string("Kubernetes"),
                    "version": .string("1.1.0"),
                    "generatedBy": .string("trustc"),
                ]),
                "parameters": parameters,
                "policyRule": .object([
                    "if": .object([
                        "field": .string("type"),
                        "in": .strings(["Microsoft.ContainerService/managedClusters"]),
                    ]),
                    "then": .object([
                        "effect": .string("[parameters('effect')]"),
                        "details": .object([
                            "templateInfo": .object([
                                "sourceType": .string("PublicURL"),
                                "url": .string(namespacedTrust ? multiTenancyTemplate : defaultTemplate),
                            ]),
                            "apiGroups": .strings([""]),
                            "kinds": .strings(["Pod"]),
                            "excludedNamespaces": .string("[parameters('excludedNamespaces')]"),
                            "namespaces": .string("[parameters('namespaces')]"),
                            "labelSelector": .string("[parameters('labelSelector')]"),
                            "warn": .string("[parameters('warn')]"),
                        ]),
                    ]),
                ]),
            ]),
        ])
    }

    private static var parameters: JSONValue {
        .object([
            "effect": .object([
                "type": .string("String"),
                "metadata": .object([
                    "displayName": .string("Effect"),
                    "description": .string("'Audit' reports unsigned or untrusted images (the warn stage); 'Deny' rejects them; 'Disabled' turns the policy off."),
                ]),
                "allowedValues": .strings(effects),
                "defaultValue": .string("Audit"),
            ]),
            "excludedNamespaces": .object([
                "type": .string("Array"),
                "metadata": .object([
                    "displayName": .string("Namespace exclusions"),
                    "description": .string("Kubernetes namespaces excluded from evaluation."),
                ]),
                "defaultValue": .strings(Organization.defaultExcludedNamespaces),
            ]),
            "namespaces": .object([
                "type": .string("Array"),
                "metadata": .object([
                    "displayName": .string("Namespace inclusions"),
                    "description": .string("Kubernetes namespaces to evaluate. An empty list means every namespace, so trustc never assigns one."),
                ]),
                "defaultValue": .array([]),
            ]),
            "warn": .object([
                "type": .string("Boolean"),
                "metadata": .object([
                    "displayName": .string("Warn"),
                    "description": .string("Whether or not to return warnings back to the user in the kubectl cli. With effect 'Audit' this is the warn stage: Gatekeeper audits and warns (enforcement action `scoped`)."),
                ]),
                "defaultValue": .bool(false),
            ]),
            "labelSelector": .object([
                "type": .string("Object"),
                "metadata": .object([
                    "displayName": .string("Kubernetes label selector"),
                    "description": .string("Label query to select Kubernetes resources for policy evaluation. An empty label selector matches all Kubernetes resources."),
                ]),
                "defaultValue": .object([]),
            ]),
        ])
    }
}
