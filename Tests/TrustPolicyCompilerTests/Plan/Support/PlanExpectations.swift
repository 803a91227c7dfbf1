import Foundation
import Testing
@testable import TrustPolicyCompiler

/// Golden plan outputs in `Fixtures/golden/plan/`, one file per scenario and format, shared by
/// the CLI and the library (they must print the same bytes). `RECORD_GOLDEN=1` rewrites them and
/// fails the test, like the render goldens.
enum PlanGolden {
    static func expect(_ actual: String, matches name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        try Golden.assertText(actual, file: "plan/\(name)", sourceLocation: sourceLocation)
    }
}

/// What a scenario must produce.
struct ExpectedPlan {
    /// The golden files' base name (`<name>.txt`, `.md`, `.json`); `nil` to check the CLI's
    /// exit status, clusters and agreement with the library only.
    var golden: String?
    /// Exactly the clusters the plan must name (no more, no fewer).
    var clusters: Set<String>
    /// Exactly the risk codes the plan must flag, each with exactly the clusters it names (an
    /// empty set for findings about files, such as TR008).
    var risks: [RiskClass: Set<String>] = [:]
    /// `plan`'s exit status without `--fail-on`.
    var status: Int32 = 2
    var authorTeam: String?
}

extension PlanRepository {
    /// Plans the last commit with the CLI (text, Markdown, JSON) and the library, and checks each
    /// against the goldens and `expected`. Returns the library's plan for further checks.
    @discardableResult
    func expectPlan(_ expected: ExpectedPlan, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Plan {
        let plan = try planLibrary(authorTeam: expected.authorTeam)
        let author = expected.authorTeam.map { ["--author-team", $0] } ?? []
        for (format, suffix) in [(PlanFormat.text, "txt"), (.markdown, "md"), (.json, "json")] {
            let name = "\(expected.golden ?? "plan").\(suffix)"
            let run = try planCLI(["--format", format.rawValue] + author)
            #expect(run.status == expected.status, "\(name): exit \(run.status), stderr: \(run.stderr)", sourceLocation: sourceLocation)
            #expect(run.stderr.isEmpty, "\(name): unexpected stderr: \(run.stderr)", sourceLocation: sourceLocation)
            if expected.golden != nil {
                try PlanGolden.expect(run.stdout, matches: name, sourceLocation: sourceLocation)
            }
            #expect(format.render(plan) == run.stdout, "\(name): the library and the CLI print different plans",
                    sourceLocation: sourceLocation)
            if format == .json {
                #expect(try Self.clusters(inJSON: run.stdout) == expected.clusters, "\(name): clusters named in the JSON plan",
                        sourceLocation: sourceLocation)
            }
        }
        expect(plan, expected, sourceLocation: sourceLocation)
        return plan
    }

    func expect(_ plan: Plan, _ expected: ExpectedPlan, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let named = Set(plan.environments.flatMap { $0.groups.flatMap { $0.clusters.map(\.name) } })
        #expect(named == expected.clusters,
                "clusters: extra \(named.subtracting(expected.clusters).sorted()), missing \(expected.clusters.subtracting(named).sorted())",
                sourceLocation: sourceLocation)
        #expect(plan.changedClusters == expected.clusters.count, sourceLocation: sourceLocation)
        #expect(plan.hasChanges == !expected.clusters.isEmpty, sourceLocation: sourceLocation)
        var risks: [RiskClass: Set<String>] = [:]
        for finding in plan.risks {
            risks[finding.risk, default: []].formUnion(finding.clusters.map(\.name))
        }
        #expect(risks == expected.risks, "risks: got \(risks.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value.sorted())" })",
                sourceLocation: sourceLocation)
    }

    /// The cluster names of a JSON plan.
    static func clusters(inJSON text: String) throws -> Set<String> {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let environments = try #require(json["environments"] as? [[String: Any]])
        var names = Set<String>()
        for environment in environments {
            for group in environment["groups"] as? [[String: Any]] ?? [] {
                for cluster in group["clusters"] as? [[String: Any]] ?? [] {
                    if let name = cluster["name"] as? String { names.insert(name) }
                }
            }
        }
        return names
    }
}

/// The sample's clusters, by what they are, so expectations read like the reasoning behind them.
enum SampleClusters {
    static let development: Set<String> = ["aks-dev-weu-1"]
    static let staging: Set<String> = ["aks-staging-eus2-1", "aks-staging-weu-1"]
    static let production: Set<String> = ["aks-prod-eus2-1", "aks-prod-neu-1", "aks-prod-weu-1"]
    static let all = development.union(staging).union(production)
}
