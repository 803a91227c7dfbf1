/// Every resource of the policy directory, decoded and indexed by kind and name.
///
/// The first resource of a name (by file path, then position in the file) is the one kept; later
/// ones are reported as duplicates. Incomplete resources are left out, but their names are
/// declared so that references to them do not cause follow-on errors.
public struct DecodedPolicy: Sendable {
    public var files: [SourceFile]
    public var organization: Organization?
    public var environments: [String: Environment] = [:] { didSet { sorted.environments = nil } }
    public var registries: [String: Registry] = [:] { didSet { sorted.registries = nil } }
    public var identities: [String: SigningIdentity] = [:] { didSet { sorted.identities = nil } }
    public var teams: [String: Team] = [:] { didSet { sorted.teams = nil } }
    public var clusters: [String: Cluster] = [:] { didSet { sorted.clusters = nil } }
    /// The sorted names, made once `add` is done: every rule iterates clusters by name, and
    /// sorting 2,000 names on each access added up. Any change to a dictionary drops its list.
    private var sorted = SortedNames()

    private struct SortedNames: Sendable {
        var environments: [String]?
        var registries: [String]?
        var identities: [String]?
        var teams: [String]?
        var clusters: [String]?
    }
    /// Names declared per kind, including those of incomplete resources.
    public var declaredNames: [ResourceKind: Set<String>] = [:]

    public init(files: [SourceFile] = []) {
        self.files = files
    }

    public func isDeclared(_ name: String, as kind: ResourceKind) -> Bool {
        declaredNames[kind]?.contains(name) ?? false
    }

    /// Names of complete resources of a kind, sorted, for deterministic iteration.
    public var environmentNames: [String] { sorted.environments ?? environments.keys.sorted() }
    public var registryNames: [String] { sorted.registries ?? registries.keys.sorted() }
    public var identityNames: [String] { sorted.identities ?? identities.keys.sorted() }
    public var teamNames: [String] { sorted.teams ?? teams.keys.sorted() }
    public var clusterNames: [String] { sorted.clusters ?? clusters.keys.sorted() }

    /// Adds decoded documents in reading order, reporting duplicate names.
    public mutating func add(_ documents: [ResourceDecoder.Decoded], diagnostics: inout DiagnosticCollector) {
        var firstDefinition: [ResourceKind: [String: SourceLocation]] = [:]
        var organizationLocation: Located<String>?
        for document in documents {
            guard let name = document.declaredName else { continue }
            if let first = firstDefinition[document.kind]?[name.value] {
                diagnostics.emit(.duplicateName, "a \(document.kind.rawValue) named `\(name.value)` is already defined",
                                 at: name.location, fix: "rename or remove one of them",
                                 notes: [.init("first defined here", at: first)])
                continue
            }
            if document.kind == .organization, let first = organizationLocation {
                diagnostics.emit(.multipleOrganizations,
                                 "there is already an Organization (`\(first.value)`); a policy directory holds exactly one",
                                 at: name.location, fix: "remove one of the Organization resources",
                                 notes: [.init("first Organization defined here", at: first.location)])
                continue
            }
            if document.kind == .organization { organizationLocation = name }
            firstDefinition[document.kind, default: [:]][name.value] = name.location
            declaredNames[document.kind, default: []].insert(name.value)
            switch document.resource {
            case let resource as Organization: organization = resource
            case let resource as Environment: environments[resource.name] = resource
            case let resource as Registry: registries[resource.name] = resource
            case let resource as SigningIdentity: identities[resource.name] = resource
            case let resource as Team: teams[resource.name] = resource
            case let resource as Cluster: clusters[resource.name] = resource
            default: break
            }
        }
        sorted = SortedNames(environments: environments.keys.sorted(), registries: registries.keys.sorted(),
                             identities: identities.keys.sorted(), teams: teams.keys.sorted(),
                             clusters: clusters.keys.sorted())
        if organizationLocation == nil {
            diagnostics.emit(.missingOrganization, "the policy directory has no Organization resource", at: nil,
                             fix: "add an `organization.yaml` with `kind: Organization` (see docs/format.md)")
        }
    }
}
