extension Cluster {
    init?(spec: inout MappingReader, metadata: ResourceMetadata) {
        let environment = spec.string("environment")
        let region = spec.string("region")
        let resourceID = spec.string("resourceID")
        var namespacesComplete = true
        let diagnostics = spec.diagnosticsSink
        let namespaces = spec.list("namespaces") { node, path -> Namespace? in
            guard var reader = MappingReader(node, path: path, diagnostics: diagnostics) else {
                namespacesComplete = false
                return nil
            }
            defer { reader.finish() }
            let name = reader.string("name")
            let stage: Located<Stage>? = reader.enumeration("stage")
            let since = reader.date("since")
            let warnSince = reader.date("warnSince", required: false)
            let trustedTeams = reader.stringList("trustedTeams", required: false, nonEmpty: true)
            guard let name, let stage, let since, reader.isComplete else {
                namespacesComplete = false
                return nil
            }
            return Namespace(name: name, stage: stage, since: since, warnSince: warnSince, trustedTeams: trustedTeams ?? [])
        }
        spec.markIncomplete(unless: namespacesComplete)
        guard let environment, let region, let resourceID, let namespaces else { return nil }
        self.init(metadata: metadata, environment: environment, region: region, resourceID: resourceID,
                  namespaces: namespaces)
    }
}
