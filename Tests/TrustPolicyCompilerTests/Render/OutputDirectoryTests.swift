import Foundation
import Testing
@testable import TrustPolicyCompiler

/// The output directory is replaced atomically, keeps files trustc did not write, removes only
/// its own stale files, and refuses to take over a directory it does not own.
@Suite struct OutputDirectoryTests {
    let model: ResolvedPolicy
    let root: URL

    init() throws {
        model = try Sample.compile().model
        root = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    private var out: String { root.appendingPathComponent("out").path }

    private func render(_ options: BundleRenderer.Options = .init()) -> RenderedOutput {
        BundleRenderer().render(model, options: options)
    }

    private func contents(_ relative: String) -> String? {
        FileManager.default.contents(atPath: "\(out)/\(relative)").map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func writesEveryFileAndAManifestListingThem() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let output = render()
        try OutputDirectory(path: out).write(output)
        let written = try Golden.listFiles(under: URL(fileURLWithPath: out))
        #expect(written == Set(output.files.map(\.path) + [BundleLayout.manifest]))
        let manifest = try #require(contents(BundleLayout.manifest))
        #expect(OutputManifest.paths(in: Array(manifest.utf8)) == output.files.map(\.path))
        #expect(try OutputDirectory(path: out).check(output).differences.isEmpty)
        // Nothing is left beside the output directory.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["out"])
    }

    @Test func keepsForeignFilesAndRemovesOwnStaleOnes() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try OutputDirectory(path: out).write(render())
        try "keep me\n".write(toFile: "\(out)/README.md", atomically: true, encoding: .utf8)
        try "stale\n".write(toFile: "\(out)/production/_base/ratify/old.yaml", atomically: true, encoding: .utf8)
        // Pretend a previous render wrote old.yaml.
        var listing = render().files.map { ($0.path, $0.sha256) }
        listing.append(("production/_base/ratify/old.yaml", "x"))
        try Data(OutputManifest.file(listing: listing, organization: "contoso").contents).write(to: URL(fileURLWithPath: "\(out)/\(BundleLayout.manifest)"))

        let result = try OutputDirectory(path: out).write(render())
        #expect(result.removed.count == 1)
        #expect(contents("README.md") == "keep me\n")
        #expect(contents("production/_base/ratify/old.yaml") == nil)
    }

    @Test func subsetRenderLeavesOtherBundlesAlone() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try OutputDirectory(path: out).write(render())
        let before = try Golden.listFiles(under: URL(fileURLWithPath: out))
        try OutputDirectory(path: out).write(render(.init(selection: .init(clusters: ["aks-dev-weu-1"]))))
        #expect(try Golden.listFiles(under: URL(fileURLWithPath: out)) == before)
        #expect(try OutputDirectory(path: out).check(render()).differences.isEmpty)
    }

    @Test func refusesANonEmptyDirectoryItDidNotWrite() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try "mine\n".write(toFile: "\(out)/notes.txt", atomically: true, encoding: .utf8)
        #expect(throws: OutputDirectory.Failure.foreignDirectory(out, example: "notes.txt")) {
            try OutputDirectory(path: out).write(render())
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["notes.txt"])
        // With --prune, trustc takes the directory over.
        try OutputDirectory(path: out).write(render(), prune: true)
        #expect(contents("notes.txt") == nil)
        #expect(contents(BundleLayout.manifest) != nil)
    }

    @Test func refusesToOverwriteAFileItDidNotWrite() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try OutputDirectory(path: out).write(render())
        var listing = render().files.map { ($0.path, $0.sha256) }
        listing.removeAll { $0.0 == BundleLayout.policyDefinition }
        try Data(OutputManifest.file(listing: listing, organization: "contoso").contents).write(to: URL(fileURLWithPath: "\(out)/\(BundleLayout.manifest)"))
        let before = contents(BundleLayout.manifest)
        #expect(throws: OutputDirectory.Failure.wouldOverwrite(BundleLayout.policyDefinition)) {
            try OutputDirectory(path: out).write(render())
        }
        #expect(contents(BundleLayout.manifest) == before)
    }

    @Test func checkReportsHandEditsMissingAndStaleFiles() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let output = render()
        try OutputDirectory(path: out).write(output)
        let verifier = "production/_base/ratify/verifier.yaml"
        try (contents(verifier)! + "# edited\n").write(toFile: "\(out)/\(verifier)", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: "\(out)/staging/_base/ratify/store.yaml")
        let differences = try OutputDirectory(path: out).check(output).differences
        #expect(differences == [
            OutputDifference(kind: .changed, path: verifier),
            OutputDifference(kind: .missing, path: "staging/_base/ratify/store.yaml"),
        ])
    }

    @Test func aFileInPlaceOfTheDirectoryIsAnError() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try "x".write(toFile: out, atomically: true, encoding: .utf8)
        #expect(throws: OutputDirectory.Failure.notADirectory(out)) { try OutputDirectory(path: out).write(render()) }
    }

    @Test func anUnwritableParentLeavesNothingBehind() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let blocked = root.appendingPathComponent("file-not-dir")
        try "x".write(to: blocked, atomically: true, encoding: .utf8)
        let target = blocked.appendingPathComponent("out").path
        #expect(throws: OutputDirectory.Failure.self) { try OutputDirectory(path: target).write(render()) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["file-not-dir"])
    }

    /// `render` writes a prepared render unit by unit: the tree is the in-memory render's, byte
    /// for byte, and `--check` compares unit by unit with the same verdicts.
    @Test func aRenderWrittenUnitByUnitIsTheRenderInMemory() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let prepared = BundleRenderer().prepare(model, scheduler: ConcurrentScheduler())
        let clusters = model.clusters.count
        #expect(prepared.unitCount == 1 + (clusters + PreparedRender.clustersPerUnit - 1) / PreparedRender.clustersPerUnit)
        #expect(prepared.clusterCount == clusters)
        let units = (0..<prepared.unitCount).map { prepared.files(ofUnit: $0).map(\.path) }
        #expect(Set(units.joined()).count == units.joined().count, "units share a path")

        let whole = render()
        let result = try OutputDirectory(path: out).write(prepared)
        #expect(result.written == whole.files.count + 1)
        for file in whole.files {
            #expect(FileManager.default.contents(atPath: "\(out)/\(file.path)").map { Array($0) } == file.contents, "\(file.path)")
        }
        #expect(try OutputDirectory(path: out).check(prepared) == .init(files: whole.files.count, differences: []))

        let bundle = try #require(whole.files.first { $0.path.hasSuffix("/\(ClusterBundle.manifestName)") }).path
        let base = try #require(whole.files.first { $0.path.hasSuffix("/_base/ratify/verifier.yaml") }).path
        try "edited\n".write(toFile: "\(out)/\(bundle)", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: "\(out)/\(base)")
        #expect(try OutputDirectory(path: out).check(prepared).differences == [
            OutputDifference(kind: .changed, path: bundle), OutputDifference(kind: .missing, path: base),
        ].sorted { $0.path < $1.path })
    }
}
