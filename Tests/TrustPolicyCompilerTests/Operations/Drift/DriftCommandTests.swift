import Foundation
import Testing
@testable import TrustPolicyCompiler

/// `trustc drift` end to end on the committed example exports and on broken ones: exit
/// statuses, messages and the JSON contract.
@Suite struct DriftCommandTests {
    static let root = Golden.packageRoot.path
    static let live = "examples/exports/live"

    static func drift(_ live: String, cluster: String = "aks-prod-weu-1", _ more: [String] = []) throws -> ChildRun.Result {
        try Trustc.run(["drift", "policies", "--live", live, "--cluster", cluster, "--now", PlanRepository.now] + more, in: root)
    }

    /// A temporary folder holding `files` (name → text).
    static func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
        return url
    }

    @Test func cleanExportHasNoDrift() throws {
        let run = try Self.drift("\(Self.live)/clean")
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasPrefix("aks-prod-weu-1 (production, westeurope): no drift.\n"))
    }

    @Test func driftedExportReportsEveryKindInJSON() throws {
        let run = try Self.drift("\(Self.live)/drifted", ["--format", "json"])
        #expect(run.status == 1)
        let json = try JSONReader.document(Array(run.stdout.utf8))
        #expect(json["cluster"] == .string("aks-prod-weu-1"))
        let drift = try #require(json["drift"]?.arrayValue)
        let summary = drift.map { "\($0["change"]!.stringValue!) \($0["kind"]!.stringValue!) \($0["name"]!.stringValue!)" }
        #expect(summary == [
            "missing KeyManagementProvider prod-build-5653d3addbed",
            "extra NamespacedVerifier trustc-notation",
            "missing PolicyAssignment trustc-production-aks-prod-weu-1-audit",
            "changed PolicyAssignment trustc-production-aks-prod-weu-1-deny",
            "extra PolicyAssignment trustc-production-aks-prod-weu-1-legacy",
            "changed Store trustc-oras",
            "changed Verifier trustc-notation",
            "extra Verifier verifier-notation",
        ])
        for entry in drift {
            guard case .object(let members) = entry else { continue }
            #expect(Array(members.map(\.key).prefix(6)) == ["kind", "name", "namespace", "change", "paths", "details"])
        }
        #expect(drift[1]["namespace"] == .string("checkout"))
        #expect(drift[0]["namespace"] == .null)
        #expect(drift[6]["paths"] == .strings(["spec.parameters.trustPolicyDoc.trustPolicies[1].registryScopes"]))
        #expect(json["ignored"]?["unknownKinds"] == .object(["ConfigMap": .integer(1)]))
    }

    @Test func brokenItemIsReportedAndTheRestCompared() throws {
        let clean = try String(contentsOfFile: "\(Self.root)/\(Self.live)/clean/kubectl.yaml", encoding: .utf8)
        // The Store's metadata renamed: the item cannot be read, so the Store is also missing.
        let broken = clean.replacingOccurrences(of: "  kind: Store\n  metadata:", with: "  kind: Store\n  meta:")
        try #require(broken != clean)
        let folder = try Self.folder(["kubectl.yaml": broken])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.drift(folder.path)
        #expect(run.status == 1)
        #expect(run.stdout.contains("missing  Store trustc-oras\n"))
        #expect(run.stdout.contains("Problems in the export (the rest was compared):\n  \(folder.path)/kubectl.yaml:"))
        #expect(run.stdout.contains(": items[5]: a Store without `metadata`\n"))
        #expect(run.stdout.components(separatedBy: "\nmissing ").count == 2, "only the Store drifts:\n\(run.stdout)")
    }

    @Test func unreadableFileBesideAReadableOne() throws {
        let clean = try String(contentsOfFile: "\(Self.root)/\(Self.live)/clean/kubectl.yaml", encoding: .utf8)
        let folder = try Self.folder(["a-kubectl.yaml": clean, "b-broken.json": "{\"items\": [", "notes.txt": "ignored"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.drift(folder.path)
        #expect(run.status == 1)
        #expect(run.stdout.contains("no drift."))
        #expect(run.stdout.contains("/b-broken.json:1:12: not valid JSON: unexpected end of input"))
    }

    @Test func nothingReadableExitsTwo() throws {
        let folder = try Self.folder(["a.yaml": "key: [unclosed\n", "b.json": "[1, 2]x", "c.yaml": "hello: world\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.drift(folder.path)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("/a.yaml:"))
        #expect(run.stderr.contains("/b.json:1:7: not valid JSON: unexpected `x` after the value"))
        #expect(run.stderr.contains("/c.yaml:1:1: neither `kubectl get -o yaml|json` output"))
        #expect(run.stderr.contains("nothing to compare"))

        let empty = try Self.folder(["readme.md": "x"])
        defer { try? FileManager.default.removeItem(at: empty) }
        let none = try Self.drift(empty.path)
        #expect(none.status == 2)
        #expect(none.stderr.contains("the folder holds no .yaml, .yml, .json file"))
        let missing = try Self.drift("no/such/export.yaml")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no/such/export.yaml: cannot read the file"))
    }

    @Test func unknownClusterExitsTwoWithASuggestion() throws {
        let run = try Self.drift("\(Self.live)/clean", cluster: "aks-prod-weu1")
        #expect(run.status == 2)
        #expect(run.stderr == "trustc: unknown cluster `aks-prod-weu1`; did you mean `aks-prod-weu-1`?\n")
    }

    @Test func exportOfAnotherClusterIsDrift() throws {
        // aks-prod-neu-1 has no namespaced verifier and other assignments.
        let run = try Self.drift("\(Self.live)/clean", cluster: "aks-prod-neu-1")
        #expect(run.status == 1)
        #expect(run.stdout.contains("extra    NamespacedVerifier trustc-notation in namespace payments"))
        #expect(run.stdout.contains("missing  PolicyAssignment trustc-production-aks-prod-neu-1-deny"))
        #expect(run.stdout.contains("none is on this cluster's scope: was the list exported for another cluster?"))
    }

    @Test func sourceErrorsAndUsageErrors() throws {
        let fixture = try PolicyFixture(["registries.yaml": "apiVersion: trustc/v1\nkind: Registry\nmetadata: {name: x}\nspec: {}\n"])
        defer { fixture.remove() }
        let run = try Trustc.run(["drift", fixture.root.path, "--live", "\(Self.root)/\(Self.live)/clean", "--cluster", "aks-prod-weu-1"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no comparison: the source has errors"))
        #expect(try Trustc.run(["drift", "policies", "--cluster", "aks-prod-weu-1"], in: Self.root).status == 64)
        #expect(try Trustc.run(["drift", "policies", "--live", "x"], in: Self.root).status == 64)
        #expect(try Self.drift("\(Self.live)/clean", ["--format", "yaml"]).status == 64)
    }
}
