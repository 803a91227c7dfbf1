import Foundation
import Testing
@testable import TrustPolicyCompiler

/// The same source renders to the same bytes, however it is split into files and in whatever
/// order they are read.
///
/// Rendering the same directory twice in one process is not tested here: both renders share
/// the process's hash seed, locale, time zone and directory listing, so almost nothing could
/// make them differ. `HostileTests.CLIDeterminismTests` renders in separate processes (each
/// with its own hash seed), from copies of the source whose files are named, created and
/// listed in other orders, under other locales, time zones and working directories.
@Suite struct DeterminismTests {
    @Test func mergingAllResourcesIntoOneReversedFileChangesNothing() throws {
        let source = URL(fileURLWithPath: Sample.directory)
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-merged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.createDirectory(at: copy.appendingPathComponent("identities"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source.appendingPathComponent("identities/certs"),
                                         to: copy.appendingPathComponent("identities/certs"))
        // Every document of every file, in reverse order, in one file next to the certificates
        // (so the relative certificate paths stay valid).
        var documents: [String] = []
        for path in try Golden.listFiles(under: source).sorted() where path.hasSuffix(".yaml") {
            let text = try String(contentsOf: source.appendingPathComponent(path), encoding: .utf8)
            documents += text.components(separatedBy: "\n---\n")
        }
        try documents.reversed().joined(separator: "\n---\n").write(to: copy.appendingPathComponent("identities/all.yaml"),
                                                                   atomically: true, encoding: .utf8)
        let merged = try CompilerDriver.compile(directory: copy.path, options: .init(today: PolicyFixture.today))
        #expect(!merged.hasErrors, "\(merged.diagnostics)")
        let original = BundleRenderer().render(try Sample.compile().model)
        #expect(BundleRenderer().render(merged.model).files == original.files)
    }
}
