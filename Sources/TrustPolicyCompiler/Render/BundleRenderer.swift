/// The render stage: turns a validated, resolved policy into the output tree (see
/// `BundleLayout`). It reads only the resolved model and never validates: `render` refuses to
/// run on a source with errors before this is called.
public struct BundleRenderer: Sendable {
    /// Which clusters to render: all, or those named, or those of the named environments.
    public struct Selection: Sendable, Equatable {
        public var clusters: Set<String>
        public var environments: Set<String>

        public init(clusters: Set<String> = [], environments: Set<String> = []) {
            self.clusters = clusters
            self.environments = environments
        }

        public static let all = Selection()

        public var isAll: Bool { clusters.isEmpty && environments.isEmpty }

        func includes(_ cluster: ResolvedCluster) -> Bool {
            isAll || clusters.contains(cluster.name) || environments.contains(cluster.environment)
        }
    }

    public struct Options: Sendable {
        public var selection: Selection
        /// Copy the environment-wide content into each cluster's bundle instead of referencing
        /// the environment's base, for a single cluster's stand-alone bundle.
        public var selfContained: Bool
        /// Recorded in bundle manifests when given (never guessed, so output stays reproducible).
        public var sourceRevision: String?

        public init(selection: Selection = .all, selfContained: Bool = false, sourceRevision: String? = nil) {
            self.selection = selection
            self.selfContained = selfContained
            self.sourceRevision = sourceRevision
        }
    }

    public init() {}

    /// Makes the shared part of the render (environments are independent units, run on
    /// `scheduler`) and leaves the cluster bundles to be made unit by unit.
    public func prepare(_ model: ResolvedPolicy, options: Options = Options(),
                        scheduler: some UnitScheduler = SequentialScheduler()) -> PreparedRender {
        let clusters = model.clusters.filter(options.selection.includes)
        let environmentNames = Set(clusters.map(\.environment))
            .union(options.selection.isAll ? Set(model.environments.map(\.name)) : [])
            .union(options.selection.environments)
        var files: [RenderedFile] = []
        let namespacedTrust = model.clusters.contains { $0.enforcement.hasNamespacedVerifiers }
        if let definition = AzurePolicyDefinition.resource(for: model, namespacedTrust: namespacedTrust) {
            files.append(RenderedFile(path: BundleLayout.policyDefinition, json: definition))
        }

        let environments = model.environments.filter { environmentNames.contains($0.name) }
        let bases = scheduler.map(environments) { EnvironmentBase(environment: $0, model: model) }
        var baseByName: [String: EnvironmentBase] = [:]
        for (environment, base) in zip(environments, bases) {
            baseByName[environment.name] = base
            guard !options.selfContained else { continue }
            let directory = BundleLayout.environmentBase(environment.name)
            files += (base.files + [base.kustomization]).map { $0.moved(under: directory) }
        }
        let rendered = clusters.filter { baseByName[$0.environment] != nil }
        let namespacedVerifiers = NamespacedVerifiers(clusters: rendered, bases: baseByName, model: model, scheduler: scheduler)
        let coverage = options.selection.isAll ? RenderCoverage.everything
            : .selection(environments: options.selection.environments, bases: Set(baseByName.keys),
                         clusters: Set(clusters.map(\.name)))
        return PreparedRender(sharedFiles: files, clusters: rendered, bases: baseByName, namespacedVerifiers: namespacedVerifiers,
                              model: model, options: options, coverage: coverage)
    }

    /// The whole render in memory, for callers that want the files rather than a directory.
    public func render(_ model: ResolvedPolicy, options: Options = Options(),
                       scheduler: some UnitScheduler = SequentialScheduler()) -> RenderedOutput {
        let prepared = prepare(model, options: options, scheduler: scheduler)
        let units = scheduler.map(Array(0..<prepared.unitCount), prepared.files(ofUnit:))
        return RenderedOutput(files: Array(units.joined()), coverage: prepared.coverage, organization: prepared.organization)
    }
}

extension BundleRenderer {
    /// The files every cluster of an environment shares (trust policy, trust stores, Ratify
    /// manifests), relative to the environment's base directory: what `plan` compares.
    public func environmentBaseFiles(_ environment: ResolvedEnvironment, model: ResolvedPolicy) -> [RenderedFile] {
        EnvironmentBase(environment: environment, model: model).files
    }
}

/// Everything rendered for a selection, in memory: the files, and what the render is
/// responsible for (so that stale files there are removed and files elsewhere left alone).
public struct RenderedOutput: RenderUnits {
    /// Sorted by path. The output manifest is added when the tree is written, because it also
    /// lists trustc's files outside this render's selection.
    public var files: [RenderedFile]
    public var coverage: RenderCoverage
    /// The organisation rendered, recorded in the output manifest.
    public var organization: String

    init(files: [RenderedFile], coverage: RenderCoverage, organization: String) {
        self.files = files.sorted { $0.path < $1.path }
        self.coverage = coverage
        self.organization = organization
    }

    /// All of it is one unit.
    public var unitCount: Int { 1 }

    public func files(ofUnit index: Int) -> [RenderedFile] { files }
}
