import Foundation
import Testing
@testable import TrustPolicyCompiler

/// The same source renders to the same bytes, however it is split into files and in whatever
/// order they are read.
@Suite struct DeterminismTests {
    @Test func twoRendersAreByteIdentical() throws {
        #expect(try Sample.render() == Sample.render())
    }

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
