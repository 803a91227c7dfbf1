import Foundation
import Testing
@testable import TrustPolicyCompiler

/// `scopeGranularity: registry` on the sample: one `*` statement per environment for the shared
/// identities of everything it trusts, exact statements for team identities, exact namespaced
/// verifiers, and a registry guard on every cluster that admits exactly the trusted registries.
@Suite struct RegistryGranularityTests {
    /// The sample with the Organization's granularity set.
    static func sample(granularity: String = "registry") throws -> (ResolvedPolicy, URL) {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-granularity-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Sample.directory), to: copy)
        let organization = copy.appendingPathComponent("organization.yaml")
        let text = try String(contentsOf: organization, encoding: .utf8)
        try text.replacingOccurrences(of: "  platformTeam: platform\n", with: "  platformTeam: platform\n  scopeGranularity: \(granularity)\n")
            .write(to: organization, atomically: true, encoding: .utf8)
        let compilation = try CompilerDriver.compile(directory: copy.path, options: .init(today: PolicyFixture.today))
        #expect(!compilation.hasErrors, "\(compilation.diagnostics.filter { $0.severity == .error })")
        return (compilation.model, copy)
    }

    @Test func statementsAreRegistryWideSaveTeamIdentities() throws {
        let (model, copy) = try Self.sample()
        defer { try? FileManager.default.removeItem(at: copy) }
        let development = try #require(model.environment(named: "development")).trust
        #expect(development.granularity == .registry)
        let wide = try #require(development.registryWide)
        #expect(wide.references == ["*"])
        // development's shared identity and production's (which it trusts), at development's level.
        #expect(wide.identities == ["dev-build", "prod-build"])
        #expect(wide.level == .permissive)
        // payments-release is payments' own production identity: its repositories stay exact.
        #expect(development.statements.map(\.name) == ["development", "production.payments-release"])
        #expect(development.statements[1].references == ["contosoprod.azurecr.io/payments/api", "contosoprod.azurecr.io/payments/worker"])
        // What each repository may be signed by is still exact, for plans and namespaced verifiers.
        #expect(development.policies.map(\.name) == (try Sample.compile()).model.environment(named: "development")!.trust.policies.map(\.name))
    }

    @Test func namespacedVerifiersStayExact() throws {
        let (model, copy) = try Self.sample()
        defer { try? FileManager.default.removeItem(at: copy) }
        let payments = try #require(model.cluster(named: "aks-prod-weu-1")?.enforcement.namespaceTrust.first)
        #expect(payments.policies.allSatisfy { !$0.isRegistryWide })
        #expect(payments.policies.flatMap(\.references).allSatisfy { $0.hasPrefix("contosoprod.azurecr.io/payments/") })
    }

    @Test func everyClusterGetsAGuardWithTheSignatureStages() throws {
        let (model, copy) = try Self.sample()
        defer { try? FileManager.default.removeItem(at: copy) }
        for cluster in model.clusters {
            let guards = cluster.enforcement.assignments.filter { if case .registryGuard = $0.policy { true } else { false } }
            let signatures = cluster.enforcement.assignments.filter { $0.policy == .signatures }
            #expect(guards.map(\.namespaces) == signatures.map(\.namespaces), "\(cluster.name)")
            #expect(guards.map(\.name) == signatures.map { $0.name.replacingOccurrences(of: "-audit", with: "-guard-audit")
                .replacingOccurrences(of: "-deny", with: "-guard-deny") })
        }
        let development = try #require(model.cluster(named: "aks-dev-weu-1")?.enforcement.assignments.last)
        #expect(development.policy == .registryGuard(allowedLoginServers: ["contosodev.azurecr.io", "contosoprod.azurecr.io"]))
    }

    /// The expression against images it must admit and refuse, matched the way Gatekeeper's
    /// template does (`re_match`: a search, not anchored by itself).
    @Test(arguments: [
        ("contosoprod.azurecr.io/payments/api:1.4.2", true),
        ("contosoprod.azurecr.io/payments/api@sha256:" + String(repeating: "a", count: 64), true),
        ("contosodev.azurecr.io/search/indexer", true),
        ("contosoprod.azurecr.io.evil.com/payments/api", false),
        ("evilcontosoprod.azurecr.io/payments/api", false),
        ("contosoprodXazurecr.io/payments/api", false),
        ("docker.io/library/nginx", false),
        ("nginx", false),
        ("registry.example.com/contosoprod.azurecr.io/x", false),
        ("contosoprod.azurecr.io", false),
        ("contosoprod.azurecr.io:443/payments/api", false),
    ])
    func theGuardAdmitsExactlyTheTrustedRegistries(image: String, admitted: Bool) throws {
        let expression = RegistryGuard.expression(["contosodev.azurecr.io", "contosoprod.azurecr.io"])
        #expect(expression == "^(contosodev\\.azurecr\\.io|contosoprod\\.azurecr\\.io)/")
        let regex = try NSRegularExpression(pattern: expression)
        let found = regex.firstMatch(in: image, range: NSRange(image.startIndex..., in: image)) != nil
        #expect(found == admitted, "\(image)")
    }

    @Test func aPortIsEscapedAndNothingAdmitsNothing() throws {
        #expect(RegistryGuard.expression(["registry.local:5000"]) == "^(registry\\.local:5000)/")
        #expect(RegistryGuard.expression([]) == "^$")
    }

    /// The independent checker accepts the render: notation-go's rules for the `*` statement,
    /// the built-in allowed-images definition's parameters, the guard beside every `*`.
    @Test func theRenderPassesTheIndependentChecker() throws {
        let (_, copy) = try Self.sample()
        defer { try? FileManager.default.removeItem(at: copy) }
        let out = copy.appendingPathComponent("out").path
        #expect(try Trustc.run(["render", copy.path, "--out", out, "--now", PlanRepository.now]).status == 0)
        let run = try ChildRun.run("/usr/bin/env", ["python3", Golden.packageRoot.appendingPathComponent("scripts/check-rendered.py").path, out])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    /// The sizes `validate` measures are the sizes of what `render` writes, byte for byte, read
    /// back by another YAML parser, under both granularities and with namespaced verifiers.
    @Test(arguments: ["repository", "registry"])
    func measuredSizesAreTheRenderedSizes(granularity: String) throws {
        let (model, copy) = try Self.sample(granularity: granularity)
        defer { try? FileManager.default.removeItem(at: copy) }
        let out = copy.appendingPathComponent("out")
        try OutputDirectory(path: out.path).write(BundleRenderer().render(model))
        let script = """
        import json, sys, yaml
        for path in sys.argv[1:]:
            for document in yaml.safe_load_all(open(path)):
                print(document["kind"], document["metadata"]["name"], document["metadata"].get("namespace", ""),
                      len(json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()))
        """
        let files = try Golden.listFiles(under: out).filter { $0.contains("/ratify/") }.sorted().map { out.appendingPathComponent($0).path }
        let run = try ChildRun.run("/usr/bin/env", ["python3", "-c", script] + files)
        #expect(run.status == 0, "\(run.stderr)")
        var real: [String: Int] = [:]
        for line in run.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            let key = "\(parts[0])/\(parts[1])", bytes = Int(parts[parts.count - 1])!
            real[key] = max(real[key] ?? 0, bytes)
        }
        let measured = BundleRenderer().objectSizes(model)
        #expect(!measured.isEmpty)
        for size in measured where size.kind != "PolicyAssignment" {
            let key = "\(size.kind)/\(size.name)"
            if case .environment = size.owner, size.kind == "Verifier" {
                // One Verifier per environment: compare with that environment's file.
                continue
            }
            #expect(real[key] != nil, "\(key) was not rendered")
        }
        for environment in model.environments {
            let verifier = out.appendingPathComponent("\(environment.name)/_base/ratify/verifier.yaml").path
            let one = try ChildRun.run("/usr/bin/env", ["python3", "-c", script, verifier])
            let bytes = Int(one.stdout.split(separator: " ").last!.trimmingCharacters(in: .whitespacesAndNewlines))!
            let size = try #require(measured.first { $0.kind == "Verifier" && $0.owner == .environment(environment.name) })
            #expect(size.bytes == bytes, "\(environment.name)")
        }
        // The largest namespaced verifier of the sample (payments' on aks-prod-weu-1).
        let namespaced = try #require(measured.first { $0.kind == "NamespacedVerifier" })
        #expect(namespaced.bytes == real["NamespacedVerifier/trustc-notation"])
    }
}
