import Foundation
import Testing
@testable import TrustPolicyCompiler

/// Reading `kubectl get -o yaml|json` and `az policy assignment list -o json` output: every
/// shape the tools print, YAML scalars as Kubernetes means them, and every malformed input
/// reported with its position while the rest is read.
@Suite struct LiveExportTests {
    static func read(_ text: String, file: String = "live.yaml") -> LiveExport {
        LiveExport.read(Array(text.utf8), file: file)
    }

    static let verifier = """
        - apiVersion: config.ratify.deislabs.io/v1beta1
          kind: Verifier
          metadata:
            name: trustc-notation
          spec:
            name: notation
        """

    // MARK: YAML scalars

    @Test func yamlScalarsResolveAsKubernetesReadsThem() throws {
        let loaded = YAMLLoader().load(Array("""
            a: "1.0"
            b: 1.0
            c: 10
            d: true
            e: off
            f: ~
            g:
            h: '10'
            i: 2026-11-25
            j: -.inf
            k: !!float 3
            l: 0x1F
            m: [1, x]
            """.utf8), file: "scalars.yaml")
        let json = try #require(loaded.documents.first?.root.json)
        #expect(json == .object([
            "a": .string("1.0"), "b": .double(1.0), "c": .integer(10), "d": .bool(true), "e": .string("off"), "f": .null,
            "g": .null, "h": .string("10"), "i": .string("2026-11-25"), "j": .double(-.infinity), "k": .double(3), "l": .integer(31),
            "m": .array([.integer(1), .string("x")]),
        ]))
    }

    // MARK: kubectl

    @Test func kubectlListInYAMLAndJSON() throws {
        let yaml = Self.read("apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: \"\"\nitems:\n\(Self.verifier)\n")
        #expect(yaml.hasKubernetesExport && !yaml.hasAssignmentExport)
        #expect(yaml.problems.isEmpty)
        let object = try #require(yaml.objects.first)
        #expect((object.kind, object.name, object.namespace, object.group) == ("Verifier", "trustc-notation", nil, "config.ratify.deislabs.io"))
        #expect(object.position.description == "live.yaml:6:3: items[0]")

        let json = Self.read("""
            {
                "apiVersion": "v1",
                "items": [{"apiVersion": "config.ratify.deislabs.io/v1beta1", "kind": "NamespacedVerifier",
                           "metadata": {"name": "trustc-notation", "namespace": "payments"}}],
                "kind": "List"
            }
            """, file: "live.json")
        let namespaced = try #require(json.objects.first)
        #expect((namespaced.kind, namespaced.namespace) == ("NamespacedVerifier", "payments"))
        #expect(namespaced.position.description == "live.json: items[0]")
    }

    @Test func singleObjectAndSeveralDocuments() {
        let export = Self.read("""
            apiVersion: config.ratify.deislabs.io/v1beta1
            kind: Store
            metadata: {name: trustc-oras}
            ---
            apiVersion: v1
            kind: List
            items: []
            """)
        #expect(export.objects.map(\.name) == ["trustc-oras"])
        #expect(export.hasKubernetesExport && export.problems.isEmpty)
    }

    @Test func listWithBrokenItemsKeepsTheOthers() {
        let export = Self.read("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: config.ratify.deislabs.io/v1beta1
              kind: Store
              spec: {}
            - 42
            - kind: Policy
              metadata: {name: ratify-policy}
            - apiVersion: config.ratify.deislabs.io/v1beta1
              kind: Policy
              metadata: {namespace: x}
            - apiVersion: config.ratify.deislabs.io/v1beta1
              metadata: {name: nameless-kind}
            - apiVersion: config.ratify.deislabs.io/v1beta1
              kind: NamespacedStore
              metadata: {name: s, namespace: [a]}
            \(Self.verifier)
            """)
        #expect(export.objects.map(\.name) == ["trustc-notation"])
        #expect(export.problems.map(\.description) == [
            "live.yaml:4:3: items[0]: a Store without `metadata`",
            "live.yaml:7:3: items[1]: a List item must be an object, not a number",
            "live.yaml:8:3: items[2]: a Policy without `apiVersion`",
            "live.yaml:10:3: items[3]: a Policy without `metadata.name`",
            "live.yaml:13:3: items[4]: an object without `kind`",
            "live.yaml:15:3: items[5]: the NamespacedStore `s` has a `metadata.namespace` that is not a string",
        ])
    }

    @Test func itemsThatAreNoList() {
        let export = Self.read("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": {}}", file: "live.json")
        #expect(export.hasKubernetesExport)
        #expect(export.problems.map(\.description) == ["live.json: `items` of a List must be a list of objects"])
    }

    // MARK: Malformed files

    @Test func notYAML() {
        let export = Self.read("apiVersion: v1\nkind: List\nitems: [\n  - a\n")
        #expect(export.isEmpty)
        #expect(export.problems.count == 1)
        #expect(export.problems[0].description.hasPrefix("live.yaml:"))
        #expect(export.problems[0].message.hasPrefix("not valid YAML: "))
    }

    @Test func notJSON() {
        let export = Self.read("{\"kind\": \"List\", \"items\": [1, 2", file: "live.json")
        #expect(export.isEmpty)
        #expect(export.problems.map(\.description) == ["live.json:1:32: not valid JSON: unexpected end of input in an array"])
    }

    @Test func neitherKubectlNorAz() {
        for text in ["hello", "a: b", "{\"kind\": 3}", "---\n7\n"] {
            let export = Self.read(text)
            #expect(export.isEmpty, "\(text)")
            #expect(export.problems.map(\.message).allSatisfy { $0.hasPrefix("neither `kubectl get -o yaml|json` output") }, "\(text): \(export.problems)")
        }
        #expect(Self.read("").problems.map(\.message) == ["not valid YAML: the file holds no YAML documents"])
        #expect(Self.read("\u{1}binary\u{0}").problems.count == 1)
    }

    @Test func unreadableFile() {
        let export = LiveExport.unreadable("gone.yaml", reason: "No such file or directory")
        #expect(export.isEmpty)
        #expect(export.problems.map(\.description) == ["gone.yaml: cannot read the file: No such file or directory"])
    }

    // MARK: az

    static let flattened = """
        [
          {
            "description": null,
            "displayName": "Deny images without a trusted signature: aks-1",
            "enforcementMode": "Default",
            "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1/providers/Microsoft.Authorization/policyAssignments/trustc-prod-aks-1-deny",
            "identity": null,
            "location": null,
            "metadata": {"assignedBy": "trustc", "createdBy": "x", "createdOn": "2026-11-20T09:00:00Z", "updatedBy": null, "updatedOn": null},
            "name": "trustc-prod-aks-1-deny",
            "parameters": {"effect": {"value": "Deny"}},
            "policyDefinitionId": "/providers/microsoft.management/managementgroups/contoso/providers/microsoft.authorization/policydefinitions/trustc-contoso-notation",
            "resourceGroup": "rg",
            "scope": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1",
            "systemData": {"createdBy": "someone"},
            "type": "Microsoft.Authorization/policyAssignments"
          }
        ]
        """

    @Test func azFlatteningIsUndone() throws {
        let export = Self.read(Self.flattened, file: "az.json")
        #expect(export.hasAssignmentExport && !export.hasKubernetesExport && export.problems.isEmpty)
        let assignment = try #require(export.assignments.first)
        #expect(assignment.name == "trustc-prod-aks-1-deny")
        #expect(assignment.scope == "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1")
        #expect(assignment.position.description == "az.json: [0]")
        guard case .object(let members) = assignment.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["id", "identity", "location", "name", "resourceGroup", "scope", "systemData", "type", "properties"])
        #expect(assignment.value["properties"]?["parameters"]?["effect"]?["value"] == .string("Deny"))
        #expect(assignment.value["properties"]?["enforcementMode"] == .string("Default"))
        #expect(assignment.policyDefinitionID?.hasSuffix("trustc-contoso-notation") == true)
    }

    @Test func restFormSingleAssignmentAndScopeFromTheID() throws {
        let rest = Self.read("""
            {"value": [{"name": "a", "id": "/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/a",
                        "properties": {"policyDefinitionId": "/p", "scope": "/subscriptions/s"}},
                       {"name": "b", "id": "/subscriptions/t/PROVIDERS/microsoft.authorization/POLICYASSIGNMENTS/b",
                        "properties": {"policyDefinitionId": "/p"}},
                       "c", {"properties": {}}]}
            """, file: "rest.json")
        #expect(rest.assignments.map(\.name) == ["a", "b"])
        #expect(rest.assignments.map(\.scope) == ["/subscriptions/s", "/subscriptions/t"])
        #expect(rest.assignments[0].value["properties"]?["scope"] == nil)
        #expect(rest.problems.map(\.description) == ["rest.json: value[2]: an assignment must be an object, not a string",
                                                      "rest.json: value[3]: an assignment without `name`"])
        let single = Self.read("name: x\ntype: Microsoft.Authorization/policyAssignments\nscope: /s\nproperties: {policyDefinitionId: /p}\n")
        #expect(single.assignments.map(\.name) == ["x"])
        #expect(Self.read("[]", file: "none.json").hasAssignmentExport)
        let yamlList = Self.read("- name: y\n  policyDefinitionId: /p\n  scope: /s\n")
        #expect(yamlList.assignments.first?.position.description == "live.yaml:1:3: [0]")
    }
}
