import Foundation
import Testing
@testable import TrustPolicyCompiler

/// A policy directory (the `PolicyFixture` baseline with a cluster of every stage) and a
/// directory of exports beside it, for running `rollout` through the driver as the CLI does.
struct RolloutFixture {
    static let today = CivilDate(year: 2026, month: 11, day: 25)!
    static let resourceID = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod-weu-1"

    /// The baseline's cluster with other namespaces (the text after `namespaces:`).
    static func cluster(namespaces: String) -> String {
        let baseline = PolicyFixture.baseline["clusters/aks-prod-weu-1.yaml"]!
        return String(baseline[..<baseline.range(of: "  namespaces:\n")!.upperBound]) + namespaces
    }

    /// `ingress` in warn 24 days (ready when clean), `jobs` in warn 5 days (waiting, 9 to go),
    /// `web` in deny, `legacy` off, `kube-system` excluded organisation-wide.
    static let cluster = cluster(namespaces: """
            - name: ingress
              stage: warn
              since: 2026-11-01
            - name: jobs
              stage: warn
              since: 2026-11-20
            - name: web
              stage: deny
              since: 2026-11-10
              warnSince: 2026-10-20
            - name: legacy
              stage: off
              since: 2026-06-01
            - name: kube-system
              stage: warn
              since: 2026-06-01
        """)

    let policies: PolicyFixture
    let exports: URL

    init(_ changes: [String: String?] = [:]) throws {
        policies = try PolicyFixture(["clusters/aks-prod-weu-1.yaml": Self.cluster].merging(changes) { $1 })
        exports = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-exports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
    }

    func remove() {
        policies.remove()
        try? FileManager.default.removeItem(at: exports)
    }

    /// Writes an export file; returns its path.
    @discardableResult
    func export(_ name: String, _ text: String) throws -> String {
        let url = exports.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// `rollout` through the driver.
    func run(violations: [String]? = nil, compliance: [String] = [], clusters: Set<String> = [], environments: Set<String> = [],
             edit: CompilerDriver.RolloutEditMode = .none, today: CivilDate = RolloutFixture.today) throws -> CompilerDriver.RolloutOutcome {
        try CompilerDriver.rollout(.init(directory: policies.root.path, violations: violations ?? [exports.path], compliance: compliance,
                                         clusters: clusters, environments: environments, edit: edit, options: .init(today: today)))
    }

    /// The report and problems of a run that must produce one.
    func report(violations: [String]? = nil, compliance: [String] = [], clusters: Set<String> = [], environments: Set<String> = [],
                sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (RolloutReport, [ExportProblem]) {
        let outcome = try run(violations: violations, compliance: compliance, clusters: clusters, environments: environments)
        guard case .assessed(let report, let problems) = outcome else {
            Issue.record("expected a report, got \(outcome)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        return (report, problems)
    }

    // MARK: Export text

    /// One Gatekeeper violation of a pod.
    static func violation(_ namespace: String, _ image: String, pod: String = "web-6d4cf56db6-abcde") -> String {
        #"{"enforcementAction": "dryrun", "group": "", "kind": "Pod", "message": "Time=2026-11-25T05:58:12.118273645Z, failed to verify the artifact: \#(image), trace-id: 5d0b3c1e", "name": "\#(pod)", "namespace": "\#(namespace)", "version": "v1"}"#
    }

    /// A constraint of the cluster's trustc assignment of `stage` (`nil`: installed by hand), audited.
    static func constraint(_ stage: Cluster.Stage? = .warn, violations: [String] = [], total: Int? = nil, audited: Bool = true,
                           name: String = "azurepolicy-ratifyverification-077bac5b63d37da0bc4a") -> String {
        let assignment = stage.map { GeneratedNames.assignment(environment: "production", cluster: "aks-prod-weu-1", stage: $0) }
        let annotations = assignment.map {
            #""annotations": {"azure-policy-assignment-id": "\#(resourceID)/providers/Microsoft.Authorization/policyAssignments/\#($0)"}, "#
        } ?? ""
        let status = audited
            ? #", "status": {"auditTimestamp": "2026-11-25T06:00:00Z", "totalViolations": \#(total ?? violations.count)\#(violations.isEmpty ? "" : #", "violations": [\#(violations.joined(separator: ", "))]"#)}"#
            : ""
        return #"{"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "RatifyVerification", "metadata": {\#(annotations)"name": "\#(name)"}\#(status)}"#
    }

    static func list(_ items: String...) -> String {
        #"{"apiVersion": "v1", "items": [\#(items.joined(separator: ",\n"))], "kind": "List", "metadata": {"resourceVersion": ""}}"#
    }

    /// One `az policy state list` record of the cluster's assignment of `stage`.
    static func state(_ stage: Cluster.Stage, _ compliance: String, components: [(String, String)]?) -> String {
        let name = GeneratedNames.assignment(environment: "production", cluster: "aks-prod-weu-1", stage: stage)
        let expanded = components.map { list in
            #", "components": [\#(list.map { #"{"complianceState": "\#($0.1)", "id": "\#($0.0)", "type": "pod"}"# }.joined(separator: ", "))]"#
        } ?? ""
        return #"{"complianceState": "\#(compliance)", "policyAssignmentName": "\#(name)", "resourceId": "\#(resourceID.lowercased())"\#(expanded)}"#
    }
}

extension RolloutReport {
    /// `namespace: verdict` for the entries of one cluster, in report order.
    func verdicts(of cluster: String = "aks-prod-weu-1") -> [String] {
        entries.filter { $0.cluster == cluster }.map { "\($0.namespace): \($0.verdict.rawValue)" }
    }

    func entry(_ namespace: String, of cluster: String = "aks-prod-weu-1") -> RolloutEntry? {
        entries.first { $0.cluster == cluster && $0.namespace == namespace }
    }
}
