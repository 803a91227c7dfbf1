import Testing
@testable import TrustPolicyCompiler

/// `kubectl get <constraint kind> -o json` as kubectl prints it (a named get, a `List`, older
/// and newer Gatekeeper), and every way an export can be broken: each a problem at its line
/// and column or JSON path, the rest still read.
@Suite struct GatekeeperConstraintReaderTests {
    private func read(_ text: String) -> GatekeeperConstraintExport {
        GatekeeperConstraintReader.read(Array(text.utf8), file: "aks.json")
    }

    private let constraint = #"""
    {
        "apiVersion": "constraints.gatekeeper.sh/v1beta1",
        "kind": "RatifyVerification",
        "metadata": {
            "annotations": {
                "azure-policy-assignment-id": "/subscriptions/s/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/providers/Microsoft.Authorization/policyAssignments/trustc-production-aks-audit",
                "constraint-installed-by": "azure-policy-addon"
            },
            "name": "azurepolicy-ratifyverification-077bac5b63d37da0bc4a"
        },
        "spec": { "enforcementAction": "dryrun" },
        "status": {
            "auditTimestamp": "2026-11-20T06:00:00Z",
            "byPod": [ { "enforced": true, "id": "gatekeeper-audit-5c96c9b6d6-nsm4d", "operations": [ "audit", "status" ] } ],
            "totalViolations": 2,
            "violations": [
                { "enforcementAction": "dryrun", "group": "", "kind": "Pod", "message": "Subject failed verification: a.azurecr.io/x:1",
                  "name": "web-6d4cf56db6-abcde", "namespace": "team-a", "version": "v1" },
                { "enforcementAction": "dryrun", "kind": "Node", "message": "cluster-scoped", "name": "node-1" }
            ]
        }
    }
    """#

    @Test func namedGetIsOneConstraint() throws {
        let export = read(constraint)
        #expect(export.problems.isEmpty)
        let only = try #require(export.constraints.first)
        #expect(export.constraints.count == 1)
        #expect(only.kind == "RatifyVerification")
        #expect(only.reference == "RatifyVerification/azurepolicy-ratifyverification-077bac5b63d37da0bc4a")
        #expect(only.assignment == "trustc-production-aks-audit")
        let audit = try #require(only.audit)
        #expect(audit.totalViolations == 2 && !audit.isTruncated)
        #expect(audit.violations.map(\.namespace) == ["team-a", nil])
        #expect(audit.violations[0] == GatekeeperViolation(
            kind: "Pod", name: "web-6d4cf56db6-abcde", namespace: "team-a", message: "Subject failed verification: a.azurecr.io/x:1",
            enforcementAction: "dryrun", path: "$.status.violations[0]"))
    }

    @Test func listHoldsEveryItemWithItsPath() throws {
        let export = read(#"{"apiVersion": "v1", "items": [\#(constraint), \#(constraint)], "kind": "List", "metadata": {"resourceVersion": "", "selfLink": ""}}"#)
        #expect(export.problems.isEmpty)
        #expect(export.constraints.map(\.path) == ["$.items[0]", "$.items[1]"])
        #expect(export.constraints[1].audit?.violations[0].path == "$.items[1].status.violations[0]")
    }

    @Test func emptyListHasNoConstraints() {
        let export = read(#"{"apiVersion": "v1", "items": [], "kind": "List", "metadata": {"resourceVersion": ""}}"#)
        #expect(export.problems.isEmpty && export.constraints.isEmpty)
    }

    /// Gatekeeper removes `violations` when there are none; `totalViolations` stays.
    @Test func auditWithoutViolations() throws {
        let export = read(#"{"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "K", "metadata": {"name": "c"}, "status": {"auditTimestamp": "2026-11-20T06:00:00Z", "totalViolations": 0}}"#)
        let audit = try #require(export.constraints.first?.audit)
        #expect(audit.violations.isEmpty && audit.totalViolations == 0)
        #expect(export.constraints.first?.assignment == nil)
    }

    @Test func missingStatusMeansNotAudited() {
        let noStatus = read(#"{"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "K", "metadata": {"name": "c"}, "spec": {}}"#)
        #expect(noStatus.problems.isEmpty)
        #expect(noStatus.constraints.count == 1 && noStatus.constraints[0].audit == nil)
        // The status controller writes `byPod` before the first audit.
        let onlyByPod = read(#"{"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "K", "metadata": {"name": "c"}, "status": {"byPod": [{"enforced": true}]}}"#)
        #expect(onlyByPod.constraints[0].audit == nil)
    }

    @Test func truncatedListIsSaidToBe() throws {
        let export = read(#"{"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "K", "metadata": {"name": "c"}, "status": {"totalViolations": 23, "violations": [{"message": "m", "namespace": "a"}]}}"#)
        #expect(try #require(export.constraints.first?.audit).isTruncated)
    }

    @Test func notJSONIsAProblemAtItsPosition() {
        let export = read("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        oops\n")
        #expect(export.constraints.isEmpty)
        #expect(export.problems == [ExportProblem("not valid JSON: unexpected `o`", at: ExportPosition(file: "aks.json", line: 4, column: 9))])
        #expect(export.problems[0].description == "aks.json:4:9: not valid JSON: unexpected `o`")
        #expect(read("").problems.map(\.description) == ["aks.json:1:1: not valid JSON: unexpected end of input"])
        #expect(read("kubectl: error: the server doesn't have a resource type").problems.count == 1)
        // `n` looks like null until it is not: a syntax error, not a value of the wrong kind.
        #expect(read("nope").problems.map(\.description) == ["aks.json:1:1: not valid JSON: expected `true`, `false` or `null`"])
        #expect(read(#"{"items": [nope]}"#).problems.map(\.description) == ["aks.json:1:12: not valid JSON: expected `true`, `false` or `null`"])
    }

    /// A UTF-8 byte-order mark is skipped; UTF-16 (PowerShell's `>`) is refused with a hint.
    @Test func encodings() {
        let object = #"{"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "K", "metadata": {"name": "c"}}"#
        let withMark = GatekeeperConstraintReader.read([0xEF, 0xBB, 0xBF] + Array(object.utf8), file: "aks.json")
        #expect(withMark.problems.isEmpty && withMark.constraints.count == 1)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in object.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let wide = GatekeeperConstraintReader.read(utf16, file: "aks.json")
        #expect(wide.constraints.isEmpty)
        #expect(wide.problems.map(\.description) == ["aks.json: the file is UTF-16 (as PowerShell's `>` writes); save it as UTF-8, e.g. with `| Out-File -Encoding utf8`"])
        #expect(PolicyStateReader.read([0xFE, 0xFF, 0, 0x5B, 0, 0x5D], file: "s.json").problems.count == 1)
    }

    /// Broken JSON after complete items keeps those items: their violations are real.
    @Test func brokenJSONKeepsTheItemsBeforeIt() {
        let export = read(#"{"apiVersion": "v1", "items": [\#(constraint), {"apiVersion": "#)
        #expect(export.constraints.count == 1)
        #expect(export.problems.count == 1)
    }

    @Test func wrongKindIsAProblem() {
        let pod = read(#"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"}}"#)
        #expect(pod.constraints.isEmpty)
        #expect(pod.problems.map(\.description) == [
            "aks.json: $: expected a Gatekeeper constraint (apiVersion constraints.gatekeeper.sh/…) or a List of them, found apiVersion `v1`, kind `Pod`",
        ])
        let array = read("[]")
        #expect(array.problems.map(\.description) == [
            "aks.json: $: expected a Gatekeeper constraint or a List of them (`kubectl get <constraint kind> -o json`), found an array",
        ])
    }

    @Test func listWithBadItemsReadsTheRest() {
        let text = #"""
        {"apiVersion": "v1", "kind": "List", "items": [
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"}},
            42,
            \#(constraint),
            {"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "K", "metadata": {"name": "c"},
             "status": {"totalViolations": "many", "violations": [{"namespace": "a"}, {"message": 7, "namespace": "b"}, "x"]}},
            {"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "K"}
        ]}
        """#
        let export = read(text)
        #expect(export.constraints.map(\.name) == ["azurepolicy-ratifyverification-077bac5b63d37da0bc4a", "c"])
        #expect(export.constraints[1].audit?.violations.isEmpty == true)
        #expect(export.problems.map(\.description) == [
            "aks.json: $.items[0]: expected a Gatekeeper constraint (apiVersion constraints.gatekeeper.sh/…) or a List of them, found apiVersion `v1`, kind `Pod`",
            "aks.json: $.items[1]: expected an object, found a number",
            "aks.json: $.items[3].status.totalViolations: expected an integer, found a string",
            "aks.json: $.items[3].status.violations[0]: a violation without a `message`",
            "aks.json: $.items[3].status.violations[1].message: expected a string, found a number",
            "aks.json: $.items[3].status.violations[1]: a violation without a `message`",
            "aks.json: $.items[3].status.violations[2]: expected an object, found a string",
            "aks.json: $.items[4]: a constraint without `kind` or `metadata.name`",
        ])
    }

    /// The sample of the research notes: an AKS add-on constraint as kubectl prints it (4-space
    /// indentation, sorted keys), Gatekeeper 3.17 `scoped` actions included.
    @Test func scopedEnforcementActions() throws {
        let export = read(#"""
        {
            "apiVersion": "constraints.gatekeeper.sh/v1beta1",
            "kind": "RatifyVerification",
            "metadata": { "name": "azurepolicy-ratifyverification-077bac5b63d37da0bc4a" },
            "status": {
                "auditTimestamp": "2025-01-30T10:00:00Z",
                "totalViolations": 1,
                "violations": [
                    { "enforcementAction": "scoped", "enforcementActions": [ "warn" ], "group": "", "kind": "Pod",
                      "message": "Time=2025-01-30T10:00:00Z, failed to verify the artifact: a.azurecr.io/x:1, trace-id: t",
                      "name": "web-6d4cf56db6-abcde", "namespace": "team-a", "version": "v1" }
                ]
            }
        }
        """#)
        #expect(export.problems.isEmpty)
        #expect(try #require(export.constraints.first?.audit?.violations.first).enforcementAction == "scoped")
    }
}
