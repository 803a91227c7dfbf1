import Foundation
import Testing
@testable import TrustPolicyCompiler

/// `examples/notation/verify-image.sh` on a CI host, against a stand-in for the Notation CLI
/// that behaves as each release does where it matters: Notation 1.0 and 1.1 get the
/// trust policy without timestamp authorities (they refuse `tsa:` stores), later releases the
/// full one, and the trust stores land where Notation reads them.
@Suite struct NotationHostTests {
    private static let image = "contosoprod.azurecr.io/payments/api@sha256:" + String(repeating: "a", count: 64)

    private func verify(_ image: String, version: String, policyFile: String? = nil) throws -> ChildRun.Result {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-notation-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out").path
        let render = try Trustc.run(["render", Sample.directory, "--out", out, "--now", PlanRepository.now])
        #expect(render.status == 0, "\(render.stderr)")
        let bin = root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let fake = PolicyFixture.fixtures.appendingPathComponent("fake-notation/notation").path
        try "#!/bin/sh\nexec python3 '\(fake)' \"$@\"\n".write(to: bin.appendingPathComponent("notation"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("notation").path)
        let script = Golden.packageRoot.appendingPathComponent("examples/notation/verify-image.sh").path
        let path = "\(bin.path):\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")"
        return try ChildRun.run("/bin/bash", [script, out, "production", image],
                                environment: ["PATH": path, "FAKE_NOTATION_VERSION": version, "HOME": root.path])
    }

    @Test(arguments: ["1.0.1", "1.1.1", "1.2.0", "1.3.2", "2.0.0"])
    func everyNotationReleaseVerifiesAsTheClustersDo(version: String) throws {
        let run = try verify(Self.image, version: version)
        #expect(run.status == 0, "\(version): \(run.stderr)")
        #expect(run.stdout.contains("with statement production.payments-release"), "\(run.stdout)")
    }

    /// The full policy is what Notation 1.0 and 1.1 would refuse: the script must not hand it to them.
    @Test func theFullPolicyIsWhatOldNotationRefuses() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-notation-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try Trustc.run(["render", Sample.directory, "--out", out.path, "--now", PlanRepository.now]).status == 0)
        let oci = try String(contentsOf: out.appendingPathComponent("production/_base/notation/trustpolicy.oci.json"), encoding: .utf8)
        let legacy = try String(contentsOf: out.appendingPathComponent("production/_base/notation/trustpolicy.json"), encoding: .utf8)
        #expect(oci.contains("\"tsa:payments-release\""))
        #expect(!legacy.contains("tsa:"))
        #expect(!legacy.contains("verifyTimestamp"))
    }

    @Test func anImageNoStatementCoversFails() throws {
        let run = try verify("contosoprod.azurecr.io/nobody/app@sha256:" + String(repeating: "b", count: 64), version: "1.3.2")
        #expect(run.status == 1)
        #expect(run.stderr.contains("no applicable trust policy"), "\(run.stderr)")
    }

    @Test func anUnknownEnvironmentIsAnError() throws {
        let script = Golden.packageRoot.appendingPathComponent("examples/notation/verify-image.sh").path
        let run = try ChildRun.run("/bin/bash", [script, "/nonexistent", "production", Self.image])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no trust policy for environment production"))
    }
}
