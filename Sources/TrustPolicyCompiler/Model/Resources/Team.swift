/// A team: the repositories it owns and the identities its CI may sign with.
public struct Team: Resource {
    public static let kind = ResourceKind.team

    public var metadata: ResourceMetadata
    public var owners: [Located<String>]
    public var environments: [Located<String>]
    public var repositories: [Located<String>]
    public var signingIdentities: [Located<String>]
    public var namespaces: [Located<String>]
}
