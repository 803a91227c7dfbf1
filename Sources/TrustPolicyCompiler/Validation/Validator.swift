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

    /// Rules are independent: they run on all cores, and their diagnostics are collected in rule
    /// order, as if they had run one after another.
    public func validate(_ context: ValidationContext) -> DiagnosticCollector {
        let perRule = ParallelMap.map(rules) { rule -> DiagnosticCollector in
            var diagnostics = DiagnosticCollector()
            rule.check(context, into: &diagnostics)
            return diagnostics
        }
        var diagnostics = DiagnosticCollector()
        for ruleDiagnostics in perRule { diagnostics.merge(ruleDiagnostics) }
        return diagnostics
    }
}
