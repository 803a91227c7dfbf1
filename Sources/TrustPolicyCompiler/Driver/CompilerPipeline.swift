/// The compiler's stages in order, and what passes between them:
///
///     [SourceFile] ─ parse (YAMLLoader) ─▶ [SyntaxDocument] ─ decode (ResourceDecoder) ─▶ DecodedPolicy
///     DecodedPolicy ─ certificates (read by the driver, inspected by CertificateInspector) ─▶ CertificateFiles
///     DecodedPolicy + CertificateFiles ─ resolve (Resolver) ─▶ ResolvedPolicy, with every cluster's enforcement
///     ResolvedPolicy ─ validate (Validator) ─▶ diagnostics
///     ResolvedPolicy ─ render (BundleRenderer.prepare) ─▶ PreparedRender, whose units the driver makes and writes one by one
///
/// Every stage is sequential and knows nothing of files or threads; `CompilerDriver` runs them,
/// reads and writes the files, keeps the budgets, and gives stages its concurrent scheduler.
struct CompilerPipeline: Sendable {
    var loader: YAMLLoader
    var decoder = ResourceDecoder()
    var resolver = Resolver()
    var validator = Validator()
    var renderer = BundleRenderer()

    init(limits: LoaderLimits) {
        loader = YAMLLoader(limits: limits)
    }

    /// Parses and decodes one file: the unit the driver runs on all cores.
    func decodeFile(_ file: SourceFile) -> DecodedFile {
        let loaded = loader.load(file.bytes, file: file.path)
        var diagnostics = loaded.diagnostics
        let resources = loaded.documents.compactMap { document -> ResourceDecoder.Decoded? in
            let result = decoder.decode(document)
            diagnostics.merge(result.diagnostics)
            return result.decoded
        }
        return DecodedFile(resources: resources, diagnostics: diagnostics, nodes: loaded.nodeCount,
                           documents: loaded.documents.count)
    }

    /// What one file decodes to, with the counts the directory-wide budgets are kept with.
    struct DecodedFile: Sendable {
        var resources: [ResourceDecoder.Decoded]
        var diagnostics: DiagnosticCollector
        var nodes: Int
        var documents: Int
    }
}
