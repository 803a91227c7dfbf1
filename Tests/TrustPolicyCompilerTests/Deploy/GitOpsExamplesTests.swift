import Foundation
import Testing
@testable import TrustPolicyCompiler

/// The GitOps examples (`examples/gitops/`) are accepted by the controllers that apply them
/// (Argo CD's and Flux's CRD schemas, with strict field validation) and select exactly the
/// cluster bundles a render writes.
@Suite struct GitOpsExamplesTests {
    private static let examples = Golden.packageRoot.appendingPathComponent("examples/gitops")
    private static let applicationSet = examples.appendingPathComponent("argocd/applicationset.yaml")
    private static let flux = examples.appendingPathComponent("flux/aks-prod-weu-1.yaml")

    private func check(_ arguments: [String]) throws -> ChildRun.Result {
        try ChildRun.run("/usr/bin/env", ["python3", Golden.packageRoot.appendingPathComponent("scripts/check-gitops.py").path] + arguments)
    }

    @Test func examplesMatchTheCRDSchemas() throws {
        let run = try check([Self.applicationSet.path, Self.flux.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(!run.stdout.contains("not checked"), "every example has its schema: \(run.stdout)")
    }

    /// The check refuses what the API server would: an unknown field, a missing required one.
    @Test(arguments: [
        ("argocd/applicationset.yaml", "syncOptions:", "syncOption:", "syncOption"),
        ("argocd/applicationset.yaml", "exclude: true", "exclude: yes-please", "exclude"),
        ("flux/aks-prod-weu-1.yaml", "  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: trust-bundles", "  sourceRef:\n    kind: GitRepository\n    name: trust-bundles", "prune"),
        ("flux/aks-prod-weu-1.yaml", "dependsOn:", "dependOn:", "dependOn"),
    ])
    func aBrokenExampleIsRefused(file: String, original: String, broken: String, mentions: String) throws {
        let text = try String(contentsOf: Self.examples.appendingPathComponent(file), encoding: .utf8)
        #expect(text.contains(original))
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-gitops-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: copy) }
        try text.replacingOccurrences(of: original, with: broken).write(to: copy, atomically: true, encoding: .utf8)
        let run = try check([copy.path])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stdout.contains(mentions), "\(run.stdout)")
    }

    /// Argo CD's directory generator, run over a render: exactly the cluster bundles (the
    /// directories with a bundle.json), never an environment's base folders.
    @Test func theApplicationSetSelectsExactlyTheClusterBundles() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-gitops-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let render = try Trustc.run(["render", Sample.directory, "--out", out.path, "--now", PlanRepository.now])
        #expect(render.status == 0, "\(render.stderr)")
        let bundles = try Golden.listFiles(under: out).filter { $0.hasSuffix("/" + ClusterBundle.manifestName) }
            .map { "out/" + $0.dropLast(ClusterBundle.manifestName.count + 1) }.sorted()
        let run = try check(["--select", out.path, Self.applicationSet.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").map(String.init) == bundles)
        #expect(bundles.count == 6)
    }
}
