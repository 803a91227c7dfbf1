import Foundation
import Testing
@testable import TrustPolicyCompiler

/// `--print-edit` and `--write`: the ready namespaces move to deny in the cluster files' own
/// text, in block and flow style, every other byte kept; the edit is what `git diff` shows
/// after `--write`, and the result validates without a diagnostic.
@Suite struct RolloutEditTests {
    static let exports = Golden.packageRoot.appendingPathComponent("examples/exports")
    static let sampleNow = CivilDate(parsing: "2026-11-20")!

    private func rollout(_ directory: String, violations: [String], edit: CompilerDriver.RolloutEditMode, today: CivilDate,
                         sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> DenyEdit {
        let outcome = try CompilerDriver.rollout(.init(directory: directory, violations: violations, edit: edit, options: .init(today: today)))
        guard case .edited(let result, let written, _, _) = outcome else {
            Issue.record("expected an edit, got \(String(describing: outcome).prefix(300))", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        #expect(written == (edit == .write), sourceLocation: sourceLocation)
        return result
    }

    /// Validates without a diagnostic (but the `allowed` ones).
    private func expectClean(_ directory: String, today: CivilDate, allowing allowed: Set<DiagnosticCode> = [],
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let compilation = try CompilerDriver.compile(directory: directory, options: .init(today: today))
        let found = compilation.diagnostics.filter { $0.severity != .note && !allowed.contains($0.code) }
        #expect(found.isEmpty, "\(found.map { "\($0.code.rawValue) \($0.message)" })", sourceLocation: sourceLocation)
    }

    /// `git diff` of the working tree, without the lines trustc does not write (`diff --git`,
    /// `index`, the hunk headers' section names).
    private func gitDiff(_ repository: PlanRepository) throws -> String {
        let lines = try repository.git("diff").split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            if line.hasPrefix("diff --git") || line.hasPrefix("index ") { return nil }
            if line.hasPrefix("@@"), let end = line.range(of: " @@", options: [], range: line.index(line.startIndex, offsetBy: 2)..<line.endIndex) {
                return String(line[..<end.upperBound])
            }
            return String(line)
        }
        return lines.joined(separator: "\n")
    }

    @Test func sampleEditIsGoldenIsWhatGitSeesAndValidates() throws {
        let repository = try PlanRepository()
        defer { repository.remove() }
        let violations = [Self.exports.appendingPathComponent("violations").path]
        let printed = try rollout("policies", violations: violations, edit: .print, today: Self.sampleNow, in: repository)
        #expect(printed.files.map(\.path) == ["clusters/production/aks-prod-neu-1.yaml", "clusters/production/aks-prod-weu-1.yaml",
                                              "clusters/staging/aks-staging-eus2-1.yaml"])
        #expect(printed.files.flatMap(\.namespaces) == ["aks-prod-neu-1/checkout", "aks-prod-weu-1/platform-observability",
                                                        "aks-staging-eus2-1/checkout"])
        let diff = printed.files.map(\.diff).joined()
        try Golden.assertText(relative(diff, to: repository), file: "rollout/sample-print-edit.diff")
        #expect(try repository.git("status", "--porcelain").isEmpty, "--print-edit changed files")

        let written = try rollout("policies", violations: violations, edit: .write, today: Self.sampleNow, in: repository)
        #expect(written.files.map(\.diff).joined() == diff)
        #expect(try gitDiff(repository) == relative(diff, to: repository))
        try expectClean(repository.policies.path, today: Self.sampleNow)
        // Nothing is ready any more.
        #expect(try rollout("policies", violations: violations, edit: .print, today: Self.sampleNow, in: repository).files.isEmpty)
    }

    /// fabrikam writes its namespaces in flow style, several clusters per file.
    @Test func flowStyleOfTheSecondOrganization() throws {
        let repository = try PlanRepository(source: Golden.packageRoot.appendingPathComponent("examples/fabrikam/policies"))
        defer { repository.remove() }
        let exports = repository.root.appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
        for cluster in ["aks-fab-nonprod-uks-1", "aks-fab-nonprod-ukw-1", "aks-fab-prod-sec-1", "aks-fab-prod-uks-1", "aks-fab-prod-uks-2", "aks-fab-prod-ukw-1"] {
            try Data(#"{"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "RatifyVerification", "metadata": {"name": "ratify-constraint"}, "status": {"auditTimestamp": "2026-11-25T06:00:00Z", "totalViolations": 0}}"#.utf8)
                .write(to: exports.appendingPathComponent("\(cluster).json"))
        }
        let edit = try rollout("policies", violations: [exports.path], edit: .write, today: PlanRepository.today, in: repository)
        #expect(edit.namespaceCount == 4)
        try Golden.assertText(relative(edit.files.map(\.diff).joined(), to: repository), file: "rollout/fabrikam-write.diff")
        #expect(try gitDiff(repository) == relative(edit.files.map(\.diff).joined(), to: repository))
        try expectClean(repository.policies.path, today: PlanRepository.today)
    }

    /// A diff of files in the repository with the paths git gives them.
    private func relative(_ diff: String, to repository: PlanRepository) -> String {
        diff.replacingOccurrences(of: " a/\(repository.root.path.dropFirst())/", with: " a/")
            .replacingOccurrences(of: " b/\(repository.root.path.dropFirst())/", with: " b/")
    }

    private func rollout(_ directory: String, violations: [String], edit: CompilerDriver.RolloutEditMode, today: CivilDate,
                         in repository: PlanRepository) throws -> DenyEdit {
        try rollout(repository.root.appendingPathComponent(directory).path, violations: violations, edit: edit, today: today)
    }

    /// Layouts YAML allows for a namespace, each edited where it is written.
    @Test(arguments: [
        // Keys in another order, `since` first after the dash.
        ("    - since: 2026-11-01\n      name: ingress\n      stage: warn\n",
         "    - since: 2026-11-25\n      warnSince: 2026-11-01\n      name: ingress\n      stage: deny\n"),
        // Quotes and comments stay.
        ("    - name: ingress\n      stage: \"warn\"   # canary first\n      since: '2026-11-01'  # the day it entered warn\n",
         "    - name: ingress\n      stage: \"deny\"   # canary first\n      since: '2026-11-25'  # the day it entered warn\n      warnSince: 2026-11-01\n"),
        // A flow mapping over two lines.
        ("    - { name: ingress, stage: warn,\n        since: 2026-11-01 }\n",
         "    - { name: ingress, stage: deny,\n        since: 2026-11-25, warnSince: 2026-11-01 }\n"),
        // `since` before `stage` on one line.
        ("    - { since: \"2026-11-01\", name: ingress, stage: warn }\n",
         "    - { since: \"2026-11-25\", warnSince: 2026-11-01, name: ingress, stage: deny }\n"),
        // No newline at the end of the file.
        ("    - name: ingress\n      stage: warn\n      since: 2026-11-01",
         "    - name: ingress\n      stage: deny\n      since: 2026-11-25\n      warnSince: 2026-11-01"),
    ])
    func layouts(namespaces: String, expected: String) throws {
        let fixture = try RolloutFixture()
        defer { fixture.remove() }
        // PolicyFixture ends every file with a newline; write this one as given.
        try fixture.policies.write(RolloutFixture.cluster(namespaces: namespaces), to: "clusters/aks-prod-weu-1.yaml")
        try fixture.export("aks-prod-weu-1.json", RolloutFixture.constraint(.warn))
        let edit = try rollout(fixture.policies.root.path, violations: [fixture.exports.path], edit: .write, today: RolloutFixture.today)
        #expect(edit.refused.isEmpty && edit.namespaceCount == 1)
        let text = try String(contentsOf: fixture.policies.root.appendingPathComponent("clusters/aks-prod-weu-1.yaml"), encoding: .utf8)
        #expect(text == RolloutFixture.cluster(namespaces: expected))
        try expectClean(fixture.policies.root.path, today: RolloutFixture.today)
    }

    /// Several namespaces in one flow sequence on one line, CRLF line ends and a byte-order mark.
    @Test func oneLineSequenceWithCRLF() throws {
        let text = "\u{FEFF}apiVersion: trustc/v1\r\nkind: Cluster\r\nmetadata:\r\n  name: aks-prod-weu-1\r\nspec:\r\n  environment: production\r\n  region: westeurope\r\n  resourceID: \(RolloutFixture.resourceID)\r\n  namespaces: [{name: ingress, stage: warn, since: 2026-11-01}, {name: jobs, stage: warn, since: 2026-11-02}]\r\n"
        let fixture = try RolloutFixture()
        defer { fixture.remove() }
        try fixture.policies.write(text, to: "clusters/aks-prod-weu-1.yaml")
        try fixture.export("aks-prod-weu-1.json", RolloutFixture.constraint(.warn))
        let edit = try rollout(fixture.policies.root.path, violations: [fixture.exports.path], edit: .write, today: RolloutFixture.today)
        #expect(edit.files.first?.namespaces == ["aks-prod-weu-1/ingress", "aks-prod-weu-1/jobs"])
        #expect(edit.files.first?.diff == """
        --- a/\(fixture.policies.root.path.dropFirst())/clusters/aks-prod-weu-1.yaml
        +++ b/\(fixture.policies.root.path.dropFirst())/clusters/aks-prod-weu-1.yaml
        @@ -6,4 +6,4 @@
           environment: production\r
           region: westeurope\r
           resourceID: \(RolloutFixture.resourceID)\r
        -  namespaces: [{name: ingress, stage: warn, since: 2026-11-01}, {name: jobs, stage: warn, since: 2026-11-02}]\r
        +  namespaces: [{name: ingress, stage: deny, since: 2026-11-25, warnSince: 2026-11-01}, {name: jobs, stage: deny, since: 2026-11-25, warnSince: 2026-11-02}]\r

        """)
        let written = try Data(contentsOf: fixture.policies.root.appendingPathComponent("clusters/aks-prod-weu-1.yaml"))
        #expect(String(decoding: written, as: UTF8.self) == text.replacingOccurrences(
            of: "[{name: ingress, stage: warn, since: 2026-11-01}, {name: jobs, stage: warn, since: 2026-11-02}]",
            with: "[{name: ingress, stage: deny, since: 2026-11-25, warnSince: 2026-11-01}, {name: jobs, stage: deny, since: 2026-11-25, warnSince: 2026-11-02}]"))
        try expectClean(fixture.policies.root.path, today: RolloutFixture.today, allowing: [.byteOrderMark])
    }

    /// `enforcement: builtin` cannot deny (TP604): nothing is edited, and the run says why.
    @Test func builtinEnforcementIsNotEdited() throws {
        let organization = PolicyFixture.baseline["organization.yaml"]! + "\n  enforcement: builtin\n"
        let warnOnly = PolicyFixture.baseline["clusters/aks-prod-weu-1.yaml"]!
        let fixture = try RolloutFixture(["organization.yaml": organization, "clusters/aks-prod-weu-1.yaml": warnOnly])
        defer { fixture.remove() }
        try fixture.export("aks-prod-weu-1.json", RolloutFixture.constraint(.warn))
        let edit = try rollout(fixture.policies.root.path, violations: [fixture.exports.path], edit: .write, today: RolloutFixture.today)
        #expect(edit.files.isEmpty)
        #expect(edit.refused == ["aks-prod-weu-1/ingress: the organisation's `enforcement: builtin` cannot deny; set `enforcement: custom` first"])
    }

    /// Hunks three lines of context apart, merged when their context touches.
    @Test func unifiedDiffHunks() {
        let lines = (1...20).map { "line \($0)" }
        var text = LineEditedText(Array((lines.joined(separator: "\n") + "\n").utf8))
        text.setLine(1, to: Array("two".utf8))
        text.setLine(7, to: Array("eight".utf8))
        text.insert(Array("after eight".utf8), after: 7)
        text.setLine(18, to: Array("nineteen".utf8))
        #expect(text.unifiedDiff(path: "f") == """
        --- a/f
        +++ b/f
        @@ -1,11 +1,12 @@
         line 1
        -line 2
        +two
         line 3
         line 4
         line 5
         line 6
         line 7
        -line 8
        +eight
        +after eight
         line 9
         line 10
         line 11
        @@ -16,5 +17,5 @@
         line 16
         line 17
         line 18
        -line 19
        +nineteen
         line 20

        """)
        #expect(LineEditedText(Array("a\n".utf8)).unifiedDiff(path: "f").isEmpty)
    }
}
