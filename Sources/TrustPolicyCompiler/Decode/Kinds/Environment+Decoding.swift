extension Environment {
    init?(spec: inout MappingReader, metadata: ResourceMetadata) {
        let tier: Located<Tier>? = spec.enumeration("tier")
        let level: Located<VerificationLevel>? = spec.enumeration("verificationLevel", required: false)
        let identities = spec.stringList("signingIdentities")
        let trusted = spec.stringList("trustsEnvironments", required: false)
        let warnDays = spec.integer("minimumWarnDays", in: 0...3650)
        let granularity: Located<Organization.ScopeGranularity>? = spec.enumeration("scopeGranularity", required: false)
        guard let tier, let identities else { return nil }
        self.init(
            metadata: metadata,
            tier: tier,
            verificationLevel: level ?? Located(.strict, at: spec.location),
            signingIdentities: identities,
            trustsEnvironments: trusted ?? [],
            minimumWarnDays: warnDays ?? Located(Environment.defaultMinimumWarnDays, at: spec.location),
            scopeGranularity: granularity
        )
    }
}
