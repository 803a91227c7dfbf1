/// Bounds on what the loader accepts, so a hostile pull request cannot make a CI run crash,
/// hang or exhaust memory. Every limit has its own diagnostic code.
///
/// The directory-wide limits keep a whole run within about a second (release build) and well
/// under 500 MB however the input is split into files; each is many times what an
/// organisation with thousands of clusters needs (one cluster is about 1 KB, 30 nodes and one
/// document).
public struct LoaderLimits: Sendable, Equatable {
    /// Largest YAML file read (TP008). Larger files are refused from their size, unread.
    public var maxFileBytes: Int = 16 << 20
    /// Largest certificate file read (TP008); real CA certificates are a few kilobytes.
    public var maxCertificateBytes: Int = 1 << 20
    /// Largest total of all YAML files of the policy directory (TP017).
    public var maxTotalBytes: Int = 32 << 20
    /// Most YAML files in the policy directory (TP018). The `huge` benchmark organisation
    /// (10,000 clusters) has about 12,500.
    public var maxFiles: Int = 20_000
    /// Deepest nesting of collections in a document (TP007). The format needs 5.
    public var maxDepth: Int = 64
    /// Most documents in one file (TP009).
    public var maxDocumentsPerFile: Int = 10_000
    /// Most documents in all files of the policy directory (TP020).
    public var maxTotalDocuments: Int = 50_000
    /// Most nodes (scalars and collections) in one file (TP010).
    public var maxNodesPerFile: Int = 500_000
    /// Most nodes in all files of the policy directory (TP019). The `huge` benchmark
    /// organisation has about 1.9 million.
    public var maxTotalNodes: Int = 3_000_000
    /// Most registry scopes the policy may expand to (TP021): scopes of every environment, of
    /// what every environment trusts and of every restricted namespace (`Resolver.scopeCount`).
    /// Each is a line in a rendered trust policy, so this also bounds the rendered output (ten
    /// million scopes are about 500 MB). Validating does not spell scopes out, so only `render`
    /// pays for them: a 2,000-cluster organisation with half of its 40,000 namespaces limited to
    /// their team's images expands to 1.1 million.
    public var maxRegistryScopes: Int = 10_000_000
    /// Longest scalar, key or value, in bytes (TP011).
    public var maxScalarBytes: Int = 64 << 10
    /// Anchors and aliases allowed: none (TP005). Rejecting them outright removes alias bombs.
    public let maxAliases: Int = 0
    /// Most diagnostics reported for one file before the rest are summarised.
    public var maxDiagnosticsPerFile: Int = 100

    public init() {}

    public static let `default` = LoaderLimits()
}

extension LoaderLimits {
    /// The limits for reading live exports (`drift --live`). They are not policy files: one
    /// Kubernetes object can hold up to about 1.5 MB (etcd's limit) and an environment's
    /// verifier lists every registry scope, so one export file may hold millions of nodes; the
    /// bounds still keep a hostile file from exhausting memory.
    public static let liveExport: LoaderLimits = {
        var limits = LoaderLimits()
        limits.maxFileBytes = 256 << 20
        limits.maxScalarBytes = 16 << 20
        limits.maxNodesPerFile = 20_000_000
        limits.maxDocumentsPerFile = 100_000
        return limits
    }()

    /// The limits as a Markdown section of the diagnostics reference.
    var referenceTable: String {
        """
        ## Loader limits

        | Limit | Value | Code |
        |---|---|---|
        | YAML file size | \(maxFileBytes) bytes | TP008 |
        | Certificate file size | \(maxCertificateBytes) bytes | TP008 |
        | Total YAML in the policy directory | \(maxTotalBytes) bytes | TP017 |
        | YAML files in the policy directory | \(maxFiles) | TP018 |
        | Nesting depth | \(maxDepth) | TP007 |
        | Documents per file | \(maxDocumentsPerFile) | TP009 |
        | Documents in the policy directory | \(maxTotalDocuments) | TP020 |
        | Nodes per file | \(maxNodesPerFile) | TP010 |
        | Nodes in the policy directory | \(maxTotalNodes) | TP019 |
        | Registry scopes the policy expands to | \(maxRegistryScopes) | TP021 |
        | Scalar length | \(maxScalarBytes) bytes | TP011 |
        | Anchors and aliases | \(maxAliases) (rejected) | TP005 |
        | Diagnostics shown per file | \(maxDiagnosticsPerFile) | |

        """
    }
}

extension CompilerDriver {
    /// `trustc codes`: every diagnostic code, then the limits this driver keeps.
    public static func diagnosticsReference() -> String {
        DiagnosticReference.markdown(appendix: LoaderLimits.default.referenceTable)
    }
}
