import Testing
@testable import TrustPolicyCompiler

/// The stages know nothing of threads: chained one unit after another on the calling thread,
/// they give exactly what the driver gives with its concurrent scheduler.
@Suite struct CompilerPipelineTests {
    @Test func stagesRunSequentiallyGiveWhatTheDriverGives() throws {
        let driven = try Sample.compile()
        let directory = try PolicyDirectory(path: Sample.directory)
        let options = CompilerDriver.Options(today: PolicyFixture.today)
        let pipeline = CompilerPipeline(limits: options.limits)

        let (files, readDiagnostics) = directory.readYAMLFiles(limits: options.limits)
        var diagnostics = readDiagnostics
        var decoded = DecodedPolicy(files: files)
        var resources: [ResourceDecoder.Decoded] = []
        for file in files {
            let result = pipeline.decodeFile(file)
            diagnostics.merge(result.diagnostics)
            resources += result.resources
        }
        decoded.add(resources, diagnostics: &diagnostics)
        let certificates = CertificateReader(directory: directory, limit: options.limits.maxCertificateBytes).read(for: decoded)
        let groups = pipeline.resolver.trustGroups(decoded, scheduler: .sequential)
        let model = pipeline.resolver.resolve(decoded, trustGroups: groups, certificates: certificates, scheduler: .sequential)
        diagnostics.merge(pipeline.validator.validate(
            ValidationContext(decoded: decoded, model: model, certificates: certificates, today: options.today),
            scheduler: .sequential))

        #expect(diagnostics.sorted == driven.diagnostics)
        #expect(model.clusters.map(\.enforcement) == driven.model.clusters.map(\.enforcement))
        let sequential = pipeline.renderer.render(model, scheduler: .sequential)
        let concurrent = pipeline.renderer.render(driven.model, scheduler: ConcurrentScheduler())
        #expect(sequential.files == concurrent.files)
        #expect(sequential.files.count == 60)
    }
}
