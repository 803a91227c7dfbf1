import Foundation
import Testing
@testable import TrustPolicyCompiler

/// Runs the built `trustc` binary end to end (the Makefile builds it before `swift test`).
@Suite struct ValidateCommandTests {
    static let binary = PackageRoot.url.appendingPathComponent(".build/debug/trustc")

    static func trustc(_ arguments: [String], in directory: URL = PackageRoot.url,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> Subprocess {
        try #require(FileManager.default.isExecutableFile(atPath: binary.path),
                     "\(binary.path) does not exist: run `swift build` (or `make test`) before `swift test`",
                     sourceLocation: sourceLocation)
        return try await Subprocess.run(binary, arguments, in: directory, environment: ["NO_COLOR": "1"])
    }

    /// A copy of `policies/` in a temporary folder, as `<root>/policies`.
    struct Copy {
        let root: URL
        /// Where the errors introduced by `change` are: (code, path as printed, line, column).
        var expected: [(code: DiagnosticCode, file: String, line: Int, column: Int)] = []

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: PackageRoot.url.appendingPathComponent("policies"),
                                             to: root.appendingPathComponent("policies"))
        }

        /// Replaces `old` (exactly once) by `new`, in which 1️⃣ marks where `code` must be reported.
        mutating func change(_ file: String, _ old: String, _ new: String, expecting code: DiagnosticCode? = nil) throws {
            let url = root.appendingPathComponent("policies").appendingPathComponent(file)
            let parts = try String(contentsOf: url, encoding: .utf8).components(separatedBy: old)
            try #require(parts.count == 2, "`\(old)` is not exactly once in \(file)")
            let marked = MarkedText(parts.joined(separator: new))
            try Data(marked.text.utf8).write(to: url)
            if let code {
                let position = try #require(marked.positions["1️⃣"])
                expected.append((code, "policies/" + file, position.line, position.column))
            }
        }

        func remove() {
            try? FileManager.default.removeItem(at: root)
        }
    }

    /// Four errors in four files of the sample.
    static func broken() throws -> Copy {
        var copy = try Copy()
        try copy.change("teams/payments.yaml", "signingIdentities: [prod-build,", "signingIdentities: [1️⃣prod-buld,",
                        expecting: .unknownReference)
        try copy.change("registries.yaml", "loginServer: contosoprod.azurecr.io", "loginServer: 1️⃣https://contosoprod.azurecr.io",
                        expecting: .invalidLoginServer)
        try copy.change("environments/production.yaml", "minimumWarnDays: 14", "1️⃣minimumWarnDay: 14",
                        expecting: .unknownField)
        try copy.change("clusters/staging/aks-staging-weu-1.yaml", "platform-ingress\n      stage: deny", "platform-ingress\n      stage: 1️⃣dny",
                        expecting: .invalidEnumValue)
        return copy
    }

    @Test func samplePoliciesAreClean() async throws {
        let run = try await Self.trustc(["validate", "policies", "--now", "2026-11-25"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout == "0 errors, 0 warnings\n")
    }

    @Test func brokenCopyInTextFormat() async throws {
        let copy = try Self.broken()
        defer { copy.remove() }
        let run = try await Self.trustc(["validate", "policies", "--now", "2026-11-25"], in: copy.root)
        #expect(run.status == 1)
        for item in copy.expected {
            #expect(run.stdout.contains("\(item.file):\(item.line):\(item.column): error[\(item.code.rawValue)]:"),
                    "\(item.code.rawValue) at \(item.file):\(item.line):\(item.column) in:\n\(run.stdout)")
        }
        #expect(run.stdout.hasSuffix("\n4 errors, 0 warnings\n"), "\(run.stdout)")
    }

    @Test func brokenCopyInJSON() async throws {
        let copy = try Self.broken()
        defer { copy.remove() }
        let run = try await Self.trustc(["validate", "policies", "--now", "2026-11-25", "--format", "json"], in: copy.root)
        #expect(run.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        let found = diagnostics.compactMap { diagnostic -> String? in
            guard let code = diagnostic["code"] as? String, let location = diagnostic["location"] as? [String: Any],
                  let file = location["file"] as? String, let line = location["line"] as? Int,
                  let column = location["column"] as? Int else { return nil }
            return "\(code) \(file):\(line):\(column)"
        }
        #expect(Set(found) == Set(copy.expected.map { "\($0.code.rawValue) \($0.file):\($0.line):\($0.column)" }))
        #expect((json["summary"] as? [String: Int]) == ["errors": 4, "warnings": 0])
    }

    @Test func brokenCopyAsGitHubAnnotations() async throws {
        let copy = try Self.broken()
        defer { copy.remove() }
        let run = try await Self.trustc(["validate", "policies", "--now", "2026-11-25", "--format", "github"], in: copy.root)
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == copy.expected.count)
        for item in copy.expected {
            let prefix = "::error file=\(item.file),line=\(item.line),col=\(item.column),title=\(item.code.rawValue) \(item.code.name)::"
            #expect(lines.contains { $0.hasPrefix(prefix) }, "\(prefix) in:\n\(run.stdout)")
        }
    }

    @Test func brokenCopyAsSARIF() async throws {
        let copy = try Self.broken()
        defer { copy.remove() }
        let run = try await Self.trustc(["validate", "policies", "--now", "2026-11-25", "--format", "sarif"], in: copy.root)
        #expect(run.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let found = results.compactMap { result -> String? in
            guard let code = result["ruleId"] as? String,
                  let physical = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any],
                  let uri = (physical["artifactLocation"] as? [String: Any])?["uri"] as? String,
                  let region = physical["region"] as? [String: Any],
                  let line = region["startLine"] as? Int, let column = region["startColumn"] as? Int else { return nil }
            return "\(code) \(uri):\(line):\(column)"
        }
        #expect(Set(found) == Set(copy.expected.map { "\($0.code.rawValue) \($0.file):\($0.line):\($0.column)" }))
        #expect(results.allSatisfy { $0["level"] as? String == "error" })
    }

    @Test func pathsFollowTheDirectoryAsGiven() async throws {
        let copy = try Self.broken()
        defer { copy.remove() }
        let run = try await Self.trustc(["validate", "./policies/", "--now", "2026-11-25"], in: copy.root)
        #expect(run.status == 1)
        #expect(run.stdout.contains("\npolicies/registries.yaml:10:16: error[TP500]") || run.stdout.hasPrefix("policies/registries.yaml:10:16: error[TP500]"))
        let inside = try await Self.trustc(["validate", ".", "--now", "2026-11-25"], in: copy.root.appendingPathComponent("policies"))
        #expect(inside.stdout.contains("registries.yaml:10:16: error[TP500]"))
        #expect(!inside.stdout.contains("policies/"))
    }

    @Test func strictFailsOnWarnings() async throws {
        var copy = try Copy()
        defer { copy.remove() }
        try copy.change("environments/production.yaml", "signingIdentities: [prod-build]",
                        "signingIdentities: [prod-build]\n  trustsEnvironments: [1️⃣production]", expecting: .environmentTrustsItself)
        let lenient = try await Self.trustc(["validate", "policies", "--now", "2026-11-25"], in: copy.root)
        #expect(lenient.status == 0, "\(lenient.stdout)")
        #expect(lenient.stdout.contains("policies/environments/production.yaml:12:24: warning[TP209]"))
        #expect(lenient.stdout.hasSuffix("0 errors, 1 warning\n"))
        let strict = try await Self.trustc(["validate", "policies", "--now", "2026-11-25", "--strict"], in: copy.root)
        #expect(strict.status == 1)
        #expect(strict.stdout == lenient.stdout)
    }

    @Test func strictPassesWhenClean() async throws {
        let run = try await Self.trustc(["validate", "policies", "--now", "2026-11-25", "--strict"])
        #expect(run.status == 0)
    }

    @Test func missingDirectoryIsAnIOError() async throws {
        let run = try await Self.trustc(["validate", "no-such-policies", "--now", "2026-11-25"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no-such-policies"))
        #expect(run.stderr.contains("does not exist"))
        #expect(run.stdout.isEmpty)
    }

    @Test func fileInsteadOfDirectoryIsAnIOError() async throws {
        let run = try await Self.trustc(["validate", "Package.swift", "--now", "2026-11-25"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("is not a directory"))
    }

    @Test func unknownOptionIsAUsageError() async throws {
        let run = try await Self.trustc(["validate", "policies", "--frobnicate"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--frobnicate"))
    }

    @Test func unknownFormatIsAUsageError() async throws {
        let run = try await Self.trustc(["validate", "policies", "--format", "xml"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("xml"))
    }

    @Test(arguments: ["2026-13-01", "2026-02-30", "26-11-25", "today"])
    func invalidNowIsAUsageError(_ date: String) async throws {
        let run = try await Self.trustc(["validate", "policies", "--now", date])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--now must be a date written YYYY-MM-DD"))
        #expect(run.stdout.isEmpty)
    }

    @Test func nowDecidesExpiry() async throws {
        // prod-build-root-2025.pem expires on 2029-01-01: warned 30 days before, an error after.
        let warned = try await Self.trustc(["validate", "policies", "--now", "2028-12-15"])
        #expect(warned.status == 0)
        #expect(warned.stdout.contains("warning[TP404]"))
        let strict = try await Self.trustc(["validate", "policies", "--now", "2028-12-15", "--strict"])
        #expect(strict.status == 1)
    }

    @Test func codesPrintsTheReference() async throws {
        let run = try await Self.trustc(["codes"])
        #expect(run.status == 0)
        #expect(run.stdout == CompilerDriver.diagnosticsReference())
    }
}
