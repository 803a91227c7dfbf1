extension Team {
    init?(spec: inout MappingReader, metadata: ResourceMetadata) {
        let owners = spec.stringList("owners", nonEmpty: true)
        let environments = spec.stringList("environments", nonEmpty: true)
        let repositories = spec.stringList("repositories")
        let identities = spec.stringList("signingIdentities")
        let namespaces = spec.stringList("namespaces", required: false)
        guard let owners, let environments, let repositories, let identities else { return nil }
        self.init(metadata: metadata, owners: owners, environments: environments, repositories: repositories,
                  signingIdentities: identities, namespaces: namespaces ?? [])
    }
}
