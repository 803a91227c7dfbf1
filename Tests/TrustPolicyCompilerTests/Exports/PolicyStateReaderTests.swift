import Testing
@testable import TrustPolicyCompiler

/// `az policy state list -o json` (the CLI's array, with and without `--expand components`) and
/// the REST page `az rest` returns, and each way a record can be unreadable.
@Suite struct PolicyStateReaderTests {
    private func read(_ text: String) -> PolicyStateExport {
        PolicyStateReader.read(Array(text.utf8), file: "states.json")
    }

    private let cluster = "/subscriptions/s/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/aks"

    @Test func cliArrayWithComponents() throws {
        let export = read(#"""
        [
          {
            "complianceReasonCode": "",
            "complianceState": "NonCompliant",
            "components": [
              { "complianceState": "NonCompliant", "id": "team-a/web-1", "name": "web-1", "timestamp": "2026-11-20T06:09:51.208114+00:00", "type": "pod" },
              { "complianceState": "NonCompliant", "id": "node-1", "name": "node-1", "type": "node" }
            ],
            "isCompliant": false,
            "odataContext": null,
            "odataid": null,
            "policyAssignmentId": "\#(cluster)/providers/microsoft.authorization/policyassignments/trustc-production-aks-audit",
            "policyAssignmentName": "trustc-production-aks-audit",
            "policyAssignmentParameters": "{\"effect\": {\"value\": \"Audit\"}}",
            "resourceId": "\#(cluster)",
            "timestamp": "2026-11-20T06:14:03.412387+00:00"
          }
        ]
        """#)
        #expect(export.problems.isEmpty)
        let state = try #require(export.states.first)
        #expect(state.resourceID == cluster && state.assignment == "trustc-production-aks-audit")
        #expect(state.isNonCompliant && !state.isCompliant)
        #expect(state.components?.map(\.namespace) == ["team-a", nil])
        #expect(state.path == "$[0]")
    }

    @Test func withoutExpandThereAreNoComponents() throws {
        let export = read(#"[{"complianceState": "Compliant", "policyAssignmentId": "/x/policyAssignments/trustc-a", "resourceId": "r"}]"#)
        let state = try #require(export.states.first)
        #expect(state.components == nil && state.assignment == "trustc-a" && state.isCompliant)
    }

    @Test func restPageOfAzRest() {
        let export = read(#"{"@odata.context": "x", "@odata.count": 1, "value": [{"complianceState": "Compliant", "policyAssignmentName": "a", "resourceId": "r", "components": null}]}"#)
        #expect(export.problems.isEmpty && export.states.count == 1)
    }

    @Test func wrongShapesAreProblems() {
        #expect(read(#"{"kind": "List"}"#).problems.map(\.description)
                == ["states.json: $: expected the array `az policy state list -o json` prints, found an object without `value`"])
        #expect(read(#""text""#).problems.map(\.description)
                == ["states.json: $: expected the array `az policy state list -o json` prints, found a string"])
        #expect(read("[{\"a\": }]").problems.map(\.description) == ["states.json:1:8: not valid JSON: unexpected `}`"])
    }

    @Test func recordsMissingFieldsAreSkippedAndABadComponentDropsTheComponents() throws {
        let export = read(#"""
        [
          {"complianceState": "NonCompliant", "resourceId": "r"},
          {"policyAssignmentName": "a", "resourceId": "r", "complianceState": "NonCompliant",
           "components": [{"id": "ns/p", "complianceState": "NonCompliant"}, {"name": "p2"}]},
          "x"
        ]
        """#)
        #expect(export.states.count == 1)
        #expect(export.states[0].components == nil)
        #expect(export.problems.map(\.description) == [
            "states.json: $[0]: a policy state without `policyAssignmentName` or `policyAssignmentId`: skipped",
            "states.json: $[1].components[1]: a component without `id` or `complianceState`",
            "states.json: $[2]: expected an object, found a string",
        ])
    }
}
