import Foundation
import Testing
@testable import TrustPolicyCompiler

/// Every example organisation under `examples/` (each a policy repository's root holding
/// `policies/`) stays valid and its generated files current: validation, the JSON Schemas, the
/// committed bundles and CODEOWNERS, the GitHub Actions workflow (check-jsonschema's vendored
/// workflow schema, offline), the pre-commit configuration (pre-commit's own validator) and its
/// local hooks. The Python tools come from scripts/bootstrap.sh (`make test` runs it).
@Suite struct ExamplesTests {
    static let examples = Golden.packageRoot.appendingPathComponent("examples")

    /// Every `examples/<name>` with a `policies/` directory.
    static let organizations: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: examples.appendingPathComponent("\(name)/policies").path,
                                                  isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
    }()

    static func root(_ organization: String) -> URL { examples.appendingPathComponent(organization) }

    @Test func thereIsASecondOrganization() {
        #expect(Self.organizations.contains("fabrikam"), "examples: \(Self.organizations)")
    }

    @Test(arguments: organizations)
    func validatesWithoutErrorsOrWarnings(organization: String) throws {
        let run = try Trustc.run(["validate", "policies", "--strict", "--now", PlanRepository.now],
                                 in: Self.root(organization).path)
        #expect(run.status == 0, "\(organization): \(run.stdout)\(run.stderr)")
        #expect(run.stdout == "0 errors, 0 warnings\n", "\(run.stdout)")
        let compilation = try CompilerDriver.compile(directory: Self.root(organization).appendingPathComponent("policies").path,
                                                     options: .init(today: PlanRepository.today))
        #expect(compilation.diagnostics.filter { $0.severity != .note }.isEmpty)
        #expect(!compilation.model.clusters.isEmpty)
    }

    @Test(arguments: organizations)
    func policyFilesMatchTheSchemas(organization: String) throws {
        try Python.require(["yaml", "jsonschema", "referencing"])
        let run = try ChildRun.run("/usr/bin/env", ["python3", Golden.packageRoot.appendingPathComponent("scripts/check-schemas.py").path,
                                                      Self.root(organization).appendingPathComponent("policies").path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    /// `check-schemas.py` without arguments checks `policies/` and `examples/`, skipping what is
    /// not a policy file (an example's workflow, pre-commit configuration and rendered bundles),
    /// so it passes as a whole.
    @Test func schemaCheckOfTheWholeRepository() throws {
        try Python.require(["yaml", "jsonschema", "referencing"])
        let run = try ChildRun.run("/usr/bin/env", ["python3", Golden.packageRoot.appendingPathComponent("scripts/check-schemas.py").path],
                                     in: Golden.packageRoot.path)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    /// The committed bundles are what the policies render, as the workflow checks.
    @Test(arguments: organizations)
    func committedBundlesAreCurrent(organization: String) throws {
        let root = Self.root(organization)
        try #require(FileManager.default.fileExists(atPath: root.appendingPathComponent("bundles/trustc-manifest.json").path),
                     "\(organization) has no committed bundles")
        let run = try Trustc.run(["render", "policies", "--out", "bundles", "--check", "--now", PlanRepository.now], in: root.path)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    /// The independent checker of rendered output (part of the repository: its absence is a
    /// failure, not a reason to skip).
    @Test(arguments: organizations)
    func renderedBundlesPassTheIndependentChecker(organization: String) throws {
        let checker = Golden.packageRoot.appendingPathComponent("scripts/check-rendered.py")
        try #require(FileManager.default.fileExists(atPath: checker.path),
                     "the independent checker \(checker.path) is missing: the rendered bundles cannot be checked")
        try Python.require(["yaml", "jsonschema", "cryptography"])
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-example-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let render = try Trustc.run(["render", "policies", "--out", out.path, "--now", PlanRepository.now], in: Self.root(organization).path)
        #expect(render.status == 0, "\(render.stderr)")
        let run = try ChildRun.run("/usr/bin/env", ["python3", checker.path, out.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    @Test(arguments: organizations)
    func codeownersIsCurrent(organization: String) throws {
        let run = try Trustc.run(["codeowners", "policies", "--output", ".github/CODEOWNERS", "--check", "--now", PlanRepository.now],
                                 in: Self.root(organization).path)
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// Every workflow against the GitHub workflow schema vendored in check-jsonschema (no
    /// network), and the rule that every job has a timeout.
    @Test(arguments: organizations)
    func workflowsMatchTheGitHubSchema(organization: String) throws {
        let directory = Self.root(organization).appendingPathComponent(".github/workflows")
        let workflows = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { directory.appendingPathComponent($0).path }
        #expect(!workflows.isEmpty, "\(organization) has no workflow")
        try Python.require(["check_jsonschema"])
        for schema in ["vendor.github-workflows", "custom.github-workflows-require-timeout"] {
            let run = try Self.python(["-m", "check_jsonschema", "--builtin-schema", schema] + workflows)
            #expect(run.status == 0, "\(schema): \(run.stdout)\(run.stderr)")
        }
    }

    /// The validator catches what it should, so a passing workflow means something. (Its exit
    /// status alone proves nothing: `python3 -m` a missing module exits with 1 as well.)
    @Test func workflowSchemaRejectsABrokenWorkflow() throws {
        try Python.require(["check_jsonschema"])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-broken-\(UUID().uuidString).yml")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("on: push\njobs:\n  check:\n    runs-on: ubuntu-24.04\n    stepz: []\n".utf8).write(to: file)
        let run = try Self.python(["-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", file.path])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Schema validation errors") && run.stdout.contains("stepz"),
                "the broken workflow was not rejected for its unknown key: \(run.stdout)\(run.stderr)")
    }

    @Test(arguments: organizations)
    func preCommitConfigurationIsValid(organization: String) throws {
        let config = Self.root(organization).appendingPathComponent(".pre-commit-config.yaml").path
        try #require(FileManager.default.fileExists(atPath: config), "\(organization) has no .pre-commit-config.yaml")
        try Python.require(["pre_commit"])
        let run = try Self.python(["-m", "pre_commit", "validate-config", config])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    /// The local hooks' commands, run the way pre-commit runs them (from the repository root,
    /// trustc on the PATH), pass on the committed example.
    @Test(arguments: organizations)
    func localPreCommitHooksPass(organization: String) throws {
        let root = Self.root(organization)
        try Python.require(["yaml"])
        let listing = try Self.python(["-c", """
            import json, sys, yaml
            config = yaml.safe_load(open(sys.argv[1]))
            print(json.dumps([h["entry"] for r in config["repos"] if r["repo"] == "local" for h in r["hooks"]]))
            """, root.appendingPathComponent(".pre-commit-config.yaml").path])
        try #require(listing.status == 0, "\(listing.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [String])
        #expect(entries.count >= 2)
        let path = URL(fileURLWithPath: Trustc.executable).deletingLastPathComponent().path
            + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        for entry in entries {
            #expect(entry.hasPrefix("trustc "), "\(entry)")
            let run = try ChildRun.run("/bin/sh", ["-c", entry], in: root.path, environment: ["PATH": path, "NO_COLOR": "1"])
            #expect(run.status == 0, "`\(entry)`: \(run.stdout)\(run.stderr)")
        }
    }

    static func python(_ arguments: [String]) throws -> ChildRun.Result {
        try ChildRun.run("/usr/bin/env", ["python3"] + arguments)
    }
}
