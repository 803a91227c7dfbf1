import Foundation
import Testing
@testable import TrustPolicyCompiler

/// `trustc explain` end to end on the sample: goldens of both formats, the JSON contract, and
/// every exit status (0 admitted or not enforced, 1 rejected by a deny namespace, 2 cannot
/// answer, 64 usage).
@Suite struct ExplainCommandTests {
    static let root = Golden.packageRoot.path
    static let signature = "examples/inventory/payments-api.json"

    /// The digest the example signature covers.
    static let digest: String = {
        let text = try! String(contentsOf: Golden.packageRoot.appendingPathComponent(signature), encoding: .utf8)
        return try! NotationInspection.read(Array(text.utf8)).signatures[0].signedArtifactDigest!
    }()

    static func explain(_ arguments: [String], in directory: String = root) throws -> ChildRun.Result {
        try Trustc.run(["explain"] + arguments + ["--now", "2026-11-25"], in: directory)
    }

    /// (golden name, arguments, exit status)
    @Test(arguments: [
        ("payments-api-signed", ["contosoprod.azurecr.io/payments/api@" + digest, "--cluster", "aks-prod-weu-1", "--namespace", "payments",
                                 "--signature", signature], Int32(0)),
        ("ledger-no-scope", ["contosoprod.azurecr.io/payments/ledger:1.0", "--cluster", "aks-prod-weu-1", "--namespace", "payments"], 1),
        ("checkout-web-namespaces", ["contosoprod.azurecr.io/checkout/web:3.1", "--cluster", "aks-prod-weu-1"], 0),
        ("indexer-typo", ["contosoprod.azurecr.io/search/indexer:0.9", "--cluster", "aks-prod-neu-1", "--namespace", "chekout"], 0),
    ] as [(String, [String], Int32)])
    func explainsOnTheSample(name: String, arguments: [String], status: Int32) throws {
        for (format, suffix) in [("text", "txt"), ("json", "json")] {
            let run = try Self.explain(arguments + ["policies", "--format", format])
            #expect(run.status == status, "\(name).\(suffix): \(run.stderr)")
            #expect(run.stderr.isEmpty, "\(run.stderr)")
            try Golden.assertText(run.stdout, file: "explain/\(name).\(suffix)")
        }
    }

    @Test func keepsTheJSONContract() throws {
        let run = try Self.explain(["contosoprod.azurecr.io/payments/api@" + Self.digest, "--cluster", "aks-prod-weu-1", "--namespace",
                                    "payments", "--signature", Self.signature, "--format", "json", "policies"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["image", "repository", "cluster", "namespace", "stage", "effect", "statement", "identities",
                                       "team", "expectedIdentities", "signatures"])
        #expect(document["effect"] as? String == "deny" && document["stage"] as? String == "deny")
        let signatures = try #require(document["signatures"] as? [[String: Any]])
        #expect(signatures.map { Set($0.keys) } == [["identity", "verdict", "reason"]])
        #expect(signatures.first?["verdict"] as? String == "trusted" && signatures.first?["reason"] is NSNull)
    }

    @Test func aRejectedSignatureExitsOneWhereTheNamespaceDenies() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-signature-\(UUID().uuidString).json")
        try Data(InspectionDocument.line(reference: nil, [TestSignature(chain: InspectionDocument.unknownChain(), artifact: Self.digest)]).utf8)
            .write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let image = "contosoprod.azurecr.io/payments/api@" + Self.digest
        let deny = try Self.explain([image, "--cluster", "aks-prod-weu-1", "--namespace", "payments", "--signature", url.path, "policies"])
        #expect(deny.status == 1)
        #expect(deny.stdout.contains("by an unknown signer: rejected: untrusted root:"))
        let warn = try Self.explain([image, "--cluster", "aks-prod-eus2-1", "--namespace", "payments", "--signature", url.path, "policies"])
        #expect(warn.status == 0 && warn.stdout.contains("Verdict: admitted, but reported"))
        let piped = try ChildRun.run("/bin/sh", ["-c", "\"$0\" explain \"$1\" --cluster aks-prod-weu-1 --namespace payments --signature - policies --now 2026-11-25 < \"$2\"",
                                                 Trustc.executable, image, url.path], in: Self.root)
        #expect(piped.status == 1, "\(piped.stderr)")
    }

    /// (arguments, words of the message on standard error)
    @Test(arguments: [
        (["contosoprod.azurecr.io/payments/api", "--cluster", "aks-prod-weu-9"], "Did you mean `aks-prod-weu-1`?"),
        (["contosoprod.azurecr.io/payments/API", "--cluster", "aks-prod-weu-1"], "is not an image reference"),
        (["contosoprd.azurecr.io/payments/api", "--cluster", "aks-prod-weu-1"], "Did you mean `contosoprod.azurecr.io`?"),
        (["contosoprod.azurecr.io/payments/api", "--cluster", "aks-prod-weu-1", "--signature", "no-such-file.json"],
         "cannot read no-such-file.json"),
        (["contosoprod.azurecr.io/payments/api", "--cluster", "aks-prod-weu-1", "--signature", "policies/registries.yaml"],
         "policies/registries.yaml:1:1: $: unexpected `#`"),
    ] as [([String], String)])
    func unanswerableQuestionsExitTwo(arguments: [String], message: String) throws {
        let run = try Self.explain(arguments + ["policies"])
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func aSourceWithErrorsExitsTwo() throws {
        let copy = try ValidateCommandTests.broken()
        defer { copy.remove() }
        let run = try Self.explain(["contosoprod.azurecr.io/payments/api", "--cluster", "aks-prod-weu-1", "policies"], in: copy.root.path)
        #expect(run.status == 2 && run.stderr.contains("cannot explain: the source has errors"))
    }

    @Test(arguments: [["--cluster", "aks-prod-weu-1"], ["contosoprod.azurecr.io/payments/api", "policies"],
                      ["contosoprod.azurecr.io/payments/api", "--cluster", "aks-prod-weu-1", "--format", "yaml", "policies"]])
    func usageErrorsExit64(arguments: [String]) throws {
        #expect(try Self.explain(arguments).status == 64)
    }
}
