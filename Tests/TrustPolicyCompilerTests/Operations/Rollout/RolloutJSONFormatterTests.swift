import Testing
@testable import TrustPolicyCompiler

/// The JSON contract, written straight into bytes, is byte for byte what `JSONValue` gives the
/// same document: every verdict, `null` days and teams, escaping, an empty report.
@Suite struct RolloutJSONFormatterTests {
    /// The contract as a `JSONValue` document.
    private func reference(_ report: RolloutReport) -> String {
        JSONValue.object([
            "namespaces": .array(report.entries.map { entry in
                .object([
                    "cluster": .string(entry.cluster),
                    "namespace": .string(entry.namespace),
                    "verdict": .string(entry.verdict.rawValue),
                    "daysRemaining": entry.daysRemaining.map(JSONValue.integer) ?? .null,
                    "images": .array(entry.images.map { .object(["image": .string($0.image), "team": $0.team.map(JSONValue.string) ?? .null]) }),
                ])
            }),
        ]).serialized()
    }

    @Test func sameBytesAsTheDocument() throws {
        let outcome = try CompilerDriver.rollout(.init(
            directory: Sample.directory, violations: [RolloutEditTests.exports.appendingPathComponent("violations").path],
            compliance: [RolloutEditTests.exports.appendingPathComponent("compliance.json").path], options: .init(today: RolloutEditTests.sampleNow)))
        guard case .assessed(var report, _) = outcome else { throw CancellationError() }
        #expect(Set(report.entries.map(\.verdict)) == Set(RolloutVerdict.allCases))
        report.entries[0].images.append(RolloutImage(image: "reg.example.com/a\"b\\c\u{1}/x:1", team: "t\u{e9}am"))
        #expect(RolloutFormat.json.render(report) == reference(report))
        report.entries = []
        #expect(RolloutFormat.json.render(report) == reference(report))
        #expect(RolloutFormat.json.render(report) == "{\n  \"namespaces\": []\n}\n")
    }
}
