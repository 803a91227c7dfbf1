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
        var diagnostics = DiagnosticCollector()
        let (files, readDiagnostics) = directory.readYAMLFiles(limits: options.limits)
        diagnostics.merge(readDiagnostics)

        let loader = YAMLLoader(limits: options.limits)
        let decoder = ResourceDecoder()
        let perFile = ParallelMap.map(files) { file -> ([ResourceDecoder.Decoded], DiagnosticCollector) in
            let loaded = loader.load(file.bytes, file: file.path)
            var fileDiagnostics = loaded.diagnostics
            let decoded = loaded.documents.compactMap { document -> ResourceDecoder.Decoded? in
                let result = decoder.decode(document)
                fileDiagnostics.merge(result.diagnostics)
                return result.decoded
            }
            return (decoded, fileDiagnostics.limited(to: options.limits.maxDiagnosticsPerFile, file: file.path))
        }
        var source = PolicySource(files: files)
        for (_, fileDiagnostics) in perFile { diagnostics.merge(fileDiagnostics) }
        source.add(perFile.flatMap(\.0), diagnostics: &diagnostics)

        let certificates = CertificateFiles.load(for: source, from: directory)
        let model = Resolver().resolve(source, certificates: certificates)
        let context = ValidationContext(source: source, model: model, certificates: certificates, today: options.today)
        diagnostics.merge(Validator().validate(context))
        return Compilation(directory: directory, source: source, model: model, diagnostics: diagnostics.sorted)
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
        var result = DiagnosticCollector()
        // A limit the loader hit explains everything after it, so it is always shown, even when
        // it comes after the first `limit` diagnostics (TP009 at document 10,001, say).
        let all = sorted
        let limits: Set<DiagnosticCode> = [.nestingTooDeep, .fileTooLarge, .tooManyDocuments, .tooManyNodes, .scalarTooLong]
        let reached = all.filter { limits.contains($0.code) }.prefix(limit)
        let kept = (reached + all.filter { !limits.contains($0.code) }.prefix(limit - reached.count))
            .sorted(by: Diagnostic.reportingOrder)
        for diagnostic in kept { result.emit(diagnostic) }
        result.emit(Diagnostic(kept.last!.code, severity: .note,
                               "\(diagnostics.count - limit) more diagnostics in this file are not shown",
                               at: .file(file)))
        return result
    }
}
