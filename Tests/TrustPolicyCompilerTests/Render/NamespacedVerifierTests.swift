import Foundation
import Testing
@testable import TrustPolicyCompiler

/// Namespaces limited to some teams (`trustedTeams`) each get a `NamespacedVerifier`: its spec
/// is rendered once per environment and set of teams and shared between files, and every file
/// is still exactly the document its namespace needs.
@Suite struct NamespacedVerifierTests {
    private static func team(_ name: String) -> String {
        """
        apiVersion: trustc/v1
        kind: Team
        metadata:
          name: \(name)
        spec:
          owners: ["@contoso/\(name)"]
          environments: [production]
          repositories: [\(name)/api, \(name)/worker]
          signingIdentities: [prod-build]
        """
    }

    private static func cluster(_ name: String, namespaces: [(String, String)]) -> String {
        """
        apiVersion: trustc/v1
        kind: Cluster
        metadata:
          name: \(name)
        spec:
          environment: production
          region: westeurope
          resourceID: /subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/\(name)
          namespaces:
        \(namespaces.map { "    - { name: \($0.0), stage: warn, since: 2026-11-01, trustedTeams: [\($0.1)] }" }.joined(separator: "\n"))
        """
    }

    private func render() throws -> RenderedOutput {
        let fixture = try PolicyFixture([
            "teams/payments.yaml": Self.team("payments"),
            "teams/orders.yaml": Self.team("orders"),
            "clusters/aks-prod-weu-1.yaml": Self.cluster("aks-prod-weu-1", namespaces: [("payments", "payments"), ("orders", "orders")]),
            "clusters/aks-prod-weu-2.yaml": Self.cluster("aks-prod-weu-2", namespaces: [("payments-eu", "payments")]),
        ])
        defer { fixture.remove() }
        let compilation = try fixture.compile()
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
        return BundleRenderer().render(compilation.model)
    }

    private func verifier(_ cluster: String, _ namespace: String, in output: RenderedOutput) throws -> RenderedFile {
        try #require(output.files.first { $0.path == "production/westeurope/\(cluster)/ratify/namespaced-verifier-\(namespace).yaml" })
    }

    @Test func namespacesOfTheSameTeamsShareTheSpecAndKeepTheirOwnMetadata() throws {
        let output = try render()
        let first = try verifier("aks-prod-weu-1", "payments", in: output)
        let second = try verifier("aks-prod-weu-2", "payments-eu", in: output)
        let orders = try verifier("aks-prod-weu-1", "orders", in: output)
        func split(_ file: RenderedFile) -> (head: String, spec: String) {
            let text = String(decoding: file.contents, as: UTF8.self)
            let spec = try! #require(text.range(of: "\nspec:\n"))
            return (String(text[..<spec.lowerBound]), String(text[spec.lowerBound...]))
        }
        #expect(split(first).spec == split(second).spec)
        #expect(split(first).spec != split(orders).spec)
        #expect(split(first).head.contains("kind: NamespacedVerifier\n"))
        #expect(split(first).head.contains("  namespace: payments\n"))
        #expect(split(second).head.contains("  namespace: payments-eu\n"))
        #expect(split(first).spec.contains("contosoprod.azurecr.io/payments/api"))
        #expect(!split(first).spec.contains("orders/"))
        #expect(split(orders).spec.contains("contosoprod.azurecr.io/orders/worker"))
        // The file is the document a single render of the resource gives, and its digest is of
        // its bytes, whatever parts they are kept in.
        #expect(first.sha256 == RenderedFile(path: first.path, contents: first.contents).sha256)
    }

    @Test func aFileInPartsIsTheFileOfItsBytes() throws {
        let parts = RenderedFile(path: "a.yaml", parts: [Array("kind: A\n".utf8), Array("spec: {}\n".utf8)])
        let whole = RenderedFile(path: "a.yaml", contents: Array("kind: A\nspec: {}\n".utf8))
        #expect(parts == whole)
        #expect(parts.sha256 == whole.sha256)
        #expect(parts.contents == whole.contents)
        #expect(parts.moved(under: "x").contents == whole.contents)
        #expect(parts != RenderedFile(path: "a.yaml", contents: Array("kind: B\nspec: {}\n".utf8)))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-parts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("a.yaml").path
        try OutputDirectory.writeFile(path, parts: parts.parts)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(whole.contents))
    }
}
