/// `render`: compiles, renders the selection and writes (or, with `check`, compares) the output
/// directory.
extension CompilerDriver {
    public struct RenderRequest: Sendable {
        public var directory: String
        public var output: String
        public var renderer: BundleRenderer.Options
        /// Compare with the output directory instead of writing.
        public var check: Bool
        /// Remove files in the output directory that trustc did not write.
        public var prune: Bool
        public var options: Options

        public init(directory: String, output: String, renderer: BundleRenderer.Options = .init(), check: Bool = false,
                    prune: Bool = false, options: Options) {
            self.directory = directory
            self.output = output
            self.renderer = renderer
            self.check = check
            self.prune = prune
            self.options = options
        }
    }

    public enum RenderOutcome: Sendable {
        /// The source has errors: nothing was rendered.
        case sourceHasErrors(Compilation)
        /// `--cluster` or `--environment` names something the source does not have.
        case unknownSelection(kind: String, name: String)
        /// Written: files written (the manifest included), clusters rendered, files kept, stale
        /// files removed, and the bundle and base directories that went with them.
        case written(files: Int, clusters: Int, kept: Int, removed: Int, removedDirectories: [String])
        /// `check`: the differences between the output directory and the render (none: up to date).
        case checked(files: Int, differences: [OutputDifference])
        case outputFailed(OutputDirectory.Failure)
    }

    public static func render(_ request: RenderRequest) throws(PolicyDirectory.OpenError) -> RenderOutcome {
        let compilation = try compile(directory: request.directory, options: request.options)
        guard !compilation.hasErrors else { return .sourceHasErrors(compilation) }
        let model = compilation.model
        let selection = request.renderer.selection
        if let unknown = selection.clusters.sorted().first(where: { name in !model.clusters.contains { $0.name == name } }) {
            return .unknownSelection(kind: "cluster", name: unknown)
        }
        if let unknown = selection.environments.sorted().first(where: { model.environment(named: $0) == nil }) {
            return .unknownSelection(kind: "environment", name: unknown)
        }
        let render = CompilerPipeline(limits: request.options.limits).renderer
            .prepare(model, options: request.renderer, scheduler: scheduler)
        let directory = OutputDirectory(path: request.output)
        do throws(OutputDirectory.Failure) {
            if request.check {
                let result = try directory.check(render)
                return .checked(files: result.files, differences: result.differences)
            }
            let result = try directory.write(render, prune: request.prune)
            return .written(files: result.written, clusters: render.clusterCount, kept: result.kept, removed: result.removed.count,
                            removedDirectories: removedDirectories(result.removed))
        } catch {
            return .outputFailed(error)
        }
    }

    /// The cluster bundles and environment bases a render removed: the directories whose bundle
    /// manifest or base kustomization went.
    private static func removedDirectories(_ removed: [String]) -> [String] {
        let base = "/\(BundleLayout.baseDirectoryName)/\(Kustomization.fileName)"
        return removed.filter { $0.hasSuffix("/" + ClusterBundle.manifestName) || $0.hasSuffix(base) }
            .map { String($0[...$0.lastIndex(of: "/")!]) }
    }
}
