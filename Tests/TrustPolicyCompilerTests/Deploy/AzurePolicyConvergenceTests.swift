import Foundation
import Testing
@testable import TrustPolicyCompiler

/// The documented way to apply rendered Azure Policy (`examples/azure/apply-policy.sh`), run
/// against a stand-in for Azure (`Fixtures/fake-az/az`): after any change of the source, two
/// successive renders applied one after the other leave Azure holding exactly the second render,
/// every field of it, and nothing else of trustc's, while assignments that are not trustc's, or
/// are another organisation's, stay untouched.
@Suite struct AzurePolicyConvergenceTests {
    /// One resource as Azure holds it: its id and properties (compared whatever the key order:
    /// Azure keeps none).
    private struct Resource: Equatable, CustomStringConvertible {
        var id: String
        var properties: JSONValue
        var description: String { "\(id): \(properties.compact())" }

        init(id: String, properties: JSONValue) {
            self.id = id
            self.properties = Self.sorted(properties)
        }

        private static func sorted(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let members): .object(members.map { .init($0.key, sorted($0.value)) }.sorted { $0.key < $1.key })
            case .array(let items): .array(items.map(sorted))
            default: value
            }
        }
    }

    private struct Azure {
        let store: URL
        let bin: URL

        init(root: URL, seed: [Resource]) throws {
            store = root.appendingPathComponent("azure.json")
            bin = root.appendingPathComponent("fake-bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let fake = PolicyFixture.fixtures.appendingPathComponent("fake-az/az").path
            try "#!/bin/sh\nexec python3 '\(fake)' \"$@\"\n".write(to: bin.appendingPathComponent("az"), atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("az").path)
            let seeded = JSONValue.object(seed.map { .init($0.id.lowercased(), .object(["id": .string($0.id), "properties": $0.properties])) })
            try seeded.serialized().write(to: store, atomically: true, encoding: .utf8)
        }

        /// Runs the documented procedure on `out`, Resource Graph answering two rows a page.
        func apply(_ out: URL) throws {
            let script = Golden.packageRoot.appendingPathComponent("examples/azure/apply-policy.sh").path
            let path = "\(bin.path):\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")"
            let run = try ChildRun.run("/bin/bash", [script, out.path],
                                       environment: ["PATH": path, "FAKE_AZ_STORE": store.path, "FAKE_AZ_PAGE": "2"])
            #expect(run.status == 0, "apply-policy.sh: \(run.stderr)")
        }

        var resources: [Resource] {
            get throws {
                let stored = try JSONReader.document(Array(Data(contentsOf: store)))
                guard case .object(let members) = stored else { return [] }
                return members.map { Resource(id: $0.value["id"]!.stringValue!, properties: $0.value["properties"]!) }
                    .sorted { $0.id < $1.id }
            }
        }
    }

    /// What a render says Azure must hold: the definition and every assignment file, as PUT.
    private func rendered(_ out: URL) throws -> [Resource] {
        var resources: [Resource] = []
        for path in try Golden.listFiles(under: out) where path.hasPrefix("azure-policy/") || path.contains("/azure-policy/") {
            let document = try JSONReader.document(Array(Data(contentsOf: out.appendingPathComponent(path))))
            let id = document["id"]?.stringValue
                ?? "\(document["scope"]!.stringValue!)/providers/Microsoft.Authorization/policyAssignments/\(document["name"]!.stringValue!)"
            resources.append(Resource(id: id, properties: document["properties"]!))
        }
        return resources.sorted { $0.id < $1.id }
    }

    private static let cluster = "/subscriptions/8247a08c-3bcd-4407-b62e-16099589d60e/resourceGroups/rg-aks-prod-weu/providers/Microsoft.ContainerService/managedClusters/aks-prod-weu-1"

    /// Assignments that are not this organisation's trustc output: left alone.
    private static let others = [
        Resource(id: "\(cluster)/providers/Microsoft.Authorization/policyAssignments/someone-elses",
                 properties: .object(["metadata": .object(["assignedBy": .string("someone")])])),
        Resource(id: "\(cluster)/providers/Microsoft.Authorization/policyAssignments/trustc-fabrikam-x",
                 properties: .object(["metadata": .object(["assignedBy": .string("trustc"), "organization": .string("fabrikam")])])),
    ]

    @Test func successiveRendersConvergeAndRollbacksUndoDeny() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        let root = repository.root, out = root.appendingPathComponent("out")
        let azure = try Azure(root: root, seed: Self.others)
        func render() throws {
            let run = try Trustc.run(["render", "policies", "--out", "out", "--now", PlanRepository.now], in: root.path)
            #expect(run.status == 0, "\(run.stderr)")
        }

        try render()
        try azure.apply(out)
        let first = try rendered(out)
        #expect(first.count == 1 + 6 * 2, "\(first)")
        #expect(try azure.resources == (first + Self.others).sorted { $0.id < $1.id })

        // payments rolls back from deny to warn on aks-prod-weu-1, aks-staging-eus2-1 is retired,
        // and aks-dev-weu-1 moves to another subscription.
        try repository.edit("clusters/production/aks-prod-weu-1.yaml",
                            replacing: "    - name: payments\n      stage: deny\n      since: 2026-10-20\n      warnSince: 2026-10-01\n",
                            with: "    - name: payments\n      stage: warn\n      since: 2026-11-24\n")
        try repository.delete("clusters/staging/aks-staging-eus2-1.yaml")
        let devBefore = try #require(first.first { $0.id.contains("aks-dev-weu-1") }).id
        try repository.edit("clusters/development/aks-dev-weu-1.yaml",
                            replacing: String(devBefore.split(separator: "/")[1]), with: "00000000-0000-4000-8000-000000000001")
        try repository.commit("payments back to warn; retire aks-staging-eus2-1; move aks-dev-weu-1")

        // The plan says exactly what to create, update and delete.
        let plan = try repository.planLibrary()
        let changes = plan.environments.flatMap { $0.groups.flatMap(\.changes) }
        let deleted = Set(changes.filter { $0.kind == .assignmentDeleted }.map(\.summary))
        #expect(deleted == ["assignment `trustc-staging-aks-staging-eus2-1-audit`", "assignment `trustc-staging-aks-staging-eus2-1-deny`"])
        #expect(changes.contains { $0.summary == "assignment `trustc-production-aks-prod-weu-1-deny` namespaces: - payments" })
        #expect(changes.contains { $0.summary == "assignment `trustc-production-aks-prod-weu-1-audit` namespaces: + payments" })
        #expect(changes.contains { $0.kind == .resourceIDChanged })

        try render()
        try azure.apply(out)
        let second = try rendered(out)
        #expect(try azure.resources == (second + Self.others).sorted { $0.id < $1.id })
        // The deny assignment no longer lists payments: the rollback reached Azure.
        let deny = try #require(second.first { $0.id.hasSuffix("trustc-production-aks-prod-weu-1-deny") })
        #expect(deny.properties["parameters"]?["namespaces"]?["value"] == .strings(["checkout", "platform-ingress"]))
        #expect(!second.contains { $0.id.contains("aks-staging-eus2-1") })
        #expect(!(try azure.resources).contains { $0.id == devBefore })

        // Applying the same render again changes nothing.
        let before = try azure.resources
        try azure.apply(out)
        #expect(try azure.resources == before)
    }

    /// A stage that empties keeps its assignment, disabled: the name set never changes, so a
    /// create-or-update loop alone also converges for the clusters that remain.
    @Test func anEmptiedStageIsDisabledNotMissing() throws {
        let fixture = try PolicyFixture()
        defer { fixture.remove() }
        let cluster = try #require(try fixture.compile().model.clusters.first)
        let files = Dictionary(uniqueKeysWithValues: AzurePolicyAssignments.resources(for: cluster, model: try fixture.compile().model)
            .map { ($0.name, $0.resource) })
        let deny = try #require(files["trustc-production-aks-prod-weu-1-deny"])
        #expect(deny["properties"]?["enforcementMode"] == .string("DoNotEnforce"))
        #expect(deny["properties"]?["parameters"]?["effect"]?["value"] == .string("Disabled"))
        #expect(deny["properties"]?["parameters"]?["namespaces"]?["value"] == .array([]))
        let audit = try #require(files["trustc-production-aks-prod-weu-1-audit"])
        #expect(audit["properties"]?["enforcementMode"] == .string("Default"))
        #expect(audit["properties"]?["parameters"]?["effect"]?["value"] == .string("Audit"))
        #expect(audit["properties"]?["parameters"]?["warn"]?["value"] == .bool(true))
        #expect(audit["properties"]?["metadata"]?["organization"] == .string("contoso"))
    }
}
