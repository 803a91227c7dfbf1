import Foundation
import Testing
@testable import TrustPolicyCompiler

/// The JSON Schemas in `schemas/` (what editors check as people type) agree with trustc on the
/// sample and on fields the format does not have.
@Suite struct SchemaTests {
    static let script = PackageRoot.url.appendingPathComponent("scripts/check-schemas.py")

    struct ProbeError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// python3, once it has been shown to import what the checker needs.
    static func python3() async throws -> URL {
        guard let python = Subprocess.onPath("python3") else { throw ProbeError("python3 is not on PATH") }
        let run = try await Subprocess.run(python, ["-c", "import jsonschema, yaml, referencing"])
        guard run.status == 0 else {
            throw ProbeError("python3 cannot import jsonschema and PyYAML (run `make bootstrap` or `python3 -m pip install jsonschema pyyaml`): \(run.stderr)")
        }
        return python
    }

    static func python(_ arguments: [String]) async throws -> Subprocess {
        try await Subprocess.run(try await python3(), arguments)
    }

    @Test func samplePoliciesAndExamplesMatchTheSchemas() async throws {
        // Both are part of the repository: a missing one fails rather than shrinking the check.
        let paths = ["policies", "examples"]
        for path in paths {
            try #require(FileManager.default.fileExists(atPath: PackageRoot.url.appendingPathComponent(path).path),
                         "\(path)/ is missing from the repository")
        }
        let run = try await Self.python([Self.script.path] + paths)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func testBaselineMatchesTheSchemas() async throws {
        let fixture = try PolicyFixture()
        defer { fixture.remove() }
        let run = try await Self.python([Self.script.path, fixture.root.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    static let cluster = "clusters/aks-prod-weu-1.yaml"

    /// Changes both the schema checker and trustc must reject, with trustc's code at 1️⃣.
    static let rejected: [(name: String, change: [String: String?], schemaMentions: String, code: DiagnosticCode)] = [
        ("misspelled field", PolicyFixture.edit(cluster, [
            "  namespaces:\n    - name: ingress\n      stage: warn\n      since: 2026-11-01":
                "  1️⃣namspaces:\n    - name: ingress\n      stage: warn\n      since: 2026-11-01",
        ]), "namspaces", .unknownField),
        ("invalid stage", PolicyFixture.edit(cluster, ["stage: warn": "stage: 1️⃣dny"]), "dny", .invalidEnumValue),
        ("empty region list", PolicyFixture.edit("registries.yaml", ["regions: [westeurope]": "regions: 1️⃣[]"]),
         "regions", .emptyList),
        ("quoted integer", PolicyFixture.edit("environments.yaml", [
            "tier: production": "tier: production\n  minimumWarnDays: 1️⃣\"14\"",
        ]), "minimumWarnDays", .wrongType),
        ("invalid name", PolicyFixture.edit("registries.yaml", ["name: contosoprod": "name: 1️⃣Contoso_Prod"]),
         "Contoso_Prod", .invalidName),
        ("impossible date", PolicyFixture.edit(cluster, ["since: 2026-11-01": "since: 1️⃣2026-02-30"]), "2026-02-30", .invalidDate),
    ]

    /// One run of the checker over a fixture per change (Python starts slowly).
    @Test func schemaAndCompilerBothReject() async throws {
        let fixtures = try Self.rejected.map { try PolicyFixture($0.change) }
        defer { fixtures.forEach { $0.remove() } }
        let schema = try await Self.python([Self.script.path] + fixtures.map(\.root.path))
        #expect(schema.status == 1)
        for (example, fixture) in zip(Self.rejected, fixtures) {
            let failures = schema.stdout.split(separator: "\n").filter { $0.contains(fixture.root.lastPathComponent) }
            #expect(failures.contains { $0.contains(example.schemaMentions) },
                    "\(example.name): the schema checker did not reject it:\n\(failures.joined(separator: "\n"))")
            let compilation = try fixture.compile()
            let location = fixture.location("1️⃣")
            #expect(compilation.diagnostics.contains { $0.code == example.code && $0.location == location },
                    "\(example.name): \(compilation.diagnostics.map { "\($0.code.rawValue) \($0.location?.description ?? "-")" })")
        }
    }
}
