/// Runs every validation rule over a resolved policy and collects what they report.
public struct Validator: Sendable {
    public var rules: [any ValidationRule]

    public init(rules: [any ValidationRule] = Validator.defaultRules) {
        self.rules = rules
    }

    public static let defaultRules: [any ValidationRule] = [
        ReferenceRule(),
        OrganizationRule(),
        EnvironmentTrustRule(),
        RegistryRule(),
        SigningIdentityRule(),
        SubjectRule(),
        OverlappingIdentitiesRule(),
        CertificateRule(),
        TeamRule(),
        RepositoryOwnershipRule(),
        ClusterRule(),
        RolloutRule(),
        GeneratedNamesRule(),
    ]

    public func validate(_ context: ValidationContext) -> DiagnosticCollector {
        var diagnostics = DiagnosticCollector()
        for rule in rules {
            rule.check(context, into: &diagnostics)
        }
        return diagnostics
    }
}
