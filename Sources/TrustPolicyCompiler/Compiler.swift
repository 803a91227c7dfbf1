/// The public entry point: reads a policy directory and runs the pipeline
/// load → decode → resolve → validate, returning the resolved model and every diagnostic.
///
/// Renderers and planners take a `Compilation` without errors; nothing after this point reads
/// the source again.
public enum PolicyCompiler {
    public struct Options: Sendable {
        public var limits: LoaderLimits
        /// "Today" for expiry and future-date checks; `--now` sets it for reproducible runs.
        public var today: CivilDate

        public init(limits: LoaderLimits = .default, today: CivilDate) {
            self.limits = limits
            self.today = today
        }
    }

    public static func compile(directory path: String, options: Options) throws(PolicyDirectory.OpenError) -> Compilation {
        let directory = try PolicyDirectory(path: path)
        let (files, readDiagnostics) = directory.readYAMLFiles(limits: options.limits)
        let (source, model, diagnostics) = compile(files, readDiagnostics: readDiagnostics, options: options) {
            CertificateFiles.load(for: $0, from: directory)
        }
        return Compilation(directory: directory, source: source, model: model, diagnostics: diagnostics)
    }

    /// The same pipeline over YAML files already in memory, with no certificate files (every
    /// certificate reference is left unchecked): for the fuzzer and for tests that need no
    /// directory. The per-directory limits on file sizes and counts are the caller's to keep.
    public static func compile(files: [SourceFile], options: Options)
        -> (source: PolicySource, model: ResolvedPolicy, diagnostics: [Diagnostic]) {
        compile(files, readDiagnostics: DiagnosticCollector(), options: options) { _ in CertificateFiles() }
    }

    private static func compile(_ files: [SourceFile], readDiagnostics: DiagnosticCollector, options: Options,
                                certificates loadCertificates: @escaping @Sendable (PolicySource) -> CertificateFiles)
        -> (source: PolicySource, model: ResolvedPolicy, diagnostics: [Diagnostic]) {
        var diagnostics = readDiagnostics
        let loader = YAMLLoader(limits: options.limits)
        let decoder = ResourceDecoder()
        let perFile = loadAndDecode(files, loader: loader, decoder: decoder, limits: options.limits,
                                    diagnostics: &diagnostics)
        var source = PolicySource(files: files)
        for (_, fileDiagnostics) in perFile { diagnostics.merge(fileDiagnostics) }
        source.add(perFile.flatMap(\.0), diagnostics: &diagnostics)

        let scopes = Resolver.scopeCount(of: source)
        if scopes.total > options.limits.maxRegistryScopes, let largest = scopes.largest {
            // Resolving would build more scopes than memory and time allow; nothing after this
            // point runs, and nothing is rendered.
            diagnostics.emit(.tooManyRegistryScopes,
                             "the policy expands to \(scopes.total == .max ? "more than \(Int.max)" : String(scopes.total)) registry scopes (repositories × registries, for every environment, what it trusts and every restricted namespace); the limit is \(options.limits.maxRegistryScopes). The largest part is \(largest.description), with \(largest.count == .max ? "too many" : String(largest.count)); the other checks are not run",
                             at: largest.location,
                             fix: "list fewer repositories, registries or trusted environments; a Ratify verifier holding this many scopes would also exceed what Kubernetes stores in one object")
            let empty = PolicySource(files: files)
            return (source, Resolver().resolve(empty, certificates: CertificateFiles()), diagnostics.sorted)
        }
        let resolvedSource = source
        let (model, certificates) = Resolver().resolve(source, loadingCertificates: { loadCertificates(resolvedSource) })
        let context = ValidationContext(source: source, model: model, certificates: certificates, today: options.today)
        diagnostics.merge(Validator().validate(context))
        return (source, model, diagnostics.sorted)
    }

    /// Files are loaded and decoded in parallel, in batches of about `batchBytes`, or up to
    /// `batchFiles` files of at most `batchFiles × batchBytes` in all. After each batch the
    /// directory-wide budgets (nodes, documents) are checked in path order, so which file
    /// exceeds a budget never depends on thread scheduling, and at most one batch is read
    /// beyond a budget.
    static let batchBytes = 1 << 20
    /// A repository that keeps each environment's clusters in one multi-document file has a few
    /// files of megabytes each: batched one by one, they would load on one core.
    static let batchFiles = 8

    private static func loadAndDecode(_ files: [SourceFile], loader: YAMLLoader, decoder: ResourceDecoder,
                                      limits: LoaderLimits,
                                      diagnostics: inout DiagnosticCollector) -> [([ResourceDecoder.Decoded], DiagnosticCollector)] {
        struct Loaded: Sendable {
            var decoded: [ResourceDecoder.Decoded]
            var diagnostics: DiagnosticCollector
            var nodes: Int
            var documents: Int
        }
        var results: [([ResourceDecoder.Decoded], DiagnosticCollector)] = []
        var nodes = 0
        var documents = 0
        var next = 0
        while next < files.count {
            var end = next + 1
            var bytes = files[next].bytes.count
            while end < files.count, bytes + files[end].bytes.count <= batchBytes
                    || (end - next < batchFiles && bytes + files[end].bytes.count <= batchBytes * batchFiles) {
                bytes += files[end].bytes.count
                end += 1
            }
            let batch = ParallelMap.map(Array(files[next..<end])) { file -> Loaded in
                let loaded = loader.load(file.bytes, file: file.path)
                var fileDiagnostics = loaded.diagnostics
                let decoded = loaded.documents.compactMap { document -> ResourceDecoder.Decoded? in
                    let result = decoder.decode(document)
                    fileDiagnostics.merge(result.diagnostics)
                    return result.decoded
                }
                return Loaded(decoded: decoded,
                              diagnostics: fileDiagnostics.limited(to: limits.maxDiagnosticsPerFile, file: file.path),
                              nodes: loaded.nodeCount, documents: loaded.documents.count)
            }
            for (offset, loaded) in batch.enumerated() {
                let file = files[next + offset].path
                nodes += loaded.nodes
                documents += loaded.documents
                if nodes > limits.maxTotalNodes {
                    diagnostics.emit(.tooManyNodesInDirectory,
                                     "the policy directory's YAML files hold more than \(limits.maxTotalNodes) nodes in all; this file and the files after it are not read",
                                     at: .file(file), fix: "point trustc at the policy directory itself, not a parent of it")
                    return results
                }
                if documents > limits.maxTotalDocuments {
                    diagnostics.emit(.tooManyDocumentsInDirectory,
                                     "the policy directory's YAML files hold more than \(limits.maxTotalDocuments) documents in all; this file and the files after it are not read",
                                     at: .file(file), fix: "point trustc at the policy directory itself, not a parent of it")
                    return results
                }
                results.append((loaded.decoded, loaded.diagnostics))
            }
            next = end
        }
        return results
    }
}

/// The result of compiling a policy directory.
public struct Compilation: Sendable {
    public var directory: PolicyDirectory
    public var source: PolicySource
    public var model: ResolvedPolicy
    /// Every diagnostic, in reporting order.
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var hasWarnings: Bool { diagnostics.contains { $0.severity == .warning } }
}

extension DiagnosticCollector {
    /// Keeps at most `limit` diagnostics of a file, so one hostile file cannot flood the output.
    func limited(to limit: Int, file: String) -> DiagnosticCollector {
        guard diagnostics.count > limit else { return self }
        // A limit the loader hit explains everything after it, so it is always shown, even when
        // it comes after the first `limit` diagnostics (TP009 at document 10,001, say). Only the
        // kept diagnostics are hashed to drop repeats: hashing tens of thousands of messages
        // took most of the time of a file with 10,000 broken documents.
        let limits: Set<DiagnosticCode> = [.nestingTooDeep, .fileTooLarge, .tooManyDocuments, .tooManyNodes, .scalarTooLong]
        let ordered = diagnostics.sorted(by: Diagnostic.reportingOrder)
        var seen = Set<Diagnostic>()
        var kept: [Diagnostic] = []
        for diagnostic in ordered where limits.contains(diagnostic.code) && kept.count < limit {
            if seen.insert(diagnostic).inserted { kept.append(diagnostic) }
        }
        let quota = limit - kept.count
        var others = 0
        for diagnostic in ordered where !limits.contains(diagnostic.code) {
            guard others < quota else { break }
            if seen.insert(diagnostic).inserted {
                kept.append(diagnostic)
                others += 1
            }
        }
        kept.sort(by: Diagnostic.reportingOrder)
        var result = DiagnosticCollector()
        for diagnostic in kept { result.emit(diagnostic) }
        result.emit(Diagnostic(kept.last!.code, severity: .note,
                               "\(diagnostics.count - kept.count) more diagnostics in this file are not shown",
                               at: .file(file)))
        return result
    }
}
