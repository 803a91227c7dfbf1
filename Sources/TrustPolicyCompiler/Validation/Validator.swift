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
        RatifyInstallationRule(),
        ObjectSizeRule(),
        GeneratedNamesRule(),
    ]

    /// Rules are independent units: the scheduler may run them at once, and their diagnostics
    /// are collected in rule order, as if they had run one after another.
    public func validate(_ context: ValidationContext, scheduler: some UnitScheduler = SequentialScheduler()) -> DiagnosticCollector {
        let perRule = scheduler.map(rules) { rule -> DiagnosticCollector in
            var diagnostics = DiagnosticCollector()
            rule.check(context, into: &diagnostics)
            return diagnostics
        }
        var diagnostics = DiagnosticCollector()
        for ruleDiagnostics in perRule { diagnostics.merge(ruleDiagnostics) }
        return diagnostics
    }
}
