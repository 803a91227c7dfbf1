import Foundation
import Testing
@testable import TrustPolicyCompiler

/// One test per verdict with the export that gives it, and the rules around them: what counts
/// as a violation, whose image it is, and when the exports do not cover a namespace.
@Suite struct RolloutVerdictTests {
    private typealias F = RolloutFixture

    @Test func readyWhenCleanAndTheWarnPeriodIsOver() throws {
        let fixture = try F()
        defer { fixture.remove() }
        try fixture.export("aks-prod-weu-1.json", F.list(F.constraint(.warn), F.constraint(.deny)))
        let (report, problems) = try fixture.report()
        #expect(problems.isEmpty)
        #expect(report.verdicts() == ["ingress: ready", "jobs: waiting"])
        let ingress = try #require(report.entry("ingress"))
        #expect(ingress.daysRemaining == 0 && ingress.images.isEmpty)
        #expect(ingress.warnPeriod == .init(since: CivilDate(parsing: "2026-11-01")!, days: 24, minimumDays: 14))
    }

    @Test func waitingCountsTheDaysRemaining() throws {
        let fixture = try F()
        defer { fixture.remove() }
        try fixture.export("aks-prod-weu-1.json", F.constraint(.warn))
        let (report, _) = try fixture.report()
        let jobs = try #require(report.entry("jobs"))
        #expect(jobs.verdict == .waiting && jobs.daysRemaining == 9)
        // The period ends on the 14th day: ready then, not a day earlier.
        guard case .assessed(let onTheDay, _) = try fixture.run(today: CivilDate(parsing: "2026-12-04")!) else { throw CancellationError() }
        #expect(onTheDay.entry("jobs")?.verdict == .ready)
        guard case .assessed(let dayBefore, _) = try fixture.run(today: CivilDate(parsing: "2026-12-03")!) else { throw CancellationError() }
        #expect(dayBefore.entry("jobs")?.verdict == .waiting && dayBefore.entry("jobs")?.daysRemaining == 1)
    }

    /// Images de-duplicated and sorted, each with its repository's team: `null` for a foreign
    /// registry and for a repository no team owns.
    @Test func blockedListsTheImagesWithTheirTeams() throws {
        let fixture = try F()
        defer { fixture.remove() }
        try fixture.export("aks-prod-weu-1.json", F.constraint(.warn, violations: [
            F.violation("ingress", "contosoprod.azurecr.io/platform/ingress:1.2", pod: "a"),
            F.violation("ingress", "contosoprod.azurecr.io/platform/ingress:1.2", pod: "b"),
            F.violation("ingress", "docker.io/library/nginx:1.27"),
            F.violation("ingress", "contosoprod.azurecr.io/unknown/repo:3"),
            F.violation("jobs", "[jobs]contosoprod.azurecr.io/platform/ingress@sha256:" + String(repeating: "a", count: 64)),
        ]))
        let (report, problems) = try fixture.report()
        #expect(problems.isEmpty)
        #expect(report.verdicts() == ["ingress: blocked", "jobs: blocked"])
        #expect(report.entry("ingress")?.images == [
            RolloutImage(image: "contosoprod.azurecr.io/platform/ingress:1.2", team: "platform"),
            RolloutImage(image: "contosoprod.azurecr.io/unknown/repo:3", team: nil),
            RolloutImage(image: "docker.io/library/nginx:1.27", team: nil),
        ])
        // Blocked in the warn period: the days remaining are still said.
        #expect(report.entry("jobs")?.daysRemaining == 9)
        #expect(report.entry("jobs")?.images.map(\.team) == ["platform"])
    }

    /// A violation whose image cannot be read still blocks, and is reported where it is.
    @Test func unreadableImagesStillBlock() throws {
        let fixture = try F()
        defer { fixture.remove() }
        let long = "contosoprod.azurecr.io/platform/ingress:" + String(repeating: "t", count: 120) + "@sha256:" + String(repeating: "b", count: 64)
        let cut = String(("Time=2026-11-25T05:58:12.118273645Z, failed to verify the artifact: [ingress]" + long + ", trace-id: x").utf8.prefix(253))! + "..."
        try fixture.export("aks-prod-weu-1.json", F.constraint(.warn, violations: [
            #"{"kind": "Pod", "name": "p1", "namespace": "ingress", "message": "\#(cut)"}"#,
            #"{"kind": "Pod", "name": "p2", "namespace": "jobs", "message": "System error calling external data provider: timeout"}"#,
        ]))
        let (report, problems) = try fixture.report()
        #expect(report.verdicts() == ["ingress: blocked", "jobs: blocked"])
        #expect(report.entry("ingress")?.images == [] && report.entry("ingress")?.unidentifiedViolations == 1)
        let file = fixture.exports.appendingPathComponent("aks-prod-weu-1.json").path
        #expect(problems.map(\.description) == [
            "\(file): $.status.violations[0]: the message was cut at 256 bytes inside the image; Pod/p1 still counts in namespace `ingress`",
            "\(file): $.status.violations[1]: Ratify could not verify the images (`System error calling external data provider: timeout`); Pod/p2 still counts in namespace `jobs`",
        ])
    }

    @Test func noDataWithoutAnExport() throws {
        let fixture = try F()
        defer { fixture.remove() }
        let (report, _) = try fixture.report()
        #expect(report.verdicts() == ["ingress: no-data", "jobs: no-data"])
        #expect(report.entry("ingress")?.gaps == ["no violations export"])
        #expect(report.entry("ingress")?.daysRemaining == 0)
        #expect(report.entry("jobs")?.daysRemaining == 9)
    }

    /// Exports that do not cover the warn stage are never read as clean; what they do show
    /// still blocks.
    @Test(arguments: [
        (F.constraint(.warn, audited: false), "has not been audited yet (no status)"),
        (F.constraint(.warn, violations: [F.violation("jobs", "docker.io/library/busybox:1")], total: 21), "lists 1 of 21 violations"),
        (F.constraint(.deny), "holds no constraint of `trustc-production-aks-prod-weu-1-audit`"),
        (F.list(), "holds no constraint of `trustc-production-aks-prod-weu-1-audit`"),
        ("not json", "could not be read completely"),
        (#"{"apiVersion": "v1", "kind": "Pod"}"#, "could not be read completely"),
        (F.list(F.constraint(.warn), "17"), "could not be read completely"),
    ])
    func noDataWhenTheExportDoesNotCoverTheWarnStage(export: String, gap: String) throws {
        let fixture = try F()
        defer { fixture.remove() }
        try fixture.export("aks-prod-weu-1.json", export)
        let (report, _) = try fixture.report()
        let ingress = try #require(report.entry("ingress"))
        #expect(ingress.verdict == .noData)
        #expect(ingress.gaps.count == 1 && ingress.gaps[0].contains(gap), "\(ingress.gaps)")
        if export.contains("busybox") { #expect(report.entry("jobs")?.verdict == .blocked) }
    }

    @Test func deniedShowsWhatDenyRejects() throws {
        let fixture = try F()
        defer { fixture.remove() }
        try fixture.export("aks-prod-weu-1.json", F.list(
            F.constraint(.warn),
            F.constraint(.deny, violations: [F.violation("web", "contosoprod.azurecr.io/platform/ingress:0.9")], name: "deny")))
        let (report, _) = try fixture.report()
        #expect(report.verdicts() == ["ingress: ready", "jobs: waiting", "web: denied"])
        let web = try #require(report.entry("web"))
        #expect(web.daysRemaining == nil && web.images == [RolloutImage(image: "contosoprod.azurecr.io/platform/ingress:0.9", team: "platform")])
    }

    /// Off, excluded organisation-wide, or not listed: violations there are not enforced (a
    /// constraint installed by hand reports every namespace).
    @Test func notEnforcedWhereNothingEvaluates() throws {
        let fixture = try F()
        defer { fixture.remove() }
        try fixture.export("aks-prod-weu-1.json", F.constraint(nil, violations: [
            F.violation("legacy", "docker.io/library/busybox:1.36"),
            F.violation("kube-system", "mcr.microsoft.com/oss/kubernetes/coredns:v1.11"),
            F.violation("sandbox", "docker.io/library/alpine:3"),
        ], name: "ratify-constraint"))
        let (report, _) = try fixture.report()
        #expect(report.verdicts() == ["ingress: ready", "jobs: waiting", "kube-system: not-enforced", "legacy: not-enforced", "sandbox: not-enforced"])
        #expect(report.entry("kube-system")?.isExcluded == true && report.entry("kube-system")?.daysRemaining == nil)
        #expect(report.entry("legacy")?.stage == .off)
        #expect(report.entry("sandbox")?.stage == nil)
    }

    @Test func constraintsOfOtherAssignmentsAreIgnored() throws {
        let fixture = try F()
        defer { fixture.remove() }
        let other = #"{"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "K8sAzureV2ContainerAllowedImages", "metadata": {"annotations": {"azure-policy-assignment-id": "/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/allowed-registries"}, "name": "azurepolicy-allowed"}, "status": {"totalViolations": 1, "violations": [\#(F.violation("ingress", "docker.io/library/nginx:1"))]}}"#
        // The annotation is compared without case, as Azure returns ids.
        let ours = F.constraint(.warn).replacingOccurrences(of: "trustc-production-aks-prod-weu-1-audit", with: "TRUSTC-production-aks-prod-weu-1-AUDIT")
        try fixture.export("aks-prod-weu-1.json", F.list(other, ours))
        let (report, problems) = try fixture.report()
        #expect(report.entry("ingress")?.verdict == .ready)
        #expect(problems.map(\.severity) == [.note])
        #expect(problems[0].description.hasSuffix("$.items[0]: constraint K8sAzureV2ContainerAllowedImages/azurepolicy-allowed belongs to assignment `allowed-registries`, not to a trustc assignment of aks-prod-weu-1: ignored"))
    }

    // MARK: Azure Policy compliance

    @Test func complianceAloneCoversTheWarnStage() throws {
        let fixture = try F()
        defer { fixture.remove() }
        let compliant = try fixture.export("compliant.json", "[\(F.state(.warn, "Compliant", components: nil))]")
        let (clean, _) = try fixture.report(violations: [], compliance: [compliant])
        #expect(clean.verdicts() == ["ingress: ready", "jobs: waiting"])

        let nonCompliant = try fixture.export("non-compliant.json", "[\(F.state(.warn, "NonCompliant", components: [("ingress/web-1", "NonCompliant"), ("jobs/ok-1", "Compliant")])), \(F.state(.deny, "NonCompliant", components: [("web/old-1", "NonCompliant")]))]")
        let (blocked, _) = try fixture.report(violations: [], compliance: [nonCompliant])
        #expect(blocked.verdicts() == ["ingress: blocked", "jobs: waiting", "web: denied"])
        #expect(blocked.entry("ingress")?.nonCompliantObjects == ["pod ingress/web-1"] && blocked.entry("ingress")?.images == [])
    }

    @Test func complianceWithoutComponentsDoesNotSayWhichNamespace() throws {
        let fixture = try F()
        defer { fixture.remove() }
        let states = try fixture.export("states.json", "[\(F.state(.warn, "NonCompliant", components: nil))]")
        let (report, _) = try fixture.report(violations: [], compliance: [states])
        #expect(report.verdicts() == ["ingress: no-data", "jobs: no-data"])
        #expect(report.entry("ingress")?.gaps == ["no violations export", "\(states): `trustc-production-aks-prod-weu-1-audit` is NonCompliant without components (list the states with --expand components)"])
        let unknown = try fixture.export("unknown.json", "[\(F.state(.warn, "Unknown", components: []))]")
        #expect(try fixture.report(violations: [], compliance: [unknown]).0.entry("ingress")?.verdict == .noData)
    }

    /// Either source showing a violation blocks; either covering the stage is enough.
    @Test func violationsAndComplianceTogether() throws {
        let fixture = try F()
        defer { fixture.remove() }
        try fixture.export("aks-prod-weu-1.json", F.constraint(.warn, audited: false))
        let states = try fixture.export("states.json", "[\(F.state(.warn, "NonCompliant", components: [("jobs/p", "NonCompliant")]))]")
        let violations = [fixture.exports.appendingPathComponent("aks-prod-weu-1.json").path]
        let (report, problems) = try fixture.report(violations: violations, compliance: [states])
        #expect(report.verdicts() == ["ingress: ready", "jobs: blocked"])
        #expect(problems.isEmpty)
        let other = try fixture.export("other.json", #"[{"complianceState": "NonCompliant", "policyAssignmentName": "x", "resourceId": "/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/v"}]"#)
        let (_, notes) = try fixture.report(violations: violations, compliance: [states, other])
        #expect(notes.map(\.description) == ["\(other): 1 of 1 record not about a trustc assignment of a selected cluster: ignored"])
    }

    // MARK: Files and selection

    /// A file not named after a cluster is reported and not read; with one --cluster and one
    /// file, the file is that cluster's whatever its name.
    @Test func filesAreClustersByName() throws {
        let fixture = try F()
        defer { fixture.remove() }
        let stray = try fixture.export("aks-prod-weu-9.json", F.constraint(.warn))
        let (report, problems) = try fixture.report()
        #expect(report.entry("ingress")?.verdict == .noData)
        #expect(problems.map(\.description) == ["\(stray): names no cluster of the policy (a violations export is named `<cluster>.json`): not read"])
        let (named, none) = try fixture.report(violations: [stray], clusters: ["aks-prod-weu-1"])
        #expect(named.entry("ingress")?.verdict == .ready && none.isEmpty)
    }

    @Test func clusterAndEnvironmentFilters() throws {
        let staging = """
        apiVersion: trustc/v1
        kind: Environment
        metadata: { name: staging }
        spec: { tier: nonproduction, signingIdentities: [prod-build], minimumWarnDays: 30 }
        ---
        apiVersion: trustc/v1
        kind: Registry
        metadata: { name: contosostaging }
        spec: { environment: staging, loginServer: contosostaging.azurecr.io, regions: [westeurope] }
        ---

        """ + F.cluster(namespaces: "    - { name: ingress, stage: warn, since: 2026-11-01 }")
            .replacingOccurrences(of: "aks-prod-weu-1", with: "aks-staging-weu-1")
            .replacingOccurrences(of: "environment: production", with: "environment: staging")
        let fixture = try F(["staging.yaml": staging])
        defer { fixture.remove() }
        try fixture.export("aks-prod-weu-1.json", F.constraint(.warn))
        try fixture.export("aks-staging-weu-1.json", #"{"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "K", "metadata": {"name": "c"}, "status": {"totalViolations": 0}}"#)
        let (all, _) = try fixture.report()
        #expect(all.entries.map { "\($0.cluster)/\($0.namespace): \($0.verdict.rawValue)" }
                == ["aks-prod-weu-1/ingress: ready", "aks-prod-weu-1/jobs: waiting", "aks-staging-weu-1/ingress: waiting"])
        // staging's own minimumWarnDays.
        #expect(all.entry("ingress", of: "aks-staging-weu-1")?.daysRemaining == 6)
        #expect(try fixture.report(environments: ["staging"]).0.entries.map(\.cluster) == ["aks-staging-weu-1"])
        #expect(try fixture.report(clusters: ["aks-prod-weu-1"]).0.clusters == 1)
        guard case .unknownSelection("cluster", "aks-nowhere") = try fixture.run(clusters: ["aks-nowhere"]) else {
            Issue.record("an unknown --cluster is not refused")
            return
        }
        guard case .unknownSelection("environment", "qa") = try fixture.run(environments: ["qa"]) else {
            Issue.record("an unknown --environment is not refused")
            return
        }
    }

    @Test func unreadableExportsAndSourceErrorsStopTheRun() throws {
        let fixture = try F()
        defer { fixture.remove() }
        let missing = fixture.exports.appendingPathComponent("missing.json").path
        guard case .unreadableInput(let messages) = try fixture.run(violations: [missing]) else {
            Issue.record("a missing export is not refused")
            return
        }
        #expect(messages == ["\(missing): no such file or directory"])
        let directory = fixture.exports.appendingPathComponent("aks-prod-weu-1.json")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("x"), withIntermediateDirectories: true)
        guard case .unreadableInput = try fixture.run(compliance: [directory.path]) else {
            Issue.record("a directory given as a compliance file is not refused")
            return
        }
        let broken = try F(["clusters/aks-prod-weu-1.yaml": F.cluster.replacingOccurrences(of: "stage: off", with: "stage: of")])
        defer { broken.remove() }
        guard case .sourceHasErrors = try broken.run() else {
            Issue.record("a source with errors is not refused")
            return
        }
    }
}
