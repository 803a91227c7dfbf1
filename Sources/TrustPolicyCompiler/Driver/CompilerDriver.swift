/// The one driver: runs the pipeline's stages (`CompilerPipeline`) for every command, and alone
/// owns what the stages must not: reading and writing files, running units of work on all
/// cores, and the budgets that bound a hostile input. The command-line tool calls one entry
/// point per command and maps the result to output and an exit status.
public enum CompilerDriver {
    public struct Options: Sendable {
        public var limits: LoaderLimits
        /// "Today" for expiry and future-date checks; `--now` sets it for reproducible runs.
        public var today: CivilDate

        public init(limits: LoaderLimits = .default, today: CivilDate) {
            self.limits = limits
            self.today = today
        }
    }

    static let scheduler = ConcurrentScheduler()

    /// Compiles a policy directory: reads its YAML files and the certificates they reference.
    public static func compile(directory path: String, options: Options) throws(PolicyDirectory.OpenError) -> Compilation {
        let directory = try PolicyDirectory(path: path)
        let (files, diagnostics) = directory.readYAMLFiles(limits: options.limits)
        let reader = CertificateReader(directory: directory, limit: options.limits.maxCertificateBytes)
        return compile(files, directory: directory, readDiagnostics: diagnostics, options: options, certificates: reader.read)
    }

    /// The same pipeline over YAML files already in memory, with no certificate files (every
    /// certificate reference is left unread): for the fuzzer and for tests that need no
    /// directory. The per-directory limits on file sizes and counts are the caller's to keep.
    public static func compile(files: [SourceFile], options: Options) -> Compilation {
        compile(files, directory: nil, readDiagnostics: DiagnosticCollector(), options: options) { _ in CertificateFiles() }
    }

    /// The pipeline over files already read; `rollout` recompiles its edit with it.
    static func compile(_ files: [SourceFile], directory: PolicyDirectory?, readDiagnostics: DiagnosticCollector,
                                options: Options, certificates: @escaping @Sendable (DecodedPolicy) -> CertificateFiles) -> Compilation {
        let pipeline = CompilerPipeline(limits: options.limits)
        var diagnostics = readDiagnostics
        let resources = DirectoryBudgets(limits: options.limits)
            .decode(files, with: pipeline, scheduler: scheduler, diagnostics: &diagnostics)
        var decoded = DecodedPolicy(files: files)
        decoded.add(resources, diagnostics: &diagnostics)

        let scopes = ScopeCount(of: decoded)
        if scopes.total > options.limits.maxRegistryScopes, let largest = scopes.largest {
            // Resolving would build more scopes than memory and time allow; nothing after this
            // point runs, and nothing is rendered.
            diagnostics.emit(.tooManyRegistryScopes,
                             "the policy expands to \(scopes.total == .max ? "more than \(Int.max)" : String(scopes.total)) registry scopes (repositories × registries, for every environment, what it trusts and every restricted namespace); the limit is \(options.limits.maxRegistryScopes). The largest part is \(largest.description), with \(largest.count == .max ? "too many" : String(largest.count)); the other checks are not run",
                             at: largest.location,
                             fix: "list fewer repositories, registries or trusted environments; a Ratify verifier holding this many scopes would also exceed what Kubernetes stores in one object")
            let empty = DecodedPolicy(files: files)
            let model = pipeline.resolver.resolve(empty, trustGroups: [:], certificates: CertificateFiles(), scheduler: scheduler)
            return Compilation(directory: directory, decoded: decoded, model: model, diagnostics: diagnostics.sorted)
        }
        // Reading and inspecting the certificates needs nothing else, and grouping scopes needs
        // no certificate: the two run at once.
        let source = decoded
        let (certificateFiles, trustGroups) = scheduler.both(
            { certificates(source) },
            { pipeline.resolver.trustGroups(source, scheduler: scheduler) })
        let model = pipeline.resolver.resolve(decoded, trustGroups: trustGroups, certificates: certificateFiles, scheduler: scheduler)
        let context = ValidationContext(decoded: decoded, model: model, certificates: certificateFiles, today: options.today)
        diagnostics.merge(pipeline.validator.validate(context, scheduler: scheduler))
        return Compilation(directory: directory, decoded: decoded, model: model, diagnostics: diagnostics.sorted)
    }
}
