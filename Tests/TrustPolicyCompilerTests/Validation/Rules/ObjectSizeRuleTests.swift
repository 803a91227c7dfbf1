import Foundation
import Testing
@testable import TrustPolicyCompiler

@Suite struct ObjectSizeRuleTests {
    /// The platform team with `count` repositories (about 41 bytes of trust policy each).
    static func bulk(_ count: Int, granularity: String? = nil) -> [String: String?] {
        let repositories = (0..<count).map { "    - bulk/service-\(String(format: "%05d", $0))" }.joined(separator: "\n")
        var changes = PolicyFixture.edits(
            PolicyFixture.edit("teams/platform.yaml", ["repositories: [platform/ingress]": "repositories:\n" + repositories]),
            PolicyFixture.edit("environments.yaml", ["name: production": "name: 1️⃣production"]))
        if let granularity {
            changes = PolicyFixture.edits(changes, PolicyFixture.edit("organization.yaml", [
                "  platformTeam: platform": "  platformTeam: platform\n  scopeGranularity: \(granularity)",
            ]))
        }
        return changes
    }

    static let cases: [PolicyCase] = [
        PolicyCase("a Verifier too large for client-side apply", bulk(7_000), expect: [(.objectTooLargeForClientSideApply, "1️⃣")],
                   mentions: ["server-side", "scopeGranularity: registry"]),
        PolicyCase("a Verifier too large for etcd", bulk(40_000), expect: [(.objectTooLargeToStore, "1️⃣")]),
        PolicyCase("registry granularity keeps it small", bulk(40_000, granularity: "registry"), expect: []),
    ]

    @Test(arguments: cases) func reports(_ example: PolicyCase) throws {
        try example.check()
    }

    /// A source whose objects etcd cannot store does not render.
    @Test func anObjectEtcdCannotStoreIsNotRendered() throws {
        let fixture = try PolicyFixture(Self.bulk(40_000).mapValues { $0.map { MarkedText($0).text } })
        defer { fixture.remove() }
        let out = fixture.root.appendingPathComponent("out").path
        let run = try Trustc.run(["render", fixture.root.path, "--out", out, "--now", PlanRepository.now])
        #expect(run.status == 1)
        #expect(run.stdout.contains("TP801"), "\(run.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
