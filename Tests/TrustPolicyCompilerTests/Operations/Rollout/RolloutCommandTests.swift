import Foundation
import Testing
@testable import TrustPolicyCompiler

/// `trustc rollout` end to end: the exit status of each outcome, problems on standard error,
/// `--write` on a copy of the sample, and the examples of docs/commands/rollout.md, which must
/// be what the command prints.
@Suite struct RolloutCommandTests {
    static let sample = ["rollout", "policies", "--violations", "examples/exports/violations",
                         "--compliance", "examples/exports/compliance.json", "--now", "2026-11-20"]

    private func trustc(_ arguments: [String], in directory: String = Golden.packageRoot.path) throws -> ChildRun.Result {
        try Trustc.run(arguments, in: directory)
    }

    @Test func reportExitsZeroWhateverTheVerdicts() throws {
        for format in ["text", "markdown", "json"] {
            let run = try trustc(Self.sample + ["--format", format])
            #expect(run.status == 0, "\(format): \(run.stderr)")
            #expect(run.stderr.contains("trustc: warning: examples/exports/violations/aks-prod-weu-1.json: $.items[0].status.violations[4]: the message was cut"))
        }
        let json = try JSONReader.document(Array(try trustc(Self.sample + ["--format", "json"]).stdout.utf8))
        let entries = try #require(json["namespaces"]?.arrayValue)
        #expect(Set(entries.compactMap { $0["verdict"]?.stringValue }) == Set(RolloutVerdict.allCases.map(\.rawValue)))
        // The contract's keys, in order, and nothing else.
        for entry in entries {
            guard case .object(let members) = entry else { Issue.record("not an object: \(entry)"); continue }
            #expect(members.map(\.key) == ["cluster", "namespace", "verdict", "daysRemaining", "images"])
        }
    }

    @Test func malformedExportIsAWarningAndTheRestIsRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trustc-rollout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{\n  \"items\": [\n    nope\n".utf8).write(to: directory.appendingPathComponent("aks-prod-neu-1.json"))
        try FileManager.default.copyItem(at: RolloutEditTests.exports.appendingPathComponent("violations/aks-prod-eus2-1.json"),
                                         to: directory.appendingPathComponent("aks-prod-eus2-1.json"))
        let run = try trustc(["rollout", "policies", "--violations", directory.path, "--environment", "production", "--now", "2026-11-20", "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stderr == "trustc: warning: \(directory.path)/aks-prod-neu-1.json:3:5: not valid JSON: expected `true`, `false` or `null`\n")
        let verdicts = try JSONReader.document(Array(run.stdout.utf8))["namespaces"]?.arrayValue?.map {
            "\($0["cluster"]?.stringValue ?? "")/\($0["namespace"]?.stringValue ?? ""): \($0["verdict"]?.stringValue ?? "")"
        }
        #expect(verdicts == ["aks-prod-eus2-1/payments: blocked", "aks-prod-eus2-1/platform-ingress: waiting",
                             "aks-prod-neu-1/checkout: no-data", "aks-prod-neu-1/data-pipelines: no-data",
                             "aks-prod-weu-1/data-pipelines: no-data", "aks-prod-weu-1/legacy-batch: no-data",
                             "aks-prod-weu-1/platform-observability: no-data"])
    }

    @Test func exitStatuses() throws {
        #expect(try trustc(["rollout", "policies", "--violations", "examples/exports/none.json", "--now", "2026-11-20"]).status == 2)
        let unknown = try trustc(["rollout", "policies", "--violations", "examples/exports/violations", "--cluster", "aks-nowhere"])
        #expect(unknown.status == 2 && unknown.stderr == "trustc: unknown cluster `aks-nowhere`\n")
        #expect(try trustc(["rollout", "nowhere", "--violations", "examples/exports/violations"]).status == 2)
        // Usage errors.
        #expect(try trustc(["rollout", "policies"]).status == 64)
        #expect(try trustc(Self.sample + ["--print-edit", "--format", "json"]).status == 64)
        #expect(try trustc(Self.sample + ["--format", "yaml"]).status == 64)
        // Source errors.
        let copy = try ValidateCommandTests.broken()
        defer { copy.remove() }
        try FileManager.default.copyItem(at: RolloutEditTests.exports, to: copy.root.appendingPathComponent("exports"))
        let broken = try trustc(["rollout", "policies", "--violations", "exports/violations", "--now", "2026-11-20"], in: copy.root.path)
        #expect(broken.status == 1)
        #expect(broken.stderr.hasSuffix("trustc: no rollout report: the source has errors\n"))
    }

    @Test func writeMovesTheReadyNamespacesAndTheSourceStaysValid() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        let exports = RolloutEditTests.exports.path
        let arguments = ["rollout", "policies", "--violations", "\(exports)/violations", "--now", "2026-11-20"]
        let printed = try trustc(arguments + ["--print-edit"], in: repository.root.path)
        #expect(printed.status == 0)
        let written = try trustc(arguments + ["--write"], in: repository.root.path)
        #expect(written.status == 0 && written.stdout == printed.stdout)
        #expect(written.stderr.hasSuffix("trustc: moved 3 namespaces to deny in 3 files\n"))
        #expect(try repository.git("diff", "--stat").contains("3 files changed, 9 insertions(+), 6 deletions(-)"))
        let validate = try trustc(["validate", "policies", "--strict", "--now", "2026-11-20"], in: repository.root.path)
        #expect(validate.status == 0 && validate.stdout == "0 errors, 0 warnings\n")
        let again = try trustc(arguments + ["--write"], in: repository.root.path)
        #expect(again.status == 0 && again.stdout.isEmpty && again.stderr.hasSuffix("trustc: no namespace is ready for deny: nothing to change\n"))
    }

    /// Every ```console block of docs/commands/rollout.md whose first line runs trustc holds
    /// what the command prints: standard output, or standard error for `2>&1 >/dev/null`.
    @Test func documentationShowsRealOutput() throws {
        let document = try String(contentsOf: Golden.packageRoot.appendingPathComponent("docs/commands/rollout.md"), encoding: .utf8)
        let blocks = document.components(separatedBy: "```console\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
        var checked = 0
        for block in blocks {
            var lines = block.components(separatedBy: "\n")
            guard let command = lines.first, command.hasPrefix("$ trustc ") else { continue }
            lines.removeFirst()
            var words = command.dropFirst("$ trustc ".count).split(separator: " ").map(String.init)
            let wantsStderr = words.suffix(2) == ["2>&1", ">/dev/null"]
            if wantsStderr { words.removeLast(2) }
            let run = try trustc(words)
            let expected = lines.joined(separator: "\n") + "\n"
            #expect((wantsStderr ? run.stderr : run.stdout) == expected, "docs/commands/rollout.md: `\(command)` prints:\n\(wantsStderr ? run.stderr : run.stdout)")
            checked += 1
        }
        #expect(checked >= 5)
    }
}
