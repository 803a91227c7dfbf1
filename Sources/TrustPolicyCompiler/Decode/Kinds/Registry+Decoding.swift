extension Registry {
    init?(spec: inout MappingReader, metadata: ResourceMetadata) {
        let environment = spec.string("environment")
        let loginServer = spec.string("loginServer")
        let regions = spec.stringList("regions", nonEmpty: true)
        guard let environment, let loginServer, let regions else { return nil }
        self.init(metadata: metadata, environment: environment, loginServer: loginServer, regions: regions)
    }
}
