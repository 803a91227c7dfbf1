/// The kinds of resource a policy directory holds (docs/format.md).
public enum ResourceKind: String, Sendable, CaseIterable, Codable, Comparable {
    case organization = "Organization"
    case environment = "Environment"
    case registry = "Registry"
    case signingIdentity = "SigningIdentity"
    case team = "Team"
    case cluster = "Cluster"

    public static func < (lhs: ResourceKind, rhs: ResourceKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// `metadata` of every resource, with where the resource was written.
public struct ResourceMetadata: Sendable {
    public var name: Located<String>
    public var labels: [Label]
    /// Where the document starts, for "defined here" notes.
    public var location: SourceLocation

    public var file: String { location.file }
}

/// A `metadata.labels` entry.
public struct Label: Sendable {
    public var key: Located<String>
    public var value: Located<String>
}

/// The parts every resource kind shares, so uniqueness and references are checked once.
public protocol Resource: Sendable {
    static var kind: ResourceKind { get }
    var metadata: ResourceMetadata { get }
}

extension Resource {
    public var name: String { metadata.name.value }
}
