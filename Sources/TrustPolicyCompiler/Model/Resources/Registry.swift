/// A container registry of one environment, geo-replicated to several regions. Every replica
/// serves the same login server, so scopes do not depend on the region.
public struct Registry: Resource {
    public static let kind = ResourceKind.registry

    public var metadata: ResourceMetadata
    public var environment: Located<String>
    public var loginServer: Located<String>
    public var regions: [Located<String>]
}
