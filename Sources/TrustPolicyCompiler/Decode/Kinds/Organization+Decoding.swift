extension Organization {
    init?(spec: inout MappingReader, metadata: ResourceMetadata) {
        let platformTeam = spec.string("platformTeam")
        let tenantID = spec.string("tenantID")
        let scope = spec.string("policyDefinitionScope", required: false)
        let excluded = spec.stringList("excludedNamespaces", required: false)
        let warningDays = spec.integer("certificateExpiryWarningDays", in: 0...3650)
        let enforcement: Located<Enforcement>? = spec.enumeration("enforcement", required: false)
        let source: Located<TrustStoreSource>? = spec.enumeration("trustStoreSource", required: false)
        let ratify: Located<RatifyInstallation>? = spec.enumeration("ratify", required: false)
        let granularity: Located<ScopeGranularity>? = spec.enumeration("scopeGranularity", required: false)
        guard let platformTeam, let tenantID else { return nil }
        self.init(
            metadata: metadata,
            platformTeam: platformTeam,
            tenantID: tenantID,
            policyDefinitionScope: scope,
            excludedNamespaces: spec.hasField("excludedNamespaces")
                ? excluded ?? []
                : Organization.defaultExcludedNamespaces.map { Located($0, at: spec.location) },
            certificateExpiryWarningDays: warningDays ?? Located(30, at: spec.location),
            enforcement: enforcement ?? Located(.custom, at: spec.location),
            trustStoreSource: source ?? Located(.inline, at: spec.location),
            ratify: ratify ?? Located(.selfManaged, at: spec.location),
            scopeGranularity: granularity ?? Located(.repository, at: spec.location)
        )
    }
}
