import Foundation
import Testing
@testable import TrustPolicyCompiler

/// The independent check: organisations from the benchmark generator, other than the sample,
/// with violations planted at random in every cluster's export (cut lists, constraints not yet
/// audited, messages of every Ratify version, cut inside long references, Ratify's own chart
/// constraint). The generator computes the verdicts itself; `trustc rollout --format json`
/// must print exactly those, each namespace once and nothing else, and warn once for each
/// message cut inside its image.
@Suite struct RolloutGeneratedOrganizationTests {
    @Test(arguments: [(1, 0), (2, 40), (3, 0), (4, 100), (5, 20)])
    func verdictsAreThePlantedOnes(seed: Int, trustedTeams: Int) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-generated-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let generator = Golden.packageRoot.appendingPathComponent("Benchmarks/generate-organization.py").path
        let generated = try ChildRun.run("/usr/bin/env", [
            "python3", generator, "--size", "small", "--seed", String(seed), "--trusted-teams", String(trustedTeams),
            "--out", root.appendingPathComponent("org").path, "--violations", root.appendingPathComponent("violations").path,
            "--expected-rollout", root.appendingPathComponent("expected.json").path,
        ])
        try #require(generated.status == 0, "\(generated.stdout)\(generated.stderr)")
        let run = try Trustc.run(["rollout", root.appendingPathComponent("org").path, "--violations",
                                  root.appendingPathComponent("violations").path, "--now", "2026-11-25", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try String(contentsOf: root.appendingPathComponent("expected.json"), encoding: .utf8)
        #expect(run.stdout == expected, "seed \(seed): \(Golden.firstDifference(Array(expected.utf8), Array(run.stdout.utf8)))")
        let summary = try #require(generated.stdout.split(separator: "\n").last.map(String.init))
        let cut = try #require(summary.firstMatch(of: /(\d+) cut inside the image/)?.1).description
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains("the message was cut at 256 bytes inside the image") }
        #expect(warnings.count == Int(cut), "\(summary)\n\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == warnings.count, "only the cut messages are warned about:\n\(run.stderr)")
    }
}
