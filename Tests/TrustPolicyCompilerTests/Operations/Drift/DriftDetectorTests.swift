import Foundation
import Testing
@testable import TrustPolicyCompiler

/// `drift` against the sample cluster `aks-prod-weu-1` (two assignments, a namespaced verifier,
/// inline providers) and the fabrikam example (Key Vault providers): one test per drift kind,
/// the details each kind of object gets, and what is ignored and counted.
@Suite struct DriftDetectorTests {
    struct Fixture {
        var cluster: ResolvedCluster
        var model: ResolvedPolicy
        var rendered: ClusterObjects
    }

    static let sample: Fixture = fixture(Sample.directory, cluster: "aks-prod-weu-1")
    static let fabrikam: Fixture = fixture(Golden.packageRoot.appendingPathComponent("examples/fabrikam/policies").path,
                                           cluster: nil)

    static func fixture(_ directory: String, cluster: String?) -> Fixture {
        let compilation = try! CompilerDriver.compile(directory: directory, options: .init(today: PolicyFixture.today))
        let model = compilation.model
        let chosen = cluster.flatMap(model.cluster(named:)) ?? model.clusters[0]
        return Fixture(cluster: chosen, model: model, rendered: BundleRenderer().objects(of: chosen, model: model))
    }

    /// The report for a live export holding `kubernetes` (a kubectl List) and `assignments`
    /// (the REST form), each only when given.
    static func report(_ fixture: Fixture = sample, kubernetes: [JSONValue]? = nil, assignments: [JSONValue]? = nil) -> DriftReport {
        var live = LiveExport()
        if let kubernetes {
            let list = JSONValue.object(["apiVersion": .string("v1"), "kind": .string("List"), "items": .array(kubernetes)])
            live.merge(LiveExport.read(Array(list.serialized().utf8), file: "kubectl.json"))
        }
        if let assignments {
            live.merge(LiveExport.read(Array(JSONValue.array(assignments).serialized().utf8), file: "az.json"))
        }
        return DriftDetector().report(rendered: fixture.rendered, live: live, cluster: fixture.cluster, model: fixture.model)
    }

    static var objects: [JSONValue] { sample.rendered.kubernetes }
    static var assignments: [JSONValue] { sample.rendered.assignments }

    static func index(_ kind: String, _ name: String? = nil, in objects: [JSONValue] = objects) -> Int {
        objects.firstIndex { $0["kind"]?.stringValue == kind && (name == nil || $0["metadata"]?["name"]?.stringValue == name) }!
    }

    /// `value` with the member at `path` replaced by `transform` of it.
    static func edit(_ value: JSONValue, _ path: [String], _ transform: (JSONValue) -> JSONValue) -> JSONValue {
        guard let key = path.first else { return transform(value) }
        return value.updating(key) { edit($0, Array(path.dropFirst()), transform) }
    }

    static func entry(_ report: DriftReport) throws -> DriftEntry {
        try #require(report.drift.count == 1, "\(report.drift)")
        return report.drift[0]
    }

    // MARK: Each change

    @Test func identicalExportHasNoDrift() {
        let report = Self.report(kubernetes: Self.objects, assignments: Self.assignments)
        #expect(!report.hasDrift && report.problems.isEmpty)
        #expect((report.renderedObjects, report.renderedAssignments) == (8, 2))
    }

    @Test func missingObject() throws {
        var objects = Self.objects
        objects.remove(at: Self.index("Store"))
        let entry = try Self.entry(Self.report(kubernetes: objects))
        #expect((entry.kind, entry.name, entry.change, entry.paths, entry.details) == ("Store", "trustc-oras", .missing, [], []))
        #expect(entry.position == nil)
    }

    @Test func missingProviderNamesItsCertificate() throws {
        var objects = Self.objects
        objects.remove(at: Self.index("KeyManagementProvider", "prod-build-5653d3addbed"))
        let entry = try Self.entry(Self.report(kubernetes: objects))
        #expect(entry.change == .missing)
        #expect(entry.details == ["certificate `5653d3addbed` (CN=Contoso Production Build Root CA 2026,OU=Production Build,O=Contoso,L=Redmond,ST=WA,C=US, valid until 2036-01-01) removed"])
    }

    @Test func extraObjectOfAKindTrustcRenders() throws {
        let helm = JSONValue.object([
            "apiVersion": .string("config.ratify.deislabs.io/v1beta1"), "kind": .string("Verifier"),
            "metadata": .object(["name": .string("verifier-notation"), "labels": .object(["app.kubernetes.io/managed-by": .string("Helm")])]),
            "spec": .object(["parameters": .object(["trustPolicyDoc": .object(["trustPolicies": .array([
                .object(["name": .string("default"), "registryScopes": .strings(["*"])]),
            ])])])]),
        ])
        let entry = try Self.entry(Self.report(kubernetes: Self.objects + [helm]))
        #expect((entry.kind, entry.name, entry.change) == ("Verifier", "verifier-notation", .extra))
        #expect(entry.details == ["statement `default` added (1 scope)"])
        #expect(entry.position?.description == "kubectl.json: items[8]")
    }

    @Test func extraObjectByTrustcsLabelAndUnmanagedOnesCounted() throws {
        func store(_ name: String, labels: JSONValue) -> JSONValue {
            .object(["apiVersion": .string("config.ratify.deislabs.io/v1beta1"), "kind": .string("NamespacedStore"),
                     "metadata": .object(["name": .string(name), "namespace": .string("team-a"), "labels": labels])])
        }
        let report = Self.report(kubernetes: Self.objects + [
            store("left-behind", labels: .object(["app.kubernetes.io/managed-by": .string("trustc")])),
            store("teams-own", labels: .object([:])),
        ])
        let entry = try Self.entry(report)
        #expect((entry.kind, entry.name, entry.namespace, entry.change) == ("NamespacedStore", "left-behind", "team-a", .extra))
        #expect(report.unmanaged == ["NamespacedStore": 1])
    }

    @Test func changedObjectReportsItsPaths() throws {
        var objects = Self.objects
        let store = Self.index("Store")
        objects[store] = Self.edit(objects[store], ["spec", "parameters", "ttl"]) { _ in .integer(60) }
        objects[store] = Self.edit(objects[store], ["metadata"]) { .object($0.members + [.init("annotations", .object(["team": .string("x")]))]) }
        let entry = try Self.entry(Self.report(kubernetes: objects))
        #expect((entry.name, entry.change) == ("trustc-oras", .changed))
        #expect(Set(entry.paths) == ["spec.parameters.ttl", "metadata.annotations"])
        #expect(entry.details.isEmpty)
    }

    @Test func changedTrustPolicyNamesScopesIdentitiesAndStores() throws {
        var objects = Self.objects
        let verifier = Self.index("Verifier")
        objects[verifier] = Self.edit(objects[verifier], ["spec", "parameters", "trustPolicyDoc", "trustPolicies"]) { statements in
            var list = statements.arrayValue!
            list[1] = Self.edit(list[1], ["registryScopes"]) { .strings($0.arrayValue!.compactMap(\.stringValue).filter { !$0.hasSuffix("/worker") } + ["contosoprod.azurecr.io/payments/ledger"]) }
            list[1] = Self.edit(list[1], ["trustedIdentities"]) { .array(Array($0.arrayValue!.prefix(1))) }
            list[0] = Self.edit(list[0], ["trustStores"]) { .array($0.arrayValue! + [.string("ca:dev-build")]) }
            list[0] = Self.edit(list[0], ["signatureVerification", "level"]) { _ in .string("audit") }
            return .array(Array(list.prefix(2)) + [.object(["name": .string("production.extra"), "registryScopes": .strings([])])])
        }
        objects[verifier] = Self.edit(objects[verifier], ["spec", "parameters", "verificationCertStores", "ca", "prod-build"]) { _ in
            .strings(["prod-build-99cae3d55c24", "prod-build-old"])
        }
        let entry = try Self.entry(Self.report(kubernetes: objects))
        #expect(entry.change == .changed)
        #expect(entry.paths == [
            "spec.parameters.verificationCertStores.ca.prod-build",
            "spec.parameters.trustPolicyDoc.trustPolicies[0].signatureVerification.level",
            "spec.parameters.trustPolicyDoc.trustPolicies[0].trustStores",
            "spec.parameters.trustPolicyDoc.trustPolicies[1].trustedIdentities",
            "spec.parameters.trustPolicyDoc.trustPolicies[1].registryScopes",
            "spec.parameters.trustPolicyDoc.trustPolicies[2]",
        ])
        #expect(entry.details == [
            "statement `production.extra` added (0 scopes)",
            "trust store `ca:dev-build` added to statement `production`",
            "verification level `strict` → `audit` in statement `production`",
            "scope `contosoprod.azurecr.io/payments/worker` removed from statement `production.payments-release`",
            "scope `contosoprod.azurecr.io/payments/ledger` added to statement `production.payments-release`",
            "identity `x509.subject: C=US, ST=WA, L=Redmond, O=Contoso, OU=Production Build, CN=prod-build.contoso.com` removed from statement `production.payments-release`",
            "provider `prod-build-5653d3addbed` removed from trust store `ca:prod-build`",
            "provider `prod-build-old` added to trust store `ca:prod-build`",
        ])
    }

    @Test func trustPolicyAsAJSONStringComparesAsJSON() throws {
        var objects = Self.objects
        let verifier = Self.index("Verifier")
        let document = try #require(objects[verifier]["spec"]?["parameters"]?["trustPolicyDoc"])
        objects[verifier] = Self.edit(objects[verifier], ["spec", "parameters", "trustPolicyDoc"]) { _ in .string(document.compact()) }
        #expect(!Self.report(kubernetes: objects).hasDrift)
        objects[verifier] = Self.edit(objects[verifier], ["spec", "parameters", "trustPolicyDoc"]) { _ in .string("{not json") }
        let entry = try Self.entry(Self.report(kubernetes: objects))
        #expect(entry.paths == ["spec.parameters.trustPolicyDoc"])
    }

    @Test func changedInlineCertificate() throws {
        var objects = Self.objects
        let provider = Self.index("KeyManagementProvider", "prod-build-99cae3d55c24")
        let other = try String(contentsOf: PolicyFixture.certificates.appendingPathComponent("valid-root.pem"), encoding: .utf8)
        objects[provider] = Self.edit(objects[provider], ["spec", "parameters", "value"]) { _ in .string(other) }
        let entry = try Self.entry(Self.report(kubernetes: objects))
        #expect(entry.paths == ["spec.parameters.value"])
        #expect(entry.details.count == 2)
        #expect(entry.details[0].hasPrefix("certificate `99cae3d55c24` (CN=Contoso Production Build Root CA 2025,"))
        #expect(entry.details[0].hasSuffix("removed"))
        #expect(entry.details[1].contains("CN=valid-root") && entry.details[1].hasSuffix("added"))
    }

    @Test func changedKeyVaultVersions() throws {
        var objects = Self.fabrikam.rendered.kubernetes
        let provider = try #require(objects.firstIndex { $0["spec"]?["type"]?.stringValue == "azurekeyvault" })
        let certificates = try #require(objects[provider]["spec"]?["parameters"]?["certificates"]?.arrayValue)
        let name = try #require(certificates[0]["name"]?.stringValue)
        objects[provider] = Self.edit(objects[provider], ["spec", "parameters", "certificates"]) { _ in
            .array([.object(["name": .string(name), "version": .string("")])])
        }
        let entry = try Self.entry(Self.report(Self.fabrikam, kubernetes: objects))
        #expect(entry.change == .changed)
        #expect(entry.details.last == "certificate `\(name)` version `latest` in Key Vault added")
        #expect(entry.details.dropLast().allSatisfy { $0.hasPrefix("certificate `\(name)` version `") && $0.hasSuffix("in Key Vault removed") })
    }

    // MARK: Assignments

    @Test func missingExtraAndChangedAssignments() throws {
        var assignments = Self.assignments
        let deny = try #require(assignments.firstIndex { $0["name"]?.stringValue?.hasSuffix("-deny") == true })
        assignments[deny] = Self.edit(assignments[deny], ["properties", "parameters", "namespaces", "value"]) { _ in .strings(["checkout", "payments", "new-team"]) }
        assignments[deny] = Self.edit(assignments[deny], ["properties", "parameters", "effect", "value"]) { _ in .string("Audit") }
        let extra = Self.edit(assignments[deny], ["name"]) { _ in .string("trustc-production-aks-prod-weu-1-legacy") }
        let report = Self.report(assignments: [assignments[deny], extra])
        #expect(report.drift.map(\.change) == [.missing, .changed, .extra])
        #expect(report.drift[0].name == "trustc-production-aks-prod-weu-1-audit")
        #expect(report.drift[0].details == ["effect `Audit` removed", "namespace `data-pipelines` removed", "namespace `legacy-batch` removed",
                                            "namespace `platform-observability` removed"])
        #expect(report.drift[1].paths == ["properties.parameters.effect.value", "properties.parameters.namespaces.value"])
        #expect(report.drift[1].details == ["effect `Deny` removed", "effect `Audit` added", "namespace `platform-ingress` removed",
                                            "namespace `new-team` added"])
        #expect(report.drift.allSatisfy { $0.kind == "PolicyAssignment" && $0.namespace == nil })
        #expect(!report.comparedKubernetes && report.renderedObjects == 0)
    }

    @Test func assignmentsAreTrustcsByNameAuthorOrDefinition() throws {
        let deny = Self.assignments[1]
        func renamed(_ name: String, assignedBy: String, definition: String? = nil) -> JSONValue {
            var value = Self.edit(deny, ["name"]) { _ in .string(name) }
            value = Self.edit(value, ["properties", "metadata", "assignedBy"]) { _ in .string(assignedBy) }
            if let definition { value = Self.edit(value, ["properties", "policyDefinitionId"]) { _ in .string(definition) } }
            return value
        }
        let report = Self.report(assignments: Self.assignments + [
            renamed("by-hand", assignedBy: "someone"),                                   // trustc's definition
            renamed("stamped", assignedBy: "trustc", definition: "/providers/other"),   // trustc's author
            renamed("trustc-named", assignedBy: "someone", definition: "/providers/other"),
            renamed("pod-security", assignedBy: "someone", definition: "/providers/other"),
        ])
        #expect(report.drift.map(\.name) == ["by-hand", "stamped", "trustc-named"])
        #expect(report.drift.allSatisfy { $0.change == .extra })
        #expect(report.otherAssignments == 1)
    }

    @Test func idsCompareWithoutCaseAndOtherScopesAreSetAside() throws {
        let lowered = Self.assignments.map { assignment in
            Self.edit(Self.edit(assignment, ["scope"]) { .string($0.stringValue!.lowercased()) },
                      ["properties", "policyDefinitionId"]) { .string($0.stringValue!.uppercased()) }
        }
        #expect(!Self.report(assignments: lowered).hasDrift)
        let elsewhere = Self.assignments.map { Self.edit($0, ["scope"]) { _ in .string("/subscriptions/x/managedClusters/aks-prod-neu-1") } }
        let report = Self.report(assignments: elsewhere)
        #expect(report.drift.map(\.change) == [.missing, .missing])
        #expect(report.otherScopes == ["/subscriptions/x/managedClusters/aks-prod-neu-1"])
    }

    // MARK: What is ignored

    @Test func serverFieldsAndNullsAreIgnoredButNothingElse() throws {
        var objects = Self.objects
        let store = Self.index("Store")
        objects[store] = Self.edit(objects[store], ["metadata"]) { metadata in
            .object(metadata.members + [.init("uid", .string("u")), .init("resourceVersion", .string("1")), .init("generation", .integer(2)),
                                        .init("creationTimestamp", .string("t")), .init("managedFields", .array([])),
                                        .init("selfLink", .string("/x")), .init("finalizers", .null),
                                        .init("annotations", .object(["kubectl.kubernetes.io/last-applied-configuration": .string("{}")]))])
        }
        objects[store] = .object(objects[store].members + [.init("status", .object(["issuccess": .bool(false), "error": .string("e")]))])
        objects[store] = Self.edit(objects[store], ["spec", "parameters"]) { .object($0.members + [.init("unset", .null)]) }
        #expect(!Self.report(kubernetes: objects).hasDrift)
        objects[store] = Self.edit(objects[store], ["metadata", "labels"]) { .object($0.members + [.init("owner", .string("me"))]) }
        #expect(try Self.entry(Self.report(kubernetes: objects)).paths == ["metadata.labels.owner"])
    }

    @Test func unknownKindsAreCountedAndOtherGroupsAreUnknown() {
        let configMap = JSONValue.object(["apiVersion": .string("v1"), "kind": .string("ConfigMap"), "metadata": .object(["name": .string("c")])])
        let otherGroup = JSONValue.object(["apiVersion": .string("example.com/v1"), "kind": .string("Verifier"),
                                           "metadata": .object(["name": .string("v")])])
        let certificateStore = JSONValue.object(["apiVersion": .string("config.ratify.deislabs.io/v1beta1"), "kind": .string("CertificateStore"),
                                                 "metadata": .object(["name": .string("s"), "namespace": .string("gatekeeper-system")])])
        let report = Self.report(kubernetes: Self.objects + [configMap, otherGroup, configMap, certificateStore])
        #expect(!report.hasDrift)
        #expect(report.unknownKinds == ["ConfigMap": 2, "Verifier": 1, "CertificateStore": 1])
    }

    @Test func anObjectListedTwiceIsAProblemAndComparedOnce() throws {
        let report = Self.report(kubernetes: Self.objects + [Self.objects[0]])
        #expect(!report.hasDrift)
        #expect(report.problems.map(\.description) == [
            "kubectl.json: items[8]: the KeyManagementProvider `payments-release-915250adfb4c` is listed again (first at kubectl.json: items[0]); only the first is compared",
        ])
    }

    @Test func onlyThePartsGivenAreCompared() {
        let kubernetesOnly = Self.report(kubernetes: [])
        #expect(kubernetesOnly.drift.count == 8 && kubernetesOnly.drift.allSatisfy { $0.change == .missing && $0.kind != "PolicyAssignment" })
        let assignmentsOnly = Self.report(assignments: [])
        #expect(assignmentsOnly.drift.count == 2 && assignmentsOnly.drift.allSatisfy { $0.kind == "PolicyAssignment" })
    }
}
